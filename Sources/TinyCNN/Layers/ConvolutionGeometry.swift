/// The index arithmetic of a convolution: unfolding a sample into columns (`im2col`) and
/// folding column gradients back (`col2im`).
///
/// Both go through a zero-padded copy of the sample (`scratch`, `[C, H + 2P, W + 2P]`), so the
/// inner loops are plain strided copies with no bounds tests: in padded coordinates the window
/// of output `(oh, ow)` at tap `(kh, kw)` reads row `oh·stride + kh·dilation`, column
/// `ow·stride + kw·dilation`.
struct ConvolutionGeometry {
    let channels, height, width, kernelHeight, kernelWidth, stride, padding, dilation, outHeight, outWidth: Int

    var paddedHeight: Int { height + 2 * padding }
    var paddedWidth: Int { width + 2 * padding }

    /// Unfolds one sample `[C, H, W]` into `C·KH·KW` rows of `OH·OW` values, `rowStride` apart.
    func im2col(_ x: UnsafePointer<Float>, into cols: UnsafeMutablePointer<Float>, rowStride: Int,
                scratch: UnsafeMutablePointer<Float>) {
        let src = padded(x, scratch: scratch)
        let pw = paddedWidth, ow = outWidth, s = stride
        forEachTap { row, tap in
            let dst = cols + row * rowStride
            for oh in 0..<outHeight {
                let from = src + tap + oh * s * pw, to = dst + oh * ow
                if s == 1 {
                    for j in 0..<ow { to[j] = from[j] }
                } else {
                    for j in 0..<ow { to[j] = from[j * s] }
                }
            }
        }
    }

    /// Folds one sample's column gradients (`C·KH·KW` rows, `rowStride` apart) back onto its
    /// input gradient `[C, H, W]`, which it overwrites.
    func col2im(_ cols: UnsafePointer<Float>, rowStride: Int, into dx: UnsafeMutablePointer<Float>,
                scratch: UnsafeMutablePointer<Float>) {
        let ph = paddedHeight, pw = paddedWidth, ow = outWidth, s = stride
        scratch.update(repeating: 0, count: channels * ph * pw)
        forEachTap { row, tap in
            // Each output position adds its gradient back onto the cell its tap read.
            for oh in 0..<outHeight {
                let to = scratch + tap + oh * s * pw, from = cols + row * rowStride + oh * ow
                if s == 1 { for j in 0..<ow { to[j] += from[j] } } else { for j in 0..<ow { to[j * s] += from[j] } }
            }
        }
        // The border's gradient belongs to the padding, not to the input.
        for c in 0..<channels {
            for r in 0..<height {
                (dx + (c * height + r) * width).update(from: scratch + (c * ph + r + padding) * pw + padding, count: width)
            }
        }
    }

    /// Every row of the unfolded columns, one per tap `(c, kh, kw)` in that order, with the tap's
    /// offset in the padded sample: output `(oh, ow)` reads `tap + oh·stride·PW + ow·stride`.
    @inline(__always)
    private func forEachTap(_ body: (_ row: Int, _ tap: Int) -> Void) {
        let plane = paddedHeight * paddedWidth
        var row = 0
        for c in 0..<channels {
            for kh in 0..<kernelHeight {
                for kw in 0..<kernelWidth {
                    body(row, c * plane + kh * dilation * paddedWidth + kw * dilation)
                    row += 1
                }
            }
        }
    }

    /// The sample with its zero border: `x` itself when there is no padding, else `scratch`
    /// (whose border is zeroed here and never written otherwise).
    private func padded(_ x: UnsafePointer<Float>, scratch: UnsafeMutablePointer<Float>) -> UnsafePointer<Float> {
        guard padding > 0 else { return x }
        let ph = paddedHeight, pw = paddedWidth
        for c in 0..<channels {
            let plane = scratch + c * ph * pw
            plane.update(repeating: 0, count: padding * pw)
            (plane + (ph - padding) * pw).update(repeating: 0, count: padding * pw)
            for r in 0..<height {
                let line = plane + (r + padding) * pw
                line.update(repeating: 0, count: padding)
                (line + padding).update(from: x + (c * height + r) * width, count: width)
                (line + padding + width).update(repeating: 0, count: padding)
            }
        }
        return UnsafePointer(scratch)
    }
}
