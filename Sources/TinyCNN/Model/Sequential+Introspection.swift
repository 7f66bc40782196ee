/// What the tutor's screens ask of a trained network: every layer's output, which pixels a
/// class score is sensitive to, and what hiding part of the image does.
///
/// These run inference passes (dropout off, BatchNorm on running statistics). `saliency` back-
/// propagates through the network and leaves parameter gradients zeroed: call it between
/// training steps, never during one.
extension Sequential {
    /// Adds a batch dimension of 1 to one sample (`[C, H, W]`, `[H, W]` or `[F]`).
    private func batchOfOne(_ sample: Tensor) -> Tensor {
        precondition(sample.count == inputShape.reduce(1, *),
                     "Expected one sample of shape \(formatShape(inputShape)), got \(sample.shape)")
        return sample.reshaped([1] + inputShape)
    }

    /// Each layer's output for one sample, without the batch dimension: `result[i]` is layer
    /// `i`'s output (e.g. `[8, 8, 8]` after the first convolution of the digits net).
    public func activations(for sample: Tensor) -> [Tensor] {
        var x = batchOfOne(sample)
        var result: [Tensor] = []
        result.reserveCapacity(layers.count)
        for layer in layers {
            x = layer.forward(x, training: false)
            result.append(Tensor(shape: Array(x.shape.dropFirst()), storage: x.storage))
        }
        return result
    }

    /// The class probabilities (softmax of the logits) for one sample.
    public func probabilities(for sample: Tensor) -> [Float] {
        let logits = forward(batchOfOne(sample), training: false)
        return softmax(Array(logits.storage))
    }

    /// ∂(logit of `classIndex`)/∂input for one sample, shaped like the sample's
    /// `inputShape` (`[C, H, W]`). Large magnitudes mark the pixels the score is most
    /// sensitive to; take the absolute value for a saliency map.
    public func saliency(input sample: Tensor, classIndex: Int) -> Tensor {
        precondition(classIndex >= 0 && classIndex < outputSize, "Class \(classIndex) is outside 0..<\(outputSize)")
        let logits = forward(batchOfOne(sample), training: false)
        var seed = Tensor(shape: logits.shape)
        seed.storage[classIndex] = 1
        let gradient = backward(seed, inputGradient: true)
        zeroGradients()
        return Tensor(shape: inputShape, storage: gradient.storage)
    }

    /// Slides a `patch`×`patch` square of `fill` over the sample with `stride` and records the
    /// probability of `classIndex` for each position. Returns `[OH, OW]` with
    /// `OH = (H − patch) / stride + 1`; a low value means hiding that square hurt the class.
    public func occlusion(input sample: Tensor, classIndex: Int, patch: Int, stride: Int, fill: Float = 0) -> Tensor {
        precondition(inputShape.count == 3, "Occlusion needs image inputs, the model takes \(formatShape(inputShape))")
        precondition(classIndex >= 0 && classIndex < outputSize, "Class \(classIndex) is outside 0..<\(outputSize)")
        let c = inputShape[0], h = inputShape[1], w = inputShape[2]
        precondition(patch >= 1 && patch <= min(h, w) && stride >= 1,
                     "Occlusion patch \(patch) must fit the \(h)×\(w) image and stride must be at least 1")
        let oh = (h - patch) / stride + 1, ow = (w - patch) / stride + 1
        let plane = h * w, per = c * plane
        // All occluded copies go through the network as one batch.
        var batch = Tensor(shape: [oh * ow] + inputShape)
        for position in 0..<(oh * ow) {
            let top = (position / ow) * stride, left = (position % ow) * stride
            let base = position * per
            for i in 0..<per { batch.storage[base + i] = sample.storage[i] }
            for ch in 0..<c {
                for r in top..<(top + patch) {
                    for col in left..<(left + patch) { batch.storage[base + ch * plane + r * w + col] = fill }
                }
            }
        }
        let logits = forward(batch, training: false)
        let k = outputSize
        var map = Tensor(shape: [oh, ow])
        for position in 0..<(oh * ow) {
            let row = Array(logits.storage[(position * k)..<((position + 1) * k)])
            map.storage[position] = softmax(row)[classIndex]
        }
        return map
    }
}

/// A numerically stable softmax of one row.
public func softmax(_ logits: [Float]) -> [Float] {
    guard let largest = logits.max() else { return [] }
    let exps = logits.map { _expf($0 - largest) }
    let total = exps.reduce(0, +)
    return exps.map { $0 / total }
}
