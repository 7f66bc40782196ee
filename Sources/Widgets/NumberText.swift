import Foundation

/// Numbers as the tutor prints them: fixed decimals, no `-0`, `nan`/`inf` spelled out.
public enum NumberText {
    /// `value` with exactly `decimals` places; a value that rounds to zero prints without a sign.
    /// The same text as `tutor convolve` prints (`GridText.format`: halves round away from zero).
    public static func fixed(_ value: Float, decimals: Int) -> String {
        GridText.format(value, decimals: max(0, min(8, decimals)))
    }

    /// `value` with exactly `decimals` places; a value that rounds to zero prints without a sign.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
        let d = max(0, min(8, decimals))
        var text = String(format: "%.\(d)f", value)
        if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { text.removeFirst() }
        return text
    }

    /// A compact form for values of any size: up to 4 significant digits, e.g. `0.0123`, `12.35`,
    /// `1234`, `1.2e+05`.
    public static func compact(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
        let a = abs(value)
        if a == 0 { return "0" }
        if a < 100_000, value == value.rounded() { return String(Int(value)) }
        if a >= 100_000 || a < 0.001 { return String(format: "%.1e", value) }
        if a >= 1000 { return fixed(value, decimals: 0) }
        if a >= 100 { return fixed(value, decimals: 1) }
        if a >= 10 { return fixed(value, decimals: 2) }
        if a >= 1 { return fixed(value, decimals: 3) }
        return fixed(value, decimals: 4)
    }

    /// A duration as `m:ss` (or `h:mm:ss` from an hour up).
    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "--:--" }
        let s = Int(seconds.rounded())
        if s >= 3600 { return String(format: "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60) }
        return String(format: "%d:%02d", s / 60, s % 60)
    }
}
