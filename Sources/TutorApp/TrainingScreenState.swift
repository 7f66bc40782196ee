import Foundation
import TinyCNN

/// The choices of a live training run, as the setup line shows them.
public struct TrainingSettings: Hashable, Sendable {
    /// `digits` (8×8) or `mnist` (the bundled 28×28 mnist5k).
    public var dataset = "digits"
    public var learningRate: Float = 0.003
    public var batchSize = 32
    /// `adam` or `sgd` (with momentum 0.9).
    public var optimizer = "adam"
    public var epochs = 10
    public var augment = false
    public var seed: UInt64 = 1

    public init() {}

    public static let learningRates: [Float] = [0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10]
    public static let batchSizes = [1, 8, 16, 32, 64, 128]
}

/// What the shell needs to start a run: the settings and the run's number, so that late
/// snapshots of an earlier run are ignored.
public struct TrainingRequest: Hashable, Sendable {
    public var runID: Int
    public var settings: TrainingSettings

    public init(runID: Int, settings: TrainingSettings) {
        self.runID = runID
        self.settings = settings
    }
}

/// One point of the loss and accuracy curves.
public struct TrainingPoint: Hashable, Sendable {
    public var step: Int
    /// The epoch's running mean loss and accuracy at this step.
    public var loss: Double
    public var accuracy: Double

    public init(step: Int, loss: Double, accuracy: Double) {
        self.step = step
        self.loss = loss
        self.accuracy = accuracy
    }
}

/// Where a run is, from its latest snapshot.
public struct TrainingProgress: Hashable, Sendable {
    public var step: Int
    public var epoch: Int
    public var stepInEpoch: Int
    public var stepsPerEpoch: Int
    public var elapsed: Double
    public var learningRate: Float
    public var loss: Float

    public init(step: Int, epoch: Int, stepInEpoch: Int, stepsPerEpoch: Int, elapsed: Double, learningRate: Float, loss: Float) {
        self.step = step
        self.epoch = epoch
        self.stepInEpoch = stepInEpoch
        self.stepsPerEpoch = stepsPerEpoch
        self.elapsed = elapsed
        self.learningRate = learningRate
        self.loss = loss
    }
}

/// One test sample's verdict in the predictions grid.
public struct SamplePrediction: Hashable, Sendable {
    public var index: Int
    public var label: Int
    public var predicted: Int

    public init(index: Int, label: Int, predicted: Int) {
        self.index = index
        self.label = label
        self.predicted = predicted
    }
}

/// What the training thread hands the UI, at most once a frame.
public struct TrainingUpdate: Sendable {
    public var runID: Int
    public var progress: TrainingProgress
    /// The curve points since the previous update, oldest first.
    public var points: [TrainingPoint]
    /// The first convolution's filters, when copied.
    public var filters: [LabGrid]?
    /// Fresh verdicts on the fixed test samples, when computed.
    public var samples: [SamplePrediction]?

    public init(runID: Int, progress: TrainingProgress, points: [TrainingPoint], filters: [LabGrid]? = nil, samples: [SamplePrediction]? = nil) {
        self.runID = runID
        self.progress = progress
        self.points = points
        self.filters = filters
        self.samples = samples
    }
}

/// The end of an epoch: its summary and the test set's evaluation.
public struct EpochReport: Sendable {
    public var runID: Int
    public var epoch: Int
    public var trainLoss: Double
    public var trainAccuracy: Double
    public var testLoss: Double
    public var testAccuracy: Double
    public var samplesPerSecond: Double
    /// The step the epoch ended on (where the test point is drawn).
    public var step: Int
    public var confusion: ConfusionMatrix
    /// Indices into the test set of its misclassified samples, with their predictions.
    public var predictions: [Int]

    public init(runID: Int, epoch: Int, trainLoss: Double, trainAccuracy: Double, testLoss: Double, testAccuracy: Double,
                samplesPerSecond: Double, step: Int, confusion: ConfusionMatrix, predictions: [Int]) {
        self.runID = runID
        self.epoch = epoch
        self.trainLoss = trainLoss
        self.trainAccuracy = trainAccuracy
        self.testLoss = testLoss
        self.testAccuracy = testAccuracy
        self.samplesPerSecond = samplesPerSecond
        self.step = step
        self.confusion = confusion
        self.predictions = predictions
    }
}

/// The live training screen.
public struct TrainingScreenState: Sendable {
    public enum Phase: Hashable, Sendable {
        case setup
        case starting
        case running
        case paused
        case finished(String)
        case diverged(String)
    }

    /// The setup field `Tab` selects and `+`/`-` change.
    public enum Field: String, Hashable, Sendable, CaseIterable {
        case dataset, learningRate, batchSize, optimizer, epochs, augment
    }

    public var settings = TrainingSettings()
    public var focus: Field = .dataset
    public var phase: Phase = .setup
    /// Numbers runs; updates of an older run are dropped.
    public var runID = 0
    public var progress: TrainingProgress?
    /// The curves, thinned to at most `maxPoints` (every other point dropped when full).
    public var points: [TrainingPoint] = []
    public var testPoints: [(step: Int, loss: Double, accuracy: Double)] = []
    public var filters: [LabGrid] = []
    public var samples: [SamplePrediction] = []
    public var lastEpoch: EpochReport?
    /// The confusion-matrix cell whose misclassified digits are shown.
    public var selectedCell = (row: 0, column: 1)
    /// The test images (for the misclassified digits), once the run has loaded them.
    public var testSet: DataSet?
    /// The live learning rate (changed with + and - while running).
    public var liveLearningRate: Float?
    /// The right-hand panel shows the confusion matrix instead of filters and samples.
    public var showConfusion = false

    public static let maxPoints = 1200

    /// A running loss above this means the run blew up: ten times the loss of guessing among
    /// ten classes (ln 10 ≈ 2.3). Adam at a huge rate gets here without ever reaching NaN, then
    /// sits at chance with dead units, which TinyCNN's divergence check does not call diverged.
    public static let blowUpLoss = 25.0

    /// The highest running loss seen this run, and its step, once it passed `blowUpLoss`.
    public var blowUp: (step: Int, loss: Double)?

    public init(settings: TrainingSettings = TrainingSettings()) {
        self.settings = settings
    }

    /// Whether a training thread is (or should be) alive.
    public var isActive: Bool {
        switch phase {
        case .starting, .running, .paused: return true
        case .setup, .finished, .diverged: return false
        }
    }

    /// Total steps of the run, once known.
    public var totalSteps: Int? { progress.map { $0.stepsPerEpoch * settings.epochs } }

    /// Adds curve points, halving the resolution when the buffer is full, so a long run keeps
    /// its whole history at bounded cost.
    mutating func append(_ new: [TrainingPoint]) {
        for p in new where p.loss > Self.blowUpLoss || !p.loss.isFinite {
            if blowUp.map({ p.loss > $0.loss || !p.loss.isFinite }) ?? true { blowUp = (p.step, p.loss) }
        }
        points.append(contentsOf: new)
        while points.count > Self.maxPoints {
            points = stride(from: 0, to: points.count, by: 2).map { points[$0] }
        }
    }

    /// Test samples of class `row` that the network called `column`, from the last epoch.
    public var selectedMistakes: [Int] {
        guard let report = lastEpoch, let test = testSet else { return [] }
        var found: [Int] = []
        for (i, p) in report.predictions.enumerated() where i < test.count && test.labels[i] == selectedCell.row && p == selectedCell.column {
            found.append(i)
        }
        return found
    }
}
