import CFloatControl
import Foundation

/// The floating-point mode TinyCNN's kernels run in, and what the CPU and the build offer.
///
/// **Subnormals are flushed to zero** on every thread while it runs TinyCNN kernels: the
/// training loop and its background thread, the shard workers of a batch, evaluation and the
/// benchmarks. With small batches the gradients and Adam's moment estimates decay towards zero
/// and pass through the subnormal range (below 1.18e-38), where x86 cores take a microcode assist
/// on every operation, about a hundred times slower than normal arithmetic. Flushing them (MXCSR
/// FTZ|DAZ, 0x8040, on x86-64; FPCR.FZ on arm64) changes no result that matters: a subnormal
/// value is at most 1.2e-38, so a weight update built from one is smaller than half a unit in the
/// last place of any weight larger than about 1e-31, and adding it leaves the weight's bits as
/// they were; the loss, accuracy and every printed number are unchanged. Seeded runs still repeat
/// bit for bit, since the mode is the same on every run and on every thread.
///
/// The mode is scoped: `withSubnormalsFlushed` sets it and puts back what the thread had, so the
/// library leaves a caller's (or a shared worker thread's) mode as it found it.
public enum FloatEnvironment {
    /// Runs `body` with subnormals flushed on the calling thread, then restores the thread's
    /// previous mode. Nested calls cost two register reads.
    @inline(__always)
    public static func withSubnormalsFlushed<T>(_ body: () throws -> T) rethrows -> T {
        guard flushing else { return try body() }
        let saved = cfc_flush_subnormals()
        defer { cfc_restore_control(saved) }
        return try body()
    }

    nonisolated(unsafe) private static var flushing = true

    /// Whether TinyCNN flushes subnormals (the default). Turning it off is for measuring what
    /// flushing is worth (`tutor bench --keep-subnormals`); set it before any training starts.
    public static var flushesSubnormals: Bool {
        get { flushing }
        set { flushing = newValue }
    }

    /// Flushes subnormals on the calling thread for the rest of its life (for threads TinyCNN
    /// owns, such as the background trainer's).
    public static func flushSubnormalsOnThisThread() {
        guard flushing else { return }
        _ = cfc_flush_subnormals()
    }

    /// Whether the calling thread flushes subnormal inputs and results to zero now (read back
    /// from the control register).
    public static var subnormalsFlushed: Bool { cfc_subnormals_flushed() != 0 }

    /// The calling thread's floating-point control word (MXCSR on x86-64, FPCR on arm64).
    public static var controlWord: UInt64 { cfc_read_control() }

    /// The instruction-set level the kernels were compiled for, e.g. "x86-64-v3 (AVX2, FMA)".
    public static var buildBaseline: String { String(cString: cfc_build_baseline()) }

    /// The vector width, in bits, the kernels use: what the build was compiled for.
    public static var vectorBits: Int { Int(cfc_build_vector_bits()) }

    /// The widest vectors this CPU and operating system support, in bits.
    public static var cpuVectorBits: Int { Int(cfc_cpu_vector_bits()) }

    /// Whether this CPU can run the build's instructions. When false, any TinyCNN kernel would
    /// stop the process with an illegal instruction: check first and say so.
    public static var cpuRunsBuild: Bool { cfc_cpu_runs_build() != 0 }

    /// The CPU's model name ("AMD EPYC 9B14", "Intel(R) Xeon(R) …"), from CPUID or
    /// `/proc/cpuinfo`; "unknown CPU" when neither says.
    public static var cpuModel: String {
        var buffer = [CChar](repeating: 0, count: 64)
        if cfc_cpu_brand(&buffer, Int32(buffer.count)) != 0 {
            return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        if let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) {
            for line in info.split(separator: "\n") where line.hasPrefix("model name") || line.hasPrefix("Model") {
                if let colon = line.firstIndex(of: ":") {
                    let name = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                    if !name.isEmpty { return name }
                }
            }
        }
        return "unknown CPU"
    }
}
