import Testing
@testable import TinyCNN

/// The matrix kernels against a plain Double triple loop, walking every small size so that
/// every blocked path and every remainder is exercised.
@Suite struct GEMMTests {
    static func values(_ count: Int, seed: UInt64) -> [Float] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in Float(generator.nextUnitDouble() * 2 - 1) }
    }

    enum Form: CaseIterable { case nn, tn, nt }

    @Test(arguments: Form.allCases)
    func matchesReference(form: Form) {
        var failures: [String] = []
        for m in 1...9 {
            for n in [1, 3, 7, 8, 9, 15, 16, 17, 33] {
                for k in [1, 2, 5, 8, 9, 17] {
                    for accumulate in [false, true] {
                        let a = Self.values(m * k, seed: UInt64(m * 1000 + k)), b = Self.values(k * n, seed: UInt64(n * 100 + k))
                        let start = Self.values(m * n, seed: 77)
                        var c = start
                        // A is m×k (nn, nt) or k×m (tn); B is k×n (nn, tn) or n×k (nt).
                        func aAt(_ i: Int, _ p: Int) -> Double { Double(form == .tn ? a[p * m + i] : a[i * k + p]) }
                        func bAt(_ p: Int, _ j: Int) -> Double { Double(form == .nt ? b[j * k + p] : b[p * n + j]) }
                        a.withUnsafeBufferPointer { ap in
                            b.withUnsafeBufferPointer { bp in
                                c.withUnsafeMutableBufferPointer { cp in
                                    switch form {
                                    case .nn: GEMM.nn(m: m, n: n, k: k, a: ap.start, lda: k, b: bp.start, ldb: n, c: cp.start, ldc: n, accumulate: accumulate)
                                    case .tn: GEMM.tn(m: m, n: n, k: k, a: ap.start, lda: m, b: bp.start, ldb: n, c: cp.start, ldc: n, accumulate: accumulate)
                                    case .nt: GEMM.nt(m: m, n: n, k: k, a: ap.start, lda: k, b: bp.start, ldb: k, c: cp.start, ldc: n, accumulate: accumulate)
                                    }
                                }
                            }
                        }
                        var worst = 0.0
                        for i in 0..<m {
                            for j in 0..<n {
                                var expected = accumulate ? Double(start[i * n + j]) : 0
                                for p in 0..<k { expected += aAt(i, p) * bAt(p, j) }
                                worst = max(worst, abs(expected - Double(c[i * n + j])))
                            }
                        }
                        if worst > 1e-5 { failures.append("m \(m) n \(n) k \(k) accumulate \(accumulate): error \(worst)") }
                    }
                }
            }
        }
        #expect(failures.isEmpty, "\(form): \(failures.prefix(5))")
    }
}
