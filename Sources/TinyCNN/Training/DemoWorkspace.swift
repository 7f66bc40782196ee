/// Scratch memory for one shard of a batch: every intermediate of one sample's forward and
/// backward pass, plus the shard's gradient sum. Allocated once per trainer, so a training step
/// allocates nothing.
///
/// Image buffers are channel-last (position-major, 8 or 16 channels contiguous). The padded
/// buffers keep a zero border of one pixel that the kernels never write, which is what lets the
/// 3×3 convolutions run without bounds checks.
final class DemoWorkspace: @unchecked Sendable {
    let layout: ParameterLayout
    /// (side+2)² padded input.
    let xpad: UnsafeMutablePointer<Float>
    /// side²·8 conv1 output after ReLU.
    let a1: UnsafeMutablePointer<Float>
    /// (s2+2)²·8 pool1 output, padded.
    let p1pad: UnsafeMutablePointer<Float>
    /// s2²·16 conv2 output after ReLU.
    let a2: UnsafeMutablePointer<Float>
    /// features: pool2 output, (y, x, channel) order.
    let feat: UnsafeMutablePointer<Float>
    /// hidden: dense1 output after ReLU.
    let h: UnsafeMutablePointer<Float>
    /// 10 logits and their softmax probabilities.
    let logits, probs: UnsafeMutablePointer<Float>
    /// Backward buffers mirroring the above.
    let dfeat, dz2pad, dp1, dz1, dh, dlogits: UnsafeMutablePointer<Float>
    /// The shard's summed parameter gradients, laid out like the parameters.
    let grads: UnsafeMutablePointer<Float>
    /// The shard's features, feature-major (`featColumns[f * capacity + slot]`), and dense1
    /// output gradients, sample-major, for `flushDense1`.
    let featColumns, dhRows: UnsafeMutablePointer<Float>
    /// Whether feature f was positive for any sample since the last flush (most are not, and
    /// their gradient rows need no visit).
    let activeFeatures: UnsafeMutablePointer<Bool>
    /// How many samples one shard may hold between flushes.
    let capacity: Int
    /// Augmented copy of the current sample.
    let augmented: UnsafeMutablePointer<Float>
    /// The shard's summed loss and correct count for the current step.
    var lossSum: Double = 0
    var correct: Int = 0

    init(layout: ParameterLayout, capacity: Int = 1) {
        precondition(capacity >= 1, "DemoWorkspace: capacity must be >= 1")
        self.layout = layout
        self.capacity = capacity
        let s = layout.side, s2 = layout.s2
        func buffer(_ n: Int) -> UnsafeMutablePointer<Float> {
            let p = UnsafeMutablePointer<Float>.allocate(capacity: n)
            p.initialize(repeating: 0, count: n)
            return p
        }
        xpad = buffer((s + 2) * (s + 2))
        a1 = buffer(s * s * 8)
        p1pad = buffer((s2 + 2) * (s2 + 2) * 8)
        a2 = buffer(s2 * s2 * 16)
        feat = buffer(layout.features)
        h = buffer(layout.hidden)
        logits = buffer(16)
        probs = buffer(16)
        dfeat = buffer(layout.features)
        dz2pad = buffer((s2 + 2) * (s2 + 2) * 16)
        dp1 = buffer(s2 * s2 * 8)
        dz1 = buffer(s * s * 8)
        dh = buffer(layout.hidden)
        dlogits = buffer(16)
        grads = buffer(layout.count)
        augmented = buffer(s * s)
        featColumns = buffer(capacity * layout.features)
        activeFeatures = UnsafeMutablePointer<Bool>.allocate(capacity: layout.features)
        activeFeatures.initialize(repeating: false, count: layout.features)
        dhRows = buffer(capacity * layout.hidden)
    }

    deinit {
        for p in [xpad, a1, p1pad, a2, feat, h, logits, probs, dfeat, dz2pad, dp1, dz1, dh, dlogits, grads, augmented, featColumns, dhRows] {
            p.deallocate()
        }
        activeFeatures.deallocate()
    }

    /// Clears the gradient sum and the step's counters.
    func resetStep() {
        grads.update(repeating: 0, count: layout.count)
        lossSum = 0
        correct = 0
    }
}
