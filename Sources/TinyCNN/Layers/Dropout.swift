/// Inverted dropout: in training, zeroes each element with probability `rate` and scales the
/// survivors by `1 / (1 − rate)`; at inference it is the identity.
///
/// The mask comes from the layer's own seeded generator, so a training run is reproducible.
public final class Dropout: Layer {
    /// The probability of dropping an element, in [0, 1).
    public let rate: Float
    private var generator: SeededGenerator
    private var mask = Tensor.empty
    private var output = Tensor.empty
    private var inputGrad = Tensor.empty
    private var maskActive = false

    public init(rate: Float, seed: UInt64 = 0) {
        precondition(rate >= 0 && rate < 1, "Dropout rate must be in [0, 1), got \(rate)")
        self.rate = rate
        self.generator = SeededGenerator(seed: seed)
    }

    /// Restarts the mask sequence (model initialisation does this from its seed).
    public func reseed(_ seed: UInt64) { generator = SeededGenerator(seed: seed) }

    public var summary: String { "dropout \(rate)" }

    public func outputShape(for inputShape: [Int]) throws(ShapeError) -> [Int] { inputShape }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        maskActive = training && rate > 0
        guard maskActive else { return input }
        mask.resize(to: input.shape)
        let keep = 1 - rate, scale = 1 / (1 - rate)
        mask.storage.withUnsafeMutableBufferPointer { m in
            for i in 0..<m.count { m[i] = generator.nextUnitFloat() < keep ? scale : 0 }
        }
        multiplyElements(input, mask, into: &output)
        return output
    }

    public func backward(_ outputGradient: Tensor, inputGradient: Bool) -> Tensor {
        guard inputGradient else { return .empty }
        guard maskActive else { return outputGradient }
        precondition(outputGradient.shape == mask.shape, "Dropout backward expects \(mask.shape), got \(outputGradient.shape)")
        multiplyElements(outputGradient, mask, into: &inputGrad)
        return inputGrad
    }
}
