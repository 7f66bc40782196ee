import Foundation

typealias V8 = SIMD8<Float>

// load8/store8 (unaligned SIMD8 loads and stores) live in Core/GEMM.swift.

@inline(__always) func splat(_ x: Float) -> V8 { V8(repeating: x) }

/// Lane-wise maximum. The standard library's `pointwiseMax` is not inlined (a call per vector);
/// a compare-and-blend is. NaN in `a` survives, so divergence still shows in the loss.
@inline(__always) func vmax(_ a: V8, _ b: V8) -> V8 { a.replacing(with: b, where: a .< b) }

/// `acc += a * b` as one fused multiply-add (the build targets the host CPU, see Package.swift).
@inline(__always) func madd(_ acc: inout V8, _ a: V8, _ b: V8) { acc.addProduct(a, b) }

/// ReLU on 8 lanes.
@inline(__always) func relu8(_ a: V8) -> V8 { a.replacing(with: 0, where: a .< 0) }

/// The fused forward and backward passes of one sample through a demo net.
///
/// Shapes (one sample, channel-last): input s×s; conv1 → s×s×8; pool → s2×s2×8 (s2 = s/2);
/// conv2 → s2×s2×16; pool → s4×s4×16 = F features; dense → hidden; dense → 10.
/// `P` is the flat parameter vector (see `ParameterLayout`), `w2r` the conv2 weights re-laid
/// out as `[tap][out 16][in 8]` for the input-gradient pass. Gradients are accumulated (`+=`)
/// into `ws.grads`.
enum DemoKernels {
    /// Runs one sample forward; leaves every intermediate in `ws` and returns the loss for
    /// `label` (pass -1 for no loss) and the predicted class.
    @inline(__always)
    static func forward(_ x: UnsafePointer<Float>, label: Int, _ P: UnsafePointer<Float>,
                        _ ws: DemoWorkspace) -> (loss: Float, predicted: Int) {
        let L = ws.layout
        let s = L.side, s2 = L.s2, s4 = L.s4, p1 = s + 2, p2 = s2 + 2
        let xpad = ws.xpad, a1 = ws.a1, p1pad = ws.p1pad, a2 = ws.a2, feat = ws.feat
        // Input into the padded buffer's interior.
        for y in 0..<s {
            (xpad + (y + 1) * p1 + 1).update(from: x + y * s, count: s)
        }
        // conv1 + ReLU: nine taps, one vector of 8 channels each.
        let w1 = P + L.w1
        let k0 = load8(w1), k1 = load8(w1 + 8), k2 = load8(w1 + 16)
        let k3 = load8(w1 + 24), k4 = load8(w1 + 32), k5 = load8(w1 + 40)
        let k6 = load8(w1 + 48), k7 = load8(w1 + 56), k8 = load8(w1 + 64)
        let b1 = load8(P + L.b1)
        // Four positions at a time: four independent accumulation chains instead of one chain
        // of nine dependent multiply-adds (the side is a multiple of 4).
        for y in 0..<s {
            let r0 = xpad + y * p1, r1 = r0 + p1, r2 = r1 + p1
            let out = a1 + y * s * 8
            var x = 0
            while x < s {
                var c0 = b1, c1 = b1, c2 = b1, c3 = b1
                conv1Row(r0 + x, k0, k1, k2, &c0, &c1, &c2, &c3)
                conv1Row(r1 + x, k3, k4, k5, &c0, &c1, &c2, &c3)
                conv1Row(r2 + x, k6, k7, k8, &c0, &c1, &c2, &c3)
                store8(relu8(c0), out + x * 8)
                store8(relu8(c1), out + x * 8 + 8)
                store8(relu8(c2), out + x * 8 + 16)
                store8(relu8(c3), out + x * 8 + 24)
                x += 4
            }
        }
        // pool1 into the padded buffer.
        for y in 0..<s2 {
            let top = a1 + 2 * y * s * 8, bottom = top + s * 8
            let out = p1pad + ((y + 1) * p2 + 1) * 8
            for x in 0..<s2 {
                let m = vmax(vmax(load8(top + 16 * x), load8(top + 16 * x + 8)),
                                     vmax(load8(bottom + 16 * x), load8(bottom + 16 * x + 8)))
                store8(m, out + x * 8)
            }
        }
        // conv2 + ReLU.
        conv2Forward(p1pad, w2: P + L.w2, b2: P + L.b2, out: a2, s2: s2)
        // pool2 into the feature vector.
        for y in 0..<s4 {
            let top = a2 + 2 * y * s2 * 16, bottom = top + s2 * 16
            for x in 0..<s4 {
                for half in 0..<2 {
                    let o = 32 * x + 8 * half
                    let m = vmax(vmax(load8(top + o), load8(top + o + 16)),
                                         vmax(load8(bottom + o), load8(bottom + o + 16)))
                    store8(m, feat + (y * s4 + x) * 16 + 8 * half)
                }
            }
        }
        // dense1 + ReLU, four vectors of outputs at a time.
        let hidden = L.hidden, F = L.features
        let w3 = P + L.w3, b3 = P + L.b3, h = ws.h
        var c = 0
        while c < hidden {
            let n = min(4, (hidden - c) / 8)
            var acc0 = load8(b3 + c), acc1 = n > 1 ? load8(b3 + c + 8) : .zero
            var acc2 = n > 2 ? load8(b3 + c + 16) : .zero, acc3 = n > 3 ? load8(b3 + c + 24) : .zero
            var w = w3 + c
            if n == 4 {
                for f in 0..<F {
                    let v = splat(feat[f])
                    madd(&acc0, v, load8(w)); madd(&acc1, v, load8(w + 8))
                    madd(&acc2, v, load8(w + 16)); madd(&acc3, v, load8(w + 24))
                    w += hidden
                }
            } else {
                for f in 0..<F {
                    let v = splat(feat[f])
                    madd(&acc0, v, load8(w))
                    if n > 1 { madd(&acc1, v, load8(w + 8)) }
                    if n > 2 { madd(&acc2, v, load8(w + 16)) }
                    w += hidden
                }
            }
            store8(relu8(acc0), h + c)
            if n > 1 { store8(relu8(acc1), h + c + 8) }
            if n > 2 { store8(relu8(acc2), h + c + 16) }
            if n > 3 { store8(relu8(acc3), h + c + 24) }
            c += 8 * n
        }
        // dense2 and a numerically stable softmax (shift by the largest logit).
        let w4 = P + L.w4, z = ws.logits, probs = ws.probs
        z.update(from: P + L.b4, count: 10)
        for j in 0..<hidden {
            let hj = h[j]
            if hj == 0 { continue }
            let row = w4 + j * 10
            for k in 0..<10 { z[k] += hj * row[k] }
        }
        var best = 0
        var maxZ = z[0]
        for k in 1..<10 where z[k] > maxZ { maxZ = z[k]; best = k }
        var sum: Float = 0
        for k in 0..<10 {
            let e = expf(z[k] - maxZ)
            probs[k] = e
            sum += e
        }
        let inv = 1 / sum
        for k in 0..<10 { probs[k] *= inv }
        let loss = label >= 0 ? logf(sum) - (z[label] - maxZ) : 0
        return (loss, best)
    }

    /// One kernel row of conv1 for four neighbouring positions: `row` points at the first
    /// position's leftmost input; `ka`, `kb`, `kc` are the row's three taps.
    @inline(__always)
    static func conv1Row(_ row: UnsafeMutablePointer<Float>, _ ka: V8, _ kb: V8, _ kc: V8,
                         _ c0: inout V8, _ c1: inout V8, _ c2: inout V8, _ c3: inout V8) {
        let v0 = splat(row[0]), v1 = splat(row[1]), v2 = splat(row[2])
        let v3 = splat(row[3]), v4 = splat(row[4]), v5 = splat(row[5])
        madd(&c0, v0, ka); madd(&c1, v1, ka); madd(&c2, v2, ka); madd(&c3, v3, ka)
        madd(&c0, v1, kb); madd(&c1, v2, kb); madd(&c2, v3, kb); madd(&c3, v4, kb)
        madd(&c0, v2, kc); madd(&c1, v3, kc); madd(&c2, v4, kc); madd(&c3, v5, kc)
    }
}
