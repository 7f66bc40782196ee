/// Everything that determines a training run besides the data and the initial weights.
/// With the same configuration, data and initial weights, a run is the same bit for bit
/// (also on two cores: each batch is split into fixed shards whose gradients are summed in order).
public struct TrainingConfiguration: Sendable, Equatable {
    public var epochs: Int
    public var batchSize: Int
    /// The base learning rate; the schedule scales it.
    public var learningRate: Float
    public var optimizer: OptimizerChoice
    public var schedule: LearningRateSchedule
    /// L2 penalty added to the gradient (PyTorch's `weight_decay`).
    public var weightDecay: Float
    /// Seeds the per-epoch shuffles and the augmentation.
    public var seed: UInt64
    /// Random shifts and rotations of the training images, or nil for none.
    public var augmentation: Augmentation?
    /// Stop when the validation loss has not improved for this many epochs (needs a validation
    /// set); the best epoch's weights are kept.
    public var earlyStoppingPatience: Int?
    /// Whether a batch of 16 or more may use both cores. Off or on, the numbers are the same.
    public var parallel: Bool
    /// What the trainer does when `FailureDetector` sees the loss explode or the network
    /// collapse: end the run (`tutor train`) or pause it (the live screen, where the learner
    /// reads the hint, then resets or lowers the rate).
    public var onFailure: FailurePolicy

    /// What a run does on a `TrainingFailure`.
    public enum FailurePolicy: Sendable, Equatable {
        /// End the run with `.failed(…)`.
        case stop
        /// Pause the run through its control (it stays a failed run: `TrainingResult.failure`).
        case pause
        /// Keep going (the failure is still recorded in `TrainingResult.failure`).
        case ignore
    }

    public init(epochs: Int, batchSize: Int, learningRate: Float, optimizer: OptimizerChoice,
                schedule: LearningRateSchedule = .constant, weightDecay: Float = 0, seed: UInt64 = 1,
                augmentation: Augmentation? = nil, earlyStoppingPatience: Int? = nil, parallel: Bool = true,
                onFailure: FailurePolicy = .stop) {
        precondition(epochs >= 1, "TrainingConfiguration: epochs must be >= 1")
        precondition(batchSize >= 1, "TrainingConfiguration: batchSize must be >= 1")
        precondition(learningRate > 0 && learningRate.isFinite, "TrainingConfiguration: learningRate must be positive")
        precondition(earlyStoppingPatience.map { $0 >= 1 } ?? true, "TrainingConfiguration: patience must be >= 1")
        self.epochs = epochs
        self.batchSize = batchSize
        self.learningRate = learningRate
        self.optimizer = optimizer
        self.schedule = schedule
        self.weightDecay = weightDecay
        self.seed = seed
        self.augmentation = augmentation
        self.earlyStoppingPatience = earlyStoppingPatience
        self.parallel = parallel
        self.onFailure = onFailure
    }

    /// The tutor's defaults for a data set, the one set shared by `tutor train`, the live
    /// training screen, lesson lab blocks and the background demo networks: Adam with a cosine
    /// decay to 5% of the base rate, batch 32, seed 1; on `digits` (8×8) lr 0.01 for 10 epochs,
    /// on the MNIST sets lr 0.005 for 5 epochs. With SGD (momentum 0.9) the base rate is 0.05.
    ///
    /// Chosen by sweeping seeds 1-8: on digits every seed ended between 97.5% and 98.9% test
    /// accuracy (SGD with momentum 0.9 at lr 0.05, the README's PyTorch setting, gives 96-97%);
    /// on mnist5k seeds 1-3 ended at 96.8-97.5%.
    public static func defaults(for kind: DigitsDataSet.Kind, optimizer: OptimizerChoice = .adamDefaults) -> TrainingConfiguration {
        TrainingConfiguration(epochs: defaultEpochs(for: kind), batchSize: 32,
                              learningRate: defaultLearningRate(for: kind, optimizer: optimizer),
                              optimizer: optimizer, schedule: .cosine(floor: 0.05))
    }

    /// The default base learning rate of `optimizer` on `kind`.
    public static func defaultLearningRate(for kind: DigitsDataSet.Kind, optimizer: OptimizerChoice) -> Float {
        switch optimizer {
        case .sgd: return 0.05
        case .adam: return kind == .digits ? 0.01 : 0.005
        }
    }

    /// The default number of epochs on `kind`.
    public static func defaultEpochs(for kind: DigitsDataSet.Kind) -> Int { kind == .digits ? 10 : 5 }

    /// How every place that shows a run's settings says them, e.g.
    /// `adam, lr 0.01 (cosine to 5%), batch 32, 10 epochs, seed 1`.
    public var summary: String {
        "\(optimizer.name), lr \(learningRate) (\(schedule.summary)), batch \(batchSize), "
            + "\(epochs) epoch\(epochs == 1 ? "" : "s"), seed \(seed)\(augmentation == nil ? "" : ", augmented")"
    }

    /// How many fixed shards a batch of `batchSize` is split into (a function of the batch size
    /// only, so that the sums, and therefore the results, do not depend on the thread count).
    static func shards(forBatch batchSize: Int) -> Int { batchSize >= 16 ? 2 : 1 }
}
