import Canvas
import Curriculum
import Widgets

func renderReader(_ state: AppState, in area: Rect, into buffer: inout Buffer) {
    guard let reader = state.reader, let lesson = state.curriculum.lessons.lesson(id: reader.lessonID) else { return }
    let theme = state.theme, glyphs = state.glyphs
    let geometry = ReaderGeometry(state)
    let progress = state.curriculum.progress.lesson(lesson.id)

    // Tab bar: the current tab in brackets and reverse video, read sections ticked.
    var x = area.x + 1
    for kind in SectionKind.allCases {
        let read = progress.sectionsRead.contains(kind) ? " " + glyphs.check : ""
        let label = "\(kind.index + 1) \(kind.title)\(read)"
        let current = kind == reader.section
        x = buffer.put(current ? "[" : " ", x: x, y: area.y, style: theme.accent, clip: area)
        x = buffer.put(label, x: x, y: area.y, style: current ? theme.selection : theme.text, clip: area)
        x = buffer.put(current ? "]" : " ", x: x, y: area.y, style: theme.accent, clip: area)
        x += 2
    }
    let rule = Rect(x: area.x, y: area.y + 1, width: area.width, height: 1)
    buffer.put(String(repeating: glyphs.horizontal, count: rule.width), x: rule.x, y: rule.y, style: theme.border, clip: rule)

    let layout = readerLayout(state)
    let text = Rect(x: area.x + 2, y: area.y + 2, width: min(geometry.textWidth, area.width - 2), height: geometry.textRows)
    let offset = min(max(0, reader.offset), max(0, layout.lines.count - geometry.textRows))
    // Only the lines on screen are styled, so a key press costs the same in any length of text.
    let shown = offset..<min(layout.lines.count, offset + geometry.textRows)
    var styled = styledText(LessonLayout(lines: Array(layout.lines[shown])), theme: theme)
    // The lab box Enter opens stands out (bold on top of its colour).
    if let lab = visibleLab(state) {
        for line in lab.lines where shown.contains(line) {
            styled.lines[line - offset] = styled.lines[line - offset].map { StyledText.Run($0.text, $0.style.adding(.bold)) }
        }
    }
    styled.render(in: text, into: &buffer, firstLine: 0)

    // Position line: what Enter does here, and where in the section the view is.
    let positionRow = Rect(x: area.x, y: text.maxY, width: area.width, height: 1)
    let total = layout.lines.count
    let last = min(total, offset + geometry.textRows)
    let whereText: String
    if total <= geometry.textRows {
        whereText = "all \(total) lines"
    } else if last >= total {
        whereText = "lines \(offset + 1)-\(last) of \(total)  End"
    } else {
        whereText = "lines \(offset + 1)-\(last) of \(total)  \(offset == 0 ? "Top" : "\(last * 100 / max(1, total))%")"
    }
    let readMark = progress.sectionsRead.contains(reader.section) ? "read \(glyphs.check)  " : (last >= total ? "" : "\(glyphs.arrowDown) more  ")
    let right = readMark + whereText
    buffer.put(right, x: positionRow.maxX - TextWidth.of(right) - 1, y: positionRow.y, style: theme.muted, clip: positionRow)
    var hint = ""
    if let lab = visibleLab(state) {
        hint = "Enter: open the \(lab.spec.kind.rawValue) lab"
    } else if reader.section == .review {
        hint = "t: take this lesson's quiz"
    } else if last >= total, reader.section != .review {
        let next = SectionKind.allCases[reader.section.index + 1]
        hint = "Tab: on to \(next.title)"
    }
    if !hint.isEmpty {
        let room = positionRow.width - TextWidth.of(right) - 4
        buffer.put(Widgets.TextLayout.truncate(hint, to: room, ellipsis: glyphs.ellipsis), x: positionRow.x + 2, y: positionRow.y, style: theme.accent, clip: positionRow)
    }
}

/// A box over the screen with a short message; any key closes it.
func renderNotice(_ notice: Notice, state: AppState, in area: Rect, into buffer: inout Buffer) {
    let theme = state.theme
    let footer = "press any key"
    let width = min(area.width - 4, max(notice.lines.map { TextWidth.of($0) }.max() ?? 0, TextWidth.of(notice.title) + 4, TextWidth.of(footer)) + 4)
    let box = area.centered(width: width, height: notice.lines.count + 4)
    let inner = Box(title: notice.title, style: theme.accent, titleStyle: theme.title).render(in: box, into: &buffer, glyphs: state.glyphs)
    for (i, line) in notice.lines.enumerated() {
        buffer.put(line, x: inner.x + 1, y: inner.y + i, style: theme.text, clip: inner)
    }
    buffer.put(footer, x: inner.x + max(0, (inner.width - TextWidth.of(footer)) / 2), y: inner.maxY - 1, style: theme.muted, clip: inner)
}
