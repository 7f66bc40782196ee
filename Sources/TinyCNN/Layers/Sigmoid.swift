/// The logistic function `1 / (1 + e^−x)`, element-wise; derivative `y·(1 − y)`.
public final class Sigmoid: Layer {
    private var output = Tensor.empty
    private var inputGrad = Tensor.empty

    public init() {}

    public var summary: String { "sigmoid" }

    public func outputShape(for inputShape: [Int]) throws(ShapeError) -> [Int] { inputShape }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        mapElements(input, into: &output) { x, y, count in
            for i in 0..<count {
                // Both branches only exponentiate a non-positive number: no overflow.
                let v = x[i]
                if v >= 0 {
                    y[i] = 1 / (1 + _expf(-v))
                } else {
                    let e = _expf(v)
                    y[i] = e / (1 + e)
                }
            }
        }
        return output
    }

    public func backward(_ outputGradient: Tensor, inputGradient: Bool) -> Tensor {
        guard inputGradient else { return .empty }
        backwardElements(outputGradient, output: output, into: &inputGrad) { g, y, d, count in
            for i in 0..<count { d[i] = g[i] * y[i] * (1 - y[i]) }
        }
        return inputGrad
    }
}
