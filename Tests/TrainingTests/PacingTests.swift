import Foundation
import Testing
@testable import TinyCNN
import TutorResources

/// A simulated clock: `sleep` moves it on, and each training step costs `stepCost` seconds.
private final class SimulatedClock: @unchecked Sendable {
    private let lock = NSLock()
    private var t = 0.0
    private(set) var sleeps = 0
    private(set) var reads = 0

    var now: Double {
        lock.lock(); defer { lock.unlock() }
        reads += 1
        return t
    }

    func advance(_ seconds: Double, sleeping: Bool = false) {
        lock.lock(); defer { lock.unlock() }
        t += seconds
        if sleeping { sleeps += 1 }
    }

    var control: TrainingControl.Clock {
        TrainingControl.Clock(now: { self.now }, sleep: { self.advance($0, sleeping: true) })
    }
}

/// The live screen's pace: steps per second at each speed level, measured on a simulated clock
/// through the real trainer and its control (the wait is between steps, never inside one).
@Suite struct PacingTests {
    static let digits: DigitsDataSet = {
        guard let folder = BundledContent.url(for: .data), let set = try? DigitsDataSet.load(.digits, from: folder) else {
            preconditionFailure("the bundled digits set must load")
        }
        return set
    }()

    /// Steps a second a 2-epoch digits run (90 steps) takes at `level`, each step costing
    /// `stepCost` simulated seconds; and how many times the control slept.
    static func measure(stepsPerSecond: Double?, stepCost: Double) -> (rate: Double, sleeps: Int, reads: Int) {
        let clock = SimulatedClock()
        let control = TrainingControl(stepsPerSecond: stepsPerSecond, clock: clock.control)
        var configuration = TrainingConfiguration.defaults(for: .digits)
        configuration.epochs = 2
        var starts: [Double] = []
        let trainer = Trainer(network: DemoNetwork(architecture: .digits, seed: 1), configuration: configuration,
                              train: digits.train, control: control)
        _ = trainer.run(snapshots: SnapshotRequest(every: 1), onSnapshot: { _ in
            // The step just taken began `stepCost` ago on the simulated clock.
            clock.advance(stepCost)
            starts.append(clock.now - stepCost)
        })
        let span = (starts.last ?? 0) - (starts.first ?? 0)
        let rate = span > 0 ? Double(starts.count - 1) / span : .infinity
        return (rate, clock.sleeps, clock.reads)
    }

    @Test(arguments: [1.0, 3, 10, 30, 100])
    func eachSpeedLevelTakesItsStepsPerSecond(level: Double) {
        // A 2 ms step: far under every level's interval, as on a real machine for digits.
        let measured = Self.measure(stepsPerSecond: level, stepCost: 0.002)
        #expect(abs(measured.rate - level) <= 0.2 * level, "level \(level) steps/s: measured \(measured.rate)")
        #expect(measured.sleeps > 0)
    }

    @Test func fullSpeedNeverWaitsNorReadsTheClock() {
        let measured = Self.measure(stepsPerSecond: nil, stepCost: 0.002)
        #expect(measured.sleeps == 0 && abs(measured.rate - 500) < 1, "\(measured)")
        // Only the test's own reads (one a step): the control reads no clock at full speed.
        #expect(measured.reads == 90)
    }

    @Test func aSlowStepIsNotMadeUpByABurst() {
        // Steps of 0.5 s at 10 steps/s: the pace cannot be met, and the run goes as fast as the
        // steps allow (2 a second), with no waits piling up.
        let measured = Self.measure(stepsPerSecond: 10, stepCost: 0.5)
        #expect(abs(measured.rate - 2) < 0.01 && measured.sleeps == 0, "\(measured)")
    }

    @Test func thePacerWaitsOnlyForWhatIsDue() {
        var pacer = StepPacer(stepsPerSecond: 10)
        #expect(pacer.wait(now: 5) == 0)
        pacer.stepTaken(now: 5)
        #expect(abs(pacer.wait(now: 5.03) - 0.07) < 1e-9)
        #expect(pacer.wait(now: 5.2) == 0)
        // A new speed starts at once.
        pacer.setSpeed(1)
        #expect(pacer.wait(now: 5.01) == 0)
        pacer.stepTaken(now: 5.01)
        #expect(abs(pacer.wait(now: 5.01) - 1) < 1e-9)
        pacer.setSpeed(nil)
        #expect(pacer.wait(now: 5.02) == 0)
    }

    @Test func theDefaultDigitsRunLastsBetween20And60Seconds() {
        // What the learner watches by default: 10 epochs of 45 steps at the default level.
        let configuration = TrainingConfiguration.defaults(for: .digits)
        let steps = configuration.epochs * (Self.digits.train.count + configuration.batchSize - 1) / configuration.batchSize
        let rate = try? #require(StepPacer.levels[StepPacer.defaultLevel])
        let seconds = Double(steps) / (rate ?? 1)
        #expect((20...60).contains(seconds), "\(steps) steps at \(rate ?? 0) steps/s: \(seconds) s")
    }
}
