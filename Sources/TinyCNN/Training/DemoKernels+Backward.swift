extension DemoKernels {
    /// Backpropagates the sample `forward` just ran, with its loss weighted by `scale`
    /// (1/batch for a mean loss), accumulating parameter gradients into `ws.grads`.
    ///
    /// Max-pool gradients go to the first maximum of each window in row-major order (as in
    /// PyTorch); ReLU's gradient at 0 is 0.
    @inline(__always)
    static func backward(label: Int, scale: Float, _ P: UnsafePointer<Float>, w2r: UnsafePointer<Float>,
                         _ ws: DemoWorkspace) {
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
        // dense1: weight gradient row by row; input gradient only where the pooled feature is
        // positive (elsewhere ReLU's gradient is 0 anyway).
        let w3 = P + L.w3, gw3 = G + L.w3, gb3 = G + L.b3
        var c = 0
        while c < hidden {
            store8(load8(gb3 + c) + load8(dh + c), gb3 + c)
            c += 8
        }
        for f in 0..<F {
            let v = feat[f]
            guard v > 0 else { dfeat[f] = 0; continue }
            let sv = splat(v)
            let row = w3 + f * hidden, grow = gw3 + f * hidden
            var dot = V8.zero
            var c = 0
            while c < hidden {
                let d = load8(dh + c)
                store8(load8(grow + c) + sv * d, grow + c)
                dot += load8(row + c) * d
                c += 8
            }
            dfeat[f] = dot.sum()
        }
        // pool2 + ReLU2 backward into dz2 (every position written).
        let a2 = ws.a2, dz2 = ws.dz2
        for y in 0..<s4 {
            for x in 0..<s4 {
                for half in 0..<2 {
                    let fi = (y * s4 + x) * 16 + 8 * half
                    let top = (2 * y * s2 + 2 * x) * 16 + 8 * half
                    let q = (top, top + 16, top + s2 * 16, top + s2 * 16 + 16)
                    routeMax(pooled: load8(feat + fi), grad: load8(dfeat + fi), source: a2, into: dz2,
                             at: q)
                }
            }
        }
        // conv2: bias and weight gradients (position-major, skipping all-zero positions) and the
        // input gradient into the padded dp1pad.
        let p1pad = ws.p1pad, dp1pad = ws.dp1pad
        dp1pad.update(repeating: 0, count: p2 * p2 * 8)
        let gw2 = G + L.w2
        var gb2lo = load8(G + L.b2), gb2hi = load8(G + L.b2 + 8)
        for y in 0..<s2 {
            for x in 0..<s2 {
                let d = dz2 + (y * s2 + x) * 16
                let dlo = load8(d), dhi = load8(d + 8)
                if dlo == .zero && dhi == .zero { continue }
                gb2lo += dlo
                gb2hi += dhi
                for ky in 0..<3 {
                    let row = p1pad + ((y + ky) * p2 + x) * 8
                    let g = gw2 + ky * 24 * 16
                    for j in 0..<24 {
                        let v = splat(row[j])
                        store8(load8(g + j * 16) + v * dlo, g + j * 16)
                        store8(load8(g + j * 16 + 8) + v * dhi, g + j * 16 + 8)
                    }
                    let drow = dp1pad + ((y + ky) * p2 + x) * 8
                    for kx in 0..<3 {
                        let wt = w2r + (ky * 3 + kx) * 128
                        var acc = load8(drow + kx * 8)
                        for co in 0..<16 { acc += splat(d[co]) * load8(wt + co * 8) }
                        store8(acc, drow + kx * 8)
                    }
                }
            }
        }
        store8(gb2lo, G + L.b2)
        store8(gb2hi, G + L.b2 + 8)
        // pool1 + ReLU1 backward into dz1.
        let a1 = ws.a1, dz1 = ws.dz1
        for y in 0..<s2 {
            for x in 0..<s2 {
                let pi = ((y + 1) * p2 + x + 1) * 8
                let top = (2 * y * s + 2 * x) * 8
                routeMax(pooled: load8(p1pad + pi), grad: load8(dp1pad + pi), source: a1, into: dz1,
                         at: (top, top + 8, top + s * 8, top + s * 8 + 8))
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
                if d == .zero { continue }
                gb1 += d
                g0 += splat(r0[x]) * d; g1 += splat(r0[x + 1]) * d; g2 += splat(r0[x + 2]) * d
                g3 += splat(r1[x]) * d; g4 += splat(r1[x + 1]) * d; g5 += splat(r1[x + 2]) * d
                g6 += splat(r2[x]) * d; g7 += splat(r2[x + 1]) * d; g8 += splat(r2[x + 2]) * d
            }
        }
        store8(g0, gw1); store8(g1, gw1 + 8); store8(g2, gw1 + 16)
        store8(g3, gw1 + 24); store8(g4, gw1 + 32); store8(g5, gw1 + 40)
        store8(g6, gw1 + 48); store8(g7, gw1 + 56); store8(g8, gw1 + 64)
        store8(gb1, G + L.b1)
    }

    /// Max-pool + ReLU backward for one window and 8 channels: the gradient goes to the first of
    /// the four source positions `q` that holds the pooled maximum, and nowhere when that maximum
    /// is not positive (ReLU clipped it).
    @inline(__always)
    static func routeMax(pooled: V8, grad: V8, source: UnsafeMutablePointer<Float>,
                         into target: UnsafeMutablePointer<Float>, at q: (Int, Int, Int, Int)) {
        let g = V8.zero.replacing(with: grad, where: pooled .> 0)
        let m0 = load8(source + q.0) .== pooled
        let m1 = (load8(source + q.1) .== pooled) .& .!m0
        let taken = m0 .| m1
        let m2 = (load8(source + q.2) .== pooled) .& .!taken
        let m3 = .!(taken .| m2)
        store8(V8.zero.replacing(with: g, where: m0), target + q.0)
        store8(V8.zero.replacing(with: g, where: m1), target + q.1)
        store8(V8.zero.replacing(with: g, where: m2), target + q.2)
        store8(V8.zero.replacing(with: g, where: m3), target + q.3)
    }
}
