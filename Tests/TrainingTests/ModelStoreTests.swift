import Foundation
import Testing
@testable import TinyCNN
import TutorResources

/// The state directory's model store: descriptive names that never collide, demo networks,
/// names that cannot leave the store.
@Suite struct ModelStoreTests {
    static let date = Date(timeIntervalSince1970: 1_796_400_000)   // 2026-12-04 16:00:00 UTC

    @Test func namesSayWhatTheNetworkIs() {
        #expect(ModelStore.name(dataset: "digits", accuracy: 0.98125, date: Self.date) == "digits-98.1pct-20261204-160000")
        #expect(ModelStore.name(dataset: "mnist", accuracy: 1, date: Self.date) == "mnist-100.0pct-20261204-160000")
        #expect(ModelStore.name(dataset: "mnist", accuracy: nil, date: Self.date) == "mnist-20261204-160000")
        #expect(ModelStore.name(dataset: "digits", accuracy: .nan, date: Self.date) == "digits-20261204-160000")
    }

    @Test func savesNeverCollideNorOverwrite() throws {
        let dir = try TemporaryFolder()
        let store = ModelStore(stateDirectory: dir.url)
        let info = NetworkInfo(dataset: "digits", trainedAt: Self.date, testAccuracy: 0.975, origin: "live")
        // The same name five times in a row, then twenty from two threads at once.
        var urls: [URL] = []
        for seed in 1...5 { urls.append(try store.save(DemoNetwork(architecture: .digits, seed: UInt64(seed)), info: info)) }
        #expect(urls.map(\.lastPathComponent) == ["digits-97.5pct-20261204-160000.json"] + (2...5).map { "digits-97.5pct-20261204-160000-\($0).json" })
        final class Saved: @unchecked Sendable {
            let lock = NSLock()
            var urls: [URL] = []
            func add(_ url: URL) { lock.lock(); urls.append(url); lock.unlock() }
        }
        let saved = Saved()
        DispatchQueue.concurrentPerform(iterations: 20) { i in
            if let url = try? store.save(DemoNetwork(architecture: .digits, seed: UInt64(100 + i)), info: info) { saved.add(url) }
        }
        let concurrent = saved.urls
        let all = urls + concurrent
        #expect(concurrent.count == 20 && Set(all.map(\.path)).count == 25)
        #expect(store.names().count == 25)
        // Each file holds the network saved under its name (nothing was overwritten).
        let (first, firstInfo) = try store.load(named: "digits-97.5pct-20261204-160000")
        #expect(first == DemoNetwork(architecture: .digits, seed: 1))
        #expect(firstInfo.dataset == "digits" && firstInfo.testAccuracy == 0.975 && firstInfo.origin == "live" && firstInfo.trainedAt == Self.date)
        let (fifth, _) = try store.load(named: "digits-97.5pct-20261204-160000-5.json")
        #expect(fifth == DemoNetwork(architecture: .digits, seed: 5))
    }

    @Test func theDemoNetworkIsReplacedInPlace() throws {
        let dir = try TemporaryFolder()
        let store = ModelStore(stateDirectory: dir.url)
        let mnist = DemoNetwork(architecture: .mnist, seed: 2)
        try store.saveDemo(DemoNetwork(architecture: .mnist, seed: 1), info: NetworkInfo(dataset: "mnist", trainedAt: nil, testAccuracy: nil, origin: "demo"))
        let url = try store.saveDemo(mnist, info: NetworkInfo(dataset: "mnist", trainedAt: Self.date, testAccuracy: 0.96, origin: "demo"))
        #expect(url.lastPathComponent == "demo-mnist.json" && store.names() == ["demo-mnist"])
        let (loaded, info) = try store.load(named: ModelStore.demoName("mnist"))
        #expect(loaded == mnist && info.dataset == "mnist" && info.testAccuracy == 0.96)
    }

    @Test func namesCannotLeaveTheStore() throws {
        let dir = try TemporaryFolder()
        let store = ModelStore(stateDirectory: dir.url)
        _ = try store.save(DemoNetwork(architecture: .digits, seed: 1), info: NetworkInfo(dataset: "digits", trainedAt: Self.date, testAccuracy: nil, origin: "live"))
        for hostile in ["", "../models/digits-20261204-160000", "/etc/passwd", ".hidden", "a/b", String(repeating: "x", count: 300), "digits\u{1B}[2J"] {
            #expect(store.url(named: hostile) == nil, "\(hostile.prefix(20))")
        }
        #expect(store.url(named: "digits-20261204-160000") != nil)
        #expect(throws: ModelStoreError.self) { try store.load(named: "nope") }
        // A file that is not a model is a clear error naming it.
        try Data("{\"format\": \"other\"}".utf8).write(to: store.directory.appendingPathComponent("junk.json"))
        do {
            _ = try store.load(named: "junk")
            Issue.record("junk loaded")
        } catch {
            #expect("\(error)".contains("junk.json"), "\(error)")
        }
    }
}

/// The failure detector on its own: collapse, chance twice, explosion, and a healthy run.
@Suite struct FailureDetectorTests {
    static func report(predicting predicted: (Int) -> Int, labels: [Int]) -> EvaluationReport {
        var confusion = ConfusionMatrix()
        for (i, label) in labels.enumerated() { confusion.record(actual: label, predicted: predicted(i)) }
        return EvaluationReport(loss: 2.3, confusion: confusion, misclassified: [], predictions: labels.indices.map(predicted))
    }

    static let labels = (0..<200).map { $0 % 10 }

    @Test func oneClassForMostOfTheTestSetIsACollapse() {
        var detector = FailureDetector()
        let collapsed = Self.report(predicting: { $0 % 20 == 0 ? 3 : 7 }, labels: Self.labels)   // 95% sevens
        guard case let .collapsed(epoch, predicted, share, _)? = detector.evaluation(epoch: 2, report: collapsed) else {
            Issue.record("not a collapse")
            return
        }
        #expect(epoch == 2 && predicted == 7 && abs(share - 0.95) < 1e-9)
        // 85% of one class is not yet.
        var other = FailureDetector()
        #expect(other.evaluation(epoch: 0, report: Self.report(predicting: { $0 % 20 < 3 ? $0 % 10 : 7 }, labels: Self.labels)) == nil)
    }

    @Test func chanceTwiceRunningIsAFailureOnceIsNot() {
        var detector = FailureDetector()
        let guessing = Self.report(predicting: { ($0 * 7 + 3) % 10 }, labels: Self.labels)   // every class, about 10% right
        #expect(guessing.accuracy <= FailureDetector.chanceAccuracy)
        #expect(detector.evaluation(epoch: 0, report: guessing) == nil)
        let good = Self.report(predicting: { Self.labels[$0] }, labels: Self.labels)
        #expect(detector.evaluation(epoch: 1, report: good) == nil)
        #expect(detector.evaluation(epoch: 2, report: guessing) == nil, "the streak restarts after a good evaluation")
        guard case .atChance(epoch: 3, _, _)? = detector.evaluation(epoch: 3, report: guessing) else {
            Issue.record("two evaluations at chance must fail")
            return
        }
    }

    @Test func aSmoothedLossPastTheLimitIsAnExplosion() {
        var detector = FailureDetector()
        // One batch at 200 is smoothed away; losses in the thousands are not.
        for step in 1...20 { #expect(detector.step(step, loss: 2.0) == nil) }
        #expect(detector.step(21, loss: 200) == nil)
        for step in 22...24 { _ = detector.step(step, loss: 1.0) }
        var seen: TrainingFailure?
        for step in 25...60 where seen == nil { seen = detector.step(step, loss: 1e4) }
        guard case .exploded(let step, let loss)? = seen else {
            Issue.record("no explosion")
            return
        }
        #expect(step == 25 && loss > FailureDetector.explosionLoss)
        var nan = FailureDetector()
        #expect(nan.step(1, loss: .nan) != nil)
    }
}
