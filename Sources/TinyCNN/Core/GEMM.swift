/// Single-precision matrix products for the layers' hot loops.
///
/// All matrices are row-major and addressed through raw pointers with a leading dimension
/// (the distance between rows), so a layer can multiply sub-blocks of its buffers in place.
/// Each product either overwrites `C` or adds to it (`accumulate`), which is how gradients are
/// accumulated with `+=`.
///
/// The kernels hold a 4×8 block of `C` in `SIMD8<Float>` registers and stream `A` and `B`
/// through it, so every loaded value feeds several multiply-adds. They use `*` and `+` rather
/// than `addingProduct`: without a fused multiply-add in the target CPU baseline the latter
/// falls back to a scalar library call per lane.
enum GEMM {
    /// `C[m×n] (+)= A[m×k] · B[k×n]`.
    @inline(__always)
    static func nn(m: Int, n: Int, k: Int,
                   a: UnsafePointer<Float>, lda: Int,
                   b: UnsafePointer<Float>, ldb: Int,
                   c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool) {
        broadcastForm(m: m, n: n, k: k, a: a, aRowStride: lda, aColumnStride: 1,
                      b: b, ldb: ldb, c: c, ldc: ldc, accumulate: accumulate)
    }

    /// `C[m×n] (+)= Aᵀ · B` where `A` is stored `k×m` and `B` is `k×n`.
    @inline(__always)
    static func tn(m: Int, n: Int, k: Int,
                   a: UnsafePointer<Float>, lda: Int,
                   b: UnsafePointer<Float>, ldb: Int,
                   c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool) {
        broadcastForm(m: m, n: n, k: k, a: a, aRowStride: 1, aColumnStride: lda,
                      b: b, ldb: ldb, c: c, ldc: ldc, accumulate: accumulate)
    }

    /// `C[m×n] (+)= A · Bᵀ` where `A` is `m×k` and `B` is stored `n×k`: dot products of rows.
    static func nt(m: Int, n: Int, k: Int,
                   a: UnsafePointer<Float>, lda: Int,
                   b: UnsafePointer<Float>, ldb: Int,
                   c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool) {
        let k8 = k & ~7
        for i in 0..<m {
            let ar = a + i * lda
            let cr = c + i * ldc
            var j = 0
            while j + 4 <= n {
                let b0 = b + j * ldb, b1 = b0 + ldb, b2 = b1 + ldb, b3 = b2 + ldb
                var s0 = SIMD8<Float>(), s1 = SIMD8<Float>(), s2 = SIMD8<Float>(), s3 = SIMD8<Float>()
                var p = 0
                while p < k8 {
                    let av = load8(ar + p)
                    s0 += av * load8(b0 + p)
                    s1 += av * load8(b1 + p)
                    s2 += av * load8(b2 + p)
                    s3 += av * load8(b3 + p)
                    p += 8
                }
                var t0 = s0.sum(), t1 = s1.sum(), t2 = s2.sum(), t3 = s3.sum()
                while p < k {
                    let av = ar[p]
                    t0 += av * b0[p]; t1 += av * b1[p]; t2 += av * b2[p]; t3 += av * b3[p]
                    p += 1
                }
                if accumulate {
                    cr[j] += t0; cr[j + 1] += t1; cr[j + 2] += t2; cr[j + 3] += t3
                } else {
                    cr[j] = t0; cr[j + 1] = t1; cr[j + 2] = t2; cr[j + 3] = t3
                }
                j += 4
            }
            while j < n {
                let br = b + j * ldb
                var s = SIMD8<Float>()
                var p = 0
                while p < k8 { s += load8(ar + p) * load8(br + p); p += 8 }
                var t = s.sum()
                while p < k { t += ar[p] * br[p]; p += 1 }
                if accumulate { cr[j] += t } else { cr[j] = t }
                j += 1
            }
        }
    }

    /// The shared kernel of `nn` and `tn`: `C += A·B` with `A(i, p) = a[i·aRowStride + p·aColumnStride]`.
    @inline(__always)
    private static func broadcastForm(m: Int, n: Int, k: Int,
                                      a: UnsafePointer<Float>, aRowStride: Int, aColumnStride: Int,
                                      b: UnsafePointer<Float>, ldb: Int,
                                      c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool) {
        let n8 = n & ~7
        var i = 0
        while i + 4 <= m {
            let a0 = a + i * aRowStride, a1 = a0 + aRowStride, a2 = a1 + aRowStride, a3 = a2 + aRowStride
            let c0 = c + i * ldc, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc
            var j = 0
            while j < n8 {
                var r0 = accumulate ? load8(c0 + j) : SIMD8<Float>()
                var r1 = accumulate ? load8(c1 + j) : SIMD8<Float>()
                var r2 = accumulate ? load8(c2 + j) : SIMD8<Float>()
                var r3 = accumulate ? load8(c3 + j) : SIMD8<Float>()
                var bp = b + j
                var ap = 0
                for _ in 0..<k {
                    let bv = load8(bp)
                    r0 += bv * a0[ap]
                    r1 += bv * a1[ap]
                    r2 += bv * a2[ap]
                    r3 += bv * a3[ap]
                    bp += ldb
                    ap += aColumnStride
                }
                store8(r0, c0 + j); store8(r1, c1 + j); store8(r2, c2 + j); store8(r3, c3 + j)
                j += 8
            }
            while j < n {
                var t0: Float = accumulate ? c0[j] : 0, t1: Float = accumulate ? c1[j] : 0
                var t2: Float = accumulate ? c2[j] : 0, t3: Float = accumulate ? c3[j] : 0
                var ap = 0
                for p in 0..<k {
                    let bv = b[p * ldb + j]
                    t0 += a0[ap] * bv; t1 += a1[ap] * bv; t2 += a2[ap] * bv; t3 += a3[ap] * bv
                    ap += aColumnStride
                }
                c0[j] = t0; c1[j] = t1; c2[j] = t2; c3[j] = t3
                j += 1
            }
            i += 4
        }
        while i < m {
            let a0 = a + i * aRowStride
            let c0 = c + i * ldc
            var j = 0
            while j + 16 <= n {
                var r0 = accumulate ? load8(c0 + j) : SIMD8<Float>()
                var r1 = accumulate ? load8(c0 + j + 8) : SIMD8<Float>()
                var bp = b + j
                var ap = 0
                for _ in 0..<k {
                    let av = a0[ap]
                    r0 += load8(bp) * av
                    r1 += load8(bp + 8) * av
                    bp += ldb
                    ap += aColumnStride
                }
                store8(r0, c0 + j); store8(r1, c0 + j + 8)
                j += 16
            }
            while j < n8 {
                var r0 = accumulate ? load8(c0 + j) : SIMD8<Float>()
                var bp = b + j
                var ap = 0
                for _ in 0..<k {
                    r0 += load8(bp) * a0[ap]
                    bp += ldb
                    ap += aColumnStride
                }
                store8(r0, c0 + j)
                j += 8
            }
            while j < n {
                var t: Float = accumulate ? c0[j] : 0
                var ap = 0
                for p in 0..<k {
                    t += a0[ap] * b[p * ldb + j]
                    ap += aColumnStride
                }
                c0[j] = t
                j += 1
            }
            i += 1
        }
    }
}

/// Loads eight consecutive floats (any alignment).
@inline(__always)
func load8(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
}

/// Loads eight consecutive floats (any alignment).
@inline(__always)
func load8(_ p: UnsafeMutablePointer<Float>) -> SIMD8<Float> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
}

/// Stores eight consecutive floats (any alignment).
@inline(__always)
func store8(_ v: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Float>.self)
}
