import Testing
import TinyCNN

@Suite struct IntrospectionTests {
    static func smoothModel() throws -> Sequential {
        try Sequential(spec: ModelSpec(parsing: "conv 4 3 pad 1, tanh, avgpool 2, conv 6 3, tanh, dense 10"),
                       inputShape: [1, 8, 8], seed: 4)
    }

    @Test func activationsForEveryLayer() throws {
        let model = try Sequential(spec: .digits, inputShape: [1, 8, 8], seed: 3)
        let sample = GradientCheck.random([1, 8, 8], seed: 1)
        let activations = model.activations(for: sample)
        #expect(activations.map(\.shape) == model.outputShapes)
        let logits = model.forward(sample.reshaped([1, 1, 8, 8]))
        #expect(activations.last?.storage == logits.storage)
        // ReLU outputs are never negative; the first ReLU is the first conv clamped at 0.
        #expect(activations[1].storage == activations[0].storage.map { max(0, $0) })
        let p = model.probabilities(for: sample)
        #expect(abs(p.reduce(0, +) - 1) < 1e-5 && p.count == 10)
    }

    @Test func saliencyIsTheInputGradientOfTheClassScore() throws {
        let model = try Self.smoothModel()
        let sample = GradientCheck.random([1, 8, 8], seed: 2)
        let saliency = model.saliency(input: sample, classIndex: 3)
        #expect(saliency.shape == [1, 8, 8])
        #expect(model.parameters.allSatisfy { $0.grad.storage.allSatisfy { $0 == 0 } }, "gradients are left zeroed")
        func score(_ x: Tensor) -> Double { Double(model.forward(x.reshaped([1, 1, 8, 8])).storage[3]) }
        var report = GradientCheck.Report()
        GradientCheck.compare(saliency, input: sample, at: 0..<sample.count, into: &report, "pixel", score)
        #expect(report.passed, "\(report)")
    }

    @Test func occlusionRecordsTheClassProbabilityForEachPatch() throws {
        let model = try Self.smoothModel()
        let sample = GradientCheck.random([1, 8, 8], seed: 5)
        let map = model.occlusion(input: sample, classIndex: 7, patch: 3, stride: 2)
        #expect(map.shape == [3, 3])
        for (row, column) in [(0, 0), (1, 2), (2, 1)] {
            var hidden = sample
            for r in (row * 2)..<(row * 2 + 3) { for c in (column * 2)..<(column * 2 + 3) { hidden.storage[r * 8 + c] = 0 } }
            let expected = model.probabilities(for: hidden)[7]
            #expect(abs(map[row, column] - expected) < 1e-6, "position (\(row), \(column))")
        }
    }
}
