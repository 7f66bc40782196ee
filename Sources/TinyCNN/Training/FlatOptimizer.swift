import Foundation

/// Which optimiser a training run uses, with its hyperparameters.
public enum OptimizerChoice: Sendable, Equatable, Codable {
    /// SGD with (heavy-ball or Nesterov) momentum: v = μv + g; p -= lr·v (PyTorch's convention).
    case sgd(momentum: Float, nesterov: Bool)
    /// Adam with bias correction.
    case adam(beta1: Float, beta2: Float, epsilon: Float)

    public static let adamDefaults = OptimizerChoice.adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8)

    public var name: String {
        switch self {
        case .sgd: return "sgd"
        case .adam: return "adam"
        }
    }
}

/// An optimiser over one flat parameter vector, updated in one vectorised pass.
struct FlatOptimizer {
    let choice: OptimizerChoice
    let weightDecay: Float
    private(set) var first: [Float]
    private(set) var second: [Float]
    private(set) var steps = 0

    init(_ choice: OptimizerChoice, parameterCount: Int, weightDecay: Float) {
        self.choice = choice
        self.weightDecay = weightDecay
        first = [Float](repeating: 0, count: parameterCount)
        if case .adam = choice {
            second = [Float](repeating: 0, count: parameterCount)
        } else {
            second = []
        }
    }

    /// One update of `p` from gradients `g` (both `count` long) at learning rate `lr`.
    mutating func update(_ p: UnsafeMutablePointer<Float>, gradients g: UnsafePointer<Float>, count: Int, lr: Float) {
        steps += 1
        let wd = weightDecay
        switch choice {
        case let .sgd(momentum, nesterov):
            first.withUnsafeMutableBufferPointer { vb in
                let v = vb.baseAddress!
                for i in 0..<count {
                    let grad = g[i] + wd * p[i]
                    let vi = momentum * v[i] + grad
                    v[i] = vi
                    p[i] -= lr * (nesterov ? grad + momentum * vi : vi)
                }
            }
        case let .adam(b1, b2, eps):
            let c1 = 1 - Float(pow(Double(b1), Double(steps)))
            let c2 = 1 - Float(pow(Double(b2), Double(steps)))
            let stepSize = lr / c1
            let c2root = c2.squareRoot()
            first.withUnsafeMutableBufferPointer { mb in
                second.withUnsafeMutableBufferPointer { vb in
                    let m = mb.baseAddress!, v = vb.baseAddress!
                    for i in 0..<count {
                        let grad = g[i] + wd * p[i]
                        let mi = b1 * m[i] + (1 - b1) * grad
                        let vi = b2 * v[i] + (1 - b2) * grad * grad
                        m[i] = mi
                        v[i] = vi
                        p[i] -= stepSize * mi / (vi.squareRoot() / c2root + eps)
                    }
                }
            }
        }
    }
}
