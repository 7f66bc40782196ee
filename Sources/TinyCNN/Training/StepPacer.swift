/// Spaces training steps so that a run takes at most `stepsPerSecond` steps a second, for a
/// learner to watch; nil is full speed (no clock is read at all).
///
/// Pure: it is given the time and says how long to wait, so a test can drive it with a
/// simulated clock. The wait comes before a step, never inside one, and a step that took longer
/// than its share is not made up for by a burst afterwards (at most one interval of credit).
///
///     var pacer = StepPacer(stepsPerSecond: 10)
///     pacer.wait(now: 0)      // 0: the first step goes at once
///     pacer.stepTaken(now: 0) // the next is due at 0.1
///     pacer.wait(now: 0.03)   // 0.07
public struct StepPacer: Sendable, Equatable {
    /// The speed levels the live screen offers, slowest first; nil is full speed.
    public static let levels: [Double?] = [1, 3, 10, 30, 100, nil]
    /// The level a live run starts at: 10 steps a second makes a 10-epoch digits run
    /// (45 steps an epoch at batch 32) last about 45 seconds.
    public static let defaultLevel = 2

    /// Steps a second, or nil for full speed.
    public private(set) var stepsPerSecond: Double?
    /// When the next step may start, on the caller's clock; nil: at once.
    private var nextDue: Double?

    public init(stepsPerSecond: Double? = nil) {
        precondition(stepsPerSecond.map { $0 > 0 && $0.isFinite } ?? true, "StepPacer: steps per second must be positive")
        self.stepsPerSecond = stepsPerSecond
    }

    /// A new speed, from the next step on (which goes at once).
    public mutating func setSpeed(_ stepsPerSecond: Double?) {
        precondition(stepsPerSecond.map { $0 > 0 && $0.isFinite } ?? true, "StepPacer: steps per second must be positive")
        self.stepsPerSecond = stepsPerSecond
        nextDue = nil
    }

    /// Forgets the schedule (after a pause): the next step goes at once.
    public mutating func restart() { nextDue = nil }

    /// Seconds to wait at `now` before the next step may start (0: go).
    public func wait(now: Double) -> Double {
        guard stepsPerSecond != nil, let nextDue else { return 0 }
        return max(0, nextDue - now)
    }

    /// Records that a step starts at `now` (after `wait(now:)` said 0).
    public mutating func stepTaken(now: Double) {
        guard let rate = stepsPerSecond else { return }
        let interval = 1 / rate
        // On time: the next is one interval after this one was due. Late (a slow step, a busy
        // machine): one interval from now, rather than a burst to catch up.
        nextDue = max(nextDue ?? now, now - interval) + interval
    }
}
