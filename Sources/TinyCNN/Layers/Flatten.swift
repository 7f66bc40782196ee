/// Reshapes `[N, C, H, W]` (or any `[N, …]`) to `[N, C·H·W]` without copying.
public final class Flatten: Layer {
    private var inputShape: [Int] = []

    public init() {}

    public var summary: String { "flatten" }

    public func outputShape(for inputShape: [Int]) throws(ShapeError) -> [Int] {
        [inputShape.reduce(1, *)]
    }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        precondition(input.rank >= 1, "Flatten needs a batch dimension")
        inputShape = input.shape
        return input.reshaped([input.shape[0], input.count / max(1, input.shape[0])])
    }

    public func backward(_ outputGradient: Tensor, inputGradient: Bool) -> Tensor {
        guard inputGradient else { return .empty }
        return outputGradient.reshaped(inputShape)
    }
}
