import Canvas
import Curriculum
import Widgets

/// The quiz's keys: one map per mode (a choice to pick, an answer to type, an open answer to
/// judge, the feedback, the score page, the leave question). The quiz takes keys before the
/// global ones: the answer field gets every printable key (`q` and `?` are letters there), y/n
/// answer the leave and self-grade questions, and Esc asks before leaving a quiz in progress.
/// A key a map leaves (`?` outside typing) goes on to the global keys.
func quizCapturedKeyAction(for key: Key, in state: AppState) -> Action? {
    guard let quiz = state.quiz, !state.showingHelp else { return nil }
    return QuizKeys.map(for: quiz).action(for: key, in: state)
}

/// Every quiz key is taken before the global ones (`quizCapturedKeyAction`).
func quizAction(for key: Key, in state: AppState) -> Action? { nil }

func quizFooterKeys(_ state: AppState) -> [KeyHint] {
    guard let quiz = state.quiz else { return [] }
    return QuizKeys.map(for: quiz).footer(in: state)
}

/// Kept to 20 rows with the box, so it fits an 80×24 window.
let quizHelp = KeyMap.help(of: [QuizKeys.choosing, QuizKeys.typing, QuizKeys.judging, QuizKeys.feedback, QuizKeys.score],
                           headings: ["Answering", "After answering", ""])

enum QuizKeys {
    typealias Map = KeyMap<AppState, Action>
    typealias Binding = KeyBinding<AppState, Action>

    /// The map for the quiz's mode now.
    static func map(for quiz: QuizScreenState) -> Map {
        if quiz.confirmingLeave { return leaving }
        switch quiz.phase {
        case .asking: return quiz.currentChoices != nil && quiz.field.isEmpty ? choosing : typing
        case .selfGrading: return judging
        case .feedback: return feedback
        case .finished: return score
        }
    }

    private static func quizOf(_ state: AppState) -> QuizScreenState? { state.quiz }
    private static let help = Binding(hidden: [.function(1)], .helpPressed)
    private static let helpHint = Binding.footerOnly(rank: 3) { _ in KeyHint("?", "help") }
    /// Esc and q (where q is not a letter typed) leave, asking first mid-quiz.
    private static func leave(_ keys: [Key], rank: Int) -> Binding {
        KeyBinding(keys, nil, nil, footerRank: rank, footer: { _ in KeyHint("Esc", "leave") }, action: { _, _ in .quiz(.leavePressed) })
    }

    /// "Leave the quiz? y/n": any other key stays (`?` still shows the help).
    static let leaving = Map(sections: [("Leave", [
        KeyBinding([.character("y"), .character("Y")], "y", "leave the quiz", footer: ("y", "leave the quiz", rank: 0), .quiz(.leaveConfirmed)),
        KeyBinding([.character("n"), .character("N"), .escape], "n Esc", "stay", footer: ("n Esc", "stay", rank: 1), .quiz(.leaveCancelled)),
        KeyBinding(hidden: [.character("?"), .function(1)]) { _, _ in nil },
    ])], globalsRank: nil, otherKeys: { _, _ in .quiz(.leaveCancelled) })

    /// A choice question with nothing typed: a letter or digit picks, other letters type words.
    static let choosing = Map(sections: [
        ("Answering", [
            Binding.helpOnly("a-d 1-4", "pick a choice (or ↑↓ then Enter; other letters type its words; s Enter skips)"),
            Binding.footerOnly(rank: 0) { _ in KeyHint("a-d 1-4", "answer") },
            KeyBinding([.down, .character("j"), .tab], nil, nil, footerRank: 1, footer: { _ in KeyHint("↑↓ Enter", "pick") },
                       action: { _, _ in .quiz(.nextChoicePressed) }),
            Binding(hidden: [.up, .character("k"), .backTab], .quiz(.previousChoicePressed)),
            Binding(hidden: [.enter], .quiz(.answerSubmitted)),
            Binding.footerOnly(rank: 2) { _ in KeyHint("s Enter", "skip") },
            helpHint, help, leave([.escape, .character("q")], rank: 4),
        ]),
    ], globalsRank: nil, otherKeys: { key, state in
        guard case .character(let c) = key, let choices = quizOf(state)?.currentChoices else { return nil }
        if let digit = c.wholeNumberValue, digit >= 1, digit <= 9 { return .quiz(.choiceTyped(digit - 1)) }
        if let ascii = c.lowercased().unicodeScalars.first?.value, ascii >= 97, ascii < 97 + max(4, choices.count) {
            return .quiz(.choiceTyped(Int(ascii) - 97))
        }
        // Any other letter (past a-d) starts typing the words of an option (Enter then picks it).
        return c.isLetter ? TextFieldState.edit(for: key).map { .quiz(.answerEdited($0)) } : nil
    })

    /// Typing an answer (or an option's words): every printable key is text; F1 is the help.
    static let typing = Map(sections: [
        ("Answering", [
            Binding.footerOnly(rank: 0) { isNamingAnOption($0) ? nil : KeyHint("type", "your answer") },
            KeyBinding([.enter], "Enter", "submit a typed answer (empty skips)", footerRank: 1,
                       footer: { isNamingAnOption($0) ? KeyHint("Enter", "pick the option named") : KeyHint("Enter", "submit (empty skips)") },
                       action: { _, _ in .quiz(.answerSubmitted) }),
            Binding.footerOnly(rank: 2) { isNamingAnOption($0) ? KeyHint("Backspace", "edit") : nil },
            Binding.helpOnly("← → Home End", "move the cursor (or Ctrl-B F A E)"),
            Binding.helpOnly("Backspace Del", "delete before / at the cursor (or Ctrl-H D)"),
            Binding.helpOnly("Ctrl-U Ctrl-K", "clear before / after the cursor"),
            KeyBinding([.function(1)], "F1", "this help while typing (? types a ?)", footer: ("F1", "help", rank: 3), .helpPressed),
            // `?` on an empty field is help; once typing, it is part of the answer.
            Binding(hidden: [.character("?")]) { key, state in
                quizOf(state)?.field.isEmpty == true ? .helpPressed : TextFieldState.edit(for: key).map { .quiz(.answerEdited($0)) }
            },
        ]),
        ("", [
            KeyBinding([.escape], "Esc", "leave (asks first; answers given are kept)", footer: ("Esc", "leave", rank: 4), .quiz(.leavePressed)),
            Binding.helpOnly("Ctrl-C", "quit at once"),
        ]),
    ], globalsRank: nil, otherKeys: { key, _ in TextFieldState.edit(for: key).map { .quiz(.answerEdited($0)) } ?? .unboundKeyPressed(key) })

    /// The words typed on a choice question name an option (Enter picks it).
    private static func isNamingAnOption(_ state: AppState) -> Bool {
        guard let quiz = quizOf(state) else { return false }
        return quiz.currentChoices != nil && !quiz.field.isEmpty
    }

    /// An open question's own answer beside the model one: y or n judges it.
    static let judging = Map(sections: [
        ("After answering", [
            KeyBinding([.character("y"), .character("Y")], "y n", "open question: judge your answer by the model one",
                       footer: ("y", "I got it", rank: 0), .quiz(.selfGraded(true))),
            KeyBinding([.character("n"), .character("N")], nil, nil, footerRank: 1, footer: { _ in KeyHint("n", "I missed it") },
                       action: { _, _ in .quiz(.selfGraded(false)) }),
            KeyBinding([.character("s")], nil, nil, footerRank: 2, footer: { _ in KeyHint("s", "skip") }, action: { _, _ in .quiz(.selfGraded(nil)) }),
            help, leave([.escape, .character("q")], rank: 3),
        ]),
    ], globalsRank: nil)

    /// The verdict on the answer just given.
    static let feedback = Map(sections: [
        ("After answering", [
            Binding.helpOnly("a miss", "a hint and one more try (right then counts half)"),
            KeyBinding([.enter, .character(" "), .right], "Enter Space", "next question", footerRank: 0,
                       footer: { KeyHint("Enter", quizOf($0)?.session.isFinished == true ? "see the score" : "next question") },
                       action: { _, _ in .quiz(.continuePressed) }),
            KeyBinding([.character("l")], "l", "after a miss: the lesson section on it", footerRank: 1, footer: { state in
                guard case .feedback(let feedback)? = quizOf(state)?.phase, feedback.grade.verdict != .correct else { return nil }
                return KeyHint("l", "read the lesson on this")
            }, action: { _, _ in .quiz(.lessonJumpPressed) }),
            helpHint, help, leave([.escape, .character("q")], rank: 4),
        ]),
    ], globalsRank: nil)

    /// The score page, scrolled when it is longer than the window.
    static let score = Map(sections: [
        ("After answering", [
            KeyBinding([.enter, .escape, .character("q")], nil, nil, footerRank: 0, footer: { _ in KeyHint("Enter q", "back") },
                       action: { _, _ in .quiz(.leavePressed) }),
            KeyBinding([.character("r")], "r", "on the score: take the quiz again", footer: ("r", "take it again", rank: 1), .quiz(.retakePressed)),
            KeyBinding([.down, .character("j")], "j k Space g G", "on the score: scroll a long list of misses", footerRank: 2, footer: { state in
                guard let quiz = quizOf(state), quizSummaryMaxOffset(quiz, state: state) > 0 else { return nil }
                return KeyHint("j k Space", "scroll")
            }, action: { _, _ in .quiz(.summaryScrolled(1)) }),
            Binding(hidden: [.up, .character("k")], .quiz(.summaryScrolled(-1))),
            Binding(hidden: [.pageDown, .character(" ")]) { _, state in .quiz(.summaryScrolled(max(1, quizSummaryRows(state) - 2))) },
            Binding(hidden: [.pageUp, .character("b")]) { _, state in .quiz(.summaryScrolled(-max(1, quizSummaryRows(state) - 2))) },
            Binding(hidden: [.home, .character("g")], .quiz(.summaryScrolled(-(Int.max / 2)))),
            Binding(hidden: [.end, .character("G")], .quiz(.summaryScrolled(Int.max / 2))),
            helpHint, help,
        ]),
    ], globalsRank: nil)
}
