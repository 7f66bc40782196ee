import Canvas

/// A table with a bold header row, fixed column widths and an optional selected row.
public struct Table: Sendable {
    public enum Alignment: Sendable, Hashable { case left, right }

    public struct Column: Sendable, Hashable {
        public var title: String
        public var width: Int
        public var alignment: Alignment

        public init(_ title: String, width: Int, alignment: Alignment = .left) {
            precondition(width > 0, "Table column '\(title)' needs a positive width")
            self.title = title
            self.width = width
            self.alignment = alignment
        }
    }

    public var columns: [Column]
    public var rows: [[String]]
    public var selectedRow: Int?

    public init(columns: [Column], rows: [[String]], selectedRow: Int? = nil) {
        precondition(rows.allSatisfy { $0.count == columns.count }, "Table: every row needs \(columns.count) cells")
        self.columns = columns
        self.rows = rows
        self.selectedRow = selectedRow
    }

    /// The width of a full row (columns separated by one space).
    public var width: Int { columns.reduce(0) { $0 + $1.width } + max(0, columns.count - 1) }

    /// One cell's text fitted to its column.
    func cell(_ text: String, _ column: Column, ellipsis: String) -> String {
        let cut = TextLayout.truncate(text, to: column.width, ellipsis: ellipsis)
        let pad = String(repeating: " ", count: max(0, column.width - TextWidth.of(cut)))
        return column.alignment == .left ? cut + pad : pad + cut
    }

    /// Draws the header and as many rows as fit; the selected row is kept in view.
    public func render(in area: Rect, into buffer: inout Buffer, capabilities: Capabilities) {
        guard !area.isEmpty else { return }
        let theme = capabilities.theme, ellipsis = capabilities.glyphs.ellipsis
        let header = columns.map { cell($0.title, $0, ellipsis: ellipsis) }.joined(separator: " ")
        buffer.put(header, x: area.x, y: area.y, style: theme.heading.adding(.underline), clip: area)
        let visible = area.height - 1
        guard visible > 0 else { return }
        let first = selectedRow.map { max(0, min($0 - visible + 1, rows.count - visible)) } ?? 0
        for (k, row) in rows.enumerated().dropFirst(max(0, first)).prefix(visible) {
            let text = zip(row, columns).map { cell($0, $1, ellipsis: ellipsis) }.joined(separator: " ")
            let style = k == selectedRow ? theme.selection : theme.text
            buffer.put(text, x: area.x, y: area.y + 1 + k - max(0, first), style: style, clip: area)
        }
    }
}
