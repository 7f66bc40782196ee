/// Shared plumbing of the element-wise activations: run `body` over `input` into `output`
/// (resized to match), through raw pointers.
@inline(__always)
func mapElements(_ input: Tensor, into output: inout Tensor,
                 _ body: (UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void) {
    output.resize(to: input.shape)
    input.storage.withUnsafeBufferPointer { x in
        output.storage.withUnsafeMutableBufferPointer { y in
            if x.count > 0 { body(x.start, y.start, x.count) }
        }
    }
}

/// Shared plumbing of the activations' backward: `gradient = outputGradient ⊙ f′`, where
/// `body` reads the cached output and the output gradient.
@inline(__always)
func backwardElements(_ outputGradient: Tensor, output: Tensor, into inputGrad: inout Tensor,
                      _ body: (UnsafePointer<Float>, UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void) {
    precondition(outputGradient.shape == output.shape,
                 "Backward expects a gradient of shape \(output.shape), got \(outputGradient.shape)")
    inputGrad.resize(to: output.shape)
    outputGradient.storage.withUnsafeBufferPointer { g in
        output.storage.withUnsafeBufferPointer { y in
            inputGrad.storage.withUnsafeMutableBufferPointer { d in
                if g.count > 0 { body(g.start, y.start, d.start, g.count) }
            }
        }
    }
}

/// `out = a ⊙ b` for two tensors of one shape (`out` resized to it): dropout's mask on the way
/// in and on the way back.
func multiplyElements(_ a: Tensor, _ b: Tensor, into out: inout Tensor) {
    out.resize(to: b.shape)
    a.storage.withUnsafeBufferPointer { x in
        b.storage.withUnsafeBufferPointer { m in
            out.storage.withUnsafeMutableBufferPointer { y in
                for i in 0..<y.count { y[i] = x[i] * m[i] }
            }
        }
    }
}

/// An element-wise function whose derivative is a function of its output (ReLU, sigmoid,
/// tanh): what `Activation` needs to be a layer.
public protocol ElementwiseFunction {
    /// The layer's name in a shapes table and a model spec.
    static var name: String { get }
    /// `y = f(x)` over `count` elements.
    static func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ count: Int)
    /// `d = g ⊙ f′`, with `f′` read from the cached output `y`.
    static func backward(_ g: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ d: UnsafeMutablePointer<Float>, _ count: Int)
}

/// An element-wise activation layer on any shape: the output keeps the input's shape and is
/// cached for backward.
public final class Activation<F: ElementwiseFunction>: Layer {
    private var output = Tensor.empty
    private var inputGrad = Tensor.empty

    public init() {}

    public var summary: String { F.name }

    public func outputShape(for inputShape: [Int]) throws(ShapeError) -> [Int] { inputShape }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        mapElements(input, into: &output, F.forward)
        return output
    }

    public func backward(_ outputGradient: Tensor, inputGradient: Bool) -> Tensor {
        guard inputGradient else { return .empty }
        backwardElements(outputGradient, output: output, into: &inputGrad, F.backward)
        return inputGrad
    }
}
