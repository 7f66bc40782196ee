/// How a training run ended, with the trained network and what was measured on the way.
public struct TrainingResult: Sendable {
    public enum Outcome: Sendable, Equatable {
        /// Every epoch ran.
        case completed
        /// `TrainingControl.stop()` ended the run.
        case stopped
        /// The validation loss stopped improving; the network holds the best epoch's weights.
        case earlyStopped(bestEpoch: Int)
        /// A step's loss was NaN or infinite (the learning rate is usually too high); the network
        /// holds the weights that produced it.
        case diverged(step: Int, epoch: Int, loss: Float)
        /// `FailureDetector` saw the loss explode or the network collapse, and the configuration
        /// says to stop (`FailurePolicy.stop`); the network holds the failed weights.
        case failed(TrainingFailure)
    }

    public var outcome: Outcome
    public var network: DemoNetwork
    public var epochs: [EpochSummary]
    /// Steps taken.
    public var steps: Int
    /// Seconds spent in training steps (pauses and evaluations excluded).
    public var trainingSeconds: Double
    /// The final network on the test set, when one was given and the run did not diverge.
    public var test: EvaluationReport?
    /// The first explosion or collapse the run went through, also when it was paused or
    /// ignored rather than stopped: a network that failed once is not one to keep.
    public var failure: TrainingFailure?
}
