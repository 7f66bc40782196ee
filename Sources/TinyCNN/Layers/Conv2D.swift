/// A 2-D convolution (PyTorch's cross-correlation convention) with stride, zero padding,
/// dilation and an optional bias.
///
/// Shapes: input `[N, C, H, W]`, weight `[F, C, KH, KW]`, bias `[F]`, output `[N, F, OH, OW]`
/// with `OH = ⌊(H + 2·padding − dilation·(KH − 1) − 1) / stride⌋ + 1` (likewise `OW`).
///
/// Forward unfolds the batch into columns (`im2col`: one row per weight, one column per
/// output position of every sample, `[C·KH·KW, N·OH·OW]`) and multiplies by the weights as a
/// `[F, C·KH·KW]` matrix, so the whole batch is one large product. Backward reuses those
/// columns for the weight gradient and folds the column gradient back onto the input
/// (`col2im`).
public final class Conv2D: Layer {
    public let inChannels: Int
    public let filters: Int
    public let kernelHeight: Int
    public let kernelWidth: Int
    public let stride: Int
    public let padding: Int
    public let dilation: Int
    /// `[F, C, KH, KW]`.
    public let weight: Parameter
    /// `[F]`, or nil for a convolution without bias.
    public let bias: Parameter?

    private var output = Tensor.empty
    private var inputGrad = Tensor.empty
    private var columns = Tensor.empty        // [C·KH·KW, N·OH·OW], kept for backward
    private var columnGrad = Tensor.empty     // [C·KH·KW, N·OH·OW]
    private var product = Tensor.empty        // [F, N·OH·OW]: the forward product, then the gathered output gradient
    private var padded = Tensor.empty         // [C, H + 2P, W + 2P]: one sample with its zero border
    private var inputShape: [Int] = []

    /// A convolution with zero weights; `Sequential` initialises them from a seeded generator.
    public init(inChannels: Int, filters: Int, kernelHeight: Int, kernelWidth: Int,
                stride: Int = 1, padding: Int = 0, dilation: Int = 1, bias: Bool = true) {
        precondition(inChannels > 0 && filters > 0, "Conv2D needs at least one input channel and one filter")
        precondition(kernelHeight > 0 && kernelWidth > 0, "Conv2D kernel must be at least 1×1")
        precondition(stride > 0 && padding >= 0 && dilation > 0, "Conv2D needs stride ≥ 1, padding ≥ 0, dilation ≥ 1")
        self.inChannels = inChannels
        self.filters = filters
        self.kernelHeight = kernelHeight
        self.kernelWidth = kernelWidth
        self.stride = stride
        self.padding = padding
        self.dilation = dilation
        weight = Parameter(name: "weight", value: Tensor(shape: [filters, inChannels, kernelHeight, kernelWidth]))
        self.bias = bias ? Parameter(name: "bias", value: Tensor(shape: [filters])) : nil
    }

    /// A square-kernel convolution.
    public convenience init(inChannels: Int, filters: Int, kernelSize: Int,
                            stride: Int = 1, padding: Int = 0, dilation: Int = 1, bias: Bool = true) {
        self.init(inChannels: inChannels, filters: filters, kernelHeight: kernelSize, kernelWidth: kernelSize,
                  stride: stride, padding: padding, dilation: dilation, bias: bias)
    }

    public var summary: String {
        var text = "conv \(kernelHeight)×\(kernelWidth)"
        if stride != 1 { text += " stride \(stride)" }
        if padding != 0 { text += " pad \(padding)" }
        if dilation != 1 { text += " dilation \(dilation)" }
        return text
    }

    public var parameters: [Parameter] { bias.map { [weight, $0] } ?? [weight] }

    public func outputShape(for inputShape: [Int]) throws(ShapeError) -> [Int] {
        guard inputShape.count == 3 else {
            throw ShapeError(layer: summary, reason: "needs a C×H×W input, got \(formatShape(inputShape))")
        }
        guard inputShape[0] == inChannels else {
            throw ShapeError(layer: summary, reason: "expects \(inChannels) input channels, got \(inputShape[0])")
        }
        let (h, w) = try Conv2D.outputSize(height: inputShape[1], width: inputShape[2],
                                           kernelHeight: kernelHeight, kernelWidth: kernelWidth,
                                           stride: stride, padding: padding, dilation: dilation,
                                           inputDescription: formatShape(inputShape), layer: summary)
        return [filters, h, w]
    }

    /// The spatial output size of a sliding window, or a `ShapeError` explaining why there is none.
    public static func outputSize(height: Int, width: Int, kernelHeight: Int, kernelWidth: Int,
                                  stride: Int, padding: Int, dilation: Int,
                                  inputDescription: String, layer: String) throws(ShapeError) -> (Int, Int) {
        let spanH = dilation * (kernelHeight - 1) + 1
        let spanW = dilation * (kernelWidth - 1) + 1
        let paddedH = height + 2 * padding, paddedW = width + 2 * padding
        if paddedH < spanH || paddedW < spanW {
            let what = padding > 0 ? "padded input is \(paddedH)×\(paddedW)" : "input is \(inputDescription)"
            let kernel = dilation > 1 ? "the dilated kernel (\(spanH)×\(spanW))" : "the kernel"
            throw ShapeError(layer: layer, reason: "\(what), smaller than \(kernel)")
        }
        return ((paddedH - spanH) / stride + 1, (paddedW - spanW) / stride + 1)
    }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        precondition(input.rank == 4 && input.shape[1] == inChannels,
                     "Conv2D expects [N, \(inChannels), H, W], got \(input.shape)")
        let n = input.shape[0], h = input.shape[2], w = input.shape[3]
        let spanH = dilation * (kernelHeight - 1) + 1, spanW = dilation * (kernelWidth - 1) + 1
        precondition(h + 2 * padding >= spanH && w + 2 * padding >= spanW,
                     "Conv2D \(summary): input \(h)×\(w) is smaller than the kernel")
        let oh = (h + 2 * padding - spanH) / stride + 1
        let ow = (w + 2 * padding - spanW) / stride + 1
        let rows = inChannels * kernelHeight * kernelWidth, positions = oh * ow, wide = n * positions
        inputShape = input.shape
        padded.resize(to: [inChannels, h + 2 * padding, w + 2 * padding])
        output.resize(to: [n, filters, oh, ow])
        columns.resize(to: [rows, wide])
        product.resize(to: [filters, wide])
        let geometry = ConvolutionGeometry(channels: inChannels, height: h, width: w, kernelHeight: kernelHeight,
                                kernelWidth: kernelWidth, stride: stride, padding: padding, dilation: dilation,
                                outHeight: oh, outWidth: ow)
        let f = filters
        input.storage.withUnsafeBufferPointer { x in
            columns.storage.withUnsafeMutableBufferPointer { cols in
                padded.storage.withUnsafeMutableBufferPointer { scratch in
                    for s in 0..<n {
                        geometry.im2col(x.start + s * inChannels * h * w, into: cols.start + s * positions,
                                        rowStride: wide, scratch: scratch.start)
                    }
                }
                product.storage.withUnsafeMutableBufferPointer { prod in
                    weight.value.storage.withUnsafeBufferPointer { wt in
                        // All samples in one product: [F, C·KH·KW] · [C·KH·KW, N·OH·OW].
                        GEMM.nn(m: f, n: wide, k: rows, a: wt.start, lda: rows,
                                b: UnsafePointer(cols.start), ldb: wide, c: prod.start, ldc: wide, accumulate: false)
                    }
                    // [F, N·P] → [N, F, P], adding the bias on the way.
                    output.storage.withUnsafeMutableBufferPointer { y in
                        for fi in 0..<f {
                            let b: Float = bias?.value.storage[fi] ?? 0
                            for s in 0..<n {
                                let src = prod.start + fi * wide + s * positions
                                let dst = y.start + (s * f + fi) * positions
                                for p in 0..<positions { dst[p] = src[p] + b }
                            }
                        }
                    }
                }
            }
        }
        return output
    }

    public func backward(_ outputGradient: Tensor, inputGradient: Bool) -> Tensor {
        precondition(outputGradient.shape == output.shape,
                     "Conv2D backward expects \(output.shape), got \(outputGradient.shape)")
        let n = inputShape[0], h = inputShape[2], w = inputShape[3]
        let oh = output.shape[2], ow = output.shape[3]
        let rows = inChannels * kernelHeight * kernelWidth, positions = oh * ow, f = filters, wide = n * positions
        let geometry = ConvolutionGeometry(channels: inChannels, height: h, width: w, kernelHeight: kernelHeight,
                                kernelWidth: kernelWidth, stride: stride, padding: padding, dilation: dilation,
                                outHeight: oh, outWidth: ow)
        product.resize(to: [f, wide])
        outputGradient.storage.withUnsafeBufferPointer { dy in
            product.storage.withUnsafeMutableBufferPointer { gathered in
                // [N, F, P] → [F, N·P], the layout of the forward product.
                for s in 0..<n {
                    for fi in 0..<f {
                        let src = dy.start + (s * f + fi) * positions
                        let dst = gathered.start + fi * wide + s * positions
                        for p in 0..<positions { dst[p] = src[p] }
                    }
                }
                let g = UnsafePointer(gathered.start)
                if let bias {
                    bias.grad.storage.withUnsafeMutableBufferPointer { db in
                        for fi in 0..<f {
                            let row = g + fi * wide
                            var acc = SIMD8<Float>()
                            var p = 0
                            while p + 8 <= wide { acc += load8(row + p); p += 8 }
                            var t = acc.sum()
                            while p < wide { t += row[p]; p += 1 }
                            db[fi] += t
                        }
                    }
                }
                columns.storage.withUnsafeBufferPointer { cols in
                    weight.grad.storage.withUnsafeMutableBufferPointer { dw in
                        // dW[F, CKK] += dY[F, N·P] · colsᵀ
                        GEMM.nt(m: f, n: rows, k: wide, a: g, lda: wide, b: cols.start, ldb: wide,
                                c: dw.start, ldc: rows, accumulate: true)
                    }
                }
                guard inputGradient else { return }
                inputGrad.resize(to: inputShape)
                columnGrad.resize(to: [rows, wide])
                weight.value.storage.withUnsafeBufferPointer { wt in
                    columnGrad.storage.withUnsafeMutableBufferPointer { dcols in
                        // dCols[CKK, N·P] = Wᵀ · dY
                        GEMM.tn(m: rows, n: wide, k: f, a: wt.start, lda: rows, b: g, ldb: wide,
                                c: dcols.start, ldc: wide, accumulate: false)
                        inputGrad.storage.withUnsafeMutableBufferPointer { dx in
                            padded.storage.withUnsafeMutableBufferPointer { scratch in
                                for s in 0..<n {
                                    geometry.col2im(UnsafePointer(dcols.start) + s * positions, rowStride: wide,
                                                    into: dx.start + s * inChannels * h * w, scratch: scratch.start)
                                }
                            }
                        }
                    }
                }
            }
        }
        return inputGradient ? inputGrad : .empty
    }
}
