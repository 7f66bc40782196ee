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

/// What the reader reads but does not own: its text laid out for the window, and what the rest
/// of the app says about the lesson. Built by the app from its state (`AppState.readerContext`).
public struct ReaderContext: Sendable {
    /// The reader's current section laid out at the window's width.
    var layout: @Sendable (LessonReaderState) -> LessonLayout
    /// The lab box Enter would open for the reader as it is.
    var visibleLab: @Sendable (LessonReaderState) -> LabPlacement?
    /// The first folded Review answer on screen.
    var foldedAnswerOnScreen: @Sendable (LessonReaderState) -> Int?
    /// Rows of text on screen.
    var textRows: Int
    /// How many answers the lesson's Review holds.
    var answerCount: Int
    /// The sections of this lesson already read.
    var sectionsRead: Set<SectionKind>
    /// The reader was opened from a quiz still in progress (`t` goes back to it).
    var isOverQuizInProgress: Bool
}

/// What the reader asks of the app: progress to record and screens to open.
public enum ReaderRequest: Sendable {
    /// The section now shown, to continue from next time (saved at once).
    case sectionShown(lesson: String, section: SectionKind)
    /// The section's end has been on screen: mark it read (saved at once).
    case sectionRead(lesson: String, section: SectionKind)
    case openLab(LabSpec)
    case startQuiz(lesson: String)
    /// Back to the quiz in progress the reader was opened from.
    case backToQuiz
}

extension LessonReaderState: ScreenFeature {
    public mutating func reduce(_ action: LessonReaderAction, context: ReaderContext) -> [Reply<ReaderRequest>] {
        let before = section
        let rows = context.textRows
        let sections = SectionKind.allCases
        switch action {
        case .sectionPressed(let pressed): section = pressed
        case .nextSectionPressed: section = sections[(section.index + 1) % sections.count]
        case .previousSectionPressed: section = sections[(section.index + sections.count - 1) % sections.count]
        case .lineDownPressed: scroll[section] = offset + 1
        case .lineUpPressed: scroll[section] = offset - 1
        case .pageDownPressed: scroll[section] = offset + max(1, rows - 2)
        case .pageUpPressed: scroll[section] = offset - max(1, rows - 2)
        case .topPressed: scroll[section] = 0
        case .bottomPressed: scroll[section] = Int.max / 2
        case .openLabPressed:
            guard let lab = context.visibleLab(self) else { return [.status("no lab on screen; lab boxes in the text open with Enter")] }
            return [.delegate(.openLab(lab.spec))]
        case .quizPressed:
            // Opened from a quiz's "read the lesson on this": t goes back to that quiz rather than
            // starting a new one over it (which lost the quiz in progress without asking).
            return [.delegate(context.isOverQuizInProgress ? .backToQuiz : .startQuiz(lesson: lessonID))]
        case .answerRevealPressed:
            guard let number = context.foldedAnswerOnScreen(self) else {
                return [.status(section == .review ? "no folded answer on screen" : "answers are folded in Review (4); a shows one there")]
            }
            revealedAnswers.insert(number)
        case .allAnswersRevealPressed:
            guard section == .review else { return [.status("answers are folded in Review (4); A shows them all there")] }
            revealedAnswers = Set(0..<context.answerCount)
        }
        clampScroll(context)
        return section != before ? shown(context) : sectionEndChecked(context)
    }

    /// The reader now shows its section: remember it, and mark it read when its end is on screen.
    mutating func shown(_ context: ReaderContext) -> [Reply<ReaderRequest>] {
        [.delegate(.sectionShown(lesson: lessonID, section: section))] + sectionEndChecked(context)
    }

    /// Marks the current section read once its last line has been on screen.
    func sectionEndChecked(_ context: ReaderContext) -> [Reply<ReaderRequest>] {
        guard offset + context.textRows >= context.layout(self).lines.count, !context.sectionsRead.contains(section) else { return [] }
        return [.delegate(.sectionRead(lesson: lessonID, section: section)), .status("\(section.title) marked read")]
    }

    /// Keeps the scroll offset of the current section within its text (after a resize, say).
    mutating func clampScroll(_ context: ReaderContext) {
        let maxOffset = max(0, context.layout(self).lines.count - context.textRows)
        scroll[section] = min(max(0, offset), maxOffset)
    }
}

extension AppState {
    /// What the open reader reads: its layout at this window's size, and the lesson's progress.
    var readerContext: ReaderContext {
        let app = self
        let relaid: @Sendable (LessonReaderState) -> AppState = { reader in
            var state = app
            state.reader = reader
            return state
        }
        return ReaderContext(layout: { readerLayout(relaid($0)) }, visibleLab: { visibleLab(relaid($0)) },
                             foldedAnswerOnScreen: { firstFoldedAnswerOnScreen(relaid($0)) }, textRows: ReaderGeometry(self).textRows,
                             answerCount: reviewAnswerCount(self),
                             sectionsRead: reader.map { curriculum.progress.lesson($0.lessonID).sectionsRead } ?? [],
                             isOverQuizInProgress: readerIsOverQuizInProgress(self))
    }
}

/// The reader's actions, with only the reader's state; the app records progress and opens what
/// the reader asks for.
func reduceReader(_ state: inout AppState, _ action: LessonReaderAction) -> [Effect] {
    state.scope(\.reader, action, context: state.readerContext, delegate: readerRequested)
}

/// Carries out what the reader asked for.
private func readerRequested(_ state: inout AppState, _ request: ReaderRequest) -> [Effect] {
    switch request {
    case .sectionShown(let lesson, let section):
        state.curriculum.progress.last = Position(lesson: lesson, section: section, date: state.curriculum.now)
        return [.saveLessonOpened(lesson: lesson, section: section)]
    case .sectionRead(let lesson, let section):
        var progress = state.curriculum.progress.lesson(lesson)
        progress.sectionsRead.insert(section)
        state.curriculum.progress.lessons[lesson] = progress
        return [.saveSectionRead(lesson: lesson, section: section)]
    case .openLab(let spec):
        return openLab(&state, spec: spec)
    case .startQuiz(let lesson):
        return startLessonQuiz(&state, lessonID: lesson)
    case .backToQuiz:
        state.routes.removeLast()
        state.showingHelp = false
        return []
    }
}

/// Opens the reader on a lesson's section (replacing a reader already on top), scrolled to
/// `line` or to the first line holding `findText`, remembers it as the place to continue from,
/// and saves that at once.
func openLesson(_ state: inout AppState, id: String, section: SectionKind, line: Int? = nil, findText: String? = nil) -> [Effect] {
    guard let lesson = state.curriculum.lessons.find(id) else {
        state.status = "there is no lesson '\(id)'; the home screen lists them all"
        return []
    }
    var reader = LessonReaderState(lessonID: lesson.id, section: section)
    state.reader = reader
    state.showingHelp = false
    if state.route != .lesson { state.routes.append(.lesson) }
    let context = state.readerContext
    if let target = line ?? findText.flatMap({ readerLine(containing: $0, in: state) }) {
        reader.scroll[section] = max(0, target - 1)
        reader.clampScroll(context)
    }
    let replies = reader.shown(context)
    state.reader = reader
    return state.carryOut(replies, delegate: readerRequested)
}

/// Keeps the open reader's scroll offset within its text.
func clampReaderScroll(_ state: inout AppState) {
    let context = state.readerContext
    state.reader?.clampScroll(context)
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
    readerKeyMap.action(for: key, in: state).map(Action.reader)
}

/// The reader sits on top of an unfinished quiz (the quiz's lesson jump opened it).
func readerIsOverQuizInProgress(_ state: AppState) -> Bool {
    guard state.route == .lesson, state.routes.dropLast().last == .quiz, let quiz = state.quiz else { return false }
    return quiz.phase != .finished
}

/// The reader's keys; the footer and the help overlay are read from them. Some footer entries
/// show only while they do something (Enter with a lab box on screen, `a A` in Review).
let readerKeyMap = KeyMap<AppState, LessonReaderAction>(sections: [
    ("Sections", [
        KeyBinding([.character("1"), .character("2"), .character("3"), .character("4")], "1 2 3 4", "Preview, Explain, Keypoint, Review",
                   footer: ("1-4 Tab", "section", rank: 0)) { key, _ in
            guard case .character(let c) = key, let n = c.wholeNumberValue, (1...4).contains(n) else { return nil }
            return .sectionPressed(SectionKind.allCases[n - 1])
        },
        KeyBinding([.tab, .character("l"), .right], "Tab l →", "next section", .nextSectionPressed),
        KeyBinding([.backTab, .character("h"), .left], "Shift-Tab h ←", "previous section", .previousSectionPressed),
    ]),
    ("Reading", [
        KeyBinding([.down, .character("j")], "j ↓  k ↑", "one line down / up", footer: ("j k Space", "scroll", rank: 1), .lineDownPressed),
        KeyBinding(hidden: [.up, .character("k")], .lineUpPressed),
        KeyBinding([.pageDown, .character(" "), .control("f")], "Space PgDn ^F", "one page down", .pageDownPressed),
        KeyBinding([.pageUp, .character("b"), .control("b")], "b PgUp ^B", "one page up", .pageUpPressed),
        KeyBinding([.home, .character("g")], "g Home  G End", "top / end of the section (the end marks it read)", .topPressed),
        KeyBinding(hidden: [.end, .character("G")], .bottomPressed),
        KeyBinding([.enter], "Enter", "open the lab box on screen", footerRank: 2, footer: { visibleLab($0) != nil ? KeyHint("Enter", "open lab") : nil },
                   action: { _, _ in .openLabPressed }),
        KeyBinding([.character("t")], "t", "take this lesson's quiz, or go back to it", footerRank: 4,
                   footer: { readerIsOverQuizInProgress($0) ? nil : KeyHint("t", "quiz") }, action: { _, _ in .quizPressed }),
        KeyBinding([.character("a")], "a  A", "Review: show the answer on screen / all answers", footerRank: 3,
                   footer: { $0.reader?.section == .review ? KeyHint("a A", "show answer(s)") : nil }, action: { _, _ in .answerRevealPressed }),
        KeyBinding(hidden: [.character("A")], .allAnswersRevealPressed),
        KeyBinding.footerOnly(rank: 5) { _ in KeyHint("?", "help") },
        KeyBinding.footerOnly(rank: 6) { readerIsOverQuizInProgress($0) ? KeyHint("q Esc t", "back to the quiz") : KeyHint("q", "back") },
    ]),
], globalsRank: nil)

func readerFooterKeys(_ state: AppState) -> [KeyHint] { readerKeyMap.footer(in: state) }

let readerHelp = readerKeyMap.help
