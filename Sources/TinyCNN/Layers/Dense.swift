/// A fully connected layer, `y = x·Wᵀ + b`.
///
/// Shapes: input `[N, In]` (or `[N, C, H, W]` with `C·H·W = In`, read as flattened), weight
/// `[Out, In]` (PyTorch's layout), bias `[Out]`, output `[N, Out]`. Forward keeps its own copy
/// of the input for the weight gradient.
public final class Dense: Layer {
    public let inFeatures: Int
    public let outFeatures: Int
    /// `[Out, In]`.
    public let weight: Parameter
    /// `[Out]`.
    public let bias: Parameter

    private var output = Tensor.empty
    private var inputGrad = Tensor.empty
    private var savedInput = Tensor.empty
    private var inputShape: [Int] = []

    /// A layer with zero weights; `Sequential` initialises them from a seeded generator.
    public init(inFeatures: Int, outFeatures: Int) {
        precondition(inFeatures > 0 && outFeatures > 0, "Dense needs at least one input and one output")
        self.inFeatures = inFeatures
        self.outFeatures = outFeatures
        weight = Parameter(name: "weight", value: Tensor(shape: [outFeatures, inFeatures]))
        bias = Parameter(name: "bias", value: Tensor(shape: [outFeatures]))
    }

    public var summary: String { "dense \(outFeatures)" }

    public var parameters: [Parameter] { [weight, bias] }

    public func outputShape(for inputShape: [Int]) throws(ShapeError) -> [Int] {
        let features = inputShape.reduce(1, *)
        guard features == inFeatures else {
            throw ShapeError(layer: summary, reason: "expects \(inFeatures) inputs, got \(formatShape(inputShape)) = \(features)")
        }
        return [outFeatures]
    }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        precondition(input.rank >= 2 && input.count == input.shape[0] * inFeatures,
                     "Dense expects [N, \(inFeatures)], got \(input.shape)")
        let n = input.shape[0]
        inputShape = input.shape
        output.resize(to: [n, outFeatures])
        // Kept in inference too, so saliency can back-propagate through an inference pass.
        savedInput.resize(to: [n, inFeatures])
        savedInput.storage.withUnsafeMutableBufferPointer { d in
            input.storage.withUnsafeBufferPointer { s in d.start.update(from: s.start, count: s.count) }
        }
        let o = outFeatures, k = inFeatures
        input.storage.withUnsafeBufferPointer { x in
            weight.value.storage.withUnsafeBufferPointer { w in
                bias.value.storage.withUnsafeBufferPointer { b in
                    output.storage.withUnsafeMutableBufferPointer { y in
                        for s in 0..<n { (y.start + s * o).update(from: b.start, count: o) }
                        GEMM.nt(m: n, n: o, k: k, a: x.start, lda: k, b: w.start, ldb: k,
                                c: y.start, ldc: o, accumulate: true)
                    }
                }
            }
        }
        return output
    }

    public func backward(_ outputGradient: Tensor, inputGradient: Bool) -> Tensor {
        precondition(outputGradient.shape == output.shape,
                     "Dense backward expects \(output.shape), got \(outputGradient.shape)")
        precondition(savedInput.shape == [output.shape[0], inFeatures], "Dense backward needs a forward first")
        let n = output.shape[0], o = outFeatures, k = inFeatures
        outputGradient.storage.withUnsafeBufferPointer { g in
            savedInput.storage.withUnsafeBufferPointer { x in
                weight.grad.storage.withUnsafeMutableBufferPointer { dw in
                    // dW[o, i] += Σ_n dY[n, o] · X[n, i]
                    GEMM.tn(m: o, n: k, k: n, a: g.start, lda: o, b: x.start, ldb: k,
                            c: dw.start, ldc: k, accumulate: true)
                }
            }
            bias.grad.storage.withUnsafeMutableBufferPointer { db in
                for s in 0..<n {
                    let row = g.start + s * o
                    for j in 0..<o { db[j] += row[j] }
                }
            }
            guard inputGradient else { return }
            inputGrad.resize(to: inputShape)
            weight.value.storage.withUnsafeBufferPointer { w in
                inputGrad.storage.withUnsafeMutableBufferPointer { dx in
                    // dX[n, i] = Σ_o dY[n, o] · W[o, i]
                    GEMM.nn(m: n, n: k, k: o, a: g.start, lda: o, b: w.start, ldb: k,
                            c: dx.start, ldc: k, accumulate: false)
                }
            }
        }
        return inputGradient ? inputGrad : .empty
    }
}
