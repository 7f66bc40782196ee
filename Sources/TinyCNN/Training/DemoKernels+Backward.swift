extension DemoKernels {
    /// Backpropagates the sample `forward` just ran, with its loss weighted by `scale`
    /// (1/batch for a mean loss), accumulating parameter gradients into `ws.grads`; `slot` is
    /// the sample's position in the shard (< `ws.capacity`). dense1's weight gradient is only
    /// added by `flushDense1`, once per shard.
    ///
    /// Max-pool gradients go to the first maximum of each window in row-major order (as in
    /// PyTorch); ReLU's gradient at 0 is 0.
    @inline(__always)
    static func backward(label: Int, scale: Float, _ P: UnsafePointer<Float>, w2r: UnsafePointer<Float>,
                         _ ws: DemoWorkspace, slot: Int) {
        let L = ws.layout
        let s = L.side, s2 = L.s2, s4 = L.s4, p1 = s + 2, p2 = s2 + 2
        let hidden = L.hidden, F = L.features
        let G = ws.grads
        let h = ws.h, dh = ws.dh, feat = ws.feat, dfeat = ws.dfeat, dl = ws.dlogits
        // Softmax cross-entropy: dL/dz = p - onehot.
        for k in 0..<10 { dl[k] = (ws.probs[k] - (k == label ? 1 : 0)) * scale }
        // dense2.
        let w4 = P + L.w4, gw4 = G + L.w4
        for k in 0..<10 { G[L.b4 + k] += dl[k] }
        for j in 0..<hidden {
            let hj = h[j]
            guard hj > 0 else { dh[j] = 0; continue }
            let row = w4 + j * 10, grow = gw4 + j * 10
            var d: Float = 0
            for k in 0..<10 {
                grow[k] += hj * dl[k]
                d += row[k] * dl[k]
            }
            dh[j] = d
        }
        // dense1: the weight gradient is deferred to `flushDense1` (one pass over the gradient
        // rows per shard instead of per sample), so keep this sample's features and dh. The input
        // gradient is needed only where the pooled feature is positive (elsewhere ReLU's
        // gradient is 0 anyway).
        let w3 = P + L.w3, gb3 = G + L.b3
        let columns = ws.featColumns + slot, active = ws.activeFeatures, capacity = ws.capacity
        for f in 0..<F {
            let v = feat[f]
            columns[f * capacity] = v
            if v > 0 { active[f] = true }
        }
        (ws.dhRows + slot * hidden).update(from: dh, count: hidden)
        var c = 0
        while c < hidden {
            store8(load8(gb3 + c) + load8(dh + c), gb3 + c)
            c += 8
        }
        // Four features at a time, so that four dot products run side by side rather than one
        // chain of dependent multiply-adds per feature (F is a multiple of 16).
        var f = 0
        while f < F {
            if feat[f] <= 0 && feat[f + 1] <= 0 && feat[f + 2] <= 0 && feat[f + 3] <= 0 {
                dfeat[f] = 0; dfeat[f + 1] = 0; dfeat[f + 2] = 0; dfeat[f + 3] = 0
                f += 4
                continue
            }
            let row = w3 + f * hidden
            var d0 = V8.zero, d1 = V8.zero, d2 = V8.zero, d3 = V8.zero
            var c = 0
            while c < hidden {
                let d = load8(dh + c)
                madd(&d0, load8(row + c), d)
                madd(&d1, load8(row + hidden + c), d)
                madd(&d2, load8(row + 2 * hidden + c), d)
                madd(&d3, load8(row + 3 * hidden + c), d)
                c += 8
            }
            dfeat[f] = feat[f] > 0 ? d0.sum() : 0
            dfeat[f + 1] = feat[f + 1] > 0 ? d1.sum() : 0
            dfeat[f + 2] = feat[f + 2] > 0 ? d2.sum() : 0
            dfeat[f + 3] = feat[f + 3] > 0 ? d3.sum() : 0
            f += 4
        }
        // pool2 + ReLU2 backward into the padded dz2pad (every interior position written).
        let a2 = ws.a2, dz2pad = ws.dz2pad
        for y in 0..<s4 {
            for x in 0..<s4 {
                for half in 0..<2 {
                    let fi = (y * s4 + x) * 16 + 8 * half
                    let src = (2 * y * s2 + 2 * x) * 16 + 8 * half
                    let dst = ((2 * y + 1) * p2 + 2 * x + 1) * 16 + 8 * half
                    routeMax(pooled: load8(feat + fi), grad: load8(dfeat + fi), source: a2, into: dz2pad,
                             from: (src, src + 16, src + s2 * 16, src + s2 * 16 + 16),
                             to: (dst, dst + 16, dst + p2 * 16, dst + p2 * 16 + 16))
                }
            }
        }
        // conv2.
        let p1pad = ws.p1pad, dp1 = ws.dp1
        conv2WeightGradient(p1pad, dz2pad: dz2pad, gw2: G + L.w2, gb2: G + L.b2, s2: s2)
        conv2InputGradient(dz2pad, w2r: w2r, out: dp1, s2: s2)
        // pool1 + ReLU1 backward into dz1.
        let a1 = ws.a1, dz1 = ws.dz1
        for y in 0..<s2 {
            for x in 0..<s2 {
                let top = (2 * y * s + 2 * x) * 8
                let q = (top, top + 8, top + s * 8, top + s * 8 + 8)
                routeMax(pooled: load8(p1pad + ((y + 1) * p2 + x + 1) * 8), grad: load8(dp1 + (y * s2 + x) * 8),
                         source: a1, into: dz1, from: q, to: q)
            }
        }
        // conv1: bias and weight gradients, held in registers over the whole image.
        let xpad = ws.xpad, gw1 = G + L.w1
        var g0 = load8(gw1), g1 = load8(gw1 + 8), g2 = load8(gw1 + 16)
        var g3 = load8(gw1 + 24), g4 = load8(gw1 + 32), g5 = load8(gw1 + 40)
        var g6 = load8(gw1 + 48), g7 = load8(gw1 + 56), g8 = load8(gw1 + 64)
        var gb1 = load8(G + L.b1)
        for y in 0..<s {
            let r0 = xpad + y * p1, r1 = r0 + p1, r2 = r1 + p1
            for x in 0..<s {
                let d = load8(dz1 + (y * s + x) * 8)
                if !any(d .!= 0) { continue }
                gb1 += d
                madd(&g0, splat(r0[x]), d); madd(&g1, splat(r0[x + 1]), d); madd(&g2, splat(r0[x + 2]), d)
                madd(&g3, splat(r1[x]), d); madd(&g4, splat(r1[x + 1]), d); madd(&g5, splat(r1[x + 2]), d)
                madd(&g6, splat(r2[x]), d); madd(&g7, splat(r2[x + 1]), d); madd(&g8, splat(r2[x + 2]), d)
            }
        }
        store8(g0, gw1); store8(g1, gw1 + 8); store8(g2, gw1 + 16)
        store8(g3, gw1 + 24); store8(g4, gw1 + 32); store8(g5, gw1 + 40)
        store8(g6, gw1 + 48); store8(g7, gw1 + 56); store8(g8, gw1 + 64)
        store8(gb1, G + L.b1)
    }

    /// Max-pool + ReLU backward for one window and 8 channels: the gradient goes to the first of
    /// the four source positions `from` that holds the pooled maximum, and nowhere when that
    /// maximum is not positive (ReLU clipped it). It is written at the matching positions `to`
    /// of `target`, which may be laid out with a border.
    @inline(__always)
    static func routeMax(pooled: V8, grad: V8, source: UnsafeMutablePointer<Float>,
                         into target: UnsafeMutablePointer<Float>,
                         from q: (Int, Int, Int, Int), to t: (Int, Int, Int, Int)) {
        let g = V8.zero.replacing(with: grad, where: pooled .> 0)
        let m0 = load8(source + q.0) .== pooled
        let m1 = (load8(source + q.1) .== pooled) .& .!m0
        let taken = m0 .| m1
        let m2 = (load8(source + q.2) .== pooled) .& .!taken
        let m3 = .!(taken .| m2)
        store8(V8.zero.replacing(with: g, where: m0), target + t.0)
        store8(V8.zero.replacing(with: g, where: m1), target + t.1)
        store8(V8.zero.replacing(with: g, where: m2), target + t.2)
        store8(V8.zero.replacing(with: g, where: m3), target + t.3)
    }

    /// Adds dense1's weight gradient for the first `count` samples backpropagated since the last
    /// flush: `gw3[f][:] += Σ_s feat_s[f] · dh_s[:]`, each gradient row loaded and stored once.
    @inline(__always)
    static func flushDense1(_ ws: DemoWorkspace, count: Int) {
        let L = ws.layout
        let F = L.features, hidden = L.hidden, capacity = ws.capacity
        let gw3 = ws.grads + L.w3, columns = ws.featColumns, dhRows = ws.dhRows, active = ws.activeFeatures
        for f in 0..<F where active[f] {
            active[f] = false
            let column = columns + f * capacity
            var c0 = 0
            while c0 < hidden {
                let n = min(4, (hidden - c0) / 8)
                let g = gw3 + f * hidden + c0
                var g0 = load8(g), g1 = n > 1 ? load8(g + 8) : .zero
                var g2 = n > 2 ? load8(g + 16) : .zero, g3 = n > 3 ? load8(g + 24) : .zero
                for s in 0..<count {
                    let v = column[s]
                    if v == 0 { continue }
                    let sv = splat(v), d = dhRows + s * hidden + c0
                    madd(&g0, sv, load8(d))
                    if n > 1 { madd(&g1, sv, load8(d + 8)) }
                    if n > 2 { madd(&g2, sv, load8(d + 16)) }
                    if n > 3 { madd(&g3, sv, load8(d + 24)) }
                }
                store8(g0, g)
                if n > 1 { store8(g1, g + 8) }
                if n > 2 { store8(g2, g + 16) }
                if n > 3 { store8(g3, g + 24) }
                c0 += 8 * n
            }
        }
    }
}
