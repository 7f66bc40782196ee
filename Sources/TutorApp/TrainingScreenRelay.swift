import Foundation
import TinyCNN
import Widgets

/// Runs on the training thread: gathers every snapshot's numbers, and hands the UI one update
/// at most every `interval` seconds (plus one at each epoch's end), so drawing never waits on
/// training and training never waits on drawing.
public final class TrainingSnapshotRelay: @unchecked Sendable {
    let runID: Int
    let architecture: DemoArchitecture
    let test: DataSet
    let post: @Sendable (Action) -> Void
    /// Seconds between updates: by default one frame of the training screen (it ticks every
    /// 50 ms), so the UI gets at most one update a frame and at least 15 a second.
    let interval: Double
    /// The fixed test samples of the predictions grid.
    let sampleIndices: [Int]

    private let lock = NSLock()
    private var pending: [TrainingPoint] = []
    private var weights: [Int: LayerWeights] = [:]
    private var latest: TrainingProgress?
    private var lastPost = 0.0
    private var lastSamples = -1.0

    /// The run's control, when known: while it is paused every snapshot is sent at once, so
    /// the screen shows the step the run stopped at and each `.` step, not a frame-old one.
    let control: TrainingControl?

    /// Seconds on a monotonic clock, read by the shell's closure (the relay reads no clock itself).
    let clock: @Sendable () -> Double

    /// A relay for run `runID`; `post` receives the actions (the run loop's inbox), `interval`
    /// limits how often (0: after every snapshot, for tests) as measured by `clock` (seconds on a
    /// monotonic clock, supplied by the shell).
    public init(runID: Int, architecture: DemoArchitecture, test: DataSet, interval: Double = 0.05,
                control: TrainingControl? = nil, clock: @escaping @Sendable () -> Double, post: @escaping @Sendable (Action) -> Void) {
        self.interval = interval
        self.clock = clock
        self.control = control
        self.runID = runID
        self.architecture = architecture
        self.test = test
        self.post = post
        sampleIndices = Array(0..<min(12, test.count))
    }

    /// Takes one snapshot (call from the training thread's `onSnapshot`).
    public func snapshot(_ s: TrainingSnapshot) {
        pending.append(TrainingPoint(step: s.step, loss: s.smoothedLoss, accuracy: s.smoothedAccuracy))
        if !s.weights.isEmpty {
            lock.lock()
            weights = s.weights
            lock.unlock()
        }
        latest = TrainingProgress(step: s.step, epoch: s.epoch, stepInEpoch: s.stepInEpoch, stepsPerEpoch: s.stepsPerEpoch,
                                  elapsed: s.elapsed, learningRate: s.learningRate, loss: s.loss)
        let t = clock()
        // The trainer checks its control after this snapshot: if it is paused now, it sleeps
        // next, and what is pending would otherwise wait for the next step to be drawn.
        if t - lastPost >= interval || control?.state == .paused { send(at: t) }
    }

    /// Takes an epoch's end: evaluates the test set with the latest weights (`onEpoch`).
    public func epoch(_ summary: EpochSummary) {
        // The trainer's own evaluation when it has the test set; else one made here.
        guard let report = summary.testReport ?? currentNetwork()?.evaluate(test) else { return send(at: clock(), samples: nil) }
        // Fresh sample verdicts too, from the evaluation just made: they sit beside the epoch's
        // test accuracy, and at digits' speed the throttled ones can be several epochs old.
        send(at: clock(), samples: sampleIndices.map { SamplePrediction(index: $0, label: test.labels[$0], predicted: report.predictions[$0]) })
        post(.training(.epochFinished(EpochReport(
            runID: runID, epoch: summary.epoch, trainLoss: summary.trainLoss, trainAccuracy: summary.trainAccuracy,
            testLoss: summary.testLoss ?? report.loss, testAccuracy: summary.testAccuracy ?? report.accuracy,
            samplesPerSecond: summary.samplesPerSecond, step: latest?.step ?? 0, confusion: report.confusion, predictions: report.predictions))))
    }

    /// Takes a failure the trainer's detector saw (`onFailure`): the screen shows it at once.
    public func failure(_ failure: TrainingFailure) {
        send(at: clock())
        post(.training(.failureDetected(runID: runID, summary: failure.summary, hint: failure.hint)))
    }

    /// Sends what is pending (at the end of the run).
    public func flush() {
        if !pending.isEmpty { send(at: clock()) }
    }

    /// The network as of the latest snapshot (safe from any thread: `w` saves a paused run's).
    public func currentNetwork() -> DemoNetwork? {
        lock.lock()
        let layers = DemoNetwork.weightedLayers.compactMap { weights[$0] }
        lock.unlock()
        return DemoNetwork(architecture: architecture, layers: layers)
    }

    /// Posts what is pending. `samples`: verdicts already worked out (at an epoch's end); nil
    /// works them out when a quarter second has passed since the last ones.
    private func send(at t: Double, samples given: [SamplePrediction]? = nil) {
        guard let latest else { return }
        lastPost = t
        var filters: [LabGrid]?
        lock.lock()
        let conv1Weights = weights[0]
        lock.unlock()
        if let conv1 = conv1Weights {
            let f = conv1.weight.shape[0], k = conv1.weight.shape[2] * conv1.weight.shape[3]
            filters = (0..<f).map { i in
                LabGrid(name: "filter \(i + 1)", rows: conv1.weight.shape[2], columns: conv1.weight.shape[3],
                        values: Array(conv1.weight.storage[(i * k)..<((i + 1) * k)]))
            }
        }
        var samples = given
        if given != nil {
            lastSamples = t
        } else if t - lastSamples >= max(0.25, interval) || interval == 0, let network = currentNetwork() {
            lastSamples = t
            samples = sampleIndices.map { i in
                let p = network.probabilities(of: Array(test.image(at: i)))
                var best = 0
                for k in p.indices where p[k] > p[best] { best = k }
                return SamplePrediction(index: i, label: test.labels[i], predicted: best)
            }
        }
        post(.training(.updateReceived(TrainingUpdate(runID: runID, progress: latest, points: pending, filters: filters, samples: samples))))
        pending.removeAll(keepingCapacity: true)
    }
}
