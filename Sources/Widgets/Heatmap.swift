import Canvas

/// A grid of values drawn as coloured cells, half blocks, an ASCII ramp or numbers.
///
/// Values are row-major, `rows`×`columns`. Two sets of flat indices change how single values
/// look: `marked` (the window of a convolution, drawn in brackets or reverse video) and
/// `emphasized` (the maximum of a pooling window, bold and underlined). `hidden` values are not
/// known yet (the output map filling in) and show as `·` or `?`.
///
/// Modes fall back to what the terminal can show: without colour every mode but `numbers` draws
/// the ASCII ramp; without Unicode half blocks become two-column cells.
public struct Heatmap: Sendable {
    public enum Mode: String, Hashable, Sendable, CaseIterable {
        /// One value per two columns, its colour as the background.
        case cells
        /// Two values per cell (`▀`: the upper one as foreground, the lower as background).
        case halfBlocks
        /// One ramp character per value, doubled for a squarer aspect.
        case ascii
        /// The values printed, right-aligned in equal columns.
        case numbers
    }

    public var rows: Int
    public var columns: Int
    public var values: [Float]
    public var palette: HeatmapPalette
    public var mode: Mode
    /// The values' range for colour and ramp; nil means the palette's automatic range.
    public var range: ClosedRange<Float>?
    public var marked: Set<Int> = []
    public var emphasized: Set<Int> = []
    public var hidden: Set<Int> = []
    /// What a hidden value shows in `numbers` mode (default `?`).
    public var hiddenText = "?"
    /// Decimal places in `numbers` mode; nil: none when every value is whole, else 2.
    public var decimals: Int?

    public init(values: [Float], rows: Int, columns: Int, palette: HeatmapPalette = .sequential,
                mode: Mode = .cells, range: ClosedRange<Float>? = nil) {
        precondition(rows >= 0 && columns >= 0 && values.count == rows * columns,
                     "Heatmap: \(values.count) values do not fill \(rows)×\(columns)")
        self.values = values
        self.rows = rows
        self.columns = columns
        self.palette = palette
        self.mode = mode
        self.range = range
    }

    /// The range colours and ramp characters are drawn over.
    public var effectiveRange: ClosedRange<Float> { range ?? palette.autoRange(of: values) }

    /// The mode actually drawn on a terminal with `capabilities`.
    public func effectiveMode(_ capabilities: Capabilities) -> Mode {
        switch mode {
        case .numbers, .ascii: return mode
        case .cells: return capabilities.colorLevel == .none ? .ascii : .cells
        case .halfBlocks:
            if capabilities.colorLevel == .none { return .ascii }
            return capabilities.unicode ? .halfBlocks : .cells
        }
    }

    /// The decimal places used in `numbers` mode.
    public var effectiveDecimals: Int {
        decimals ?? (values.allSatisfy { !$0.isFinite || $0 == $0.rounded() } ? 0 : 2)
    }

    /// Columns per value in the effective mode.
    public func columnWidth(_ capabilities: Capabilities) -> Int {
        switch effectiveMode(capabilities) {
        case .cells, .ascii: return 2
        case .halfBlocks: return 1
        case .numbers:
            let d = effectiveDecimals
            let widest = values.reduce(1) { max($0, NumberText.fixed($1, decimals: d).count) }
            return 1 + max(widest, hidden.isEmpty ? 0 : hiddenText.count)
        }
    }

    /// The columns and rows the whole grid needs.
    public func size(_ capabilities: Capabilities) -> (width: Int, height: Int) {
        let height = effectiveMode(capabilities) == .halfBlocks ? (rows + 1) / 2 : rows
        return (columns * columnWidth(capabilities), height)
    }

    /// Draws the grid from the top-left of `area`, clipped to it.
    public func render(in area: Rect, into buffer: inout Buffer, capabilities: Capabilities) {
        let clip = area.intersection(buffer.area)
        guard !clip.isEmpty, rows > 0, columns > 0 else { return }
        let range = effectiveRange
        let level = capabilities.colorLevel
        let dot = capabilities.unicode ? "·" : "?"
        switch effectiveMode(capabilities) {
        case .cells:
            putPairs(hidden: dot + " ", in: area, clip: clip, into: &buffer) { i in
                let bg = palette.color(for: values[i], in: range, level: level)
                var style = Style(foreground: HeatmapPalette.contrasting(on: bg), background: bg)
                var glyphs = "  "
                if marked.contains(i) {
                    glyphs = "[]"
                    style.foreground = level == .indexed256 ? .indexed(226) : .brightYellow
                    style.attributes.insert(.bold)
                }
                if emphasized.contains(i) {
                    glyphs = marked.contains(i) ? "[*" : "**"
                    style.attributes.formUnion([.bold, .underline])
                }
                return (glyphs, style)
            }
        case .halfBlocks:
            for r in stride(from: 0, to: rows, by: 2) {
                for c in 0..<columns {
                    let top = halfBlockColor(r * columns + c, range: range, level: level)
                    let bottom = r + 1 < rows ? halfBlockColor((r + 1) * columns + c, range: range, level: level) : .default
                    let x = area.x + c, y = area.y + r / 2
                    if clip.contains(x: x, y: y) {
                        buffer[x, y] = Cell("▀", style: Style(foreground: top, background: bottom))
                    }
                }
            }
        case .ascii:
            putPairs(hidden: "? ", in: area, clip: clip, into: &buffer) { i in
                let ch = palette.rampCharacter(for: values[i], in: range)
                // A diverging value's sign survives without colour: negatives are drawn
                // with a leading minus instead of the doubled character.
                var text = palette == .diverging && values[i] < 0 && ch != " " ? "-\(ch)" : "\(ch)\(ch)"
                var style = Style.plain
                if marked.contains(i) { style.attributes.insert(.reverse) }
                if emphasized.contains(i) {
                    style.attributes.formUnion([.bold, .underline])
                    if ch == " " { text = "**" }
                }
                return (text, style)
            }
        case .numbers:
            let d = effectiveDecimals
            let w = columnWidth(capabilities)
            for r in 0..<rows {
                for c in 0..<columns {
                    let i = r * columns + c
                    let x = area.x + w * c, y = area.y + r
                    let text = hidden.contains(i) ? hiddenText : NumberText.fixed(values[i], decimals: d)
                    var style = Style.plain
                    if hidden.contains(i) { style.attributes.insert(.dim) }
                    if marked.contains(i) { style.attributes.insert(.reverse) }
                    if emphasized.contains(i) { style.attributes.formUnion([.bold, .underline]) }
                    let padded = String(repeating: " ", count: max(0, w - 1 - text.count)) + text
                    // The separating space stays unstyled so reverse-video blocks read as cells.
                    put(" ", x: x, y: y, style: .plain, clip: clip, into: &buffer)
                    put(padded, x: x + 1, y: y, style: style, clip: clip, into: &buffer)
                }
            }
        }
    }

    private func halfBlockColor(_ i: Int, range: ClosedRange<Float>, level: ColorLevel) -> Color {
        if hidden.contains(i) { return .default }
        let t = palette.position(of: values[i], in: range)
        if marked.contains(i) || emphasized.contains(i) {
            // The window shows through in yellow, keeping the value's brightness.
            if level == .indexed256 {
                let k = 1 + Int((abs(t) * 4).rounded())
                return .cube(k, k, 0)
            }
            return abs(t) < 0.5 ? .yellow : .brightYellow
        }
        return palette.color(for: values[i], in: range, level: level)
    }

    /// Draws every value as two columns in reading order: a hidden one as `hidden` (dimmed), the
    /// others as `cell` gives them (the colour and the ASCII modes).
    private func putPairs(hidden: String, in area: Rect, clip: Rect, into buffer: inout Buffer, _ cell: (Int) -> (String, Style)) {
        for r in 0..<rows {
            for c in 0..<columns {
                let i = r * columns + c
                let (text, style) = self.hidden.contains(i) ? (hidden, Style(attributes: .dim)) : cell(i)
                put(text, x: area.x + 2 * c, y: area.y + r, style: style, clip: clip, into: &buffer)
            }
        }
    }

    private func put(_ text: String, x: Int, y: Int, style: Style, clip: Rect, into buffer: inout Buffer) {
        buffer.put(text, x: x, y: y, style: style, clip: clip)
    }
}
