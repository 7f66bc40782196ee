/// conv2 (8→16 channels, 3×3, padding 1) of the demo nets, forward and backward side by side.
///
/// Shapes, channel-last: input `p1pad` (s2+2)²×8 with a zero border; output s2²×16; weights
/// `w2[ky][kx][in 8][out 16]` (so one output position reads 3 rows of 24 contiguous inputs);
/// `w2r` the same weights as `[tap][out 16][in 8]`. The output gradient `dz2pad` is padded like
/// the input, which turns the input gradient into a gather (a "full" convolution) with no bounds
/// checks. Each kernel works on four neighbouring positions at a time, so that every weight
/// vector loaded feeds four fused multiply-adds.
extension DemoKernels {
    @inline(__always)
    static func conv2Forward(_ p1pad: UnsafePointer<Float>, w2: UnsafePointer<Float>, b2: UnsafePointer<Float>,
                             out a2: UnsafeMutablePointer<Float>, s2: Int) {
        let p2 = s2 + 2
        let blo = load8(b2), bhi = load8(b2 + 8)
        // Blocks of four positions; a row whose length is not a multiple of 4 ends with a block
        // that overlaps the previous one (recomputing a position gives the same bits), so that
        // no position runs on the slow single-accumulator path.
        for y in 0..<s2 where s2 >= 4 {
            var x = 0
            while x < s2 {
                x = min(x, s2 - 4)
                var l0 = blo, l1 = blo, l2 = blo, l3 = blo
                var h0 = bhi, h1 = bhi, h2 = bhi, h3 = bhi
                for ky in 0..<3 {
                    let row = p1pad + ((y + ky) * p2 + x) * 8
                    let w = w2 + ky * 384
                    for j in 0..<24 {
                        let wl = load8(w + j * 16), wh = load8(w + j * 16 + 8)
                        let v0 = splat(row[j]), v1 = splat(row[j + 8]), v2 = splat(row[j + 16]), v3 = splat(row[j + 24])
                        madd(&l0, v0, wl); madd(&h0, v0, wh)
                        madd(&l1, v1, wl); madd(&h1, v1, wh)
                        madd(&l2, v2, wl); madd(&h2, v2, wh)
                        madd(&l3, v3, wl); madd(&h3, v3, wh)
                    }
                }
                let out = a2 + (y * s2 + x) * 16
                store8(relu8(l0), out); store8(relu8(h0), out + 8)
                store8(relu8(l1), out + 16); store8(relu8(h1), out + 24)
                store8(relu8(l2), out + 32); store8(relu8(h2), out + 40)
                store8(relu8(l3), out + 48); store8(relu8(h3), out + 56)
                x += 4
            }
        }
        for y in 0..<s2 where s2 < 4 {
            for x in 0..<s2 {
                var lo = blo, hi = bhi
                for ky in 0..<3 {
                    let row = p1pad + ((y + ky) * p2 + x) * 8
                    let w = w2 + ky * 384
                    for j in 0..<24 {
                        let v = splat(row[j])
                        madd(&lo, v, load8(w + j * 16))
                        madd(&hi, v, load8(w + j * 16 + 8))
                    }
                }
                let out = a2 + (y * s2 + x) * 16
                store8(relu8(lo), out)
                store8(relu8(hi), out + 8)
            }
        }
    }

    /// Adds conv2's weight and bias gradients for output gradient `dz2pad` into `gw2` / `gb2`.
    @inline(__always)
    static func conv2WeightGradient(_ p1pad: UnsafePointer<Float>, dz2pad: UnsafePointer<Float>,
                                    gw2: UnsafeMutablePointer<Float>, gb2: UnsafeMutablePointer<Float>, s2: Int) {
        let p2 = s2 + 2
        var gblo = load8(gb2), gbhi = load8(gb2 + 8)
        for y in 0..<s2 {
            var x = 0
            while x + 4 <= s2 {
                let d = dz2pad + ((y + 1) * p2 + x + 1) * 16
                let d0l = load8(d), d0h = load8(d + 8), d1l = load8(d + 16), d1h = load8(d + 24)
                let d2l = load8(d + 32), d2h = load8(d + 40), d3l = load8(d + 48), d3h = load8(d + 56)
                gblo += (d0l + d1l) + (d2l + d3l)
                gbhi += (d0h + d1h) + (d2h + d3h)
                for ky in 0..<3 {
                    let row = p1pad + ((y + ky) * p2 + x) * 8
                    let g = gw2 + ky * 384
                    for j in 0..<24 {
                        var gl = load8(g + j * 16), gh = load8(g + j * 16 + 8)
                        let v0 = splat(row[j]), v1 = splat(row[j + 8]), v2 = splat(row[j + 16]), v3 = splat(row[j + 24])
                        madd(&gl, v0, d0l); madd(&gh, v0, d0h)
                        madd(&gl, v1, d1l); madd(&gh, v1, d1h)
                        madd(&gl, v2, d2l); madd(&gh, v2, d2h)
                        madd(&gl, v3, d3l); madd(&gh, v3, d3h)
                        store8(gl, g + j * 16)
                        store8(gh, g + j * 16 + 8)
                    }
                }
                x += 4
            }
            while x < s2 {
                let d = dz2pad + ((y + 1) * p2 + x + 1) * 16
                let dlo = load8(d), dhi = load8(d + 8)
                x += 1
                if !any((dlo .!= 0) .| (dhi .!= 0)) { continue }
                gblo += dlo
                gbhi += dhi
                for ky in 0..<3 {
                    let row = p1pad + ((y + ky) * p2 + x - 1) * 8
                    let g = gw2 + ky * 384
                    for j in 0..<24 {
                        let v = splat(row[j])
                        var gl = load8(g + j * 16), gh = load8(g + j * 16 + 8)
                        madd(&gl, v, dlo)
                        madd(&gh, v, dhi)
                        store8(gl, g + j * 16)
                        store8(gh, g + j * 16 + 8)
                    }
                }
            }
        }
        store8(gblo, gb2)
        store8(gbhi, gb2 + 8)
    }

    /// Writes conv2's input gradient (s2²×8, unpadded) for output gradient `dz2pad`:
    /// `dp1[Y][X][i] = Σ_{ky,kx,o} dz2[Y-ky+1][X-kx+1][o] · w2[ky][kx][i][o]`.
    @inline(__always)
    static func conv2InputGradient(_ dz2pad: UnsafePointer<Float>, w2r: UnsafePointer<Float>,
                                   out dp1: UnsafeMutablePointer<Float>, s2: Int) {
        let p2 = s2 + 2
        // Blocks of four positions, the last one overlapping when needed (see conv2Forward).
        for y in 0..<s2 where s2 >= 4 {
            var x = 0
            while x < s2 {
                x = min(x, s2 - 4)
                var a0 = V8.zero, a1 = V8.zero, a2 = V8.zero, a3 = V8.zero
                for ky in 0..<3 {
                    for kx in 0..<3 {
                        let src = dz2pad + ((y - ky + 2) * p2 + x - kx + 2) * 16
                        let wt = w2r + (ky * 3 + kx) * 128
                        for o in 0..<16 {
                            let w = load8(wt + o * 8)
                            madd(&a0, splat(src[o]), w)
                            madd(&a1, splat(src[o + 16]), w)
                            madd(&a2, splat(src[o + 32]), w)
                            madd(&a3, splat(src[o + 48]), w)
                        }
                    }
                }
                let out = dp1 + (y * s2 + x) * 8
                store8(a0, out); store8(a1, out + 8); store8(a2, out + 16); store8(a3, out + 24)
                x += 4
            }
        }
        for y in 0..<s2 where s2 < 4 {
            for x in 0..<s2 {
                var acc = V8.zero
                for ky in 0..<3 {
                    for kx in 0..<3 {
                        let src = dz2pad + ((y - ky + 2) * p2 + x - kx + 2) * 16
                        let wt = w2r + (ky * 3 + kx) * 128
                        for o in 0..<16 { madd(&acc, splat(src[o]), load8(wt + o * 8)) }
                    }
                }
                store8(acc, dp1 + (y * s2 + x) * 8)
            }
        }
    }
}
