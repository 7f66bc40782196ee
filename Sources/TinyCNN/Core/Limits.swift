/// The largest inputs the tutor accepts, stated in one place.
///
/// Each limit is far beyond anything a lesson, a lab or a learner's experiment needs, and far
/// below what would exhaust memory or overflow an `Int`. Inputs past a limit are refused with
/// one line naming the limit *before* anything large is allocated. (The curriculum's own limits
/// on lesson, quiz and progress files are `ContentLimits` in the Curriculum library, which
/// cannot import this one.)
public enum Limits {
    /// Values in one sample's tensor at any layer (input, activation, padded copy):
    /// 16 Mi floats = 64 MB.
    public static let tensorElements = 1 << 24
    /// Learnable parameters in a network: 10 million (40 MB of floats).
    public static let modelParameters = 10_000_000
    /// Any one size in a shape or a layer (channels, height, width, kernel, filters, units).
    public static let dimension = 1 << 16
    /// Padding rings around an input (convolution or pooling).
    public static let padding = 1_024
    /// Spacing between kernel taps.
    public static let dilation = 1_024
    /// Window step.
    public static let stride = 1_024
    /// Bytes in a model file (JSON): enough for `modelParameters` written out in full.
    public static let modelFileBytes = 256 << 20
    /// Items (images or labels) in one IDX file; full MNIST has 60,000.
    public static let idxItems = 1_000_000
    /// Bytes of an IDX file's contents, after decompression when it is gzipped (full MNIST's
    /// largest file is 47 MB).
    public static let idxBytes = 64 << 20
    /// Samples per training step.
    public static let batch = 65_536
    /// Passes over a training set.
    public static let epochs = 10_000
    /// Values a convolution or pooling walk keeps (every window's patch and products): 4 Mi
    /// floats, e.g. 1,000 × 1,000 windows of a 2×2 kernel.
    public static let walkValues = 1 << 22
    /// Values in a matrix typed on the command line or in a lab.
    public static let matrixElements = 1 << 20
    /// Bytes of a matrix file or inline matrix text.
    public static let matrixFileBytes = 16 << 20

    /// `a * b`, or nil when it overflows or passes `limit`.
    public static func product(_ values: [Int], limit: Int = Int.max) -> Int? {
        var result = 1
        for v in values {
            let (p, overflow) = result.multipliedReportingOverflow(by: v)
            guard !overflow, p <= limit else { return nil }
            result = p
        }
        return result
    }

    /// `a + b`, or nil when it overflows or passes `limit`.
    public static func sum(_ a: Int, _ b: Int, limit: Int = Int.max) -> Int? {
        let (s, overflow) = a.addingReportingOverflow(b)
        return overflow || s > limit ? nil : s
    }
}
