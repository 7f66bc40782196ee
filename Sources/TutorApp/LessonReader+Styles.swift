import Canvas
import Curriculum
import Widgets

extension Theme {
    /// The style of a laid-out lesson span. Every distinction a reader needs survives without
    /// colour: headings are bold (the first two levels with a rule line under them), code is
    /// bold when there is no colour, "asked:" lines say so and are dim, links are underlined,
    /// quotes carry their bar, lab boxes their border.
    func lessonStyle(_ span: SpanStyle) -> Style {
        var style: Style
        if span.contains(.heading1) {
            style = title
        } else if span.contains(.heading2) {
            style = heading
        } else if span.contains(.heading3) {
            style = level == .none ? Style(attributes: [.bold, .underline]) : heading
        } else if span.contains(.labBox) {
            style = accent
        } else if span.contains(.codeBlock) || span.contains(.code) {
            style = level == .none ? Style(attributes: .bold) : code
        } else if span.contains(.tableBorder) || span.contains(.rule) {
            style = border
        } else if span.contains(.listMarker) {
            style = accent
        } else if span.contains(.linkURL) || span.contains(.asked) || span.contains(.dim) {
            style = muted
        } else if span.contains(.link) {
            style = text.adding(.underline)
        } else if span.contains(.quote) {
            style = level == .none ? Style(attributes: .italic) : muted.adding(.italic)
        } else {
            style = text
        }
        if span.contains(.bold) || span.contains(.tableHeader) { style = style.adding(.bold) }
        if span.contains(.italic) { style = style.adding(.italic) }
        if span.contains(.asked) { style = style.adding(.italic) }
        if span.contains(.rule) { style = border }
        if span.contains(.cutMarker) { style = accent }
        return style
    }
}

/// A lesson layout as styled text for the screen.
func styledText(_ layout: LessonLayout, theme: Theme) -> StyledText {
    StyledText(lines: layout.lines.map { line in
        line.spans.map { StyledText.Run($0.text, theme.lessonStyle($0.style)) }
    })
}
