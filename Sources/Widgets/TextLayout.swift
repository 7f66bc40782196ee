import Canvas

/// Plain-text wrapping and truncation by display width.
public enum TextLayout {
    /// `text` cut to at most `width` columns, ending in `ellipsis` when cut.
    public static func truncate(_ text: String, to width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if TextWidth.of(text) <= width { return text }
        let room = width - TextWidth.of(ellipsis)
        guard room > 0 else { return String(ellipsis.prefix(width)) }
        var out = ""
        var used = 0
        for ch in text {
            let w = TextWidth.of(ch)
            if used + w > room { break }
            out.append(ch)
            used += w
        }
        return out + ellipsis
    }

    /// Greedy word wrap of one paragraph to `width` columns. Words longer than the width are
    /// broken. Existing line breaks are kept.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                var word = String(word)
                var w = TextWidth.of(word)
                if lineWidth > 0 && lineWidth + 1 + w <= width {
                    line += " " + word
                    lineWidth += 1 + w
                    continue
                }
                if lineWidth > 0 { lines.append(line); line = ""; lineWidth = 0 }
                while w > width {
                    var head = ""
                    var hw = 0
                    var rest = word[...]
                    while let ch = rest.first, hw + TextWidth.of(ch) <= width {
                        head.append(ch)
                        hw += TextWidth.of(ch)
                        rest = rest.dropFirst()
                    }
                    if head.isEmpty { head = String(rest.removeFirst()) }
                    lines.append(head)
                    word = String(rest)
                    w = TextWidth.of(word)
                }
                line = word
                lineWidth = w
            }
            lines.append(line)
        }
        return lines
    }

    /// Pads or cuts `text` to exactly `width` columns.
    public static func fit(_ text: String, to width: Int, ellipsis: String = "…") -> String {
        let t = truncate(text, to: width, ellipsis: ellipsis)
        return t + String(repeating: " ", count: max(0, width - TextWidth.of(t)))
    }
}
