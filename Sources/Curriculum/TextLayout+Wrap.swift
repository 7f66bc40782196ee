extension TextLayout {
    /// Flattens inline Markdown into spans, adding each run's style to `base`. A link's URL
    /// follows its text, dimmed, unless the text already is the URL.
    func spans(_ inlines: [Inline], base: SpanStyle) -> [LayoutSpan] {
        var out: [LayoutSpan] = []
        for inline in inlines {
            switch inline {
            case .text(let s): out.append(LayoutSpan(shown(s), base))
            case .bold(let inner): out += spans(inner, base: base.union(.bold))
            case .italic(let inner): out += spans(inner, base: base.union(.italic))
            case .code(let s): out.append(LayoutSpan(shown(s), base.union(.code)))
            case .link(let text, let url):
                out += spans(text, base: base.union(.link))
                if !url.isEmpty, url != text.plainText {
                    out.append(LayoutSpan(" (" + url + ")", base.union([.linkURL, .dim])))
                }
            }
        }
        return out
    }

    /// Lesson text as laid out: symbols spelled out in ASCII mode (see `ASCIIText`).
    func shown(_ text: String) -> String { ascii ? ASCIIText.spelled(text) : text }

    /// A word: its styled pieces (a word may change style midway, as in `**bold**,`).
    struct Word {
        var pieces: [LayoutSpan] = []
        var width = 0
    }

    static func words(_ spans: [LayoutSpan]) -> [Word] {
        var words: [Word] = []
        var current = Word()
        for span in spans {
            var piece = ""
            var pieceWidth = 0
            for ch in span.text {
                if ch == " " || ch == "\n" {
                    if !piece.isEmpty { current.pieces.append(LayoutSpan(piece, span.style)); current.width += pieceWidth }
                    piece = ""; pieceWidth = 0
                    if !current.pieces.isEmpty { words.append(current); current = Word() }
                } else {
                    piece.append(ch)
                    pieceWidth += DisplayWidth.of(ch)
                }
            }
            if !piece.isEmpty { current.pieces.append(LayoutSpan(piece, span.style)); current.width += pieceWidth }
        }
        if !current.pieces.isEmpty { words.append(current) }
        return words
    }

    /// Greedy word wrap with a first-line prefix and a hanging prefix for the others. Words
    /// wider than a line are broken by character.
    func wrap(_ spans: [LayoutSpan], width: Int, first: [LayoutSpan] = [], rest: [LayoutSpan] = []) -> [LayoutLine] {
        let words = TextLayout.words(spans)
        guard !words.isEmpty else { return first.isEmpty ? [] : [LayoutLine(first)] }
        let restWidth = rest.reduce(0) { $0 + $1.width }
        var lines: [LayoutLine] = []
        var line = first
        var used = first.reduce(0) { $0 + $1.width }
        var hasText = false
        var lastStyle: SpanStyle?

        func newLine() {
            lines.append(LayoutLine(line))
            line = rest
            used = restWidth
            hasText = false
            lastStyle = nil
        }
        func add(_ span: LayoutSpan, width w: Int) {
            if let last = line.last, last.style == span.style, hasText {
                line[line.count - 1].text += span.text
            } else {
                line.append(span)
            }
            used += w
            hasText = true
        }

        for word in words {
            let gap = hasText ? 1 : 0
            if used + gap + word.width > width, hasText { newLine() }
            if hasText {
                let style = lastStyle == word.pieces.first?.style ? (lastStyle ?? []) : []
                add(LayoutSpan(" ", style), width: 1)
            }
            if used + word.width <= width {
                for piece in word.pieces { add(piece, width: piece.width) }
            } else {
                // Longer than a whole line: break it wherever the width runs out.
                for piece in word.pieces {
                    var chunk = ""
                    var chunkWidth = 0
                    for ch in piece.text {
                        let w = DisplayWidth.of(ch)
                        if used + chunkWidth + w > width, hasText || chunkWidth > 0 {
                            if !chunk.isEmpty { add(LayoutSpan(chunk, piece.style), width: chunkWidth) }
                            newLine()
                            chunk = ""; chunkWidth = 0
                        }
                        chunk.append(ch)
                        chunkWidth += w
                    }
                    if !chunk.isEmpty { add(LayoutSpan(chunk, piece.style), width: chunkWidth) }
                }
            }
            lastStyle = word.pieces.last?.style
        }
        if hasText || !line.isEmpty { lines.append(LayoutLine(line)) }
        return lines
    }

    /// Cuts a line to `width` columns, ending it with `marker` (styled `.cutMarker`) when given.
    func clip(_ line: LayoutLine, to width: Int, marker: String?) -> LayoutLine {
        guard line.width > width else { return line }
        let keep = width - (marker == nil ? 0 : 1)
        var out: [LayoutSpan] = []
        var used = 0
        outer: for span in line.spans {
            var text = ""
            for ch in span.text {
                let w = DisplayWidth.of(ch)
                if used + w > keep {
                    if !text.isEmpty { out.append(LayoutSpan(text, span.style)) }
                    break outer
                }
                text.append(ch)
                used += w
            }
            if !text.isEmpty { out.append(LayoutSpan(text, span.style)) }
        }
        if let marker, width >= 1 {
            // A wide character that did not fit leaves a column free: pad so the marker sits at the edge.
            if used < keep { out.append(LayoutSpan(String(repeating: " ", count: keep - used))) }
            out.append(LayoutSpan(marker, .cutMarker))
        }
        return LayoutLine(out)
    }
}
