/// Softmax cross-entropy from logits, averaged over the batch.
///
/// Shapes: logits `[N, K]`, labels `N` class indices in `0..<K`. The softmax subtracts each
/// row's maximum before exponentiating (no overflow), and the loss uses
/// `log Σ e^(z − max) − (z_y − max)` directly (no `log 0`). The gradient with respect to the
/// logits is `(p − onehot(y)) / N`. Owns its output buffers, reused across calls.
public final class SoftmaxCrossEntropy {
    private var probabilities = Tensor.empty
    private var gradient = Tensor.empty

    public init() {}

    /// What one evaluation of the loss returns.
    public struct Result: Sendable {
        /// The mean loss over the batch.
        public var loss: Float
        /// The softmax of each row, `[N, K]`.
        public var probabilities: Tensor
        /// ∂loss/∂logits, `[N, K]`.
        public var gradient: Tensor
        /// The number of rows whose largest logit is the label.
        public var correct: Int
    }

    /// Evaluates the loss, the probabilities and the logits' gradient.
    public func callAsFunction(logits: Tensor, labels: [Int]) -> Result {
        precondition(logits.rank == 2, "Softmax cross-entropy expects logits [N, K], got \(logits.shape)")
        let n = logits.shape[0], k = logits.shape[1]
        precondition(labels.count == n, "Softmax cross-entropy got \(labels.count) labels for \(n) rows")
        probabilities.resize(to: logits.shape)
        gradient.resize(to: logits.shape)
        var total = 0.0
        var correct = 0
        let invN = 1 / Float(n)
        logits.storage.withUnsafeBufferPointer { zb in
            probabilities.storage.withUnsafeMutableBufferPointer { pb in
                gradient.storage.withUnsafeMutableBufferPointer { gb in
                    for r in 0..<n {
                        let z = zb.start + r * k, p = pb.start + r * k, g = gb.start + r * k
                        let label = labels[r]
                        precondition(label >= 0 && label < k, "Label \(label) is outside 0..<\(k)")
                        var best = z[0], bestIndex = 0
                        for j in 1..<k where z[j] > best { best = z[j]; bestIndex = j }
                        if bestIndex == label { correct += 1 }
                        var sum: Float = 0
                        for j in 0..<k { let e = _expf(z[j] - best); p[j] = e; sum += e }
                        let inv = 1 / sum
                        for j in 0..<k { p[j] *= inv; g[j] = p[j] * invN }
                        g[label] -= invN
                        total += Double(_logf(sum) - (z[label] - best))
                    }
                }
            }
        }
        return Result(loss: Float(total / Double(n)), probabilities: probabilities, gradient: gradient, correct: correct)
    }
}
