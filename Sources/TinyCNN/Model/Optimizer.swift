/// Updates parameters from their accumulated gradients.
///
/// An optimiser is bound to a list of parameters at creation (its per-parameter state lines up
/// with that list). `step()` applies one update and then zeroes the gradients, ready for the
/// next batch's `+=`.
public protocol Optimizer: AnyObject {
    /// The step size; schedules change it between steps.
    var learningRate: Float { get set }
    /// The parameters updated by `step()`.
    var parameters: [Parameter] { get }
    /// Applies one update from the current gradients, then zeroes them.
    func step()
}

/// Stochastic gradient descent with optional momentum, Nesterov momentum and L2 weight decay,
/// with PyTorch's update rule:
/// `g ← ∇ + λ·w;  v ← μ·v + g;  w ← w − η·(nesterov ? g + μ·v : v)` (plain `g` when μ = 0).
public final class SGD: Optimizer {
    public var learningRate: Float
    public let momentum: Float
    public let nesterov: Bool
    public let weightDecay: Float
    public let parameters: [Parameter]
    private var velocity: [[Float]]
    private var started = false

    public init(parameters: [Parameter], learningRate: Float, momentum: Float = 0, nesterov: Bool = false,
                weightDecay: Float = 0) {
        precondition(learningRate > 0 && momentum >= 0 && weightDecay >= 0, "SGD needs lr > 0, momentum ≥ 0, weight decay ≥ 0")
        precondition(!nesterov || momentum > 0, "Nesterov momentum needs momentum > 0")
        self.parameters = parameters
        self.learningRate = learningRate
        self.momentum = momentum
        self.nesterov = nesterov
        self.weightDecay = weightDecay
        velocity = parameters.map { [Float](repeating: 0, count: $0.count) }
    }

    public func step() {
        let lr = learningRate, mu = momentum, decay = weightDecay, first = !started
        for (index, parameter) in parameters.enumerated() {
            parameter.value.storage.withUnsafeMutableBufferPointer { wb in
                parameter.grad.storage.withUnsafeMutableBufferPointer { gb in
                    velocity[index].withUnsafeMutableBufferPointer { vb in
                        let w = wb.start, g = gb.start, v = vb.start, count = wb.count
                        // One branch-free loop per variant, so each vectorises.
                        if decay != 0 {
                            for i in 0..<count { g[i] += decay * w[i] }
                        }
                        if mu == 0 {
                            for i in 0..<count { w[i] -= lr * g[i] }
                        } else {
                            // PyTorch starts the velocity at the first gradient, not at zero.
                            if first {
                                for i in 0..<count { v[i] = g[i] }
                            } else {
                                for i in 0..<count { v[i] = mu * v[i] + g[i] }
                            }
                            if nesterov {
                                for i in 0..<count { w[i] -= lr * (g[i] + mu * v[i]) }
                            } else {
                                for i in 0..<count { w[i] -= lr * v[i] }
                            }
                        }
                        g.update(repeating: 0, count: count)
                    }
                }
            }
        }
        started = true
    }
}

/// Adam with bias correction (Kingma & Ba), optional L2 weight decay added to the gradient:
/// `m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  w ← w − η·m̂ / (√v̂ + ε)` with `m̂ = m/(1−β₁ᵗ)`,
/// `v̂ = v/(1−β₂ᵗ)`.
public final class Adam: Optimizer {
    public var learningRate: Float
    public let beta1: Float
    public let beta2: Float
    public let epsilon: Float
    public let weightDecay: Float
    public let parameters: [Parameter]
    /// The number of steps taken so far.
    public private(set) var timestep = 0
    private var firstMoment: [[Float]]
    private var secondMoment: [[Float]]

    public init(parameters: [Parameter], learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999,
                epsilon: Float = 1e-8, weightDecay: Float = 0) {
        precondition(learningRate > 0 && (0..<1).contains(beta1) && (0..<1).contains(beta2) && epsilon > 0,
                     "Adam needs lr > 0, betas in [0, 1), epsilon > 0")
        self.parameters = parameters
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        firstMoment = parameters.map { [Float](repeating: 0, count: $0.count) }
        secondMoment = parameters.map { [Float](repeating: 0, count: $0.count) }
    }

    public func step() {
        timestep += 1
        let b1 = beta1, b2 = beta2, eps = epsilon, decay = weightDecay
        let correction1 = 1 - Float(pow(Double(b1), Double(timestep)))
        let correction2 = 1 - Float(pow(Double(b2), Double(timestep)))
        let lr = learningRate
        for (index, parameter) in parameters.enumerated() {
            parameter.value.storage.withUnsafeMutableBufferPointer { w in
                parameter.grad.storage.withUnsafeMutableBufferPointer { g in
                    firstMoment[index].withUnsafeMutableBufferPointer { m in
                        secondMoment[index].withUnsafeMutableBufferPointer { v in
                            for i in 0..<w.count {
                                let d = g[i] + decay * w[i]
                                m[i] = b1 * m[i] + (1 - b1) * d
                                v[i] = b2 * v[i] + (1 - b2) * d * d
                                let mHat = m[i] / correction1, vHat = v[i] / correction2
                                w[i] -= lr * mHat / (vHat.squareRoot() + eps)
                                g[i] = 0
                            }
                        }
                    }
                }
            }
        }
    }
}

import Foundation
