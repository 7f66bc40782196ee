import Foundation
import Testing
import TinyCNN

/// Forward passes against numbers from `scripts/fixtures/make_tinycnn_fixtures.py` (NumPy/SciPy).
@Suite struct ForwardFixtureTests {
    /// Allowed `|ours − reference| / max(1, |reference|)`.
    static let relativeTolerance: Float = 1e-5

    struct Stored: Decodable {
        var shape: [Int]
        var values: [Float]
        var tensor: Tensor { Tensor(shape: shape, storage: values) }
    }

    struct ConvCase: Decodable {
        var name: String
        var stride, padding, dilation: Int
        var input, weight, bias, output: Stored
    }

    struct PoolCase: Decodable {
        var name, mode: String
        var kernel, stride, padding: Int
        var input, output: Stored
    }

    struct LossCase: Decodable {
        var name: String
        var logits: Stored
        var labels: [Int]
        var loss: Float
        var probabilities, gradient: Stored
    }

    struct Fixtures: Decodable {
        var conv: [ConvCase]
        var pool: [PoolCase]
        var loss: [LossCase]
    }

    static func load() throws -> Fixtures {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/forward.json")
        return try JSONDecoder().decode(Fixtures.self, from: Data(contentsOf: url))
    }

    /// The worst relative difference and where, or nil when every value is within tolerance.
    static func mismatch(_ ours: Tensor, _ reference: Tensor) -> String? {
        guard ours.shape == reference.shape else { return "shape \(ours.shape), expected \(reference.shape)" }
        var worst: Float = 0, worstIndex = 0
        for i in 0..<ours.count {
            let error = abs(ours.storage[i] - reference.storage[i]) / max(1, abs(reference.storage[i]))
            if error > worst { worst = error; worstIndex = i }
        }
        guard worst > relativeTolerance else { return nil }
        return "worst relative error \(worst) at \(worstIndex): \(ours.storage[worstIndex]) vs \(reference.storage[worstIndex])"
    }

    @Test func convolutionMatchesNumPy() throws {
        let fixtures = try Self.load()
        #expect(fixtures.conv.count >= 8)
        for c in fixtures.conv {
            let w = c.weight.shape
            let conv = Conv2D(inChannels: w[1], filters: w[0], kernelHeight: w[2], kernelWidth: w[3],
                              stride: c.stride, padding: c.padding, dilation: c.dilation)
            conv.weight.value = c.weight.tensor
            conv.bias?.value = c.bias.tensor
            let output = conv.forward(c.input.tensor, training: false)
            #expect(Self.mismatch(output, c.output.tensor) == nil, "\(c.name): \(Self.mismatch(output, c.output.tensor) ?? "")")
        }
    }

    @Test func poolingMatchesNumPy() throws {
        let fixtures = try Self.load()
        #expect(Set(fixtures.pool.map(\.mode)) == ["max", "avg"])
        for c in fixtures.pool {
            let layer: any Layer = c.mode == "max"
                ? MaxPool2D(kernelSize: c.kernel, stride: c.stride, padding: c.padding)
                : AvgPool2D(kernelSize: c.kernel, stride: c.stride, padding: c.padding)
            let output = layer.forward(c.input.tensor, training: false)
            #expect(Self.mismatch(output, c.output.tensor) == nil, "\(c.name): \(Self.mismatch(output, c.output.tensor) ?? "")")
        }
    }

    @Test func lossMatchesSciPy() throws {
        let fixtures = try Self.load()
        for c in fixtures.loss {
            let result = SoftmaxCrossEntropy()(logits: c.logits.tensor, labels: c.labels)
            #expect(abs(result.loss - c.loss) / max(1, abs(c.loss)) <= Self.relativeTolerance, "\(c.name): loss \(result.loss) vs \(c.loss)")
            #expect(Self.mismatch(result.probabilities, c.probabilities.tensor) == nil, "\(c.name) probabilities")
            #expect(Self.mismatch(result.gradient, c.gradient.tensor) == nil, "\(c.name) gradient")
        }
    }
}
