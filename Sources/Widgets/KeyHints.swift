import Canvas

/// A key and what it does, as shown in footers and the help overlay.
public struct KeyHint: Hashable, Sendable {
    public var keys: String
    public var label: String

    public init(_ keys: String, _ label: String) {
        self.keys = keys
        self.label = label
    }
}

/// The one-line footer of the main keys of a screen: `? help  q quit  ↑↓ move`.
public struct KeyHintBar: Sendable {
    public var hints: [KeyHint]

    public init(_ hints: [KeyHint]) { self.hints = hints }

    /// Draws as many hints as fit on the row; a cut hint is dropped whole.
    public func render(in area: Rect, into buffer: inout Buffer, theme: Theme) {
        guard !area.isEmpty else { return }
        buffer.fill(area.row(0))
        var x = area.x + 1
        for hint in hints {
            let need = TextWidth.of(hint.keys) + 1 + TextWidth.of(hint.label)
            if x + need > area.maxX { break }
            x = buffer.put(hint.keys, x: x, y: area.y, style: theme.keyName, clip: area)
            x = buffer.put(" " + hint.label, x: x, y: area.y, style: theme.muted, clip: area)
            x += 2
        }
    }
}

/// The `?` overlay: a centred box listing every key of the current screen.
public struct HelpOverlay: Sendable {
    public var title: String
    public var sections: [(heading: String, hints: [KeyHint])]

    public init(title: String, sections: [(heading: String, hints: [KeyHint])]) {
        self.title = title
        self.sections = sections
    }

    public func render(in area: Rect, into buffer: inout Buffer, capabilities: Capabilities) {
        let theme = capabilities.theme
        let keyWidth = min(18, sections.flatMap(\.hints).map { TextWidth.of($0.keys) }.max() ?? 4)
        let labelWidth = min(48, sections.flatMap(\.hints).map { TextWidth.of($0.label) }.max() ?? 10)
        var rows = 0
        for s in sections { rows += s.hints.count + (s.heading.isEmpty ? 0 : 1) + 1 }
        let footer = "press ? or Esc to close"
        let width = max(keyWidth + labelWidth + 7, TextWidth.of(footer) + 4, TextWidth.of(title) + 6)
        let box = area.centered(width: width, height: rows + 3)
        let inner = Box(title: title, style: theme.border, titleStyle: theme.title)
            .render(in: box, into: &buffer, glyphs: capabilities.glyphs)
        var y = inner.y
        for s in sections {
            if !s.heading.isEmpty {
                buffer.put(s.heading, x: inner.x + 1, y: y, style: theme.heading, clip: inner)
                y += 1
            }
            for hint in s.hints {
                buffer.put(TextLayout.fit(hint.keys, to: keyWidth), x: inner.x + 2, y: y, style: theme.keyName, clip: inner)
                buffer.put(hint.label, x: inner.x + 3 + keyWidth, y: y, style: theme.text, clip: inner)
                y += 1
            }
            y += 1
        }
        buffer.put(footer, x: inner.x + max(0, (inner.width - TextWidth.of(footer)) / 2), y: inner.maxY - 1, style: theme.muted, clip: inner)
    }
}
