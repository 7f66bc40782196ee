import Canvas

/// A one-line progress bar: `[██████▌░░░░░]  54%  epoch 3/5  ETA 0:07`.
public struct ProgressBar: Sendable {
    /// Done so far, 0...1 (clamped).
    public var fraction: Double
    /// Text after the percentage, e.g. `epoch 3/5`.
    public var label: String
    /// Seconds left; nil hides the ETA (before a rate is known).
    public var secondsRemaining: Double?

    public init(fraction: Double, label: String = "", secondsRemaining: Double? = nil) {
        self.fraction = fraction.isFinite ? min(1, max(0, fraction)) : 0
        self.label = label
        self.secondsRemaining = secondsRemaining
    }

    /// The seconds left when `done` of `total` units took `elapsed` seconds, or nil before
    /// anything is done.
    public static func eta(done: Double, total: Double, elapsed: Double) -> Double? {
        guard done > 0, total > done, elapsed > 0 else { return done >= total && total > 0 ? 0 : nil }
        return elapsed / done * (total - done)
    }

    /// The text after the bar.
    public var caption: String {
        var parts = [String(repeating: " ", count: 0) + "\(Int((fraction * 100).rounded(.down)))%"]
        if !label.isEmpty { parts.append(label) }
        if let secondsRemaining { parts.append("ETA " + NumberText.duration(secondsRemaining)) }
        return parts.joined(separator: "  ")
    }

    /// Draws the bar on the first row of `area`; the caption takes what it needs on the right.
    public func render(in area: Rect, into buffer: inout Buffer, capabilities: Capabilities) {
        guard !area.isEmpty else { return }
        let theme = capabilities.theme, glyphs = capabilities.glyphs
        let text = caption
        let barWidth = max(0, area.width - TextWidth.of(text) - 4)
        let y = area.y
        var x = buffer.put(glyphs.isASCII ? "[" : "▕", x: area.x, y: y, style: theme.border, clip: area)
        let eighths = Int((fraction * Double(barWidth * 8)).rounded(.down))
        var filled = String(repeating: glyphs.fullBlock, count: eighths / 8)
        if eighths % 8 > 0, eighths / 8 < barWidth { filled += glyphs.barEighths[eighths % 8] }
        let filledWidth = TextWidth.of(filled)
        let fillStyle = capabilities.colorLevel == .none ? Style.bold : theme.success
        buffer.put(filled, x: x, y: y, style: fillStyle, clip: area)
        let empty = String(repeating: glyphs.isASCII ? "-" : glyphs.lightShade, count: max(0, barWidth - filledWidth))
        buffer.put(empty, x: x + filledWidth, y: y, style: theme.muted, clip: area)
        x += barWidth
        x = buffer.put(glyphs.isASCII ? "]" : "▏", x: x, y: y, style: theme.border, clip: area)
        buffer.put(" " + text, x: x + 1, y: y, style: theme.text, clip: area)
    }
}
