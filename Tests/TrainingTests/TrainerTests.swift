import Foundation
import Testing
@testable import TinyCNN
import TutorResources

/// Training runs on the bundled digits: accuracy floor, bit-for-bit reproducibility (also across
/// one and two threads), divergence, snapshots, control from another thread, early stopping.
@Suite struct TrainerTests {
    static let digits: DigitsDataSet = {
        guard let folder = BundledContent.url(for: .data), let set = try? DigitsDataSet.load(.digits, from: folder) else {
            preconditionFailure("the bundled digits set must load")
        }
        return set
    }()

    static func config(epochs: Int, parallel: Bool = true) -> TrainingConfiguration {
        var c = TrainingConfiguration.defaults(for: .digits)
        c.epochs = epochs
        c.parallel = parallel
        return c
    }

    @Test func aShortSeededRunReachesTheFloorAndRepeatsBitForBit() {
        let start = DemoNetwork(architecture: .digits, seed: 1)
        let first = Trainer(network: start, configuration: Self.config(epochs: 2), train: Self.digits.train,
                            test: Self.digits.test).run()
        #expect(first.outcome == .completed)
        let accuracy = first.test?.accuracy ?? 0
        #expect(accuracy > 0.9, "test accuracy after 2 epochs: \(accuracy)")
        #expect(first.epochs.count == 2 && first.steps == 2 * 45)
        let again = Trainer(network: start, configuration: Self.config(epochs: 2), train: Self.digits.train,
                            test: Self.digits.test).run()
        #expect(again.network.parameters == first.network.parameters, "same seed, same weights")
        #expect(again.epochs.map(\.trainLoss) == first.epochs.map(\.trainLoss))
        #expect(again.epochs.map(\.testAccuracy) == first.epochs.map(\.testAccuracy))
        // Two threads or one: the batch is split into the same shards, summed in the same order.
        let serial = Trainer(network: start, configuration: Self.config(epochs: 2, parallel: false),
                             train: Self.digits.train).run()
        #expect(serial.network.parameters == first.network.parameters, "one thread, same weights")
        // Another seed gives another run.
        var other = Self.config(epochs: 1)
        other.seed = 2
        let different = Trainer(network: start, configuration: other, train: Self.digits.train).run()
        #expect(different.network.parameters != first.network.parameters)
    }

    @Test func augmentedRunsAreReproducibleToo() {
        var c = Self.config(epochs: 1)
        c.augmentation = .standard
        let start = DemoNetwork(architecture: .digits, seed: 5)
        let a = Trainer(network: start, configuration: c, train: Self.digits.train).run()
        let b = Trainer(network: start, configuration: c, train: Self.digits.train).run()
        #expect(a.network.parameters == b.network.parameters)
        let plain = Trainer(network: start, configuration: Self.config(epochs: 1), train: Self.digits.train).run()
        #expect(a.network.parameters != plain.network.parameters, "augmentation changes what the net sees")
    }

    /// Adam's steps are normalised to about `lr` per weight, so it takes a far larger rate to
    /// overflow than SGD does.
    @Test(arguments: [(OptimizerChoice.sgd(momentum: 0.9, nesterov: false), Float(1e6)), (.adamDefaults, 1e25)])
    func aHugeLearningRateIsReportedAsDivergence(optimizer: OptimizerChoice, rate: Float) {
        var c = Self.config(epochs: 3)
        c.optimizer = optimizer
        c.learningRate = rate
        c.schedule = .constant
        c.onFailure = .ignore   // the NaN check itself, not the failure detector that usually sees it first
        let result = Trainer(network: DemoNetwork(architecture: .digits, seed: 1), configuration: c,
                             train: Self.digits.train, test: Self.digits.test).run()
        guard case let .diverged(step, epoch, loss) = result.outcome else {
            Issue.record("\(optimizer.name): expected divergence, got \(result.outcome)")
            return
        }
        #expect(step >= 1 && epoch < 3 && !loss.isFinite, "\(optimizer.name)")
        #expect(result.test == nil)
    }

    @Test func snapshotsCarryOnlyWhatWasAsked() throws {
        let probe = Array(Self.digits.test.image(at: 0))
        var snapshots: [TrainingSnapshot] = []
        let trainer = Trainer(network: DemoNetwork(architecture: .digits, seed: 1), configuration: Self.config(epochs: 1),
                              train: Self.digits.train.prefix(320))
        _ = trainer.run(snapshots: SnapshotRequest(every: 4, weightLayers: [0, 9, 5], probe: probe)) { snapshots.append($0) }
        // 10 steps: snapshots after steps 4 and 8, and the epoch's last.
        #expect(snapshots.map(\.step) == [4, 8, 10])
        let last = try #require(snapshots.last)
        #expect(last.stepInEpoch == 10 && last.stepsPerEpoch == 10)
        #expect(Set(last.weights.keys) == [0, 9], "layer 5 (a pool) has no weights")
        #expect(last.weights[0]?.weight.shape == [8, 1, 3, 3] && last.weights[9]?.weight.shape == [10, 32])
        #expect(last.weights[0] == trainer.network.layerWeights(0))
        let activations = try #require(last.probeActivations)
        #expect(activations.map(\.shape) == DemoArchitecture.digits.layerOutputShapes)
        #expect(abs((last.probeProbabilities ?? []).reduce(0, +) - 1) < 1e-5)
        var bare: [TrainingSnapshot] = []
        let plain = Trainer(network: DemoNetwork(architecture: .digits, seed: 1), configuration: Self.config(epochs: 1),
                            train: Self.digits.train.prefix(64))
        _ = plain.run(snapshots: SnapshotRequest()) { bare.append($0) }
        #expect(bare.count == 2 && bare.allSatisfy { $0.weights.isEmpty && $0.probeActivations == nil })
        // A time limit between snapshots leaves only the epochs' last steps for a quick run.
        var throttled: [Int] = []
        let quick = Trainer(network: DemoNetwork(architecture: .digits, seed: 1), configuration: Self.config(epochs: 2),
                            train: Self.digits.train.prefix(320))
        _ = quick.run(snapshots: SnapshotRequest(every: 1, minimumInterval: 60)) { throttled.append($0.step) }
        #expect(throttled == [1, 10, 20], "the first step, then only epoch ends: \(throttled)")
    }

    @Test func anotherThreadCanStepPauseChangeTheRateAndStop() async throws {
        let control = TrainingControl(startPaused: true)
        let inbox = Inbox()
        Trainer.start(network: DemoNetwork(architecture: .digits, seed: 1), configuration: Self.config(epochs: 50),
                      train: Self.digits.train, control: control, snapshots: SnapshotRequest(),
                      onSnapshot: { inbox.add($0) }, completion: { inbox.finish($0) })
        control.setLearningRate(0.0042)
        control.stepOnce()
        control.stepOnce()
        control.stepOnce()
        try await inbox.wait { $0.snapshots.count == 3 }
        try await Task.sleep(nanoseconds: 50_000_000)
        #expect(inbox.state.snapshots.count == 3, "a paused run takes only the steps it is given")
        #expect(inbox.state.snapshots.map(\.learningRate) == [0.0042, 0.0042, 0.0042])
        control.setLearningRate(nil)
        control.resume()
        try await inbox.wait { $0.snapshots.count >= 20 }
        control.pause()
        control.stop()
        try await inbox.wait { $0.result != nil }
        let result = try #require(inbox.state.result)
        #expect(result.outcome == .stopped)
        #expect(result.steps == inbox.state.snapshots.count)
        #expect(inbox.state.snapshots.last?.learningRate != 0.0042)
    }

    @Test func stepsTakenWhilePausedAreAlwaysSnapshotted() async throws {
        // However sparse the request, a learner pressing "one batch" sees that batch.
        let control = TrainingControl(startPaused: true)
        let inbox = Inbox()
        Trainer.start(network: DemoNetwork(architecture: .digits, seed: 1), configuration: Self.config(epochs: 5),
                      train: Self.digits.train, control: control, snapshots: SnapshotRequest(every: 1000, minimumInterval: 60),
                      onSnapshot: { inbox.add($0) }, completion: { inbox.finish($0) })
        control.stepOnce()
        control.stepOnce()
        try await inbox.wait { $0.snapshots.count == 2 }
        #expect(inbox.state.snapshots.map(\.step) == [1, 2])
        control.stop()
        try await inbox.wait { $0.result != nil }
    }

    @Test func earlyStoppingKeepsTheBestEpoch() {
        // A tiny training set overfits quickly, so the validation loss turns up.
        var c = Self.config(epochs: 60)
        c.earlyStoppingPatience = 2
        c.schedule = .constant
        let validation = Self.digits.test
        var losses: [Double] = []
        let result = Trainer(network: DemoNetwork(architecture: .digits, seed: 3), configuration: c,
                             train: Self.digits.train.prefix(40), validation: validation)
            .run(onEpoch: { losses.append($0.validationLoss ?? .nan) })
        guard case let .earlyStopped(best) = result.outcome else {
            Issue.record("expected early stopping, got \(result.outcome) with validation losses \(losses)")
            return
        }
        #expect(result.epochs.count == best + 3, "stops two epochs after the best")
        #expect(losses[best] == losses.min())
        #expect(abs(result.network.evaluate(validation).loss - losses[best]) < 1e-9, "the best epoch's weights are kept")
    }
}

/// Collects what a background run reports, for `await`ing in tests.
final class Inbox: @unchecked Sendable {
    struct State {
        var snapshots: [TrainingSnapshot] = []
        var result: TrainingResult?
    }
    private let lock = NSLock()
    private var _state = State()
    var state: State { lock.lock(); defer { lock.unlock() }; return _state }
    func add(_ s: TrainingSnapshot) { lock.lock(); _state.snapshots.append(s); lock.unlock() }
    func finish(_ r: TrainingResult) { lock.lock(); _state.result = r; lock.unlock() }

    /// Polls every 5 ms until `condition` holds, failing after 20 s.
    func wait(_ condition: (State) -> Bool) async throws {
        let deadline = Date().addingTimeInterval(20)
        while !condition(state) {
            guard Date() < deadline else { throw TimeoutError() }
            try await Task.sleep(nanoseconds: 5_000_000)
        }
    }
    struct TimeoutError: Error {}
}
