import Foundation

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

    /// One update of `p` from gradients `g` (both `count` long) at learning rate `lr`, eight
    /// lanes at a time (the update runs once per step, so at batch 1 its speed matters).
    mutating func update(_ p: UnsafeMutablePointer<Float>, gradients g: UnsafePointer<Float>, count: Int, lr: Float) {
        steps += 1
        let wd = splat(weightDecay)
        let vectorEnd = count - count % 8
        switch choice {
        case let .sgd(momentum, nesterov):
            let mu = splat(momentum), rate = splat(lr)
            first.withUnsafeMutableBufferPointer { vb in
                let v = vb.start
                var i = 0
                while i < vectorEnd {
                    let w = load8(p + i)
                    let grad = load8(g + i) + wd * w
                    let vi = mu * load8(v + i) + grad
                    store8(vi, v + i)
                    store8(w - rate * (nesterov ? grad + mu * vi : vi), p + i)
                    i += 8
                }
                while i < count {
                    let grad = g[i] + weightDecay * p[i]
                    let vi = momentum * v[i] + grad
                    v[i] = vi
                    p[i] -= lr * (nesterov ? grad + momentum * vi : vi)
                    i += 1
                }
            }
        case let .adam(b1, b2, eps):
            let c1 = 1 - Float(pow(Double(b1), Double(steps)))
            let c2 = 1 - Float(pow(Double(b2), Double(steps)))
            let stepSize = lr / c1
            let c2root = c2.squareRoot()
            let vb1 = splat(b1), vb2 = splat(b2), vb1c = splat(1 - b1), vb2c = splat(1 - b2)
            let vstep = splat(stepSize), vinv = splat(1 / c2root), veps = splat(eps)
            first.withUnsafeMutableBufferPointer { mb in
                second.withUnsafeMutableBufferPointer { vb in
                    let m = mb.start, v = vb.start
                    var i = 0
                    while i < vectorEnd {
                        let w = load8(p + i)
                        let grad = load8(g + i) + wd * w
                        let mi = vb1 * load8(m + i) + vb1c * grad
                        let vi = vb2 * load8(v + i) + vb2c * grad * grad
                        store8(mi, m + i)
                        store8(vi, v + i)
                        store8(w - vstep * mi / (sqrt8(vi) * vinv + veps), p + i)
                        i += 8
                    }
                    while i < count {
                        let grad = g[i] + weightDecay * p[i]
                        let mi = b1 * m[i] + (1 - b1) * grad
                        let vi = b2 * v[i] + (1 - b2) * grad * grad
                        m[i] = mi
                        v[i] = vi
                        p[i] -= stepSize * mi / (sqrt8(V8(repeating: vi))[0] * (1 / c2root) + eps)
                        i += 1
                    }
                }
            }
        }
    }
}

/// Square roots of 8 non-negative lanes, to within a few ulp.
///
/// The standard library's `SIMD8.squareRoot()` is scalarised on Linux (eight `sqrtss` each
/// guarded by a call to `sqrtf` for errno), which made Adam's update the slowest part of a
/// batch-1 step. This is the classic reciprocal-square-root bit trick refined by three Newton
/// steps (relative error 3e-3 → 2e-5 → 5e-10, then float rounding), all in vector arithmetic;
/// 0 maps to 0.
@inline(__always) func sqrt8(_ x: V8) -> V8 {
    let bits = unsafeBitCast(x, to: SIMD8<UInt32>.self)
    var y = unsafeBitCast(SIMD8<UInt32>(repeating: 0x5F37_5A86) &- (bits &>> 1), to: V8.self)
    let half = 0.5 * x
    y = y * (1.5 - half * y * y)
    y = y * (1.5 - half * y * y)
    y = y * (1.5 - half * y * y)
    return x * y
}
