import Foundation
import TinyCNN

/// The choices of a live training run, as the setup line shows them. Its defaults are
/// TinyCNN's `TrainingConfiguration.defaults(for:optimizer:)`, the one set `tutor train`, lesson
/// lab blocks and the background demo networks use too.
public struct TrainingSettings: Hashable, Sendable {
    /// `digits` (8×8) or `mnist` (the bundled 28×28 mnist5k).
    public var dataset: String
    public var learningRate: Float
    public var batchSize: Int
    /// `adam` or `sgd` (with momentum 0.9).
    public var optimizer: String
    public var epochs: Int
    public var augment = false
    public var seed: UInt64

    /// The defaults for `dataset` and `optimizer`.
    public init(dataset: String = "digits", optimizer: String = "adam") {
        self.dataset = dataset
        self.optimizer = optimizer
        let defaults = Self.defaults(dataset: dataset, optimizer: optimizer)
        learningRate = defaults.learningRate
        batchSize = defaults.batchSize
        epochs = defaults.epochs
        seed = defaults.seed
    }

    public static let learningRates: [Float] = [0.0001, 0.0003, 0.001, 0.003, 0.005, 0.01, 0.03, 0.05, 0.1, 0.3, 1, 3, 10]
    public static let batchSizes = [1, 8, 16, 32, 64, 128]

    /// The bundled data set these settings train on.
    public var kind: DigitsDataSet.Kind { dataset == "digits" ? .digits : .mnist5k }

    /// TinyCNN's defaults for a data set and optimiser name.
    static func defaults(dataset: String, optimizer: String) -> TrainingConfiguration {
        TrainingConfiguration.defaults(for: dataset == "digits" ? .digits : .mnist5k,
                                       optimizer: optimizer == "sgd" ? .sgdDefaults : .adamDefaults)
    }

    /// The run these settings describe: the defaults with the learner's choices.
    public var configuration: TrainingConfiguration {
        var c = Self.defaults(dataset: dataset, optimizer: optimizer)
        c.epochs = epochs
        c.batchSize = batchSize
        c.learningRate = learningRate
        c.seed = seed
        c.augmentation = augment ? .standard : nil
        return c
    }
}

/// What the shell needs to start a run: the settings, the pace, and the run's number, so that
/// late snapshots of an earlier run are ignored.
public struct TrainingRequest: Hashable, Sendable {
    public var runID: Int
    public var settings: TrainingSettings
    /// Steps a second the run starts at (nil: full speed).
    public var stepsPerSecond: Double?

    public init(runID: Int, settings: TrainingSettings, stepsPerSecond: Double? = StepPacer.levels[StepPacer.defaultLevel]) {
        self.runID = runID
        self.settings = settings
        self.stepsPerSecond = stepsPerSecond
    }
}

/// One point of the loss and accuracy curves.
public struct TrainingPoint: Hashable, Sendable {
    public var step: Int
    /// The step loss and batch accuracy, smoothed over the steps before (an exponential moving
    /// average, `SnapshotRequest.defaultSmoothing`).
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
        /// The failure detector saw the loss explode or the network collapse: the run is paused
        /// and its network will not be kept.
        case failed(summary: String, hint: String)
    }

    /// The setup field `Tab` selects and `+`/`-` change.
    public enum Field: String, Hashable, Sendable, CaseIterable {
        case dataset, learningRate, batchSize, optimizer, epochs, augment
    }

    /// What the right-hand side shows: filters and sample verdicts, the last epoch's confusion
    /// matrix (over the whole body), or the misclassified digits of its selected cell.
    public enum Panel: Hashable, Sendable {
        case filters, confusion, mistakes
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
    public var panel: Panel = .filters
    /// The pace: an index into `StepPacer.levels` (`<` `>` change it, also during a run).
    public var speedLevel = StepPacer.defaultLevel
    /// What the failure detector said, kept after the learner resumes a failed run.
    public var failure: (summary: String, hint: String)?

    public static let maxPoints = 1200

    public init(settings: TrainingSettings = TrainingSettings()) {
        self.settings = settings
    }

    /// Steps a second of the chosen pace, nil for full speed.
    public var stepsPerSecond: Double? { StepPacer.levels[min(max(0, speedLevel), StepPacer.levels.count - 1)] }

    /// The pace in words: `10 steps/s` or `full speed`.
    public var speedText: String {
        stepsPerSecond.map { "\(Int($0)) step\($0 == 1 ? "" : "s")/s" } ?? "full speed"
    }

    /// Whether a training thread is (or should be) alive.
    public var isActive: Bool {
        switch phase {
        case .starting, .running, .paused, .failed: return true
        case .setup, .finished, .diverged: return false
        }
    }

    /// Whether `w` has a network to save: a paused or finished run that did not fail.
    public var canSave: Bool {
        guard failure == nil, progress != nil else { return false }
        switch phase {
        case .paused, .finished: return true
        case .setup, .starting, .running, .diverged, .failed: return false
        }
    }

    /// Total steps of the run, once known.
    public var totalSteps: Int? { progress.map { $0.stepsPerEpoch * settings.epochs } }

    /// The rate the next step uses: the learner's override, else what the schedule gave the
    /// last step, else (before a run) the base rate.
    public var currentLearningRate: Float { liveLearningRate ?? progress?.learningRate ?? settings.learningRate }

    /// Adds curve points, halving the resolution when the buffer is full, so a long run keeps
    /// its whole history at bounded cost.
    mutating func append(_ new: [TrainingPoint]) {
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
