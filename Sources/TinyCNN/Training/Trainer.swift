import Dispatch
import Foundation

/// Trains a demo network: epochs of shuffled mini-batches, an optimiser and a learning-rate
/// schedule, evaluation after every epoch, snapshots for an observer, and a `TrainingControl`
/// through which another thread can pause, step, stop or change the learning rate.
///
/// A trainer lives on the thread that runs it (`run` is synchronous); to train in the
/// background use `Trainer.start(…)`. All scratch memory is allocated up front, so a step
/// allocates nothing; a batch of 16 or more is split into two fixed shards that run on both
/// cores, with their gradients summed in a fixed order.
public final class Trainer {
    public let configuration: TrainingConfiguration
    public let control: TrainingControl
    public let train: DataSet
    public let test: DataSet?
    public let validation: DataSet?
    /// The network as trained so far.
    public internal(set) var network: DemoNetwork

    let layout: ParameterLayout
    private let shards: Int
    let workspaces: [DemoWorkspace]
    var optimizer: FlatOptimizer
    var generator: SeededGenerator
    /// conv2's weights as [tap][out][in], refreshed after every update.
    var w2r: [Float]
    var order: [Int]
    var stepCount = 0
    /// Watches the run for an exploding loss or a collapse (`configuration.onFailure` says what then).
    var detector = FailureDetector()
    /// The first failure the detector saw, if any.
    public private(set) var failure: TrainingFailure?

    public init(network: DemoNetwork, configuration: TrainingConfiguration, train: DataSet, test: DataSet? = nil,
                validation: DataSet? = nil, control: TrainingControl = TrainingControl()) {
        let side = network.architecture.side
        for set in [train, test, validation].compactMap({ $0 }) {
            precondition(set.height == side && set.width == side,
                         "Trainer: \(set.name) has \(set.height)x\(set.width) images, the \(network.architecture.name) net takes \(side)x\(side)")
        }
        precondition(train.count > 0, "Trainer: the training set is empty")
        precondition(configuration.earlyStoppingPatience == nil || validation != nil,
                     "Trainer: early stopping needs a validation set")
        self.network = network
        self.configuration = configuration
        self.train = train
        self.test = test
        self.validation = validation
        self.control = control
        layout = network.architecture.layout
        shards = TrainingConfiguration.shards(forBatch: configuration.batchSize)
        let perShard = (configuration.batchSize + shards - 1) / shards
        workspaces = (0..<shards).map { _ in DemoWorkspace(layout: network.architecture.layout, capacity: perShard) }
        optimizer = FlatOptimizer(configuration.optimizer, parameterCount: layout.count, weightDecay: configuration.weightDecay)
        generator = SeededGenerator(seed: configuration.seed)
        w2r = [Float](repeating: 0, count: layout.b2 - layout.w2)
        order = Array(0..<train.count)
        refreshTransposedWeights()
    }

    /// The learning rate the schedule gives step `step` (0-based) of epoch `epoch`, unless the
    /// control overrides it.
    public func learningRate(step: Int, epoch: Int) -> Float {
        if let rate = control.learningRateOverride { return rate }
        let perEpoch = (train.count + configuration.batchSize - 1) / configuration.batchSize
        return configuration.schedule.rate(base: configuration.learningRate, step: step,
                                           totalSteps: perEpoch * configuration.epochs, epoch: epoch)
    }

    /// Runs the whole training on the calling thread and returns how it ended.
    /// - Parameters:
    ///   - request: what snapshots to take and how often; nil for none.
    ///   - onSnapshot: called on this thread with each snapshot.
    ///   - onEpoch: called on this thread after each epoch's evaluation.
    ///   - onFailure: called on this thread when the detector first sees the loss explode or the
    ///     network collapse, before the run ends or pauses (`configuration.onFailure`).
    public func run(snapshots request: SnapshotRequest? = nil,
                    onSnapshot: (TrainingSnapshot) -> Void = { _ in },
                    onEpoch: (EpochSummary) -> Void = { _ in },
                    onFailure: (TrainingFailure) -> Void = { _ in }) -> TrainingResult {
        // Subnormals flushed for the whole run (steps, evaluation), the caller's mode restored after.
        FloatEnvironment.withSubnormalsFlushed {
            runFlushed(snapshots: request, onSnapshot: onSnapshot, onEpoch: onEpoch, onFailure: onFailure)
        }
    }

    private func runFlushed(snapshots request: SnapshotRequest?, onSnapshot: (TrainingSnapshot) -> Void,
                            onEpoch: (EpochSummary) -> Void, onFailure: (TrainingFailure) -> Void) -> TrainingResult {
        let n = train.count, batch = configuration.batchSize
        let stepsPerEpoch = (n + batch - 1) / batch
        var summaries: [EpochSummary] = []
        var seconds = 0.0
        var bestValidation = Double.infinity
        var bestNetwork: DemoNetwork?
        var bestEpoch = 0
        var epochsWithoutGain = 0
        var lastSnapshot = -Double.infinity
        var smoothedLoss: Double?, smoothedAccuracy = 0.0
        let runStart = DispatchTime.now().uptimeNanoseconds
        for epoch in 0..<configuration.epochs {
            shuffle()
            var lossSum = 0.0, correct = 0, seen = 0
            var epochSeconds = 0.0
            var lastRate: Float = 0
            for b in 0..<stepsPerEpoch {
                guard control.mayTakeStep() else {
                    return finish(.stopped, summaries: summaries, seconds: seconds + epochSeconds)
                }
                let start = DispatchTime.now().uptimeNanoseconds
                let lo = b * batch, hi = min(lo + batch, n)
                let rate = learningRate(step: stepCount, epoch: epoch)
                lastRate = rate
                let (loss, hits) = step(range: lo..<hi, learningRate: rate)
                stepCount += 1
                epochSeconds += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                guard loss.isFinite else {
                    return finish(.diverged(step: stepCount, epoch: epoch, loss: loss), summaries: summaries,
                                  seconds: seconds + epochSeconds)
                }
                let stepFailure = failure == nil ? detector.step(stepCount, loss: Double(loss)) : nil
                lossSum += Double(loss) * Double(hi - lo)
                correct += hits
                seen += hi - lo
                let batchAccuracy = Double(hits) / Double(hi - lo)
                if let previous = smoothedLoss, let request {
                    smoothedLoss = previous + request.smoothing * (Double(loss) - previous)
                    smoothedAccuracy += request.smoothing * (batchAccuracy - smoothedAccuracy)
                } else {
                    (smoothedLoss, smoothedAccuracy) = (Double(loss), batchAccuracy)
                }
                let now = seconds + epochSeconds
                let wall = Double(DispatchTime.now().uptimeNanoseconds - runStart) / 1e9
                // A step taken while paused (`stepOnce`, or the one under way when `pause()` came)
                // is always shown: the observer is waiting for exactly that step.
                if let request, b == stepsPerEpoch - 1 || control.state == .paused || stepFailure != nil
                    || (stepCount % request.every == 0 && wall - lastSnapshot >= request.minimumInterval) {
                    lastSnapshot = wall
                    onSnapshot(snapshot(request, epoch: epoch, stepInEpoch: b + 1, stepsPerEpoch: stepsPerEpoch,
                                        loss: loss, runningLoss: lossSum / Double(seen),
                                        runningAccuracy: Double(correct) / Double(seen),
                                        smoothed: (smoothedLoss ?? Double(loss), smoothedAccuracy), rate: rate,
                                        elapsed: now))
                }
                if let stepFailure, react(to: stepFailure, onFailure) {
                    return finish(.failed(stepFailure), summaries: summaries, seconds: seconds + epochSeconds)
                }
            }
            seconds += epochSeconds
            let testReport = test.map { network.evaluate($0) }
            let validationLoss = validation.map { network.evaluate($0).loss }
            var summary = EpochSummary(epoch: epoch, trainLoss: lossSum / Double(seen),
                                       trainAccuracy: Double(correct) / Double(seen), testLoss: testReport?.loss,
                                       testAccuracy: testReport?.accuracy, validationLoss: validationLoss,
                                       learningRate: lastRate, samplesPerSecond: Double(seen) / max(epochSeconds, 1e-9),
                                       elapsed: seconds)
            summary.step = stepCount
            summary.testReport = testReport
            summaries.append(summary)
            onEpoch(summary)
            if failure == nil, let testReport, let evaluationFailure = detector.evaluation(epoch: epoch, report: testReport),
               react(to: evaluationFailure, onFailure) {
                return finish(.failed(evaluationFailure), summaries: summaries, seconds: seconds)
            }
            if let patience = configuration.earlyStoppingPatience, let loss = validationLoss {
                if loss < bestValidation - 1e-4 {
                    bestValidation = loss
                    bestNetwork = network
                    bestEpoch = epoch
                    epochsWithoutGain = 0
                } else {
                    epochsWithoutGain += 1
                    if epochsWithoutGain >= patience, let best = bestNetwork {
                        network = best
                        return finish(.earlyStopped(bestEpoch: bestEpoch), summaries: summaries, seconds: seconds)
                    }
                }
            }
        }
        return finish(.completed, summaries: summaries, seconds: seconds)
    }

    /// Records a failure, tells the observer and applies the policy; true when the run must end.
    private func react(to newFailure: TrainingFailure, _ onFailure: (TrainingFailure) -> Void) -> Bool {
        failure = newFailure
        onFailure(newFailure)
        switch configuration.onFailure {
        case .stop: return true
        case .pause:
            control.pause()
            return false
        case .ignore: return false
        }
    }

    private func finish(_ outcome: TrainingResult.Outcome, summaries: [EpochSummary], seconds: Double) -> TrainingResult {
        var report: EvaluationReport?
        if case .diverged = outcome {} else { report = test.map { network.evaluate($0) } }
        return TrainingResult(outcome: outcome, network: network, epochs: summaries, steps: stepCount,
                              trainingSeconds: seconds, test: report, failure: failure)
    }

    /// Fisher–Yates over the sample order, from the run's generator.
    func shuffle() {
        var g = generator
        order.withUnsafeMutableBufferPointer { o in
            var i = o.count - 1
            while i > 0 {
                let j = Int(g.next() % UInt64(i + 1))
                o.swapAt(i, j)
                i -= 1
            }
        }
        generator = g
    }

    func refreshTransposedWeights() {
        let L = layout
        network.parameters.withUnsafeBufferPointer { p in
            w2r.withUnsafeMutableBufferPointer { r in
                for t in 0..<9 {
                    for i in 0..<8 {
                        for o in 0..<16 { r[(t * 16 + o) * 8 + i] = p[L.w2 + (t * 8 + i) * 16 + o] }
                    }
                }
            }
        }
    }
}
