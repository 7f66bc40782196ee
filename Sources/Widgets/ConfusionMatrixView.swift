import Canvas

/// A confusion matrix as a grid of counts: rows are the true class, columns the predicted one.
///
/// The diagonal (right answers) is shaded green and the rest red by how many samples fell
/// there; without colour the diagonal is bold and a non-zero mistake underlined. The selected
/// cell is in reverse video. Per-class precision and recall, when given, follow each row.
public struct ConfusionMatrixView: Sendable {
    /// `counts[actual][predicted]`.
    public var counts: [[Int]]
    public var precision: [Double]?
    public var recall: [Double]?
    public var selected: (row: Int, column: Int)?

    public init(counts: [[Int]], precision: [Double]? = nil, recall: [Double]? = nil, selected: (row: Int, column: Int)? = nil) {
        precondition(counts.allSatisfy { $0.count == counts.count }, "ConfusionMatrixView: counts must be square")
        self.counts = counts
        self.precision = precision
        self.recall = recall
        self.selected = selected
    }

    /// Columns per count.
    public var cellWidth: Int { max(3, (counts.flatMap { $0 }.max() ?? 0).description.count + 1) }

    /// The size of the whole view: a header row, one row per class; the row label, the cells and
    /// the precision/recall columns.
    public var size: (width: Int, height: Int) {
        let n = counts.count
        let metrics = (precision != nil || recall != nil) ? 12 : 0
        return (4 + n * cellWidth + metrics, n + 1)
    }

    public func render(in area: Rect, into buffer: inout Buffer, capabilities: Capabilities) {
        guard !area.isEmpty else { return }
        let theme = capabilities.theme, level = capabilities.colorLevel
        let n = counts.count, w = cellWidth
        let rowMax = max(1, counts.enumerated().flatMap { r, row in row.enumerated().filter { $0.offset != r }.map(\.element) }.max() ?? 1)
        let diagMax = max(1, (0..<n).map { counts[$0][$0] }.max() ?? 1)
        // Header: predicted classes.
        buffer.put("a\\p", x: area.x, y: area.y, style: theme.muted, clip: area)
        for c in 0..<n {
            let label = "\(c)"
            buffer.put(String(repeating: " ", count: w - label.count) + label, x: area.x + 4 + c * w, y: area.y, style: theme.heading, clip: area)
        }
        let metricsX = area.x + 4 + n * w + 1
        if precision != nil || recall != nil {
            buffer.put(" prec  rec", x: metricsX, y: area.y, style: theme.heading, clip: area)
        }
        for r in 0..<n {
            let y = area.y + 1 + r
            buffer.put(String(repeating: " ", count: max(0, 2 - "\(r)".count)) + "\(r) ", x: area.x, y: y, style: theme.heading, clip: area)
            for c in 0..<n {
                let count = counts[r][c]
                var style = Style.plain
                if level == .none {
                    if r == c { style.attributes.insert(.bold) } else if count > 0 { style.attributes.insert(.underline) }
                } else if count > 0 {
                    let t = Double(count) / Double(r == c ? diagMax : rowMax)
                    style.background = Self.shade(diagonal: r == c, t: t, level: level)
                    style.foreground = HeatmapPalette.contrasting(on: style.background)
                }
                if let s = selected, s.row == r, s.column == c { style.attributes.insert(.reverse) }
                let text = count == 0 && r != c ? "." : "\(count)"
                buffer.put(String(repeating: " ", count: w - text.count) + text, x: area.x + 4 + c * w, y: y, style: style, clip: area)
            }
            var metrics = ""
            if let precision, r < precision.count { metrics += " " + NumberText.fixed(precision[r], decimals: 2) }
            if let recall, r < recall.count { metrics += "  " + NumberText.fixed(recall[r], decimals: 2) }
            if !metrics.isEmpty { buffer.put(metrics, x: metricsX, y: y, style: theme.text, clip: area) }
        }
    }

    static func shade(diagonal: Bool, t: Double, level: ColorLevel) -> Color {
        let k = min(4, max(0, Int((t * 4).rounded())))
        switch level {
        case .none: return .default
        case .basic16: return diagonal ? (k >= 2 ? .green : .black) : (k >= 2 ? .red : .magenta)
        case .indexed256: return diagonal ? .cube(0, 1 + k, 0) : .cube(1 + k, 0, 0)
        }
    }
}
