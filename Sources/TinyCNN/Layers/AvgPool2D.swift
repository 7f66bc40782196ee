/// Average pooling over square windows, with stride and zero padding.
///
/// Shapes: input `[N, C, H, W]`, output `[N, C, OH, OW]` with
/// `OH = ⌊(H + 2·padding − kernel) / stride⌋ + 1`. Every window divides by `kernel²`, padding
/// included (PyTorch's default `count_include_pad=True`); backward spreads each output
/// gradient evenly over the window's input elements.
public final class AvgPool2D: Layer {
    public let kernelSize: Int
    public let stride: Int
    public let padding: Int

    private var output = Tensor.empty
    private var inputGrad = Tensor.empty
    private var inputShape: [Int] = []

    /// `stride` defaults to the kernel size (non-overlapping windows).
    public init(kernelSize: Int, stride: Int? = nil, padding: Int = 0) {
        precondition(kernelSize > 0, "AvgPool2D kernel must be at least 1")
        precondition((stride ?? kernelSize) > 0, "AvgPool2D stride must be at least 1")
        precondition(padding >= 0 && padding <= kernelSize / 2, "AvgPool2D padding must be between 0 and half the kernel")
        self.kernelSize = kernelSize
        self.stride = stride ?? kernelSize
        self.padding = padding
    }

    public var summary: String { poolSummary("avgpool", kernelSize, stride, padding) }

    public func outputShape(for inputShape: [Int]) throws(ShapeError) -> [Int] {
        try poolOutputShape(inputShape, kernel: kernelSize, stride: stride, padding: padding, layer: summary)
    }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        precondition(input.rank == 4, "AvgPool2D expects [N, C, H, W], got \(input.shape)")
        let n = input.shape[0], c = input.shape[1], h = input.shape[2], w = input.shape[3]
        precondition(h + 2 * padding >= kernelSize && w + 2 * padding >= kernelSize,
                     "AvgPool2D \(summary): input \(h)×\(w) is smaller than the window")
        let oh = (h + 2 * padding - kernelSize) / stride + 1
        let ow = (w + 2 * padding - kernelSize) / stride + 1
        inputShape = input.shape
        output.resize(to: [n, c, oh, ow])
        let k = kernelSize, s = stride, p = padding
        let scale = 1 / Float(k * k)
        input.storage.withUnsafeBufferPointer { xb in
            output.storage.withUnsafeMutableBufferPointer { yb in
                let x = xb.start, y = yb.start
                var o = 0
                for plane in 0..<(n * c) {
                    let xp = x + plane * h * w
                    for i in 0..<oh {
                        let r0 = max(0, i * s - p), r1 = min(h, i * s - p + k)
                        for j in 0..<ow {
                            let c0 = max(0, j * s - p), c1 = min(w, j * s - p + k)
                            var total: Float = 0
                            for r in r0..<r1 {
                                let row = xp + r * w
                                for col in c0..<c1 { total += row[col] }
                            }
                            y[o] = total * scale
                            o += 1
                        }
                    }
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
        let k = kernelSize, s = stride, p = padding
        let scale = 1 / Float(k * k)
        outputGradient.storage.withUnsafeBufferPointer { gb in
            inputGrad.storage.withUnsafeMutableBufferPointer { db in
                let g = gb.start, d = db.start
                var o = 0
                for plane in 0..<planes {
                    let dp = d + plane * h * w
                    for i in 0..<oh {
                        let r0 = max(0, i * s - p), r1 = min(h, i * s - p + k)
                        for j in 0..<ow {
                            let c0 = max(0, j * s - p), c1 = min(w, j * s - p + k)
                            let share = g[o] * scale
                            for r in r0..<r1 {
                                let row = dp + r * w
                                for col in c0..<c1 { row[col] += share }
                            }
                            o += 1
                        }
                    }
                }
            }
        }
        return inputGrad
    }
}
