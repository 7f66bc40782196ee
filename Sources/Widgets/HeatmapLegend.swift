import Canvas

/// The value range of a heatmap on one line: `-1.50 ▕colour strip▏ 1.50`, or with the ASCII
/// ramp ` .:-=+*#%@` between the ends when colour is off.
public struct HeatmapLegend: Sendable {
    public var range: ClosedRange<Float>
    public var palette: HeatmapPalette
    /// Decimal places of the end labels.
    public var decimals: Int

    public init(range: ClosedRange<Float>, palette: HeatmapPalette, decimals: Int = 2) {
        self.range = range
        self.palette = palette
        self.decimals = decimals
    }

    /// The legend of a heatmap (its range and palette).
    public init(for heatmap: Heatmap, decimals: Int = 2) {
        self.init(range: heatmap.effectiveRange, palette: heatmap.palette, decimals: decimals)
    }

    /// The columns the legend needs.
    public func width(_ capabilities: Capabilities) -> Int {
        labels.low.count + labels.high.count + 2 + stripWidth(capabilities)
    }

    private var labels: (low: String, high: String) {
        (NumberText.fixed(range.lowerBound, decimals: decimals), NumberText.fixed(range.upperBound, decimals: decimals))
    }

    private func stripWidth(_ capabilities: Capabilities) -> Int {
        capabilities.colorLevel == .none ? asciiStrip.count : 12
    }

    /// Without colour: the ramp itself (by magnitude for diverging values, negatives signed).
    private var asciiStrip: String {
        palette == .diverging ? "[-@ -= 0 == @@]" : "[" + String(HeatmapPalette.asciiRamp) + "]"
    }

    /// Draws the legend at the start of `area`'s first row, clipped.
    public func render(in area: Rect, into buffer: inout Buffer, capabilities: Capabilities) {
        guard !area.isEmpty else { return }
        let y = area.y
        var x = buffer.put(labels.low + " ", x: area.x, y: y, style: .dim, clip: area)
        if capabilities.colorLevel == .none {
            x = buffer.put(asciiStrip, x: x, y: y, clip: area)
        } else {
            let n = stripWidth(capabilities)
            for k in 0..<n {
                let t = Float(k) / Float(n - 1)
                let v = range.lowerBound + t * (range.upperBound - range.lowerBound)
                let c = palette.color(for: v, in: range, level: capabilities.colorLevel)
                x = buffer.put(" ", x: x, y: y, style: Style(background: c), clip: area)
            }
        }
        buffer.put(" " + labels.high, x: x, y: y, style: .dim, clip: area)
    }
}
