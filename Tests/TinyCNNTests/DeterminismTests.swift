import Testing
import TinyCNN

@Suite struct DeterminismTests {
    static func bits(_ model: Sequential) -> [UInt32] {
        model.parameters.flatMap { $0.value.storage.map(\.bitPattern) }
    }

    @Test func sameSeedSameWeightsAndOutputsBitForBit() throws {
        let a = try Sequential(spec: .digits, inputShape: [1, 8, 8], seed: 42)
        let b = try Sequential(spec: .digits, inputShape: [1, 8, 8], seed: 42)
        #expect(Self.bits(a) == Self.bits(b))
        let input = GradientCheck.random([5, 1, 8, 8], seed: 3)
        #expect(a.forward(input).storage.map(\.bitPattern) == b.forward(input).storage.map(\.bitPattern))
        let c = try Sequential(spec: .digits, inputShape: [1, 8, 8], seed: 43)
        #expect(Self.bits(a) != Self.bits(c))
    }

    @Test func sameSeedSameTrainingRun() throws {
        func run() throws -> [UInt32] {
            let spec = try ModelSpec(parsing: "conv 4 3 pad 1, relu, dropout 0.3, maxpool 2, dense 10")
            let model = try Sequential(spec: spec, inputShape: [1, 8, 8], seed: 7)
            let optimizer = SGD(parameters: model.parameters, learningRate: 0.05, momentum: 0.9)
            let loss = SoftmaxCrossEntropy()
            let input = GradientCheck.random([8, 1, 8, 8], seed: 1)
            for _ in 0..<5 {
                let result = loss(logits: model.forward(input, training: true), labels: Array(0..<8))
                model.backward(result.gradient)
                optimizer.step()
            }
            return Self.bits(model)
        }
        #expect(try run() == run())
    }

    @Test func initialisationScales() throws {
        // He: std √(2/fanIn) for rectifier nets; Xavier: uniform within √(6/(fanIn+fanOut)) otherwise.
        let he = try Sequential(spec: ModelSpec(parsing: "dense 400, relu, dense 10"), inputShape: [200], seed: 1)
        let weights = (he.layers[0] as? Dense)?.weight.value.storage ?? []
        let variance = weights.reduce(0.0) { $0 + Double($1 * $1) } / Double(weights.count)
        #expect(abs(variance - 2.0 / 200) < 0.1 * 2.0 / 200)
        let xavier = try Sequential(spec: ModelSpec(parsing: "dense 300, tanh, dense 10"), inputShape: [100], seed: 1)
        let limit = Float((6.0 / 400).squareRoot())
        let xw = (xavier.layers[0] as? Dense)?.weight.value.storage ?? []
        #expect(xw.allSatisfy { abs($0) <= limit } && (xw.map(abs).max() ?? 0) > 0.95 * limit)
        #expect((xavier.layers[0] as? Dense)?.bias.value.storage.allSatisfy { $0 == 0 } == true)
    }

    @Test func generatorIsReproducibleAndUniform() {
        var a = SeededGenerator(seed: 123), b = SeededGenerator(seed: 123)
        #expect((0..<100).map { _ in a.next() } == (0..<100).map { _ in b.next() })
        var g = SeededGenerator(seed: 9)
        let mean = (0..<10000).reduce(0.0) { acc, _ in acc + g.nextUnitDouble() } / 10000
        #expect(abs(mean - 0.5) < 0.02)
    }
}
