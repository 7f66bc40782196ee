import Foundation
import Testing
@testable import TinyCNN
import TutorResources

/// Saving and loading trained demo nets, and the fused kernels against the general layers.
@Suite struct ModelFileTests {
    static func trained(_ architecture: DemoArchitecture, data: DataSet, steps: Int) -> DemoNetwork {
        var c = TrainingConfiguration.defaults(for: architecture.side == 8 ? .digits : .mnist5k)
        c.epochs = 1
        return Trainer(network: DemoNetwork(architecture: architecture, seed: 7), configuration: c,
                       train: data.prefix(steps * 32)).run().network
    }

    @Test func saveThenLoadGivesIdenticalPredictions() throws {
        let folder = try #require(BundledContent.url(for: .data))
        let digits = try DigitsDataSet.load(.digits, from: folder)
        let net = Self.trained(.digits, data: digits.train, steps: 20)
        let dir = try TemporaryFolder()
        let url = dir.url.appendingPathComponent("digits.json")
        try net.save(to: url, metadata: ["dataset": "digits"])
        let loaded = try DemoNetwork(contentsOf: url)
        #expect(loaded.architecture == .digits)
        #expect(loaded.parameters == net.parameters, "weights read back bit for bit")
        let before = net.evaluate(digits.test), after = loaded.evaluate(digits.test)
        #expect(after.predictions == before.predictions && after.loss == before.loss)
        // The same file through the general layer library gives the same answers.
        let general = try Sequential.load(from: url)
        let layered = general.evaluate(digits.test)
        #expect(layered.predictions == before.predictions)
        #expect(abs(layered.loss - before.loss) < 1e-5 * max(1, before.loss), "loss \(layered.loss) vs \(before.loss)")
    }

    @Test func theMnistNetAgreesWithTheGeneralLayers() throws {
        let folder = try #require(BundledContent.url(for: .data))
        let mnist = try DigitsDataSet.load(.mnist5k, from: folder)
        let net = Self.trained(.mnist, data: mnist.train, steps: 5)
        let test = mnist.test.prefix(200)
        let fused = net.evaluate(test), layered = net.sequential().evaluate(test)
        #expect(layered.predictions == fused.predictions)
        #expect(abs(layered.loss - fused.loss) < 1e-5 * max(1, fused.loss))
        let round = try #require(DemoNetwork(sequential: net.sequential()))
        #expect(round.parameters == net.parameters)
    }

    @Test func loadingAnotherArchitectureFailsCleanly() throws {
        let dir = try TemporaryFolder()
        let other = dir.url.appendingPathComponent("other.json")
        try Sequential(spec: ModelSpec(parsing: "conv 4 3, relu, flatten, dense 10"), inputShape: [1, 8, 8], seed: 1)
            .save(to: other)
        #expect(throws: ModelFileError.self) { try DemoNetwork(contentsOf: other) }
        do {
            _ = try DemoNetwork(contentsOf: other)
        } catch {
            guard case let .architectureMismatch(path, _, found) = error else { Issue.record("got \(error)"); return }
            #expect(path == other.path && found.hasPrefix("conv 4 3"))
        }
        // A digits net's weights under the mnist net's input size do not fit.
        let digitsFile = dir.url.appendingPathComponent("digits.json")
        try DemoNetwork(architecture: .digits, seed: 1).save(to: digitsFile)
        var json = try String(contentsOf: digitsFile, encoding: .utf8)
        json = json.replacingOccurrences(of: "\"inputShape\":[1,8,8]", with: "\"inputShape\":[1,28,28]")
        let edited = dir.url.appendingPathComponent("edited.json")
        try json.write(to: edited, atomically: true, encoding: .utf8)
        #expect(throws: ModelFileError.self) { try DemoNetwork(contentsOf: edited) }
        let garbage = dir.url.appendingPathComponent("garbage.json")
        try Data("{\"format\": \"cnn-tutor-model\", \"version\": 1, \"spec\": 3".utf8).write(to: garbage)
        #expect(throws: ModelFileError.self) { try DemoNetwork(contentsOf: garbage) }
        #expect(throws: ModelFileError.self) { try DemoNetwork(contentsOf: dir.url.appendingPathComponent("missing.json")) }
    }

    @Test func demoArchitecturesAreRecognisedFromTheirSpecs() throws {
        #expect(DemoArchitecture(spec: .digits, inputShape: [1, 8, 8]) == .digits)
        #expect(DemoArchitecture(spec: .mnist, inputShape: [1, 28, 28]) == .mnist)
        #expect(DemoArchitecture.digits.modelSpec == .digits && DemoArchitecture.mnist.modelSpec == .mnist)
        #expect(DemoArchitecture(spec: .digits, inputShape: [1, 28, 28])?.hidden == 32)
        #expect(DemoArchitecture(spec: .digits, inputShape: [3, 8, 8]) == nil)
        #expect(DemoArchitecture(spec: try ModelSpec(parsing: "conv 8 3 pad 1, relu, maxpool 2, conv 16 3 pad 1, relu, avgpool 2, flatten, dense 32, relu, dense 10"),
                                 inputShape: [1, 8, 8]) == nil)
        // Parameter counts as in data/README.md's nets.
        #expect(DemoNetwork(architecture: .digits, seed: 1).parameterCount == 3658)
        #expect(DemoNetwork(architecture: .mnist, seed: 1).parameterCount == 80 + 1168 + 784 * 64 + 64 + 650)
    }
}
