import Canvas

/// Lines of text runs, each run in its own style: what the lesson reader and the quiz draw.
///
/// The lines are laid out already (wrapped or cut by whoever made them); this only draws them
/// into a region, clipping at its edges, starting at a scroll offset.
public struct StyledText: Hashable, Sendable {
    /// One run of text in one style.
    public struct Run: Hashable, Sendable {
        public var text: String
        public var style: Style
        public init(_ text: String, _ style: Style = .plain) {
            self.text = text
            self.style = style
        }
    }

    public var lines: [[Run]]

    public init(lines: [[Run]] = []) { self.lines = lines }

    /// Greedy word wrap of styled runs to `width` columns; words keep their run's style, the
    /// spaces between words (also across runs) are kept, words longer than the width are broken,
    /// and `\n` starts a new line. `indent` is put before every line after the first (a hanging
    /// indent); spaces where a line was broken are dropped.
    public static func wrap(_ runs: [Run], width: Int, indent: Int = 0) -> [[Run]] {
        guard width > 0 else { return [] }
        // Words with the spaces before them; a nil word is a line break.
        var words: [(text: String, style: Style, spaces: Int)?] = []
        var spaces = 0
        for run in runs {
            var word = ""
            func flush() {
                if !word.isEmpty { words.append((word, run.style, spaces)); spaces = 0; word = "" }
            }
            for ch in run.text {
                if ch == "\n" { flush(); words.append(nil); spaces = 0 }
                else if ch == " " { flush(); spaces += 1 }
                else { word.append(ch) }
            }
            flush()
        }
        var lines: [[Run]] = []
        var line: [Run] = []
        var used = 0
        let hang = min(indent, max(0, width - 1))
        func newLine() {
            lines.append(line)
            line = hang > 0 ? [Run(String(repeating: " ", count: hang))] : []
            used = hang
        }
        for entry in words {
            guard let (text, style, spaces) = entry else { newLine(); continue }
            // Spaces count at the very start of the text (an indent) and between words.
            let lead = (used > hang || lines.isEmpty) ? spaces : 0
            var rest = Substring(text)
            if used + lead + TextWidth.of(rest) > width, used > hang {
                newLine()
            } else if lead > 0 {
                line.append(Run(String(repeating: " ", count: min(lead, width - used)), style))
                used = min(width, used + lead)
            }
            while used + TextWidth.of(rest) > width {
                var head = ""
                var hw = 0
                while let c = rest.first, used + hw + TextWidth.of(c) <= width {
                    head.append(c)
                    hw += TextWidth.of(c)
                    rest = rest.dropFirst()
                }
                if head.isEmpty, let c = rest.first, used <= hang { head = String(c); rest = rest.dropFirst() }
                if !head.isEmpty { line.append(Run(head, style)) }
                newLine()
            }
            if !rest.isEmpty {
                line.append(Run(String(rest), style))
                used += TextWidth.of(rest)
            }
        }
        lines.append(line)
        return lines
    }

    /// Draws the lines from `firstLine` into `area`, one per row, clipped to it.
    public func render(in area: Rect, into buffer: inout Buffer, firstLine: Int = 0) {
        guard !area.isEmpty else { return }
        for row in 0..<area.height {
            let index = firstLine + row
            guard index >= 0, index < lines.count else { continue }
            var x = area.x
            for run in lines[index] {
                x = buffer.put(run.text, x: x, y: area.y + row, style: run.style, clip: area)
                if x >= area.maxX { break }
            }
        }
    }
}
