/// The hyperbolic tangent, element-wise; derivative `1 − y²`.
public final class Tanh: Layer {
    private var output = Tensor.empty
    private var inputGrad = Tensor.empty

    public init() {}

    public var summary: String { "tanh" }

    public func outputShape(for inputShape: [Int]) throws(ShapeError) -> [Int] { inputShape }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        mapElements(input, into: &output) { x, y, count in
            for i in 0..<count { y[i] = _tanhf(x[i]) }
        }
        return output
    }

    public func backward(_ outputGradient: Tensor, inputGradient: Bool) -> Tensor {
        guard inputGradient else { return .empty }
        backwardElements(outputGradient, output: output, into: &inputGrad) { g, y, d, count in
            for i in 0..<count { d[i] = g[i] * (1 - y[i] * y[i]) }
        }
        return inputGrad
    }
}
