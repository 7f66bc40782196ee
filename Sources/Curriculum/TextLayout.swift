/// Lays out lesson blocks as lines of styled spans for a width: the one layout that both
/// `tutor show` (as plain text) and the TUI reader (as styled cells) draw.
///
/// Text is re-wrapped with hanging indents for lists, quotes and "asked:" lines; code blocks
/// and tables are not wrapped but cut at the width with a marker (`…`, or `>` in ASCII mode);
/// a lab block becomes a box that says how to open it, and its line range is recorded.
/// Every line is at most `width` columns. Total: never fails, whatever the blocks or width.
public struct TextLayout: Sendable {
    public var width: Int
    /// Pure-ASCII glyphs (bullets, rules, boxes, cut markers).
    public var ascii: Bool

    public init(width: Int, ascii: Bool = false) {
        self.width = max(1, width)
        self.ascii = ascii
    }

    /// Lays out `blocks` at `width` columns.
    public static func layout(_ blocks: [Block], width: Int, ascii: Bool = false) -> LessonLayout {
        TextLayout(width: width, ascii: ascii).layout(blocks)
    }

    public func layout(_ blocks: [Block]) -> LessonLayout {
        var out = layoutBlocks(blocks, width: width, depth: 0, compact: false)
        out.lines = out.lines.map { clip($0, to: width, marker: nil) }
        return out
    }

    var cutGlyph: String { ascii ? ">" : "…" }

    // MARK: Blocks

    func layoutBlocks(_ blocks: [Block], width: Int, depth: Int, compact: Bool) -> LessonLayout {
        var out = LessonLayout()
        for block in blocks {
            let part = layoutBlock(block, width: width, depth: depth)
            if part.lines.isEmpty { continue }
            if !out.lines.isEmpty && !compact { out.lines.append(LayoutLine()) }
            append(part, to: &out)
        }
        return out
    }

    func append(_ part: LessonLayout, to out: inout LessonLayout, prefix: (first: [LayoutSpan], rest: [LayoutSpan])? = nil) {
        let offset = out.lines.count
        for (n, line) in part.lines.enumerated() {
            if let prefix {
                out.lines.append(LayoutLine((n == 0 ? prefix.first : prefix.rest) + line.spans))
            } else {
                out.lines.append(line)
            }
        }
        out.labs.append(contentsOf: part.labs.map { LabPlacement(spec: $0.spec, lines: ($0.lines.lowerBound + offset)..<($0.lines.upperBound + offset)) })
    }

    func layoutBlock(_ block: Block, width: Int, depth: Int) -> LessonLayout {
        switch block {
        case .heading(let level, let text, _):
            let style: SpanStyle = level == 1 ? .heading1 : level == 2 ? .heading2 : .heading3
            var lines = wrap(spans(text, base: style), width: width)
            // Underlines keep headings visible in plain text, where styles are dropped.
            if level <= 3 {
                let glyph = level == 1 ? (ascii ? "=" : "═") : level == 2 ? (ascii ? "-" : "─") : (ascii ? "." : "┄")
                let underline = String(repeating: glyph, count: max(1, min(width, lines.map(\.width).max() ?? 1)))
                lines.append(LayoutLine([LayoutSpan(underline, [style, .rule])]))
            }
            return LessonLayout(lines: lines)
        case .paragraph(let text):
            return LessonLayout(lines: wrap(spans(text, base: []), width: width))
        case .list(let list):
            return layoutList(list, width: width, depth: depth)
        case .code(_, let lines):
            let indent = width > 8 ? "  " : ""
            return LessonLayout(lines: lines.map { text in
                clip(LayoutLine([LayoutSpan(indent + shown(text), .codeBlock)]), to: width, marker: cutGlyph)
            })
        case .table(let table):
            return LessonLayout(lines: layoutTable(table).map { clip($0, to: width, marker: cutGlyph) })
        case .quote(let blocks):
            let bar = LayoutSpan(ascii ? "> " : "│ ", .quote)
            let inner = depth < 24 ? layoutBlocks(blocks, width: max(1, width - 2), depth: depth + 1, compact: false) : LessonLayout()
            var out = LessonLayout()
            let styled = LessonLayout(lines: inner.lines.map { LayoutLine($0.spans.map { LayoutSpan($0.text, $0.style.union(.quote)) }) },
                                      labs: inner.labs)
            append(styled, to: &out, prefix: ([bar], [bar]))
            return out
        case .rule:
            return LessonLayout(lines: [LayoutLine([LayoutSpan(String(repeating: ascii ? "-" : "─", count: width), .rule)])])
        case .asked(_, let prompt):
            guard !prompt.isEmpty else { return LessonLayout() }
            let label = LayoutSpan("asked: ", [.asked, .dim])
            let body = shown(InlineParser.parse(prompt).plainText)
            return LessonLayout(lines: wrap([LayoutSpan(body, [.asked, .dim])], width: width, first: [label],
                                              rest: [LayoutSpan(String(repeating: " ", count: label.width), [.asked, .dim])]))
        case .embed(let url, let caption):
            let arrow = LayoutSpan(ascii ? "-> " : "↗ ", .link)
            var parts: [LayoutSpan] = []
            if caption.isEmpty {
                parts = [LayoutSpan(url, .link)]
            } else {
                parts = [LayoutSpan(caption, .link), LayoutSpan(" (" + url + ")", [.linkURL, .dim])]
            }
            return LessonLayout(lines: wrap(parts, width: width, first: [arrow], rest: [LayoutSpan("   ")]))
        case .lab(let spec):
            return layoutLab(spec, width: width)
        }
    }

    func layoutList(_ list: ListBlock, width: Int, depth: Int) -> LessonLayout {
        let bullets = ascii ? ["-", "*", "+"] : ["•", "◦", "▪"]
        let last = list.start + max(0, list.items.count - 1)
        let numberWidth = String(max(last, list.start)).count
        var out = LessonLayout()
        for (n, item) in list.items.enumerated() {
            var marker: String
            if list.ordered {
                let number = String(list.start + n)
                marker = String(repeating: " ", count: numberWidth - number.count) + number + ". "
            } else {
                marker = bullets[depth % bullets.count] + " "
            }
            // Narrow widths: keep at least a few columns for the text.
            if width - DisplayWidth.of(marker) < 4 { marker = list.ordered ? "" : "" }
            let indent = DisplayWidth.of(marker)
            let inner = layoutBlocks(item.blocks, width: max(1, width - indent), depth: depth + 1, compact: true)
            let lines = inner.lines.isEmpty ? LessonLayout(lines: [LayoutLine()]) : inner
            append(lines, to: &out, prefix: ([LayoutSpan(marker, .listMarker)], [LayoutSpan(String(repeating: " ", count: indent))]))
        }
        return out
    }

    func layoutLab(_ spec: LabSpec, width: Int) -> LessonLayout {
        let kind = spec.kind.rawValue
        let title = LayoutSpan(kind.prefix(1).uppercased() + kind.dropFirst() + " lab", [.labBox, .bold])
        let settings = spec.settings.map { $0.value.contains(" ") ? "\($0.key)=\"\($0.value)\"" : "\($0.key)=\($0.value)" }
            .joined(separator: " ")
        let hint = LayoutSpan("press Enter to open this in the \(kind) lab", .labBox)
        let play = LayoutSpan(ascii ? "> " : "▶ ", .labBox)
        guard width >= 8 else {
            let lines = wrap([title], width: width) + wrap([hint], width: width)
            return LessonLayout(lines: lines, labs: [LabPlacement(spec: spec, lines: 0..<lines.count)])
        }
        let innerWidth = width - 4
        var content = wrap([title], width: innerWidth, first: [play], rest: [LayoutSpan("  ")])
        if !settings.isEmpty { content += wrap([LayoutSpan(settings, [.labBox, .dim])], width: innerWidth) }
        content += wrap([hint], width: innerWidth)
        let boxInner = min(innerWidth, max(content.map(\.width).max() ?? 0, 20))
        let (tl, tr, bl, br, h, v) = ascii ? ("+", "+", "+", "+", "-", "|") : ("┌", "┐", "└", "┘", "─", "│")
        let border = String(repeating: h, count: boxInner + 2)
        var lines = [LayoutLine([LayoutSpan(tl + border + tr, .labBox)])]
        for line in content {
            let pad = String(repeating: " ", count: max(0, boxInner - line.width))
            lines.append(LayoutLine([LayoutSpan(v + " ", .labBox)] + line.spans + [LayoutSpan(pad + " " + v, .labBox)]))
        }
        lines.append(LayoutLine([LayoutSpan(bl + border + br, .labBox)]))
        return LessonLayout(lines: lines, labs: [LabPlacement(spec: spec, lines: 0..<lines.count)])
    }

    func layoutTable(_ table: TableBlock) -> [LayoutLine] {
        let columns = max(table.header.count, table.rows.map(\.count).max() ?? 0)
        guard columns > 0 else { return [] }
        let header = table.header.map { spans($0, base: .tableHeader) }
        let rows = table.rows.map { $0.map { spans($0, base: []) } }
        var widths = Array(repeating: 1, count: columns)
        for row in [header] + rows {
            for (c, cell) in row.enumerated() where c < columns { widths[c] = max(widths[c], cell.reduce(0) { $0 + $1.width }) }
        }
        let (v, h, cross, tl, tm, tr, ml, mr, bl, bm, br) = ascii
            ? ("|", "-", "+", "+", "+", "+", "+", "+", "+", "+", "+")
            : ("│", "─", "┼", "┌", "┬", "┐", "├", "┤", "└", "┴", "┘")
        func rule(_ left: String, _ mid: String, _ right: String) -> LayoutLine {
            LayoutLine([LayoutSpan(left + widths.map { String(repeating: h, count: $0 + 2) }.joined(separator: mid) + right, .tableBorder)])
        }
        func row(_ cells: [[LayoutSpan]]) -> LayoutLine {
            var out: [LayoutSpan] = [LayoutSpan(v, .tableBorder)]
            for c in 0..<columns {
                let cell = c < cells.count ? cells[c] : []
                let used = cell.reduce(0) { $0 + $1.width }
                let alignment = c < table.alignments.count ? table.alignments[c] : .left
                let free = widths[c] - used
                let left = alignment == .right ? free : alignment == .center ? free / 2 : 0
                out.append(LayoutSpan(" " + String(repeating: " ", count: left)))
                out.append(contentsOf: cell)
                out.append(LayoutSpan(String(repeating: " ", count: free - left) + " "))
                out.append(LayoutSpan(v, .tableBorder))
            }
            return LayoutLine(out)
        }
        var lines = [rule(tl, tm, tr), row(header), rule(ml, cross, mr)]
        lines += rows.map(row)
        lines.append(rule(bl, bm, br))
        return lines
    }
}
