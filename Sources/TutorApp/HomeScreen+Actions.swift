import Canvas
import Curriculum
import Foundation

/// The lessons, quizzes and progress arrived: select where the learner left off.
func curriculumLoaded(_ state: inout AppState, _ content: CurriculumContent) -> [Effect] {
    state.curriculum = content
    if let warning = content.warnings.first { state.status = warning }
    if state.route == .home { state.home.selectDefaultItem(in: state.curriculum) }
    return []
}

/// Progress was written; the file's contents (which another tutor may have added to) win.
func progressSaved(_ state: inout AppState, _ data: ProgressData, now: Date) -> [Effect] {
    state.curriculum.progress = data
    state.curriculum.now = max(state.curriculum.now, now)
    return []
}

/// Keys taken before the global ones by the curriculum screens.
func screensCapturedKeyAction(for key: Key, in state: AppState) -> Action? {
    if state.notice != nil { return .noticeDismissed }
    if state.isTooSmall || state.showingHelp { return nil }
    switch state.route {
    case .home: return homeCapturedKeyAction(for: key, in: state)
    case .quiz: return quizCapturedKeyAction(for: key, in: state)
    case .lesson, .lab: return nil
    }
}

/// A new window size: the reader keeps its place within the re-wrapped text. The top line of
/// the new layout is the one holding the first character that was at the top before, counting
/// only visible characters, so wrapping and indentation do not shift the count.
func screensResized(_ state: inout AppState, before: AppState) -> [Effect] {
    guard state.route == .lesson, !state.isTooSmall else { return [] }
    if !before.isTooSmall, var reader = state.reader, reader.offset > 0 {
        let visible: (LayoutLine) -> Int = { line in line.text.reduce(0) { $0 + ($1.isWhitespace ? 0 : 1) } }
        let above = readerLayout(before).lines.prefix(reader.offset).reduce(0) { $0 + visible($1) }
        let lines = readerLayout(state).lines
        var top = 0, counted = 0
        while top < lines.count, counted + visible(lines[top]) <= above {
            counted += visible(lines[top])
            top += 1
        }
        reader.scroll[reader.section] = top
        state.reader = reader
    }
    clampReaderScroll(&state)
    return []
}

/// The header of the reader: which lesson, by number and title.
func readerTitle(_ state: AppState) -> String {
    guard let id = state.reader?.lessonID, let index = state.curriculum.lessons.lessons.firstIndex(where: { $0.id == id }) else { return "Lesson" }
    return "Lesson \(index + 1): \(state.curriculum.lessons.lessons[index].title)"
}
