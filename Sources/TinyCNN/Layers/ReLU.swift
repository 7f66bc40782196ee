/// The rectified linear unit, `max(0, x)`, element-wise on any shape.
///
/// Backward passes the gradient where the output is positive (the subgradient at 0 is 0, as in
/// PyTorch).
public final class ReLU: Layer {
    private var output = Tensor.empty
    private var inputGrad = Tensor.empty

    public init() {}

    public var summary: String { "relu" }

    public func outputShape(for inputShape: [Int]) throws(ShapeError) -> [Int] { inputShape }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        mapElements(input, into: &output) { x, y, count in
            // A plain loop the compiler vectorises into packed max instructions.
            for i in 0..<count { y[i] = x[i] > 0 ? x[i] : 0 }
        }
        return output
    }

    public func backward(_ outputGradient: Tensor, inputGradient: Bool) -> Tensor {
        guard inputGradient else { return .empty }
        backwardElements(outputGradient, output: output, into: &inputGrad) { g, y, d, count in
            let zero = SIMD8<Float>()
            var i = 0
            while i + 8 <= count {
                store8(load8(g + i).replacing(with: zero, where: load8(y + i) .<= zero), d + i)
                i += 8
            }
            while i < count { d[i] = y[i] > 0 ? g[i] : 0; i += 1 }
        }
        return inputGrad
    }
}
