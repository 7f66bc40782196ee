import Canvas

/// Horizontal bars, one per row: `label │█████▍      0.87`.
///
/// Bars are drawn in eighths of a cell with Unicode and with `#` in ASCII; the highlighted bar
/// (the predicted class) is bold and in the accent colour, so it stands out without colour too.
public struct BarChart: Sendable {
    public struct Bar: Sendable, Hashable {
        public var label: String
        public var value: Double

        public init(_ label: String, _ value: Double) {
            self.label = label
            self.value = value
        }
    }

    public var bars: [Bar]
    /// The value of a full-width bar; nil uses the largest value.
    public var maximum: Double?
    public var highlighted: Int?
    /// How each value prints at the end of its row.
    public var valueFormat: @Sendable (Double) -> String

    public init(bars: [Bar], maximum: Double? = nil, highlighted: Int? = nil,
                valueFormat: @escaping @Sendable (Double) -> String = { NumberText.fixed($0, decimals: 2) }) {
        self.bars = bars
        self.maximum = maximum
        self.highlighted = highlighted
        self.valueFormat = valueFormat
    }

    /// Draws one bar per row of `area` from the top (extra bars are clipped).
    public func render(in area: Rect, into buffer: inout Buffer, capabilities: Capabilities) {
        guard !area.isEmpty else { return }
        let theme = capabilities.theme, glyphs = capabilities.glyphs
        let labelWidth = bars.map { TextWidth.of($0.label) }.max() ?? 0
        let values = bars.map { valueFormat($0.value) }
        let valueWidth = values.map(\.count).max() ?? 0
        let barWidth = area.width - labelWidth - valueWidth - 3
        guard barWidth > 0 else { return }
        let top = maximum ?? max(bars.map(\.value).filter(\.isFinite).max() ?? 1, 1e-12)
        for (i, bar) in bars.enumerated() where i < area.height {
            let y = area.y + i
            let isHighlighted = i == highlighted
            let labelStyle = isHighlighted ? theme.accent : theme.text
            var x = buffer.put(TextLayout.fit(bar.label, to: labelWidth), x: area.x, y: y, style: labelStyle, clip: area)
            x = buffer.put(" " + glyphs.vertical, x: x, y: y, style: theme.border, clip: area)
            let fraction = bar.value.isFinite ? min(1, max(0, bar.value / top)) : 0
            let eighths = Int((fraction * Double(barWidth * 8)).rounded())
            var text = String(repeating: glyphs.fullBlock, count: eighths / 8)
            if eighths % 8 > 0 { text += glyphs.barEighths[eighths % 8] }
            let barStyle = isHighlighted ? theme.accent : (capabilities.colorLevel == .none ? .plain : theme.heading.adding([]))
            buffer.put(text, x: x, y: y, style: barStyle, clip: area)
            let shown = String(repeating: " ", count: valueWidth - values[i].count) + values[i]
            buffer.put(shown, x: area.maxX - valueWidth, y: y, style: isHighlighted ? theme.accent : theme.muted, clip: area)
        }
    }
}
