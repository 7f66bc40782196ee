import Foundation

/// The handle a UI thread uses to steer a training run on another thread: pause, resume, run a
/// single step, stop, change the learning rate. Every method is safe to call from any thread
/// at any time; the trainer looks at the control between steps, and while paused it sleeps on a
/// condition variable rather than spinning.
public final class TrainingControl: @unchecked Sendable {
    /// What the trainer will do at its next check.
    public enum State: Sendable, Equatable {
        case running
        case paused
        case stopping
    }

    private let condition = NSCondition()
    private var _state: State
    private var pendingSteps = 0
    private var _learningRate: Float?

    /// A control for a run that starts running, or paused when `startPaused`.
    public init(startPaused: Bool = false) {
        _state = startPaused ? .paused : .running
    }

    public var state: State {
        condition.lock(); defer { condition.unlock() }
        return _state
    }

    /// Pauses before the next step (no effect once stopping).
    public func pause() {
        condition.lock(); defer { condition.unlock() }
        if _state == .running { _state = .paused }
        pendingSteps = 0
    }

    /// Resumes a paused run.
    public func resume() {
        condition.lock(); defer { condition.unlock() }
        if _state == .paused { _state = .running }
        condition.broadcast()
    }

    /// Lets a paused run take exactly one more step (queued: calling it three times runs three).
    public func stepOnce() {
        condition.lock(); defer { condition.unlock() }
        if _state == .paused { pendingSteps += 1 }
        condition.broadcast()
    }

    /// Ends the run after the current step; the trainer returns a `.stopped` result.
    public func stop() {
        condition.lock(); defer { condition.unlock() }
        _state = .stopping
        condition.broadcast()
    }

    /// Overrides the schedule's learning rate from the next step on; nil returns to the schedule.
    public func setLearningRate(_ rate: Float?) {
        precondition(rate.map { $0.isFinite && $0 > 0 } ?? true, "TrainingControl: learning rate must be positive and finite")
        condition.lock(); defer { condition.unlock() }
        _learningRate = rate
    }

    /// The learning-rate override, if any.
    public var learningRateOverride: Float? {
        condition.lock(); defer { condition.unlock() }
        return _learningRate
    }

    /// Called by the trainer before each step: waits while paused, and returns false when the
    /// run should stop.
    func mayTakeStep() -> Bool {
        condition.lock(); defer { condition.unlock() }
        while true {
            switch _state {
            case .running:
                return true
            case .stopping:
                return false
            case .paused:
                if pendingSteps > 0 {
                    pendingSteps -= 1
                    return true
                }
                condition.wait()
            }
        }
    }
}
