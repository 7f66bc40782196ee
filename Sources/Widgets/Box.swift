import Canvas

/// A bordered box with an optional title in its top edge.
public struct Box: Sendable {
    public var title: String?
    public var style: Style
    public var titleStyle: Style

    public init(title: String? = nil, style: Style = .plain, titleStyle: Style = .bold) {
        self.title = title
        self.style = style
        self.titleStyle = titleStyle
    }

    /// Draws the border around `area` and returns the inner area. Clears the inside.
    @discardableResult
    public func render(in area: Rect, into buffer: inout Buffer, glyphs: Glyphs) -> Rect {
        guard area.width >= 2, area.height >= 2 else { return Rect(x: area.x, y: area.y, width: 0, height: 0) }
        buffer.fill(area.inset(dx: 1, dy: 1))
        let top = area.y, bottom = area.maxY - 1, left = area.x, right = area.maxX - 1
        for x in (left + 1)..<right {
            buffer.put(glyphs.horizontal, x: x, y: top, style: style, clip: area)
            buffer.put(glyphs.horizontal, x: x, y: bottom, style: style, clip: area)
        }
        for y in (top + 1)..<bottom {
            buffer.put(glyphs.vertical, x: left, y: y, style: style, clip: area)
            buffer.put(glyphs.vertical, x: right, y: y, style: style, clip: area)
        }
        buffer.put(glyphs.topLeft, x: left, y: top, style: style)
        buffer.put(glyphs.topRight, x: right, y: top, style: style)
        buffer.put(glyphs.bottomLeft, x: left, y: bottom, style: style)
        buffer.put(glyphs.bottomRight, x: right, y: bottom, style: style)
        if let title, area.width > 4 {
            let room = area.width - 4
            let shown = TextLayout.truncate(" \(title) ", to: room, ellipsis: glyphs.ellipsis)
            buffer.put(shown, x: left + 2, y: top, style: titleStyle, clip: area)
        }
        return area.inset(dx: 1, dy: 1)
    }
}
