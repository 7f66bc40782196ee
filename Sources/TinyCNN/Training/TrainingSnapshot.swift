/// What the observer of a training run asks for, and how often.
///
/// Copying weights and running the probe cost time, so a snapshot carries only what is asked:
/// no weights unless `weightLayers` names layers, no activations unless `probe` is set.
public struct SnapshotRequest: Sendable, Equatable {
    /// A snapshot after every `every` steps (and always after an epoch's last step).
    public var every: Int
    /// Indices into `DemoArchitecture.layerNames` whose weights to copy (0 conv1, 3 conv2,
    /// 7 dense1, 9 dense2); other indices are ignored.
    public var weightLayers: Set<Int>
    /// One image (side × side pixels, 0...1) whose every layer output the snapshot carries.
    public var probe: [Float]?
    /// At least this many seconds of training between snapshots (an epoch's last step always
    /// gets one): a UI drawing at 30 frames a second passes 1/30 and `every: 1`.
    /// Measured on the wall clock (waits for a pace included), so a run paced at 10 steps a
    /// second gets a snapshot after every step.
    public var minimumInterval: Double
    /// The weight of the newest step in the smoothed loss and accuracy (an exponential moving
    /// average over every step, snapshotted or not): 0.1 averages over about the last ten.
    public var smoothing: Double

    /// The smoothing the live screen uses and names in its legend.
    public static let defaultSmoothing = 0.1

    public init(every: Int = 1, weightLayers: Set<Int> = [], probe: [Float]? = nil, minimumInterval: Double = 0,
                smoothing: Double = SnapshotRequest.defaultSmoothing) {
        precondition(every >= 1, "SnapshotRequest: every must be >= 1")
        precondition(minimumInterval >= 0, "SnapshotRequest: minimumInterval must be >= 0")
        precondition(smoothing > 0 && smoothing <= 1, "SnapshotRequest: smoothing must be in (0, 1]")
        self.smoothing = smoothing
        self.every = every
        self.weightLayers = weightLayers
        self.probe = probe
        self.minimumInterval = minimumInterval
    }
}

/// A layer's weights in PyTorch layout: `[out, in, kh, kw]` or `[out, in]`, bias `[out]`.
public struct LayerWeights: Sendable, Equatable {
    public var layer: Int
    public var name: String
    public var weight: Tensor
    public var bias: Tensor
}

/// An immutable picture of a training run after one step, handed to the observer.
public struct TrainingSnapshot: Sendable {
    /// Steps taken so far (1 after the first).
    public var step: Int
    /// 0-based epoch the step belongs to, and the step's position in it (1-based) of `stepsPerEpoch`.
    public var epoch: Int
    public var stepInEpoch: Int
    public var stepsPerEpoch: Int
    /// The step's mean loss over its batch.
    public var loss: Float
    /// Mean loss and accuracy over the epoch's batches so far.
    public var runningLoss: Double
    public var runningAccuracy: Double
    /// The step losses and batch accuracies as an exponential moving average over every step
    /// of the run (`SnapshotRequest.smoothing`), the first step's values to start with.
    public var smoothedLoss: Double
    public var smoothedAccuracy: Double
    /// The learning rate the step used.
    public var learningRate: Float
    /// Seconds of training so far (pauses excluded).
    public var elapsed: Double
    /// The requested layers' weights, by layer index.
    public var weights: [Int: LayerWeights]
    /// The probe image's output of every layer (C×H×W or [n]), when a probe was requested.
    public var probeActivations: [Tensor]?
    /// The probe's class probabilities, when a probe was requested.
    public var probeProbabilities: [Float]?
}

/// One finished epoch.
public struct EpochSummary: Sendable, Equatable, Codable {
    /// 0-based.
    public var epoch: Int
    public var trainLoss: Double
    /// Accuracy on the epoch's training batches as they were seen (weights changing).
    public var trainAccuracy: Double
    public var testLoss: Double?
    public var testAccuracy: Double?
    public var validationLoss: Double?
    public var learningRate: Float
    /// Training samples per second over this epoch (evaluation excluded).
    public var samplesPerSecond: Double
    /// Seconds of training up to the end of this epoch (evaluation excluded).
    public var elapsed: Double
    /// Steps taken up to the end of this epoch (where its test point is drawn).
    public var step: Int = 0
    /// The test set's full evaluation after this epoch, when the trainer has a test set.
    public var testReport: EvaluationReport?
}
