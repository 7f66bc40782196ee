/// A training run that has gone wrong in a way a learner should hear about at once: the loss
/// exploded, or the network collapsed onto one answer (or to guessing).
///
/// `FailureDetector` finds these while the run goes; the trainer then ends the run or pauses it
/// (`TrainingConfiguration.onFailure`), and the result's network is not one to keep.
public enum TrainingFailure: Sendable, Equatable {
    /// The loss (smoothed over recent steps) passed `FailureDetector.explosionLoss`, ten times
    /// the loss of guessing among ten classes, at `step`.
    case exploded(step: Int, loss: Double)
    /// At the evaluation after `epoch` (0-based), one class took over `FailureDetector.collapseShare`
    /// of the test set's predictions.
    case collapsed(epoch: Int, predictedClass: Int, share: Double, accuracy: Double)
    /// Two evaluations in a row, up to the one after `epoch`, scored no better than chance.
    case atChance(epoch: Int, accuracy: Double, loss: Double)

    /// One line saying what happened, with the numbers.
    public var summary: String {
        switch self {
        case let .exploded(step, loss):
            return "the loss exploded to \(Self.short(loss)) at step \(step)"
        case let .collapsed(epoch, predicted, share, accuracy):
            return "collapsed after epoch \(epoch + 1): it answers \(predicted) for \(Self.percent(share)) of the test set (test acc \(Self.percent(accuracy)))"
        case let .atChance(epoch, accuracy, _):
            return "at chance after epoch \(epoch + 1): test acc \(Self.percent(accuracy)) two evaluations running (guessing gets 10%)"
        }
    }

    /// What to do about it, in words.
    public var hint: String {
        switch self {
        case .exploded, .collapsed:
            return "the learning rate is too high: lower it (a tenth is a good first try), or try SGD"
        case let .atChance(_, _, loss):
            // A loss far above ln 10 means the steps overshoot; one sitting at ln 10 means the
            // network learns nothing, usually because a huge step killed its ReLUs.
            return loss > 2.6 ? "the learning rate is too high: lower it (a tenth is a good first try), or try SGD"
                : "the loss sits at ln 10 = 2.30, a guess: a rate this high kills the ReLUs; lower it or try SGD (a tiny rate learns too slowly to show)"
        }
    }

    static func short(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "NaN" : "infinity" }
        if abs(x) >= 1e5 { return String(describing: Float(x)) }
        return String(Int(x.rounded()))
    }

    static func percent(_ x: Double) -> String {
        let tenths = Int((x * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }
}

/// Watches a run's step losses and evaluations for a `TrainingFailure`.
///
/// Pure and deterministic: the trainer feeds it every step's loss and every test evaluation.
///
///     var detector = FailureDetector()
///     if let failure = detector.step(1, loss: 3.1) { … }
///     if let failure = detector.evaluation(epoch: 0, report: report) { … }
public struct FailureDetector: Sendable, Equatable {
    /// A smoothed loss above this is an explosion: ten times ln 10 ≈ 2.3, the loss of guessing
    /// among ten classes. Adam at a huge rate gets here without ever producing NaN.
    public static let explosionLoss = 25.0
    /// Weight of the newest step in the smoothed loss (an EMA over about the last ten steps,
    /// so that one wild batch is not an explosion, but ten are).
    public static let smoothing = 0.1
    /// One class predicted for more than this share of the test set is a collapse.
    public static let collapseShare = 0.9
    /// Accuracy up to this is "at chance" for ten classes (10% plus a margin for luck).
    public static let chanceAccuracy = 0.15

    private var smoothed: Double?
    private var chanceStreak = 0

    public init() {}

    /// Feeds step `step`'s mean loss; returns the explosion when it happens.
    public mutating func step(_ step: Int, loss: Double) -> TrainingFailure? {
        guard loss.isFinite else { return .exploded(step: step, loss: loss) }
        let s = smoothed.map { $0 + Self.smoothing * (loss - $0) } ?? loss
        smoothed = s
        return s > Self.explosionLoss ? .exploded(step: step, loss: s) : nil
    }

    /// Feeds the test evaluation after `epoch`; returns a collapse when one class takes over, or
    /// when this and the previous evaluation were both at chance.
    public mutating func evaluation(epoch: Int, report: EvaluationReport) -> TrainingFailure? {
        let counts = report.confusion.counts
        let total = report.confusion.total
        guard total > 0 else { return nil }
        var perPredicted = [Int](repeating: 0, count: counts.count)
        for row in counts { for (c, n) in row.enumerated() { perPredicted[c] += n } }
        var top = 0
        for c in perPredicted.indices where perPredicted[c] > perPredicted[top] { top = c }
        let share = Double(perPredicted[top]) / Double(total)
        if share > Self.collapseShare {
            return .collapsed(epoch: epoch, predictedClass: top, share: share, accuracy: report.accuracy)
        }
        chanceStreak = report.accuracy <= Self.chanceAccuracy ? chanceStreak + 1 : 0
        return chanceStreak >= 2 ? .atChance(epoch: epoch, accuracy: report.accuracy, loss: report.loss) : nil
    }
}
