/// Batch normalisation over the channels of `[N, C, H, W]` images.
///
/// Training: each channel is normalised with its batch mean and (biased) variance over
/// `N·H·W` values, `y = γ·x̂ + β`, and the running statistics move towards the batch's with
/// `momentum` (the running variance uses the unbiased estimate, as PyTorch does). Inference
/// uses the running statistics. Shapes: `γ`, `β`, running mean and variance are `[C]`.
public final class BatchNorm2D: Layer {
    public let channels: Int
    public let epsilon: Float
    public let momentum: Float
    /// `γ`, `[C]`, starts at 1.
    public let gamma: Parameter
    /// `β`, `[C]`, starts at 0.
    public let beta: Parameter
    /// `[C]`, starts at 0.
    public let runningMean: Parameter
    /// `[C]`, starts at 1.
    public let runningVariance: Parameter

    private var output = Tensor.empty
    private var inputGrad = Tensor.empty
    private var normalized = Tensor.empty          // x̂, kept for backward
    private var inverseStd: [Float] = []           // per channel, of the last forward
    private var lastWasTraining = false

    public init(channels: Int, epsilon: Float = 1e-5, momentum: Float = 0.1) {
        precondition(channels > 0, "BatchNorm2D needs at least one channel")
        self.channels = channels
        self.epsilon = epsilon
        self.momentum = momentum
        gamma = Parameter(name: "gamma", value: Tensor(shape: [channels], repeating: 1))
        beta = Parameter(name: "beta", value: Tensor(shape: [channels]))
        runningMean = Parameter(name: "running_mean", value: Tensor(shape: [channels]))
        runningVariance = Parameter(name: "running_var", value: Tensor(shape: [channels], repeating: 1))
        inverseStd = [Float](repeating: 1, count: channels)
    }

    public var summary: String { "batchnorm" }

    public var parameters: [Parameter] { [gamma, beta] }

    public var buffers: [Parameter] { [runningMean, runningVariance] }

    public func outputShape(for inputShape: [Int]) throws(ShapeError) -> [Int] {
        guard inputShape.count == 3 else {
            throw ShapeError(layer: summary, reason: "needs a C×H×W input, got \(formatShape(inputShape))")
        }
        guard inputShape[0] == channels else {
            throw ShapeError(layer: summary, reason: "expects \(channels) channels, got \(inputShape[0])")
        }
        return inputShape
    }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        precondition(input.rank == 4 && input.shape[1] == channels,
                     "BatchNorm2D expects [N, \(channels), H, W], got \(input.shape)")
        let n = input.shape[0], plane = input.shape[2] * input.shape[3]
        let m = n * plane
        precondition(!training || m > 1, "BatchNorm2D needs more than one value per channel to train")
        output.resize(to: input.shape)
        normalized.resize(to: input.shape)
        lastWasTraining = training
        input.storage.withUnsafeBufferPointer { xb in
            let x = xb.start
            for c in 0..<channels {
                let mean: Float, variance: Float
                if training {
                    var sum = 0.0
                    for s in 0..<n { let p = x + (s * channels + c) * plane; for i in 0..<plane { sum += Double(p[i]) } }
                    let mu = sum / Double(m)
                    var squares = 0.0
                    for s in 0..<n {
                        let p = x + (s * channels + c) * plane
                        for i in 0..<plane { let d = Double(p[i]) - mu; squares += d * d }
                    }
                    mean = Float(mu)
                    variance = Float(squares / Double(m))
                    let unbiased = Float(squares / Double(m - 1))
                    runningMean.value.storage[c] = (1 - momentum) * runningMean.value.storage[c] + momentum * mean
                    runningVariance.value.storage[c] = (1 - momentum) * runningVariance.value.storage[c] + momentum * unbiased
                } else {
                    mean = runningMean.value.storage[c]
                    variance = runningVariance.value.storage[c]
                }
                let inv = 1 / (variance + epsilon).squareRoot()
                inverseStd[c] = inv
                let g = gamma.value.storage[c], b = beta.value.storage[c]
                normalized.storage.withUnsafeMutableBufferPointer { nb in
                    output.storage.withUnsafeMutableBufferPointer { yb in
                        for s in 0..<n {
                            let offset = (s * channels + c) * plane
                            let p = x + offset, h = nb.start + offset, y = yb.start + offset
                            for i in 0..<plane {
                                let v = (p[i] - mean) * inv
                                h[i] = v
                                y[i] = g * v + b
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
                     "BatchNorm2D backward expects \(output.shape), got \(outputGradient.shape)")
        let n = output.shape[0], plane = output.shape[2] * output.shape[3]
        let m = Float(n * plane)
        if inputGradient { inputGrad.resize(to: output.shape) }
        outputGradient.storage.withUnsafeBufferPointer { gb in
            normalized.storage.withUnsafeBufferPointer { hb in
                for c in 0..<channels {
                    var sumG: Float = 0, sumGH: Float = 0
                    for s in 0..<n {
                        let offset = (s * channels + c) * plane
                        let g = gb.start + offset, h = hb.start + offset
                        for i in 0..<plane { sumG += g[i]; sumGH += g[i] * h[i] }
                    }
                    gamma.grad.storage[c] += sumGH
                    beta.grad.storage[c] += sumG
                    guard inputGradient else { continue }
                    let scale = gamma.value.storage[c] * inverseStd[c]
                    let training = lastWasTraining
                    inputGrad.storage.withUnsafeMutableBufferPointer { db in
                        for s in 0..<n {
                            let offset = (s * channels + c) * plane
                            let g = gb.start + offset, h = hb.start + offset, d = db.start + offset
                            if training {
                                // dx = γ/σ · (dy − mean(dy) − x̂·mean(dy·x̂))
                                for i in 0..<plane { d[i] = scale * (g[i] - sumG / m - h[i] * sumGH / m) }
                            } else {
                                for i in 0..<plane { d[i] = scale * g[i] }
                            }
                        }
                    }
                }
            }
        }
        return inputGradient ? inputGrad : .empty
    }
}
