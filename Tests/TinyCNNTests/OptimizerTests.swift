import Testing
import TinyCNN

@Suite struct OptimizerTests {
    /// One parameter `[1, −2]` whose gradient is set to `[0.5, −0.25]` before every step.
    static func run(_ steps: Int, _ make: ([Parameter]) -> any Optimizer) -> [Float] {
        let p = Parameter(name: "w", value: Tensor(shape: [2], storage: [1, -2]))
        let optimizer = make([p])
        for _ in 0..<steps {
            p.grad = Tensor(shape: [2], storage: [0.5, -0.25])
            optimizer.step()
            #expect(p.grad.storage == [0, 0], "step zeroes the gradient")
        }
        return p.value.storage
    }

    static func close(_ a: [Float], _ b: [Float], _ tolerance: Float = 1e-6) -> Bool {
        zip(a, b).allSatisfy { abs($0 - $1) <= tolerance }
    }

    @Test func plainSGD() {
        // w ← w − 0.1·g, twice.
        #expect(Self.close(Self.run(2) { SGD(parameters: $0, learningRate: 0.1) }, [0.9, -1.95]))
    }

    @Test func momentum() {
        // v₁ = g, w₁ = w₀ − 0.1·g; v₂ = 0.9·g + g = 1.9·g, w₂ = w₁ − 0.19·g.
        let expected: [Float] = [0.855, -1.9275]
        #expect(Self.close(Self.run(2) { SGD(parameters: $0, learningRate: 0.1, momentum: 0.9) }, expected))
    }

    @Test func nesterov() {
        // step 1: v = g, d = g + 0.9·g = 1.9·g; step 2: v = 1.9·g, d = g + 0.9·1.9·g = 2.71·g.
        let w = Self.run(2) { SGD(parameters: $0, learningRate: 0.1, momentum: 0.9, nesterov: true) }
        let factor: Float = 1.9 + 2.71
        let expected: [Float] = [1 - 0.05 * factor, -2 + 0.025 * factor]
        #expect(Self.close(w, expected))
    }

    @Test func weightDecay() {
        // d = g + 0.1·w: [0.5 + 0.1, −0.25 − 0.2] → w = [1 − 0.06, −2 + 0.045].
        #expect(Self.close(Self.run(1) { SGD(parameters: $0, learningRate: 0.1, weightDecay: 0.1) }, [0.94, -1.955]))
    }

    @Test func adamMovesByTheLearningRateUnderAConstantGradient() {
        // With bias correction, m̂ = g and v̂ = g² at every step of a constant gradient, so each
        // step moves by lr·g/(|g| + ε) ≈ lr against the gradient's sign.
        let w = Self.run(3) { Adam(parameters: $0, learningRate: 0.1) }
        let expected: [Float] = [0.7, -1.7]
        #expect(Self.close(w, expected, 1e-5))
        let adam = Adam(parameters: [Parameter(name: "w", value: Tensor(shape: [1]))], learningRate: 0.01)
        adam.step()
        #expect(adam.timestep == 1)
    }

    @Test func trainingTheDigitsNetLowersTheLoss() throws {
        let data = MatrixTests.dataDirectory
        let images = try IDXFile(contentsOf: data.appendingPathComponent("digits-train-images.idx3-ubyte"))
        let labels = try IDXFile(contentsOf: data.appendingPathComponent("digits-train-labels.idx1-ubyte"))
        let n = 256, batch = 32
        let x = Tensor(shape: [n, 1, 8, 8], storage: images.bytes.prefix(n * 64).map { Float($0) / 16 })
        let y = labels.bytes.prefix(n).map(Int.init)
        let model = try Sequential(spec: .digits, inputShape: [1, 8, 8], seed: 1)
        let optimizer = SGD(parameters: model.parameters, learningRate: 0.05, momentum: 0.9)
        let loss = SoftmaxCrossEntropy()
        var epochLosses: [Float] = []
        for _ in 0..<8 {
            var total: Float = 0
            for start in stride(from: 0, to: n, by: batch) {
                let xb = Tensor(shape: [batch, 1, 8, 8], storage: Array(x.storage[(start * 64)..<((start + batch) * 64)]))
                let result = loss(logits: model.forward(xb, training: true), labels: Array(y[start..<(start + batch)]))
                model.backward(result.gradient)
                optimizer.step()
                total += result.loss
            }
            epochLosses.append(total / Float(n / batch))
        }
        let first = try #require(epochLosses.first), last = try #require(epochLosses.last)
        #expect(last < 0.5 * first, "losses \(epochLosses)")
        let accuracy = zip(model.predict(x), y).filter { $0 == $1 }.count
        #expect(accuracy > n * 8 / 10, "train accuracy \(accuracy)/\(n)")
    }
}
