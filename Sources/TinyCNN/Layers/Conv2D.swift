/// A 2-D convolution (PyTorch's cross-correlation convention) with stride, zero padding,
/// dilation and an optional bias.
///
/// Shapes: input `[N, C, H, W]`, weight `[F, C, KH, KW]`, bias `[F]`, output `[N, F, OH, OW]`
/// with `OH = ⌊(H + 2·padding − dilation·(KH − 1) − 1) / stride⌋ + 1` (likewise `OW`).
///
/// Forward unfolds each sample into columns (`im2col`: one row per weight, one column per
/// output position, `[C·KH·KW, OH·OW]`) and multiplies by the weights as a `[F, C·KH·KW]`
/// matrix. Backward reuses those columns for the weight gradient and folds the column gradient
/// back onto the input (`col2im`).
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
    private var columns = Tensor.empty        // [N, C·KH·KW, OH·OW], kept for backward
    private var columnGrad = Tensor.empty     // [C·KH·KW, OH·OW], one sample at a time
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
        let rows = inChannels * kernelHeight * kernelWidth, positions = oh * ow
        inputShape = input.shape
        output.resize(to: [n, filters, oh, ow])
        columns.resize(to: [n, rows, positions])
        let geometry = Geometry(channels: inChannels, height: h, width: w, kernelHeight: kernelHeight,
                                kernelWidth: kernelWidth, stride: stride, padding: padding, dilation: dilation,
                                outHeight: oh, outWidth: ow)
        let f = filters
        input.storage.withUnsafeBufferPointer { x in
            columns.storage.withUnsafeMutableBufferPointer { cols in
                output.storage.withUnsafeMutableBufferPointer { y in
                    weight.value.storage.withUnsafeBufferPointer { wt in
                        for s in 0..<n {
                            let colBase = cols.start + s * rows * positions
                            geometry.im2col(x.start + s * inChannels * h * w, into: colBase)
                            let yBase = y.start + s * f * positions
                            GEMM.nn(m: f, n: positions, k: rows, a: wt.start, lda: rows,
                                    b: UnsafePointer(colBase), ldb: positions, c: yBase, ldc: positions, accumulate: false)
                        }
                    }
                    if let bias {
                        bias.value.storage.withUnsafeBufferPointer { b in
                            for s in 0..<n {
                                for fi in 0..<f {
                                    let row = y.start + (s * f + fi) * positions
                                    let bv = b[fi]
                                    for p in 0..<positions { row[p] += bv }
                                }
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
        let rows = inChannels * kernelHeight * kernelWidth, positions = oh * ow, f = filters
        let geometry = Geometry(channels: inChannels, height: h, width: w, kernelHeight: kernelHeight,
                                kernelWidth: kernelWidth, stride: stride, padding: padding, dilation: dilation,
                                outHeight: oh, outWidth: ow)
        if inputGradient {
            inputGrad.resize(to: inputShape)
            columnGrad.resize(to: [rows, positions])
        }
        outputGradient.storage.withUnsafeBufferPointer { dy in
            columns.storage.withUnsafeBufferPointer { cols in
                weight.grad.storage.withUnsafeMutableBufferPointer { dw in
                    for s in 0..<n {
                        GEMM.nt(m: f, n: rows, k: positions,
                                a: dy.start + s * f * positions, lda: positions,
                                b: cols.start + s * rows * positions, ldb: positions,
                                c: dw.start, ldc: rows, accumulate: true)
                    }
                }
            }
            if let bias {
                bias.grad.storage.withUnsafeMutableBufferPointer { db in
                    for s in 0..<n {
                        for fi in 0..<f {
                            let row = dy.start + (s * f + fi) * positions
                            var acc = SIMD8<Float>()
                            var p = 0
                            while p + 8 <= positions { acc += load8(row + p); p += 8 }
                            var t = acc.sum()
                            while p < positions { t += row[p]; p += 1 }
                            db[fi] += t
                        }
                    }
                }
            }
            guard inputGradient else { return }
            weight.value.storage.withUnsafeBufferPointer { wt in
                columnGrad.storage.withUnsafeMutableBufferPointer { dcols in
                    inputGrad.storage.withUnsafeMutableBufferPointer { dx in
                        for s in 0..<n {
                            GEMM.tn(m: rows, n: positions, k: f, a: wt.start, lda: rows,
                                    b: dy.start + s * f * positions, ldb: positions,
                                    c: dcols.start, ldc: positions, accumulate: false)
                            geometry.col2im(UnsafePointer(dcols.start),
                                            into: dx.start + s * inChannels * h * w)
                        }
                    }
                }
            }
        }
        return inputGradient ? inputGrad : .empty
    }
}

/// The index arithmetic shared by `im2col` and `col2im`.
struct Geometry {
    let channels, height, width, kernelHeight, kernelWidth, stride, padding, dilation, outHeight, outWidth: Int

    /// The output columns `[lo, hi)` whose input column `ow·stride − padding + offset` is inside the image.
    @inline(__always)
    func validColumns(offset: Int) -> (Int, Int) {
        // iw = ow·s − p + offset ≥ 0  ⇔  ow ≥ ⌈(p − offset) / s⌉;  iw ≤ W − 1  ⇔  ow ≤ ⌊(W − 1 + p − offset) / s⌋
        let lo = max(0, ceilDiv(padding - offset, stride))
        let hi = min(outWidth, floorDiv(width - 1 + padding - offset, stride) + 1)
        return (lo, max(lo, hi))
    }

    /// Unfolds one sample `[C, H, W]` into `[C·KH·KW, OH·OW]` columns (zeros where the window
    /// covers padding).
    func im2col(_ x: UnsafePointer<Float>, into cols: UnsafeMutablePointer<Float>) {
        let positions = outHeight * outWidth
        var row = 0
        for c in 0..<channels {
            let plane = x + c * height * width
            for kh in 0..<kernelHeight {
                for kw in 0..<kernelWidth {
                    let dst = cols + row * positions
                    let (lo, hi) = validColumns(offset: kw * dilation)
                    for oh in 0..<outHeight {
                        let d = dst + oh * outWidth
                        let ih = oh * stride - padding + kh * dilation
                        if ih < 0 || ih >= height {
                            d.update(repeating: 0, count: outWidth)
                            continue
                        }
                        let src = plane + ih * width - padding + kw * dilation
                        if lo > 0 { d.update(repeating: 0, count: lo) }
                        if stride == 1 {
                            if hi > lo { d.advanced(by: lo).update(from: src + lo, count: hi - lo) }
                        } else {
                            var ow = lo
                            while ow < hi { d[ow] = src[ow * stride]; ow += 1 }
                        }
                        if hi < outWidth { d.advanced(by: hi).update(repeating: 0, count: outWidth - hi) }
                    }
                    row += 1
                }
            }
        }
    }

    /// Folds `[C·KH·KW, OH·OW]` column gradients back onto one sample's input gradient
    /// `[C, H, W]`, which it overwrites.
    func col2im(_ cols: UnsafePointer<Float>, into dx: UnsafeMutablePointer<Float>) {
        dx.update(repeating: 0, count: channels * height * width)
        let positions = outHeight * outWidth
        var row = 0
        for c in 0..<channels {
            let plane = dx + c * height * width
            for kh in 0..<kernelHeight {
                for kw in 0..<kernelWidth {
                    let src = cols + row * positions
                    let (lo, hi) = validColumns(offset: kw * dilation)
                    for oh in 0..<outHeight {
                        let ih = oh * stride - padding + kh * dilation
                        if ih < 0 || ih >= height { continue }
                        let s = src + oh * outWidth
                        let d = plane + ih * width - padding + kw * dilation
                        var ow = lo
                        while ow < hi { d[ow * stride] += s[ow]; ow += 1 }
                    }
                    row += 1
                }
            }
        }
    }
}

@inline(__always) func floorDiv(_ a: Int, _ b: Int) -> Int {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}

@inline(__always) func ceilDiv(_ a: Int, _ b: Int) -> Int {
    -floorDiv(-a, b)
}
