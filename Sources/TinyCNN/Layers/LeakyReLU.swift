/// The leaky rectifier, `x` for positive inputs and `slope·x` otherwise, element-wise.
public final class LeakyReLU: Layer {
    /// The slope for negative inputs, in [0, 1).
    public let slope: Float
    private var output = Tensor.empty
    private var inputGrad = Tensor.empty

    /// `slope` defaults to PyTorch's 0.01.
    public init(slope: Float = 0.01) {
        // A non-negative slope keeps the output's sign equal to the input's, so backward can
        // read the derivative from the cached output.
        precondition(slope >= 0 && slope < 1, "LeakyReLU slope must be in [0, 1), got \(slope)")
        self.slope = slope
    }

    public var summary: String { slope == 0.01 ? "leakyrelu" : "leakyrelu \(slope)" }

    public func outputShape(for inputShape: [Int]) throws(ShapeError) -> [Int] { inputShape }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        let a = slope
        mapElements(input, into: &output) { x, y, count in
            for i in 0..<count { y[i] = x[i] > 0 ? x[i] : a * x[i] }
        }
        return output
    }

    public func backward(_ outputGradient: Tensor, inputGradient: Bool) -> Tensor {
        guard inputGradient else { return .empty }
        let a = slope
        backwardElements(outputGradient, output: output, into: &inputGrad) { g, y, d, count in
            for i in 0..<count { d[i] = y[i] > 0 ? g[i] : a * g[i] }
        }
        return inputGrad
    }
}
