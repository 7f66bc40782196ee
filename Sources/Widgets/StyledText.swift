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

    /// Greedy word wrap of styled runs to `width` columns; words keep their run's style and
    /// words longer than the width are broken. `indent` is put before every line after the first
    /// (a hanging indent).
    public static func wrap(_ runs: [Run], width: Int, indent: Int = 0) -> [[Run]] {
        guard width > 0 else { return [] }
        var lines: [[Run]] = []
        var line: [Run] = []
        var used = 0
        let hang = min(indent, max(0, width - 1))
        func newLine() {
            lines.append(line)
            line = hang > 0 ? [Run(String(repeating: " ", count: hang))] : []
            used = hang
        }
        for run in runs {
            // Split into words and the spaces between them, keeping explicit line breaks.
            for (p, paragraph) in run.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if p > 0 { newLine() }
                for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                    var rest = Substring(word)
                    let needsSpace = used > hang && !(line.last?.text.hasSuffix(" ") ?? true)
                    let w = TextWidth.of(rest)
                    if used + (needsSpace ? 1 : 0) + w <= width {
                        if needsSpace { line.append(Run(" ", run.style)); used += 1 }
                        line.append(Run(String(rest), run.style))
                        used += w
                        continue
                    }
                    if used > hang { newLine() }
                    while TextWidth.of(rest) > width - used {
                        var head = ""
                        var hw = 0
                        while let c = rest.first, used + hw + TextWidth.of(c) <= width {
                            head.append(c)
                            hw += TextWidth.of(c)
                            rest = rest.dropFirst()
                        }
                        if head.isEmpty, let c = rest.first { head = String(c); rest = rest.dropFirst() }
                        line.append(Run(head, run.style))
                        newLine()
                    }
                    if !rest.isEmpty {
                        line.append(Run(String(rest), run.style))
                        used += TextWidth.of(rest)
                    }
                }
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
