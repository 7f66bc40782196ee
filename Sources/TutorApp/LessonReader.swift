import Canvas
import Curriculum
import Foundation
import Widgets

/// The lesson reader: one lesson's four sections as tabs, each scrolled on its own.
public struct LessonReaderState: Hashable, Sendable {
    public var lessonID: String
    public var section: SectionKind
    /// The first line shown, per section (kept when switching tabs).
    public var scroll: [SectionKind: Int] = [:]
    /// Review answers shown (0-based question numbers); the others are folded.
    public var revealedAnswers: Set<Int> = []

    public init(lessonID: String, section: SectionKind) {
        self.lessonID = lessonID
        self.section = section
    }

    /// The first line shown of the current section.
    public var offset: Int { scroll[section] ?? 0 }
}

/// What the user did in the lesson reader.
public enum LessonReaderAction: Hashable, Sendable {
    /// 1-4.
    case sectionPressed(SectionKind)
    /// Tab, `l`, →.
    case nextSectionPressed
    /// Shift-Tab, `h`, ←.
    case previousSectionPressed
    case lineDownPressed
    case lineUpPressed
    /// PgDn, Space.
    case pageDownPressed
    case pageUpPressed
    /// `g`, Home.
    case topPressed
    /// `G`, End.
    case bottomPressed
    /// Enter: open the lab box on screen.
    case openLabPressed
    /// `t`: take this lesson's quiz.
    case quizPressed
    /// `a` in Review: show the first folded answer on screen.
    case answerRevealPressed
    /// `A` in Review: show every answer.
    case allAnswersRevealPressed
}

/// A message box over the screen, gone at the next key.
public struct Notice: Hashable, Sendable {
    public var title: String
    public var lines: [String]
    public init(title: String, lines: [String]) {
        self.title = title
        self.lines = lines
    }
}

/// Opens the reader on a lesson's section (replacing a reader already on top), remembers it as
/// the place to continue from, and saves that at once.
func openLesson(_ state: inout AppState, id: String, section: SectionKind, findText: String? = nil) -> [Effect] {
    guard let lesson = state.curriculum.lessons.find(id) else {
        state.status = "there is no lesson '\(id)'; the home screen lists them all"
        return []
    }
    state.reader = LessonReaderState(lessonID: lesson.id, section: section)
    state.showingHelp = false
    if state.route != .lesson { state.routes.append(.lesson) }
    if let findText, let line = readerLine(containing: findText, in: state) {
        state.reader?.scroll[section] = max(0, line - 1)
        clampReaderScroll(&state)
    }
    return sectionShown(&state)
}

/// The reader now shows a section: remember it, and mark it read when its end is on screen.
private func sectionShown(_ state: inout AppState) -> [Effect] {
    guard let reader = state.reader else { return [] }
    state.curriculum.progress.last = Position(lesson: reader.lessonID, section: reader.section, date: state.curriculum.now)
    return [.saveLessonOpened(lesson: reader.lessonID, section: reader.section)] + checkSectionEnd(&state)
}

/// Marks the current section read (locally and on disk) once its last line has been on screen.
func checkSectionEnd(_ state: inout AppState) -> [Effect] {
    guard let reader = state.reader else { return [] }
    let geometry = ReaderGeometry(state)
    let total = readerLayout(state).lines.count
    guard reader.offset + geometry.textRows >= total else { return [] }
    var progress = state.curriculum.progress.lesson(reader.lessonID)
    guard !progress.sectionsRead.contains(reader.section) else { return [] }
    progress.sectionsRead.insert(reader.section)
    state.curriculum.progress.lessons[reader.lessonID] = progress
    state.status = "\(reader.section.title) marked read"
    return [.saveSectionRead(lesson: reader.lessonID, section: reader.section)]
}

/// Keeps the scroll offset of the current section within its text (after a resize, say).
func clampReaderScroll(_ state: inout AppState) {
    guard var reader = state.reader else { return }
    let maxOffset = max(0, readerLayout(state).lines.count - ReaderGeometry(state).textRows)
    reader.scroll[reader.section] = min(max(0, reader.offset), maxOffset)
    state.reader = reader
}

func reduceReader(_ state: inout AppState, _ action: LessonReaderAction) -> [Effect] {
    guard var reader = state.reader else { return [] }
    let rows = ReaderGeometry(state).textRows
    let sections = SectionKind.allCases
    switch action {
    case .sectionPressed(let section):
        reader.section = section
    case .nextSectionPressed:
        reader.section = sections[(reader.section.index + 1) % sections.count]
    case .previousSectionPressed:
        reader.section = sections[(reader.section.index + sections.count - 1) % sections.count]
    case .lineDownPressed: reader.scroll[reader.section] = reader.offset + 1
    case .lineUpPressed: reader.scroll[reader.section] = reader.offset - 1
    case .pageDownPressed: reader.scroll[reader.section] = reader.offset + max(1, rows - 2)
    case .pageUpPressed: reader.scroll[reader.section] = reader.offset - max(1, rows - 2)
    case .topPressed: reader.scroll[reader.section] = 0
    case .bottomPressed: reader.scroll[reader.section] = Int.max / 2
    case .openLabPressed:
        guard let lab = visibleLab(state) else {
            state.status = "no lab on screen; lab boxes in the text open with Enter"
            return []
        }
        return openLab(&state, spec: lab.spec)
    case .quizPressed:
        // Opened from a quiz's "read the lesson on this": t goes back to that quiz rather than
        // starting a new one over it (which lost the quiz in progress without asking).
        if readerIsOverQuizInProgress(state) {
            state.routes.removeLast()
            state.showingHelp = false
            return []
        }
        return startLessonQuiz(&state, lessonID: reader.lessonID)
    case .answerRevealPressed:
        guard let number = firstFoldedAnswerOnScreen(state) else {
            state.status = reader.section == .review ? "no folded answer on screen" : "answers are folded in Review (4); a shows one there"
            return []
        }
        reader.revealedAnswers.insert(number)
    case .allAnswersRevealPressed:
        guard reader.section == .review else {
            state.status = "answers are folded in Review (4); A shows them all there"
            return []
        }
        reader.revealedAnswers = Set(0..<reviewAnswerCount(state))
    }
    let switched = reader.section != state.reader?.section
    state.reader = reader
    clampReaderScroll(&state)
    return switched ? sectionShown(&state) : checkSectionEnd(&state)
}

/// Opens a lab with a lab block's settings (the home screen's lab rows come here too).
func requestLab(_ state: inout AppState, kind: String, settings: [(String, String)]) -> [Effect] {
    openLab(&state, kind: kind, settings: settings)
}

/// The lab box Enter would open: the first one with a line on screen.
func visibleLab(_ state: AppState) -> LabPlacement? {
    guard let reader = state.reader else { return nil }
    let visible = reader.offset..<(reader.offset + ReaderGeometry(state).textRows)
    return readerLayout(state).labs.first { $0.lines.overlaps(visible) }
}

/// The first layout line of the current section whose text contains the start of `text`.
func readerLine(containing text: String, in state: AppState) -> Int? {
    let words = text.split(whereSeparator: { $0.isWhitespace }).prefix(4).joined(separator: " ").lowercased()
    guard !words.isEmpty else { return nil }
    let lines = readerLayout(state).lines.map { $0.text.lowercased() }
    return lines.firstIndex { $0.contains(words) }
        ?? lines.firstIndex { $0.contains(String(words.prefix(20))) }
}

func readerAction(for key: Key, in state: AppState) -> Action? {
    let action: LessonReaderAction
    switch key {
    case .character("1"): action = .sectionPressed(.preview)
    case .character("2"): action = .sectionPressed(.explain)
    case .character("3"): action = .sectionPressed(.keypoint)
    case .character("4"): action = .sectionPressed(.review)
    case .tab, .character("l"), .right: action = .nextSectionPressed
    case .backTab, .character("h"), .left: action = .previousSectionPressed
    case .down, .character("j"): action = .lineDownPressed
    case .up, .character("k"): action = .lineUpPressed
    case .pageDown, .character(" "), .control("f"): action = .pageDownPressed
    case .pageUp, .character("b"), .control("b"): action = .pageUpPressed
    case .home, .character("g"): action = .topPressed
    case .end, .character("G"): action = .bottomPressed
    case .enter: action = .openLabPressed
    case .character("t"): action = .quizPressed
    case .character("a"): action = .answerRevealPressed
    case .character("A"): action = .allAnswersRevealPressed
    default: return nil
    }
    return .reader(action)
}

/// The reader sits on top of an unfinished quiz (the quiz's lesson jump opened it).
func readerIsOverQuizInProgress(_ state: AppState) -> Bool {
    guard state.route == .lesson, state.routes.dropLast().last == .quiz, let quiz = state.quiz else { return false }
    return quiz.phase != .finished
}

func readerFooterKeys(_ state: AppState) -> [KeyHint] {
    var keys = [KeyHint("1-4 Tab", "section"), KeyHint("j k Space", "scroll")]
    if visibleLab(state) != nil { keys.append(KeyHint("Enter", "open lab")) }
    if state.reader?.section == .review { keys.append(KeyHint("a A", "show answer(s)")) }
    if readerIsOverQuizInProgress(state) {
        keys += [KeyHint("?", "help"), KeyHint("q Esc t", "back to the quiz")]
    } else {
        keys += [KeyHint("t", "quiz"), KeyHint("?", "help"), KeyHint("q", "back")]
    }
    return keys
}

let readerHelp: [(heading: String, hints: [KeyHint])] = [
    ("Sections", [KeyHint("1 2 3 4", "Preview, Explain, Keypoint, Review"), KeyHint("Tab l →", "next section"),
                  KeyHint("Shift-Tab h ←", "previous section")]),
    ("Reading", [KeyHint("j ↓  k ↑", "one line down / up"), KeyHint("Space PgDn ^F", "one page down"),
                 KeyHint("b PgUp ^B", "one page up"), KeyHint("g Home  G End", "top / end of the section (the end marks it read)"),
                 KeyHint("Enter", "open the lab box on screen"), KeyHint("t", "take this lesson's quiz, or go back to it"),
                 KeyHint("a  A", "Review: show the answer on screen / all answers")]),
]
