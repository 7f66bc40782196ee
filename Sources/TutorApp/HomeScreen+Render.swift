import Canvas
import Curriculum
import Foundation
import Widgets

/// One row of the drawn home list: a heading, a gap, or an item (by its index in `homeItems`).
private enum HomeRow {
    case heading(String, columns: Bool)
    case gap
    case message(String)
    case item(Int)
}

func renderHome(_ state: AppState, in area: Rect, into buffer: inout Buffer) {
    let theme = state.theme
    let x = area.x + 2
    let width = area.width - 4
    buffer.put("Learn convolutional neural networks by stepping through every multiply-add.", x: x, y: area.y, style: theme.muted, clip: area)

    let items = state.homeItems
    var rows: [HomeRow] = [.gap, .heading("Lessons", columns: true)]
    if state.home.isEditingFilter || !state.home.filter.isEmpty { rows.append(.message("filter")) }
    var section = "Lessons"
    for (index, item) in items.enumerated() {
        switch item {
        case .lesson: break
        case .review:
            if state.curriculum.lessons.lessons.isEmpty {
                rows.append(.message("No lessons found in \(state.curriculum.source)"))
            } else if !items.contains(where: { if case .lesson = $0 { return true } else { return false } }) {
                rows.append(.message("No lesson title contains \"\(state.home.filter.text)\"; Esc shows them all"))
            }
            rows += [.gap, .heading("Review", columns: false)]
            section = "Review"
        case .lab:
            if section != "Labs" {
                rows += [.gap, .heading("Labs", columns: false)]
                section = "Labs"
            }
        }
        rows.append(.item(index))
    }

    // Scroll the list (below the tagline) so the selection stays visible.
    let list = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
    let selectedRow = rows.firstIndex { if case .item(let i) = $0 { return i == state.home.selection } else { return false } } ?? 0
    let first = max(0, min(selectedRow - list.height + 2, rows.count - list.height))
    let columns = HomeColumns(width: width)
    for (offset, row) in rows.dropFirst(first).prefix(list.height).enumerated() {
        let y = list.y + offset
        switch row {
        case .gap:
            break
        case .heading(let title, let showColumns):
            buffer.put(title, x: x, y: y, style: theme.heading, clip: area)
            if showColumns && !state.curriculum.lessons.lessons.isEmpty {
                buffer.put(columns.header, x: x + columns.titleWidth, y: y, style: theme.muted, clip: area)
            }
        case .message(let text):
            if text == "filter" {
                let label = "Filter:"
                buffer.put(label, x: x + 4, y: y, style: theme.accent, clip: area)
                let field = Rect(x: x + 4 + label.count, y: y, width: min(40, width - 4 - label.count), height: 1)
                state.home.filter.render(in: field, into: &buffer, style: theme.text.adding(.underline),
                                         cursorStyle: Style(attributes: .reverse), focused: state.home.isEditingFilter)
            } else {
                buffer.put(Widgets.TextLayout.truncate(text, to: width - 4, ellipsis: state.glyphs.ellipsis), x: x + 4, y: y, style: theme.failure, clip: area)
            }
        case .item(let index):
            let selected = index == state.home.selection
            let text = homeRowText(items[index], state: state, columns: columns)
            buffer.put(selected ? state.glyphs.arrowRight : " ", x: x - 2, y: y, style: theme.accent, clip: area)
            let style = selected ? theme.selection : theme.text
            let mainWidth = text.columns.isEmpty ? width : columns.titleWidth
            // The note follows the title; a long title gives way (with an ellipsis) rather than being
            // overwritten, and a window too narrow for both keeps the title alone.
            var main = text.main
            var note = text.note
            if !note.isEmpty {
                let room = mainWidth - TextWidth.of(note) - 3
                if room < 12 {
                    note = ""
                } else if TextWidth.of(main) > room {
                    main = Widgets.TextLayout.truncate(main, to: room, ellipsis: state.glyphs.ellipsis)
                }
            }
            buffer.put(Widgets.TextLayout.fit(main, to: mainWidth, ellipsis: state.glyphs.ellipsis), x: x, y: y, style: style, clip: area)
            if !note.isEmpty {
                buffer.put(note, x: x + TextWidth.of(main) + 2, y: y, style: selected ? style : theme.accent, clip: area)
            }
            buffer.put(text.columns, x: x + columns.titleWidth, y: y, style: selected ? style : theme.text, clip: area)
        }
    }
}

/// Widths of the lesson list's columns: title, sections read, best score, questions due.
private struct HomeColumns {
    let width: Int
    var titleWidth: Int { max(10, width - 28) }
    var header: String { "  " + "read".padding(toLength: 10, withPad: " ", startingAt: 0) + "best".padding(toLength: 8, withPad: " ", startingAt: 0) + "due" }

    func cells(read: String, best: String, due: String) -> String {
        "  " + read.padding(toLength: 10, withPad: " ", startingAt: 0) + best.padding(toLength: 8, withPad: " ", startingAt: 0) + due
    }
}

/// The text of one home row: the main part, a note after it (`continue`), and the columns.
private func homeRowText(_ item: HomeItem, state: AppState, columns: HomeColumns) -> (main: String, note: String, columns: String) {
    switch item {
    case .lesson(let index):
        let lesson = state.curriculum.lessons.lessons[index]
        let progress = state.curriculum.progress.lesson(lesson.id)
        let read = SectionKind.allCases.map { progress.sectionsRead.contains($0) ? String($0.title.prefix(1)) : "." }.joined(separator: " ")
        let best = progress.best.map(\.scoreText) ?? "-"
        let due = state.curriculum.progress.dueCount(lesson: lesson.id, at: state.curriculum.now)
        let number = "\(index + 1).".padding(toLength: 4, withPad: " ", startingAt: 0)
        var note = ""
        if state.curriculum.continueLessonIndex == index, let last = state.curriculum.progress.last {
            note = "\(state.glyphs.arrowLeft) continue: \(last.section.title)"
        }
        return (number + lesson.title, note, columns.cells(read: read, best: best, due: due > 0 ? "\(due)" : "-"))
    case .review(let due):
        let text: String
        if due > 0 {
            text = "\(state.glyphs.bullet)   Spaced review: \(due) question\(due == 1 ? "" : "s") due"
        } else if let next = state.curriculum.progress.reviews.values.map(\.due).min() {
            text = "\(state.glyphs.bullet)   Spaced review: nothing due until \(homeDate(next))"
        } else {
            text = "\(state.glyphs.bullet)   Spaced review: take a lesson's quiz and missed questions come back here"
        }
        return (text, "", "")
    case .lab(let kind):
        let name = "\(state.glyphs.bullet)   \(kind.screen.title)".padding(toLength: 22, withPad: " ", startingAt: 0)
        return (name + kind.screen.summary, "", "")
    }
}

func homeDate(_ date: Date) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd HH:mm"
    return formatter.string(from: date) + " UTC"
}
