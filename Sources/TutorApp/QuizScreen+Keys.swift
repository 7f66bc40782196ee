import Canvas
import Curriculum
import Widgets

/// Keys the quiz takes before the global ones: the answer field gets every printable key
/// (`q` and `?` are letters there), y/n answer the leave and self-grade questions, and Esc asks
/// before leaving a quiz in progress.
func quizCapturedKeyAction(for key: Key, in state: AppState) -> Action? {
    guard let quiz = state.quiz, !state.showingHelp else { return nil }
    if quiz.confirmingLeave {
        switch key {
        case .character("y"), .character("Y"): return .quiz(.leaveConfirmed)
        case .character("n"), .character("N"), .escape: return .quiz(.leaveCancelled)
        case .character("?"), .function(1): return nil
        default: return .quiz(.leaveCancelled)
        }
    }
    if case .finished = quiz.phase {
        return key == .escape || key == .character("q") ? .quiz(.leavePressed) : nil
    }
    switch key {
    case .escape: return .quiz(.leavePressed)
    case .function(1): return .helpPressed
    default: break
    }
    if quiz.isTyping {
        if key == .enter { return .quiz(.answerSubmitted) }
        // `?` on an empty field is help; once typing, it is part of the answer.
        if key == .character("?") && quiz.field.isEmpty { return .helpPressed }
        return TextFieldState.edit(for: key).map { .quiz(.answerEdited($0)) } ?? .unboundKeyPressed(key)
    }
    if case .selfGrading = quiz.phase {
        switch key {
        case .character("y"), .character("Y"): return .quiz(.selfGraded(true))
        case .character("n"), .character("N"): return .quiz(.selfGraded(false))
        case .character("s"): return .quiz(.selfGraded(nil))
        default: return nil
        }
    }
    if key == .character("q") { return .quiz(.leavePressed) }
    return nil
}

func quizAction(for key: Key, in state: AppState) -> Action? {
    guard let quiz = state.quiz else { return nil }
    switch quiz.phase {
    case .asking:
        guard let choices = quiz.currentChoices else { return nil }
        switch key {
        case .down, .character("j"), .tab: return .quiz(.nextChoicePressed)
        case .up, .character("k"), .backTab: return .quiz(.previousChoicePressed)
        case .enter: return .quiz(.answerSubmitted)
        case .character(let c):
            if let digit = c.wholeNumberValue, digit >= 1, digit <= 9 { return .quiz(.choiceTyped(digit - 1)) }
            if let ascii = c.lowercased().unicodeScalars.first?.value, ascii >= 97, ascii < 97 + max(4, choices.count) {
                return .quiz(.choiceTyped(Int(ascii) - 97))
            }
            // Any other letter (past a-d) starts typing the words of an option (Enter then picks it).
            if c.isLetter { return TextFieldState.edit(for: key).map { .quiz(.answerEdited($0)) } }
            return nil
        default: return nil
        }
    case .selfGrading:
        return nil
    case .feedback:
        switch key {
        case .enter, .character(" "), .right: return .quiz(.continuePressed)
        case .character("l"): return .quiz(.lessonJumpPressed)
        default: return nil
        }
    case .finished:
        switch key {
        case .enter: return .quiz(.leavePressed)
        case .character("r"): return .quiz(.retakePressed)
        case .down, .character("j"): return .quiz(.summaryScrolled(1))
        case .up, .character("k"): return .quiz(.summaryScrolled(-1))
        case .pageDown, .character(" "): return .quiz(.summaryScrolled(max(1, quizSummaryRows(state) - 2)))
        case .pageUp, .character("b"): return .quiz(.summaryScrolled(-max(1, quizSummaryRows(state) - 2)))
        case .home, .character("g"): return .quiz(.summaryScrolled(-(Int.max / 2)))
        case .end, .character("G"): return .quiz(.summaryScrolled(Int.max / 2))
        default: return nil
        }
    }
}

func quizFooterKeys(_ state: AppState) -> [KeyHint] {
    guard let quiz = state.quiz else { return [] }
    if quiz.confirmingLeave { return [KeyHint("y", "leave the quiz"), KeyHint("n Esc", "stay")] }
    switch quiz.phase {
    case .asking where quiz.currentChoices != nil:
        if !quiz.field.isEmpty {
            return [KeyHint("Enter", "pick the option named"), KeyHint("Backspace", "edit"), KeyHint("F1", "help"), KeyHint("Esc", "leave")]
        }
        return [KeyHint("a-d 1-4", "answer"), KeyHint("↑↓ Enter", "pick"), KeyHint("s Enter", "skip"), KeyHint("?", "help"), KeyHint("Esc", "leave")]
    case .asking:
        return [KeyHint("type", "your answer"), KeyHint("Enter", "submit (empty skips)"), KeyHint("F1", "help"), KeyHint("Esc", "leave")]
    case .selfGrading:
        return [KeyHint("y", "I got it"), KeyHint("n", "I missed it"), KeyHint("s", "skip"), KeyHint("Esc", "leave")]
    case .feedback(let feedback):
        var keys = [KeyHint("Enter", quiz.session.isFinished ? "see the score" : "next question")]
        if feedback.grade.verdict != .correct { keys.append(KeyHint("l", "read the lesson on this")) }
        return keys + [KeyHint("?", "help"), KeyHint("Esc", "leave")]
    case .finished:
        let scrolls = quizSummaryMaxOffset(quiz, state: state) > 0
        return [KeyHint("Enter q", "back"), KeyHint("r", "take it again")] + (scrolls ? [KeyHint("j k Space", "scroll")] : []) + [KeyHint("?", "help")]
    }
}

/// Kept to 20 rows with the box, so it fits an 80×24 window.
let quizHelp: [(heading: String, hints: [KeyHint])] = [
    ("Answering", [KeyHint("a-d 1-4", "pick a choice (or ↑↓ then Enter; other letters type its words; s Enter skips)"),
                   KeyHint("Enter", "submit a typed answer (empty skips)"), KeyHint("← → Home End", "move the cursor (or Ctrl-B F A E)"),
                   KeyHint("Backspace Del", "delete before / at the cursor (or Ctrl-H D)"), KeyHint("Ctrl-U Ctrl-K", "clear before / after the cursor"),
                   KeyHint("F1", "this help while typing (? types a ?)")]),
    ("After answering", [KeyHint("y n", "open question: judge your answer by the model one"),
                         KeyHint("a miss", "a hint and one more try (right then counts half)"), KeyHint("Enter Space", "next question"),
                         KeyHint("l", "after a miss: the lesson section on it"), KeyHint("r", "on the score: take the quiz again"),
                         KeyHint("j k Space g G", "on the score: scroll a long list of misses")]),
    ("", [KeyHint("Esc", "leave (asks first; answers given are kept)"), KeyHint("Ctrl-C", "quit at once")]),
]
