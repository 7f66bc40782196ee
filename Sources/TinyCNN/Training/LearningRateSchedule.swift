import Foundation

/// How the learning rate changes over a run, as a factor of the base rate.
public enum LearningRateSchedule: Sendable, Equatable, Codable {
    /// The base rate throughout.
    case constant
    /// Multiply by `gamma` every `epochs` epochs (PyTorch's `StepLR`).
    case step(epochs: Int, gamma: Float)
    /// Half a cosine from the base rate down to `floor`·base over the whole run
    /// (PyTorch's `CosineAnnealingLR` stepped per batch).
    case cosine(floor: Float)

    /// The rate at `step` (0-based, counted over the whole run) of `totalSteps`, in `epoch` (0-based).
    public func rate(base: Float, step: Int, totalSteps: Int, epoch: Int) -> Float {
        switch self {
        case .constant:
            return base
        case let .step(every, gamma):
            return base * Float(pow(Double(gamma), Double(epoch / max(every, 1))))
        case let .cosine(floor):
            let t = totalSteps <= 1 ? 0 : Double(min(step, totalSteps - 1)) / Double(totalSteps - 1)
            let factor = Double(floor) + (1 - Double(floor)) * 0.5 * (1 + cos(Double.pi * t))
            return base * Float(factor)
        }
    }

    /// A short description for reports and screens, e.g. `cosine to 5%`.
    public var summary: String {
        switch self {
        case .constant: return "constant"
        case let .step(every, gamma): return "x\(gamma) every \(every) epoch\(every == 1 ? "" : "s")"
        case let .cosine(floor):
            let percent = (Double(floor) * 10000).rounded() / 100
            return "cosine to \(percent == percent.rounded() ? String(Int(percent)) : String(percent))%"
        }
    }
}
