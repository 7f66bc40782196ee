import Foundation
import Testing
import TinyCNN

@Suite struct ModelFileTests {
    static func scratch(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("tinycnn-\(UUID().uuidString)-\(name)")
    }

    @Test func saveLoadGivesIdenticalWeightsAndPredictions() throws {
        let spec = try ModelSpec(parsing: "conv 4 3 pad 1, batchnorm, relu, maxpool 2, dropout 0.2, dense 10")
        let model = try Sequential(spec: spec, inputShape: [1, 8, 8], seed: 5)
        // Train a step so BatchNorm's running statistics are not their defaults.
        let input = GradientCheck.random([6, 1, 8, 8], seed: 2)
        let result = SoftmaxCrossEntropy()(logits: model.forward(input, training: true), labels: [0, 1, 2, 3, 4, 5])
        model.backward(result.gradient)
        SGD(parameters: model.parameters, learningRate: 0.1).step()
        let url = Self.scratch("model.json")
        defer { try? FileManager.default.removeItem(at: url) }
        try model.save(to: url, metadata: ["dataset": "test"])
        let loaded = try Sequential.load(from: url)
        #expect(loaded.spec == model.spec && loaded.inputShape == model.inputShape)
        let before = (model.parameters + model.buffers).flatMap { $0.value.storage.map(\.bitPattern) }
        let after = (loaded.parameters + loaded.buffers).flatMap { $0.value.storage.map(\.bitPattern) }
        #expect(before == after)
        let a = model.forward(input), b = loaded.forward(input)
        #expect(a.storage.map(\.bitPattern) == b.storage.map(\.bitPattern))
        #expect(model.predict(input) == loaded.predict(input))
        let file = try ModelFile.read(from: url)
        #expect(file.format == "cnn-tutor-model" && file.version == 1 && file.metadata?["dataset"] == "test")
        #expect(file.weights.first.map { [$0.layer, $0.shape.count] } == [1, 4])
    }

    @Test func loadingIntoAnotherArchitectureFailsCleanly() throws {
        let url = Self.scratch("digits.json")
        defer { try? FileManager.default.removeItem(at: url) }
        try Sequential(spec: .digits, inputShape: [1, 8, 8], seed: 1).save(to: url)
        let other = try Sequential(spec: ModelSpec(parsing: "conv 4 3, relu, dense 10"), inputShape: [1, 8, 8], seed: 1)
        let weightsBefore = other.parameters.flatMap(\.value.storage)
        #expect(throws: ModelFileError.architectureMismatch(
            path: url.path, expected: "conv 4 3, relu, dense 10 for 1×8×8",
            found: "\(ModelSpec.digits) for 1×8×8")) {
            try other.loadWeights(from: url)
        }
        #expect(other.parameters.flatMap(\.value.storage) == weightsBefore)
        // The same architecture loads.
        let same = try Sequential(spec: .digits, inputShape: [1, 8, 8], seed: 2)
        try same.loadWeights(from: url)
    }

    @Test func badFilesGiveTypedErrorsNamingTheFile() throws {
        let url = Self.scratch("bad.json")
        defer { try? FileManager.default.removeItem(at: url) }
        let good = String(decoding: try ModelFile(model: Sequential(spec: ModelSpec(parsing: "dense 2"), inputShape: [3], seed: 1)).encoded(), as: UTF8.self)
        let cases: [(String, ModelFileError)] = [
            ("not json", .notAModelFile(path: url.path, reason: "not a JSON object")),
            ("{\"format\": \"keras\", \"version\": 1}", .notAModelFile(path: url.path, reason: "format is 'keras'")),
            (good.replacingOccurrences(of: "\"version\":1", with: "\"version\":2"), .unsupportedVersion(path: url.path, found: 2)),
            (good.replacingOccurrences(of: "\"spec\":\"dense 2\"", with: "\"spec\":\"dense x\""),
             .invalidSpec(path: url.path, error: ModelSpecError(item: 1, text: "dense x", reason: "'x' is not a whole number (the number of units)"))),
            (good.replacingOccurrences(of: "\"shape\":[2,3]", with: "\"shape\":[3,2]"),
             .weightsMismatch(path: url.path, reason: "layer 1 weight should be 2×3 (6 values), found 3×2 with 6 values")),
            (good.replacingOccurrences(of: "\"weights\"", with: "\"weightz\""), .notAModelFile(path: url.path, reason: "no \"weights\" field")),
        ]
        for (text, expected) in cases {
            try Data(text.utf8).write(to: url)
            #expect(throws: expected, "\(text.prefix(60))") { try Sequential.load(from: url) }
        }
        let missing = Self.scratch("missing.json")
        #expect(throws: ModelFileError.unreadable(path: missing.path, reason: "no such file")) { try Sequential.load(from: missing) }
        #expect(ModelFileError.unsupportedVersion(path: "m.json", found: 2).description
                == "m.json: model file version 2 is not supported (this tutor reads version 1)")
    }
}
