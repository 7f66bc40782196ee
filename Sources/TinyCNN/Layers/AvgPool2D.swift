/// Average pooling over square windows, with stride and zero padding.
///
/// Shapes: input `[N, C, H, W]`, output `[N, C, OH, OW]` with
/// `OH = ⌊(H + 2·padding − kernel) / stride⌋ + 1`. Every window divides by `kernel²`, padding
/// included (PyTorch's default `count_include_pad=True`); backward spreads each output
/// gradient evenly over the window's input elements.
public final class AvgPool2D: Layer {
    private let windows: PoolWindows
    public var kernelSize: Int { windows.kernel }
    public var stride: Int { windows.stride }
    public var padding: Int { windows.padding }

    private var output = Tensor.empty
    private var inputGrad = Tensor.empty
    private var inputShape: [Int] = []

    /// `stride` defaults to the kernel size (non-overlapping windows).
    public init(kernelSize: Int, stride: Int? = nil, padding: Int = 0) {
        windows = PoolWindows(layer: "AvgPool2D", kernel: kernelSize, stride: stride, padding: padding)
    }

    public var summary: String { windows.summary("avgpool") }

    public func outputShape(for inputShape: [Int]) throws(ShapeError) -> [Int] {
        try windows.outputShape(inputShape, layer: summary)
    }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        let (n, c, h, w, oh, ow) = windows.sizes(input, layer: "AvgPool2D \(summary)")
        inputShape = input.shape
        output.resize(to: [n, c, oh, ow])
        let scale = 1 / Float(kernelSize * kernelSize)
        input.storage.withUnsafeBufferPointer { xb in
            output.storage.withUnsafeMutableBufferPointer { yb in
                let x = xb.start, y = yb.start
                windows.forEach(planes: n * c, height: h, width: w, outHeight: oh, outWidth: ow) { o, plane, rows, columns in
                    let xp = x + plane * h * w
                    var total: Float = 0
                    for r in rows {
                        let row = xp + r * w
                        for col in columns { total += row[col] }
                    }
                    y[o] = total * scale
                }
            }
        }
        return output
    }

    public func backward(_ outputGradient: Tensor, inputGradient: Bool) -> Tensor {
        precondition(outputGradient.shape == output.shape,
                     "AvgPool2D backward expects \(output.shape), got \(outputGradient.shape)")
        guard inputGradient else { return .empty }
        inputGrad.resize(to: inputShape)
        inputGrad.zero()
        let h = inputShape[2], w = inputShape[3], oh = output.shape[2], ow = output.shape[3]
        let planes = inputShape[0] * inputShape[1]
        let scale = 1 / Float(kernelSize * kernelSize)
        outputGradient.storage.withUnsafeBufferPointer { gb in
            inputGrad.storage.withUnsafeMutableBufferPointer { db in
                let g = gb.start, d = db.start
                windows.forEach(planes: planes, height: h, width: w, outHeight: oh, outWidth: ow) { o, plane, rows, columns in
                    let dp = d + plane * h * w
                    let share = g[o] * scale
                    for r in rows {
                        let row = dp + r * w
                        for col in columns { row[col] += share }
                    }
                }
            }
        }
        return inputGrad
    }
}
