/// Max pooling over square windows, with stride and padding (padding never wins the max, as
/// in PyTorch).
///
/// Shapes: input `[N, C, H, W]`, output `[N, C, OH, OW]` with
/// `OH = ⌊(H + 2·padding − kernel) / stride⌋ + 1`. Forward remembers where each maximum came
/// from (the first one on ties); backward routes each output gradient to that input element.
public final class MaxPool2D: Layer {
    private let windows: PoolWindows
    public var kernelSize: Int { windows.kernel }
    public var stride: Int { windows.stride }
    public var padding: Int { windows.padding }

    private var output = Tensor.empty
    private var inputGrad = Tensor.empty
    private var argmax: [Int32] = []     // per output element: the flat input index within its plane
    private var inputShape: [Int] = []

    /// `stride` defaults to the kernel size (non-overlapping windows).
    public init(kernelSize: Int, stride: Int? = nil, padding: Int = 0) {
        windows = PoolWindows(layer: "MaxPool2D", kernel: kernelSize, stride: stride, padding: padding)
    }

    public var summary: String { windows.summary("maxpool") }

    public func outputShape(for inputShape: [Int]) throws(ShapeError) -> [Int] {
        try windows.outputShape(inputShape, layer: summary)
    }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        let (n, c, h, w, oh, ow) = windows.sizes(input, layer: "MaxPool2D \(summary)")
        inputShape = input.shape
        output.resize(to: [n, c, oh, ow])
        if argmax.count != output.count { argmax = [Int32](repeating: 0, count: output.count) }
        let k = kernelSize, s = stride, p = padding
        input.storage.withUnsafeBufferPointer { xb in
            output.storage.withUnsafeMutableBufferPointer { yb in
                argmax.withUnsafeMutableBufferPointer { ab in
                    let x = xb.start, y = yb.start, arg = ab.start
                    if k == 2 && s == 2 && p == 0 {
                        MaxPool2D.forward2x2(x, y, arg, planes: n * c, height: h, width: w, outHeight: oh, outWidth: ow)
                        return
                    }
                    windows.forEach(planes: n * c, height: h, width: w, outHeight: oh, outWidth: ow) { o, plane, rows, columns in
                        let xp = x + plane * h * w
                        var best = -Float.infinity
                        var bestIndex = rows.lowerBound * w + columns.lowerBound
                        for r in rows {
                            let row = xp + r * w
                            for col in columns where row[col] > best {
                                best = row[col]
                                bestIndex = r * w + col
                            }
                        }
                        y[o] = best
                        arg[o] = Int32(bestIndex)
                    }
                }
            }
        }
        return output
    }

    /// The common 2×2, stride 2, unpadded case without the general window bookkeeping (ties go
    /// to the first element in reading order, as in the general loop).
    private static func forward2x2(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>,
                                   _ arg: UnsafeMutablePointer<Int32>, planes: Int,
                                   height h: Int, width w: Int, outHeight oh: Int, outWidth ow: Int) {
        var o = 0
        for plane in 0..<planes {
            let xp = x + plane * h * w
            for i in 0..<oh {
                let top = xp + 2 * i * w, bottom = top + w
                let base = Int32(2 * i * w)
                for j in 0..<ow {
                    let c = 2 * j
                    var best = top[c], index = base + Int32(c)
                    if top[c + 1] > best { best = top[c + 1]; index = base + Int32(c + 1) }
                    if bottom[c] > best { best = bottom[c]; index = base + Int32(w + c) }
                    if bottom[c + 1] > best { best = bottom[c + 1]; index = base + Int32(w + c + 1) }
                    y[o] = best
                    arg[o] = index
                    o += 1
                }
            }
        }
    }

    public func backward(_ outputGradient: Tensor, inputGradient: Bool) -> Tensor {
        precondition(outputGradient.shape == output.shape,
                     "MaxPool2D backward expects \(output.shape), got \(outputGradient.shape)")
        guard inputGradient else { return .empty }
        inputGrad.resize(to: inputShape)
        inputGrad.zero()
        let planeIn = inputShape[2] * inputShape[3]
        let planeOut = output.shape[2] * output.shape[3]
        let planes = inputShape[0] * inputShape[1]
        outputGradient.storage.withUnsafeBufferPointer { gb in
            inputGrad.storage.withUnsafeMutableBufferPointer { db in
                argmax.withUnsafeBufferPointer { ab in
                    let g = gb.start, d = db.start, arg = ab.start
                    for plane in 0..<planes {
                        let dp = d + plane * planeIn
                        let base = plane * planeOut
                        for o in 0..<planeOut { dp[Int(arg[base + o])] += g[base + o] }
                    }
                }
            }
        }
        return inputGrad
    }
}

/// The windows of a pooling layer (square kernel, stride, padding), shared by max and average
/// pooling: their checks, summary, shapes, and the walk over every output element's window.
struct PoolWindows {
    let kernel: Int
    let stride: Int
    let padding: Int

    /// `stride` defaults to the kernel size (non-overlapping windows).
    init(layer: String, kernel: Int, stride: Int?, padding: Int) {
        precondition(kernel > 0, "\(layer) kernel must be at least 1")
        precondition((stride ?? kernel) > 0, "\(layer) stride must be at least 1")
        precondition(padding >= 0 && padding <= kernel / 2, "\(layer) padding must be between 0 and half the kernel")
        self.kernel = kernel
        self.stride = stride ?? kernel
        self.padding = padding
    }

    /// `maxpool 2`, `avgpool 3 stride 2 pad 1`.
    func summary(_ name: String) -> String { poolSummary(name, kernel, stride, padding) }

    /// The shape the layer gives a `C×H×W` input, or why it cannot apply.
    func outputShape(_ shape: [Int], layer: String) throws(ShapeError) -> [Int] {
        guard shape.count == 3 else {
            throw ShapeError(layer: layer, reason: "needs a C×H×W input, got \(formatShape(shape))")
        }
        let (h, w) = try Conv2D.outputSize(height: shape[1], width: shape[2], kernelHeight: kernel, kernelWidth: kernel,
                                           stride: stride, padding: padding, dilation: 1,
                                           inputDescription: formatShape(shape), layer: layer)
        return [shape[0], h, w]
    }

    /// An `[N, C, H, W]` batch's sizes and the output's height and width (checked: a layer is
    /// only run on shapes `outputShape` accepted).
    func sizes(_ input: Tensor, layer: @autoclosure () -> String) -> (n: Int, c: Int, h: Int, w: Int, oh: Int, ow: Int) {
        precondition(input.rank == 4, "\(layer()) expects [N, C, H, W], got \(input.shape)")
        let h = input.shape[2], w = input.shape[3]
        precondition(h + 2 * padding >= kernel && w + 2 * padding >= kernel, "\(layer()): input \(h)×\(w) is smaller than the window")
        return (input.shape[0], input.shape[1], h, w, (h + 2 * padding - kernel) / stride + 1, (w + 2 * padding - kernel) / stride + 1)
    }

    /// Calls `body` for every output element in order: its flat index, its plane, and the input
    /// rows and columns its window covers (padding clipped away).
    @inline(__always)
    func forEach(planes: Int, height h: Int, width w: Int, outHeight oh: Int, outWidth ow: Int,
                 _ body: (_ output: Int, _ plane: Int, _ rows: Range<Int>, _ columns: Range<Int>) -> Void) {
        let k = kernel, s = stride, p = padding
        var o = 0
        for plane in 0..<planes {
            for i in 0..<oh {
                let rows = max(0, i * s - p)..<min(h, i * s - p + k)
                for j in 0..<ow {
                    body(o, plane, rows, max(0, j * s - p)..<min(w, j * s - p + k))
                    o += 1
                }
            }
        }
    }
}

/// `maxpool 2`, `avgpool 3 stride 2 pad 1`.
func poolSummary(_ name: String, _ kernel: Int, _ stride: Int, _ padding: Int) -> String {
    var text = "\(name) \(kernel)"
    if stride != kernel { text += " stride \(stride)" }
    if padding != 0 { text += " pad \(padding)" }
    return text
}
