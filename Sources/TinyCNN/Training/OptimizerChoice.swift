/// Which optimiser a training run uses, with its hyperparameters.
public enum OptimizerChoice: Sendable, Equatable, Codable {
    /// SGD with (heavy-ball or Nesterov) momentum: v = μv + g; p -= lr·v (PyTorch's convention).
    case sgd(momentum: Float, nesterov: Bool)
    /// Adam with bias correction.
    case adam(beta1: Float, beta2: Float, epsilon: Float)

    public static let adamDefaults = OptimizerChoice.adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8)
    /// SGD with heavy-ball momentum 0.9, the tutor's SGD everywhere.
    public static let sgdDefaults = OptimizerChoice.sgd(momentum: 0.9, nesterov: false)

    public var name: String {
        switch self {
        case .sgd: return "sgd"
        case .adam: return "adam"
        }
    }
}
