import Canvas
import Curriculum
import Foundation
import Widgets

/// The quiz screen: one question at a time, feedback after each, a summary at the end.
public struct QuizScreenState: Sendable {
    public var title: String
    /// The lesson whose review quiz this is; nil for the spaced review of due questions.
    public var lessonID: String?
    public var session: QuizSession
    public var phase: QuizPhase = .asking
    /// The typed answer (numeric, shape, short and open questions).
    public var field = TextFieldState()
    /// The highlighted choice (0-based) of a choice question; nil until ↑↓ picks one, so
    /// that Enter never submits a choice the learner did not make.
    public var choiceCursor: Int?
    /// A line about the reply just given that was not an answer ("that is not a number: try
    /// again", "press a letter…"), shown until the next key that edits or answers.
    public var notice: String?
    /// The attempt (or review-session) record has been sent to the progress file.
    public var recordSaved = false
    /// Esc was pressed mid-quiz: "leave? y/n" is showing.
    public var confirmingLeave = false
    /// Answers sent to the progress file so far.
    public var answersSaved = 0
    /// The first line shown of the score page, when it is longer than the window.
    public var summaryOffset = 0

    public init(title: String, lessonID: String?, session: QuizSession) {
        self.title = title
        self.lessonID = lessonID
        self.session = session
        if session.isFinished { phase = .finished }
    }

    /// Questions answered (or skipped) so far.
    public var answered: Int { session.results.count }
}

/// Where the quiz screen is within a question.
public enum QuizPhase: Hashable, Sendable {
    case asking
    /// An open question after the learner's own answer (`given`, maybe empty): the model
    /// answer is shown beside it and y/n asked.
    case selfGrading(given: String)
    /// The verdict on the answer just given.
    case feedback(QuizFeedback)
    case finished
}

/// What the learner sees after answering.
public struct QuizFeedback: Hashable, Sendable {
    public var item: QuizItem
    public var grade: Grade
    /// What the learner typed or chose, as shown back.
    public var given: String
}

/// What the user did on the quiz screen.
public enum QuizAction: Hashable, Sendable {
    /// A letter `a`... or digit `1`... on a choice question: picks that choice and submits it.
    case choiceTyped(Int)
    /// ↓ / ↑ on a choice question.
    case nextChoicePressed
    case previousChoicePressed
    case answerEdited(TextFieldEdit)
    /// Enter: submit the typed answer or the highlighted choice (an empty answer skips; with
    /// no choice highlighted it only says what to press).
    case answerSubmitted
    /// `s` on a choice question: skip it.
    case skipPressed
    /// `y` / `n` after seeing an open question's model answer; nil skips.
    case selfGraded(Bool?)
    /// Enter or Space on the feedback: on to the next question (or the summary).
    case continuePressed
    /// `l` on the feedback for a miss: read the lesson section that teaches it.
    case lessonJumpPressed
    /// Esc or `q` mid-quiz: ask before leaving.
    case leavePressed
    case leaveConfirmed
    case leaveCancelled
    /// `r` on the summary: take the same quiz again.
    case retakePressed
    /// j k ↑ ↓ Space PgUp PgDn g G on a score page longer than the window: lines to scroll by
    /// (`Int.max / 2` and its negation reach the end and the top).
    case summaryScrolled(Int)
}

/// Starts a lesson's review quiz on top of the current screen.
func startLessonQuiz(_ state: inout AppState, lessonID: String) -> [Effect] {
    guard let lesson = state.curriculum.lessons.find(lessonID) else {
        state.status = "there is no lesson '\(lessonID)'; the home screen lists them all"
        return []
    }
    let items = state.curriculum.quizItems(for: lesson)
    guard !items.isEmpty else {
        state.status = "\(lesson.title) has no review questions yet"
        return []
    }
    startQuiz(&state, title: "Quiz: \(lesson.title)", lessonID: lesson.id, items: items)
    return []
}

/// Starts the spaced review of the questions due now.
func startDueReview(_ state: inout AppState) -> [Effect] {
    let items = state.curriculum.dueItems
    guard !items.isEmpty else {
        state.status = "nothing is due for review; missed quiz questions come back here"
        return []
    }
    startQuiz(&state, title: "Spaced review", lessonID: nil, items: items)
    return []
}

private func startQuiz(_ state: inout AppState, title: String, lessonID: String?, items: [QuizItem]) {
    // A fresh seed per quiz without a clock or a global generator: step the loaded seed.
    state.curriculum.seed = state.curriculum.seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    state.quiz = QuizScreenState(title: title, lessonID: lessonID, session: QuizSession(items: items, seed: state.curriculum.seed))
    state.showingHelp = false
    if state.route != .quiz { state.routes.append(.quiz) }
}

/// What the quiz screen reads but does not own.
public struct QuizContext: Sendable {
    /// How far the score page scrolls at this window's size.
    var summaryMaxOffset: @Sendable (QuizScreenState) -> Int
    /// Saving progress is failing (leaving then says the answers are not saved).
    var isSaveFailing: Bool
}

/// What the quiz asks of the app.
public enum QuizRequest: Sendable {
    /// Read the lesson section that teaches the question just missed (over the quiz).
    case readLesson(QuizItem)
    /// Close the quiz (and whatever was opened over it).
    case close
    /// Start the same quiz again: `lessonID`'s review quiz afresh, or these `items`.
    case retake(title: String, lessonID: String?, items: [QuizItem])
}

extension QuizScreenState: ScreenFeature {
    public mutating func reduce(_ action: QuizAction, context: QuizContext) -> [Reply<QuizRequest>] {
        switch action {
        case .choiceTyped(let index):
            guard case .asking = phase, let choices = currentChoices else { return [] }
            guard index < choices.count else {
                return [.status("there are only \(choices.count) choices: a-\(Question.choiceLetter(choices.count - 1)) or 1-\(choices.count)")]
            }
            choiceCursor = index
            return submit(input: String(index + 1), shown: "\(Question.choiceLetter(index))) \(choices[index])")
        case .nextChoicePressed, .previousChoicePressed:
            guard let choices = currentChoices, !choices.isEmpty else { return [] }
            notice = nil
            if let cursor = choiceCursor {
                let step = action == .nextChoicePressed ? 1 : choices.count - 1
                choiceCursor = (cursor + step) % choices.count
            } else {
                choiceCursor = action == .nextChoicePressed ? 0 : choices.count - 1
            }
        case .answerEdited(let edit):
            guard case .asking = phase else { return [] }
            field.apply(edit)
            notice = nil
        case .answerSubmitted:
            guard case .asking = phase else { return [] }
            return submitted()
        case .skipPressed:
            guard case .asking = phase else { return [] }
            return submit(input: "", shown: "")
        case .selfGraded(let verdict):
            guard case .selfGrading(let given) = phase, let item = session.current else { return [] }
            guard let grade = session.selfGrade(verdict.map { $0 ? "y" : "n" } ?? "") else { return [] }
            return recorded(item: item, grade: grade, given: given)
        case .continuePressed:
            guard case .feedback = phase else { return [] }
            phase = session.isFinished ? .finished : .asking
            field = TextFieldState()
            choiceCursor = nil
            notice = nil
        case .lessonJumpPressed:
            guard case .feedback(let feedback) = phase else { return [] }
            guard feedback.grade.verdict != .correct else { return [.status("that one was right; l jumps to the lesson after a miss")] }
            return [.delegate(.readLesson(feedback.item))]
        case .leavePressed:
            if case .finished = phase { return [.delegate(.close)] }
            confirmingLeave = true
        case .leaveCancelled:
            confirmingLeave = false
        case .leaveConfirmed:
            confirmingLeave = false
            let saves: [Reply<QuizRequest>] = savedRecord().map { .effect($0) }
            let total = session.items.count
            let message = answered == 0 ? "quiz left; nothing was answered"
                : context.isSaveFailing ? "quiz left after \(answered) of \(total) questions; saving failed, so they are not saved"
                : "quiz left after \(answered) of \(total) questions; those answers are saved"
            return saves + [.delegate(.close), .status(message)]
        case .summaryScrolled(let lines):
            guard case .finished = phase else { return [] }
            let target = lines >= 0 ? summaryOffset + min(lines, Int.max / 2) : summaryOffset - min(-lines, Int.max / 2)
            summaryOffset = min(max(0, target), context.summaryMaxOffset(self))
        case .retakePressed:
            guard case .finished = phase else { return [] }
            let items = session.items.map { QuizItem(lesson: $0.lesson, question: $0.question) }
            return [.delegate(.retake(title: title, lessonID: lessonID, items: items))]
        }
        return []
    }

    /// Enter on a question: the typed words of an option, the highlighted choice, or the typed
    /// answer.
    private mutating func submitted() -> [Reply<QuizRequest>] {
        if let choices = currentChoices, !field.isEmpty {
            // The words of an option, typed: the grader picks the option they name (typos forgiven).
            let words = field.text
            if words.trimmingCharacters(in: .whitespaces).lowercased() == "s" { return submit(input: "", shown: "") }
            guard let index = Grader.choice(words, choices: choices).map({ $0 - 1 }) else {
                notice = "'\(words)' names none of the options: type more of one, or press its letter."
                return []
            }
            choiceCursor = index
            field = TextFieldState()
            return submit(input: String(index + 1), shown: "\(Question.choiceLetter(index))) \(choices[index])")
        }
        if let choices = currentChoices {
            guard let index = choiceCursor, index < choices.count else {
                notice = choices.isEmpty ? nil : "Nothing is picked yet: press a letter (a-\(Question.choiceLetter(choices.count - 1))) or a number (1-\(choices.count)), "
                    + "or move with the arrows and press Enter; s then Enter skips."
                return []
            }
            return submit(input: String(index + 1), shown: "\(Question.choiceLetter(index))) \(choices[index])")
        }
        return submit(input: field.text, shown: field.text)
    }

    /// Grades an answer to the current question and moves to feedback (or to self-grading), or
    /// stays on the question with a notice (not an answer of the kind asked) or a hint (a first
    /// miss that may be retried).
    private mutating func submit(input: String, shown: String) -> [Reply<QuizRequest>] {
        guard let item = session.current else { return [] }
        notice = nil
        // An open question is self-graded: what the learner typed is their answer, shown beside
        // the model answer; only then do y/n judge it. An empty answer skips, as everywhere.
        if case .open = item.question.kind, !AnswerText.isBlank(input) {
            phase = .selfGrading(given: shown)
            return []
        }
        let before = session.results.count
        let grade = session.answer(input)
        if grade.verdict == .needsSelfGrade {
            phase = .selfGrading(given: shown)
            return []
        }
        guard session.results.count > before else {
            // Not recorded: asked again after a note, or retried after a hint.
            if let hint = grade.retryHint {
                notice = "Not quite. Hint: \(hint)"
                field = TextFieldState()
            } else {
                notice = grade.note ?? "Try again."
            }
            return []
        }
        return recorded(item: item, grade: grade, given: shown)
    }

    /// An answer was recorded in the session: show feedback and save it (and the attempt, when it
    /// was the last question).
    private mutating func recorded(item: QuizItem, grade: Grade, given: String) -> [Reply<QuizRequest>] {
        phase = .feedback(QuizFeedback(item: item, grade: grade, given: given))
        answersSaved += 1
        var effects: [Effect] = [.saveAnswer(lesson: item.lesson, question: item.question.id, verdict: grade.verdict)]
        if session.isFinished { effects += savedRecord() }
        return effects.map { .effect($0) }
    }

    /// The record of the quiz so far, once: one attempt per lesson for a lesson's quiz, or one
    /// review session for the spaced review (dated by the shell). Nothing when nothing was
    /// answered.
    mutating func savedRecord() -> [Effect] {
        guard !recordSaved, answered > 0 else { return [] }
        recordSaved = true
        let undated = Date(timeIntervalSince1970: 0)
        if lessonID == nil {
            return session.reviewSession(now: undated).map { [.saveReviewSession($0)] } ?? []
        }
        return session.attempts(now: undated).sorted { $0.key < $1.key }.map { .saveQuizAttempt(lesson: $0.key, attempt: $0.value) }
    }
}

extension AppState {
    /// What the open quiz reads: the score page's size at this window, and whether saves fail.
    var quizContext: QuizContext {
        let app = self
        return QuizContext(summaryMaxOffset: { quizSummaryMaxOffset($0, state: app) }, isSaveFailing: progressSaveError != nil)
    }
}

/// The quiz's actions, with only the quiz's state; the app opens lessons and closes the quiz.
func reduceQuiz(_ state: inout AppState, _ action: QuizAction) -> [Effect] {
    state.scope(\.quiz, action, context: state.quizContext) { state, request in
        switch request {
        case .readLesson(let item): return readLesson(&state, teaching: item)
        case .close: leaveQuiz(&state); return []
        case .retake(let title, let lessonID, let items):
            let original = lessonID.flatMap { id in state.curriculum.lessons.lesson(id: id) }.map { state.curriculum.quizItems(for: $0) } ?? items
            startQuiz(&state, title: title, lessonID: lessonID, items: original)
            return []
        }
    }
}

/// Opens the lesson section that teaches a missed question, over the quiz.
private func readLesson(_ state: inout AppState, teaching item: QuizItem) -> [Effect] {
    guard let lesson = state.curriculum.lessons.lesson(id: item.lesson) else { return [] }
    if let spot = teachingSpot(for: item.question, in: lesson, state: state) {
        return openLesson(&state, id: lesson.id, section: spot.section, line: spot.line)
    }
    // Nothing matches well: a lesson's own review question is shown where the lesson asks it,
    // anything else at the start of the explanation.
    let isReview = item.question.id.hasPrefix("review-")
    return openLesson(&state, id: lesson.id, section: isReview ? .review : .explain, findText: isReview ? item.question.prompt : nil)
}

/// Ctrl-C, SIGTERM or SIGHUP: the answers given so far are kept as a partial attempt (or
/// review session) before the tutor exits.
func quizQuitSignalled(_ state: inout AppState) -> [Effect] {
    state.quiz?.savedRecord() ?? []
}

/// Closes the quiz screen (and whatever was opened on top of it).
private func leaveQuiz(_ state: inout AppState) {
    if let index = state.routes.lastIndex(of: .quiz) { state.routes.removeSubrange(index...) }
    if state.routes.isEmpty { state.routes = [.home] }
    state.quiz = nil
}

extension QuizScreenState {
    /// The choices of the current question when it is a choice question.
    var currentChoices: [String]? {
        guard let item = session.current, case .choice(let choices, _) = item.question.kind else { return nil }
        return choices
    }

    /// True while keys go to the answer field.
    var isTyping: Bool {
        guard case .asking = phase, !confirmingLeave else { return false }
        // A choice question takes typing once the learner starts writing an option's words.
        return session.current != nil && (currentChoices == nil || !field.isEmpty)
    }
}
