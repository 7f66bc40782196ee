import Foundation

/// The handle a UI thread uses to steer a training run on another thread: pause, resume, run a
/// single step, stop, change the learning rate and the pace. Every method is safe to call from
/// any thread at any time; the trainer looks at the control between steps, and while paused or
/// waiting for its pace it sleeps on a condition variable rather than spinning.
public final class TrainingControl: @unchecked Sendable {
    /// The time a paced run goes by: seconds on a monotonic clock, and how to wait. A test
    /// passes a simulated clock whose `sleep` moves it on; nil `sleep` waits on the control's
    /// condition variable (woken at once by a pause, a stop or a new speed).
    public struct Clock: Sendable {
        public var now: @Sendable () -> Double
        public var sleep: (@Sendable (Double) -> Void)?

        public init(now: @escaping @Sendable () -> Double, sleep: (@Sendable (Double) -> Void)? = nil) {
            self.now = now
            self.sleep = sleep
        }

        /// The process's monotonic clock.
        public static let system = Clock(now: { ProcessInfo.processInfo.systemUptime })
    }

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
    private var pacer: StepPacer
    private let clock: Clock

    /// A control for a run that starts running, or paused when `startPaused`, at
    /// `stepsPerSecond` (nil: full speed) on `clock`.
    public init(startPaused: Bool = false, stepsPerSecond: Double? = nil, clock: Clock = .system) {
        _state = startPaused ? .paused : .running
        pacer = StepPacer(stepsPerSecond: stepsPerSecond)
        self.clock = clock
    }

    /// Steps a second the run goes at, or nil for full speed.
    public var stepsPerSecond: Double? {
        condition.lock(); defer { condition.unlock() }
        return pacer.stepsPerSecond
    }

    /// A new pace from the next step on (nil: full speed).
    public func setSpeed(_ stepsPerSecond: Double?) {
        condition.lock(); defer { condition.unlock() }
        pacer.setSpeed(stepsPerSecond)
        condition.broadcast()
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
        pacer.restart()
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

    /// Called by the trainer before each step: waits while paused or until the pace lets the
    /// next step go, and returns false when the run should stop. Steps asked for with
    /// `stepOnce` go at once.
    func mayTakeStep() -> Bool {
        condition.lock(); defer { condition.unlock() }
        while true {
            switch _state {
            case .running:
                guard pacer.stepsPerSecond != nil else { return true }
                let now = clock.now()
                let wait = pacer.wait(now: now)
                if wait <= 0 {
                    pacer.stepTaken(now: now)
                    return true
                }
                if let sleep = clock.sleep {
                    condition.unlock()
                    sleep(wait)
                    condition.lock()
                } else {
                    _ = condition.wait(until: Date(timeIntervalSinceNow: wait))
                }
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
