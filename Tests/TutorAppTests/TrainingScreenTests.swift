import Canvas
import Foundation
import Testing
import TestSupport
import TinyCNN
import TutorResources
@testable import TutorApp
@testable import Widgets

private func trainingState(width: Int = 100, height: Int = 30, capabilities: Capabilities = .plain) -> AppState {
    var state = AppState(width: width, height: height, capabilities: capabilities)
    _ = reduce(&state, .labRequested(kind: "training", settings: [("dataset", "digits"), ("epochs", "2")]))
    return state
}

private func progress(step: Int, of perEpoch: Int = 50, loss: Float = 1) -> TrainingProgress {
    TrainingProgress(step: step, epoch: (step - 1) / perEpoch, stepInEpoch: (step - 1) % perEpoch + 1, stepsPerEpoch: perEpoch,
                     elapsed: Double(step) * 0.01, learningRate: 0.003, loss: loss)
}

private func metricLine(_ state: AppState) -> String {
    render(state).lines().first { $0.contains("train acc") } ?? ""
}

@Test func enterStartsARunAndSpaceDotAndPlusSteerIt() throws {
    var state = trainingState()
    #expect(state.route == .training && state.training?.settings.epochs == 2)
    var effects = reduce(&state, action(for: .enter, in: state))
    #expect(effects == [.training(.start(TrainingRequest(runID: 1, settings: state.training!.settings)))])
    #expect(state.tickInterval.map { $0 <= 60 } == true)
    // Space pauses, . steps one batch while paused, Space resumes.
    _ = reduce(&state, .training(.updateReceived(TrainingUpdate(runID: 1, progress: progress(step: 1), points: []))))
    effects = reduce(&state, action(for: .character(" "), in: state))
    #expect(effects == [.training(.pause)] && state.training?.phase == .paused)
    effects = reduce(&state, action(for: .character("."), in: state))
    #expect(effects == [.training(.step)])
    effects = reduce(&state, action(for: .character(" "), in: state))
    #expect(effects == [.training(.resume)] && state.training?.phase == .running)
    // + doubles the live learning rate (from what the last snapshot used).
    effects = reduce(&state, action(for: .character("+"), in: state))
    #expect(effects == [.training(.setLearningRate(0.006))])
    effects = reduce(&state, action(for: .character("-"), in: state))
    #expect(effects == [.training(.setLearningRate(0.003))])
    // Leaving stops the run.
    effects = reduce(&state, action(for: .character("q"), in: state))
    #expect(effects == [.training(.stop)] && state.route == .home)
}

@Test func syntheticSnapshotsDriveTheScreen() throws {
    var state = trainingState()
    _ = reduce(&state, .training(.startPressed))
    let stale = TrainingUpdate(runID: 0, progress: progress(step: 9), points: [TrainingPoint(step: 9, loss: 9, accuracy: 0)])
    _ = reduce(&state, .training(.updateReceived(stale)))
    #expect(state.training?.points.isEmpty == true, "an older run's update must be ignored")
    let filters = (0..<8).map { i in LabGrid(name: "filter \(i + 1)", rows: 3, columns: 3, values: (0..<9).map { Float($0 - 4 + i) / 8 }) }
    let samples = [SamplePrediction(index: 0, label: 3, predicted: 3), SamplePrediction(index: 1, label: 9, predicted: 4)]
    _ = reduce(&state, .training(.updateReceived(TrainingUpdate(
        runID: 1, progress: progress(step: 25, loss: 0.8),
        points: (1...25).map { TrainingPoint(step: $0, loss: 2.3 - Double($0) * 0.05, accuracy: Double($0) / 30) },
        filters: filters, samples: samples))))
    var text = render(state).text
    #expect(text.contains("25%  epoch 1/2  step 25"))
    #expect(metricLine(state).contains("loss 1.050") && metricLine(state).contains("train acc 83.3%"))
    #expect(text.contains("3>3+") && text.contains("9>4x"))
    // Epoch end: a confusion matrix; c shows it with precision and recall.
    var confusion = ConfusionMatrix()
    for k in 0..<10 { for _ in 0..<5 { confusion.record(actual: k, predicted: k) } }
    confusion.record(actual: 9, predicted: 4)
    let test = DataSet(name: "t", height: 2, width: 2, images: Array(repeating: 0.5, count: 51 * 4), labels: (0..<50).map { $0 / 5 } + [9])
    _ = reduce(&state, .training(.runStarted(runID: 1, test: test)))
    var predictions = (0..<50).map { $0 / 5 }
    predictions.append(4)
    _ = reduce(&state, .training(.epochFinished(EpochReport(runID: 1, epoch: 0, trainLoss: 1, trainAccuracy: 0.8, testLoss: 0.9, testAccuracy: 50.0 / 51,
                                                           samplesPerSecond: 1000, step: 50, confusion: confusion, predictions: predictions))))
    #expect(metricLine(state).contains("test acc 98.0%"))
    _ = reduce(&state, action(for: .character("c"), in: state))
    for _ in 0..<9 { _ = reduce(&state, action(for: .down, in: state)) }   // row 9
    for _ in 0..<3 { _ = reduce(&state, action(for: .right, in: state)) }  // column 4
    text = render(state).text
    #expect(text.contains("true 9, predicted 4:") && text.contains("1 sample"), "\(text)")
    #expect(text.contains("prec  rec"))
    // Enter draws the cell's digit with its test-set number; Esc goes back to the matrix.
    _ = reduce(&state, action(for: .enter, in: state))
    text = render(state).text
    #expect(state.training?.panel == .mistakes && text.contains("true 9, predicted 4: 1 test sample") && text.contains("#50"), "\(text)")
    _ = reduce(&state, action(for: .escape, in: state))
    #expect(state.training?.panel == .confusion && state.route == .training)
    // The end of the run keeps the network for the other labs.
    let network = DemoNetwork(architecture: .digits, seed: 1)
    _ = reduce(&state, .training(.runEnded(runID: 1, outcome: "done", diverged: false, network: network)))
    #expect(state.network(for: "digits") == network && state.learnedFilters.count == 8 && state.learnedFilters[0].name == "learned:1")
    #expect(state.tickInterval == nil)
}

@Test func divergenceIsShownWithAHint() {
    var state = trainingState()
    _ = reduce(&state, .training(.startPressed))
    _ = reduce(&state, .training(.runEnded(runID: 1, outcome: "diverged at step 3 (loss nan)", diverged: true, network: nil)))
    let text = render(state).text
    #expect(text.contains(" diverged at step 3 (loss nan)\n the learning rate is too high: r resets, then - lowers it"), "\(text)")
    #expect(state.networks.isEmpty)
    // The hint fits at 80 columns too.
    _ = reduce(&state, .windowResized(width: 80, height: 24))
    #expect(render(state).text.contains(" the learning rate is too high: r resets, then - lowers it"))
}

@Test func aFailureIsShownAtOnceWithAHintAndSuchARunIsNotKept() throws {
    // Synthetic: the detector's report pauses the screen with what happened and what to try.
    var state = trainingState(width: 80, height: 24)
    _ = reduce(&state, .training(.startPressed))
    _ = reduce(&state, .training(.updateReceived(TrainingUpdate(runID: 1, progress: progress(step: 20, loss: 2.3), points: []))))
    let failure = TrainingFailure.collapsed(epoch: 0, predictedClass: 1, share: 0.97, accuracy: 0.1)
    _ = reduce(&state, .training(.failureDetected(runID: 1, summary: failure.summary, hint: failure.hint)))
    let text = render(state).text
    #expect(text.contains("failed: paused"), "\(text)")
    #expect(text.contains("collapsed after epoch 1: it answers 1 for 97.0% of the test set"), "\(text)")
    #expect(text.contains("hint: the learning rate is too high: lower it"), "\(text)")
    #expect(render(state).lines().last?.contains("Space resume") == true, "the footer follows the paused run")
    // w refuses a failed run; Space resumes, but its end keeps nothing.
    _ = reduce(&state, .training(.savePressed))
    #expect(state.status?.contains("not kept") == true)
    #expect(reduce(&state, .training(.pausePressed)) == [.training(.resume)])
    _ = reduce(&state, .training(.runEnded(runID: 1, outcome: "done", diverged: false, network: DemoNetwork(architecture: .digits, seed: 1))))
    #expect(state.networks.isEmpty && state.learnedFilters.isEmpty)

    // Real, seeded: Adam at rate 10 on digits collapses (or explodes), and the trainer's
    // detector says so during the run, not after it.
    let folder = try #require(BundledContent.url(for: .data))
    let data = try DigitsDataSet.load(.digits, from: folder)
    let inbox = ActionInbox()
    let relay = TrainingSnapshotRelay(runID: 1, architecture: .digits, test: data.test, interval: 0, clock: { ProcessInfo.processInfo.systemUptime }, post: inbox.post)
    var configuration = TrainingConfiguration.defaults(for: .digits)
    configuration.learningRate = 10
    let trainer = Trainer(network: DemoNetwork(architecture: .digits, seed: 1), configuration: configuration, train: data.train, test: data.test)
    let result = trainer.run(snapshots: SnapshotRequest(every: 1, weightLayers: Set(DemoNetwork.weightedLayers)),
                             onSnapshot: relay.snapshot, onEpoch: relay.epoch, onFailure: relay.failure)
    guard case .failed(let seen) = result.outcome else {
        Issue.record("a run at rate 10 should fail, not end \(result.outcome)")
        return
    }
    #expect(result.steps < 10 * 45, "the run stops when the failure is seen, at step \(result.steps)")
    let reported = inbox.drain().compactMap { action -> String? in
        if case .training(.failureDetected(_, let summary, _)) = action { return summary }
        return nil
    }
    #expect(reported == [seen.summary])
    // A healthy run at the default rate sees no failure.
    let healthy = Trainer(network: DemoNetwork(architecture: .digits, seed: 1), configuration: TrainingConfiguration.defaults(for: .digits),
                          train: data.train, test: data.test).run()
    #expect(healthy.failure == nil && healthy.outcome == .completed)
}

@Test func aSeededRunShowsAFallingLossOnScreen() throws {
    let folder = try #require(BundledContent.url(for: .data))
    let data = try DigitsDataSet.load(.digits, from: folder)
    var state = trainingState()
    _ = reduce(&state, .training(.startPressed))
    _ = reduce(&state, .training(.runStarted(runID: 1, test: data.test)))
    let inbox = ActionInbox()
    let relay = TrainingSnapshotRelay(runID: 1, architecture: .digits, test: data.test, interval: 0, clock: { ProcessInfo.processInfo.systemUptime }, post: inbox.post)
    var configuration = TrainingConfiguration.defaults(for: .digits)
    configuration.epochs = 7   // 45 steps an epoch: 315 steps
    let trainer = Trainer(network: DemoNetwork(architecture: .digits, seed: 7), configuration: configuration, train: data.train, test: data.test)
    var shownLosses: [Double] = []
    _ = trainer.run(snapshots: SnapshotRequest(every: 1, weightLayers: Set(DemoNetwork.weightedLayers)),
                    onSnapshot: { snapshot in
                        relay.snapshot(snapshot)
                        for action in inbox.drain() { _ = reduce(&state, action) }
                        if snapshot.step % 45 == 0 {
                            let line = metricLine(state)
                            let value = line.split(separator: " ").drop { $0 != "loss" }.dropFirst().first.flatMap { Double($0) }
                            shownLosses.append(value ?? .nan)
                        }
                    },
                    onEpoch: { relay.epoch($0) })
    relay.flush()
    for action in inbox.drain() { _ = reduce(&state, action) }
    #expect(shownLosses.count == 7)
    #expect(shownLosses.allSatisfy { $0.isFinite }, "\(shownLosses)")
    #expect(shownLosses.last! < shownLosses.first! * 0.5, "the loss on screen should fall: \(shownLosses)")
    #expect(state.training?.progress?.step == 315)
    #expect((state.training?.lastEpoch?.testAccuracy ?? 0) > 0.9)
}

@Test func theTrainingScreenRendersAt80x24And120x40() throws {
    for (w, h) in [(80, 24), (120, 40)] {
        for (name, caps) in [("plain", Capabilities.plain), ("256", Capabilities(colorLevel: .indexed256, unicode: true))] {
            var state = trainingState(width: w, height: h, capabilities: caps)
            _ = reduce(&state, .training(.startPressed))
            let filters = (0..<8).map { i in LabGrid(name: "f", rows: 3, columns: 3, values: (0..<9).map { Float(($0 + i) % 5 - 2) / 2 }) }
            let points = (1...60).map { TrainingPoint(step: $0, loss: 2.3 * exp(-Double($0) / 15) + 0.1, accuracy: 1 - exp(-Double($0) / 12)) }
            _ = reduce(&state, .training(.updateReceived(TrainingUpdate(runID: 1, progress: progress(step: 60), points: points, filters: filters,
                samples: (0..<12).map { SamplePrediction(index: $0, label: $0 % 10, predicted: $0 == 5 ? 3 : $0 % 10) }))))
            let snapshot = "labs/training-\(w)x\(h)-\(name)"
            #expect(Snapshot.verify(Snapshot.describe(render(state), styles: name != "plain"), named: snapshot) == nil, "\(snapshot)")
        }
    }
}

@Test func theSamplePredictionsAreFreshAtEachEpochEnd() throws {
    // With throttling that never lets a sample refresh through (interval 100 s), the epoch's end
    // must still send verdicts that agree with that epoch's test predictions.
    let folder = try #require(BundledContent.url(for: .data))
    let data = try DigitsDataSet.load(.digits, from: folder)
    let inbox = ActionInbox()
    let relay = TrainingSnapshotRelay(runID: 1, architecture: .digits, test: data.test, interval: 100, clock: { ProcessInfo.processInfo.systemUptime }, post: inbox.post)
    var configuration = TrainingConfiguration.defaults(for: .digits)
    configuration.epochs = 2
    _ = Trainer(network: DemoNetwork(architecture: .digits, seed: 5), configuration: configuration, train: data.train, test: nil)
        .run(snapshots: SnapshotRequest(every: 1, weightLayers: Set(DemoNetwork.weightedLayers)), onSnapshot: relay.snapshot, onEpoch: relay.epoch)
    var latestSamples: [SamplePrediction]?
    var checked = 0
    for action in inbox.drain() {
        switch action {
        case .training(.updateReceived(let update)):
            if let samples = update.samples { latestSamples = samples }
        case .training(.epochFinished(let report)):
            let samples = try #require(latestSamples, "epoch \(report.epoch)")
            for s in samples { #expect(s.predicted == report.predictions[s.index], "epoch \(report.epoch) sample \(s.index)") }
            checked += 1
        default: break
        }
    }
    #expect(checked == 2)
}

@Test func plusAndMinusStepFromALabBlocksUnlistedValues() throws {
    // Lessons 5-7 open training with lr=0.05 (not one of the listed rates): + must go to 0.1
    // and - to 0.03, not jump to the list's start. The same for a batch of 100 and 100 epochs.
    for (up, rate, batch, epochs) in [(true, Float(0.1), 128, 100), (false, Float(0.03), 64, 99)] {
        var state = AppState(width: 100, height: 30, capabilities: .plain)
        _ = reduce(&state, .labRequested(kind: "training", settings: [("lr", "0.05"), ("batch", "100"), ("epochs", "100"), ("optimizer", "sgd")]))
        let key: Key = .character(up ? "+" : "-")
        for field in [TrainingScreenState.Field.learningRate, .batchSize, .epochs] {
            state.training?.focus = field
            _ = reduce(&state, action(for: key, in: state))
        }
        let s = try #require(state.training?.settings)
        #expect(s.learningRate == rate && s.batchSize == batch && s.epochs == epochs, "\(up ? "+" : "-"): \(s)")
    }
}

@Test func whilePausedEachStepReachesTheScreen() throws {
    // Throttled to one update in 100 s, a paused run must still show every `.` step at once.
    let folder = try #require(BundledContent.url(for: .data))
    let data = try DigitsDataSet.load(.digits, from: folder)
    let inbox = ActionInbox()
    let control = TrainingControl(startPaused: true)
    let relay = TrainingSnapshotRelay(runID: 1, architecture: .digits, test: data.test, interval: 100, control: control, clock: { ProcessInfo.processInfo.systemUptime }, post: inbox.post)
    let finished = DispatchSemaphore(value: 0)
    _ = Trainer.start(network: DemoNetwork(architecture: .digits, seed: 1), configuration: TrainingConfiguration.defaults(for: .digits),
                      train: data.train, control: control, snapshots: SnapshotRequest(every: 1, weightLayers: Set(DemoNetwork.weightedLayers)),
                      onSnapshot: relay.snapshot, onEpoch: relay.epoch, completion: { _ in finished.signal() })
    var shown = 0
    for expected in 1...3 {
        control.stepOnce()
        let deadline = Date().addingTimeInterval(5)
        while shown < expected && Date() < deadline {
            for case .training(.updateReceived(let update)) in inbox.drain() { shown = update.progress.step }
            Thread.sleep(forTimeInterval: 0.005)
        }
        #expect(shown == expected, "after \(expected) steps the screen shows step \(shown)")
    }
    control.stop()
    #expect(finished.wait(timeout: .now() + 5) == .success)
}

@Test func lessAndMoreChangeThePaceLiveThroughEveryLevel() throws {
    var state = trainingState()
    // Before a run: the level is kept for the run, and the setup line says the pace.
    #expect(render(state).text.contains("10 steps/s (< > change the pace)"))
    var effects = reduce(&state, action(for: .character("<"), in: state))
    #expect(effects.isEmpty && state.training?.stepsPerSecond == 3)
    effects = reduce(&state, action(for: .enter, in: state))
    #expect(effects == [.training(.start(TrainingRequest(runID: 1, settings: state.training!.settings, stepsPerSecond: 3)))])
    // During a run each press is one effect on the live control, up to full speed and back.
    var seen: [Double?] = []
    for _ in 0..<6 {
        effects = reduce(&state, action(for: .character(">"), in: state))
        for case .training(.setSpeed(let rate)) in effects { seen.append(rate) }
    }
    #expect(seen == [10, 30, 100, nil, nil, nil])
    #expect(metricLine(state).contains("full speed") || render(state).text.contains("full speed"))
    seen = []
    for _ in 0..<6 {
        effects = reduce(&state, action(for: .character("<"), in: state))
        for case .training(.setSpeed(let rate)) in effects { seen.append(rate) }
    }
    #expect(seen == [100, 30, 10, 3, 1, 1])
    #expect(render(state).lines().last?.contains("< > speed") == true)
}

@Test func theMnistConfusionMatrixAndItsDigitsFitAt80x24() throws {
    let folder = try #require(BundledContent.url(for: .data))
    let test = try DigitsDataSet.load(.mnist5k, from: folder).test
    var state = AppState(width: 80, height: 24, capabilities: .plain)
    _ = reduce(&state, .labRequested(kind: "training", settings: [("dataset", "mnist")]))
    _ = reduce(&state, .training(.startPressed))
    _ = reduce(&state, .training(.runStarted(runID: 1, test: test)))
    // Every 13th sample is called the next class: about 100 a class, 3-digit counts.
    var predictions = test.labels
    for i in stride(from: 0, to: test.count, by: 13) { predictions[i] = (test.labels[i] + 1) % 10 }
    let report = EvaluationReport(labels: test.labels, predictions: predictions, loss: 0.3)
    _ = reduce(&state, .training(.updateReceived(TrainingUpdate(runID: 1, progress: progress(step: 157, of: 157), points: []))))
    _ = reduce(&state, .training(.epochFinished(EpochReport(runID: 1, epoch: 0, trainLoss: 0.4, trainAccuracy: 0.9, testLoss: 0.3,
                                                           testAccuracy: report.accuracy, samplesPerSecond: 1000, step: 157,
                                                           confusion: report.confusion, predictions: predictions))))
    _ = reduce(&state, action(for: .character("c"), in: state))
    for _ in 0..<3 { _ = reduce(&state, action(for: .down, in: state)) }   // true 3
    for _ in 0..<3 { _ = reduce(&state, action(for: .right, in: state)) } // predicted 4
    let matrix = render(state)
    // Precision and recall whole on every class row.
    let metrics = report.confusion.perClass
    for k in 0..<10 {
        let row = try #require(matrix.lines().first { $0.hasPrefix("  \(k) ") })
        let expected = NumberText.fixed(metrics[k].precision, decimals: 2) + "  " + NumberText.fixed(metrics[k].recall, decimals: 2)
        #expect(row.contains(expected), "row \(k): \(row)")
    }
    #expect(Snapshot.verify(Snapshot.describe(matrix, styles: false), named: "labs/training-mnist-confusion-80x24") == nil)
    // Enter draws the cell's misclassified digits, numbered as in the test set.
    _ = reduce(&state, action(for: .enter, in: state))
    let mistakes = try #require(state.training?.selectedMistakes)
    #expect(!mistakes.isEmpty)
    let drawn = render(state)
    #expect(drawn.text.contains("#\(mistakes[0])") && drawn.text.contains("true 3, predicted 4: \(mistakes.count) test samples"), "\(drawn.text)")
    #expect(Snapshot.verify(Snapshot.describe(drawn, styles: false), named: "labs/training-mnist-mistakes-80x24") == nil)
}
