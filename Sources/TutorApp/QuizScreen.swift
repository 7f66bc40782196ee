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

func reduceQuiz(_ state: inout AppState, _ action: QuizAction) -> [Effect] {
    guard var quiz = state.quiz else { return [] }
    var effects: [Effect] = []
    switch action {
    case .choiceTyped(let index):
        guard case .asking = quiz.phase, let choices = quiz.currentChoices else { return [] }
        guard index < choices.count else {
            state.status = "there are only \(choices.count) choices: a-\(Question.choiceLetter(choices.count - 1)) or 1-\(choices.count)"
            return []
        }
        quiz.choiceCursor = index
        effects = submit(&quiz, input: String(index + 1), shown: "\(Question.choiceLetter(index))) \(choices[index])")
    case .nextChoicePressed, .previousChoicePressed:
        guard let choices = quiz.currentChoices, !choices.isEmpty else { return [] }
        quiz.notice = nil
        if let cursor = quiz.choiceCursor {
            let step = action == .nextChoicePressed ? 1 : choices.count - 1
            quiz.choiceCursor = (cursor + step) % choices.count
        } else {
            quiz.choiceCursor = action == .nextChoicePressed ? 0 : choices.count - 1
        }
    case .answerEdited(let edit):
        guard case .asking = quiz.phase else { return [] }
        quiz.field.apply(edit)
        quiz.notice = nil
    case .answerSubmitted:
        guard case .asking = quiz.phase else { return [] }
        if let choices = quiz.currentChoices, !quiz.field.isEmpty {
            // The words of an option, typed: the grader picks the option they name (typos forgiven).
            let words = quiz.field.text
            if words.trimmingCharacters(in: .whitespaces).lowercased() == "s" {
                effects = submit(&quiz, input: "", shown: "")
            } else if let index = Grader.choice(words, choices: choices).map({ $0 - 1 }) {
                quiz.choiceCursor = index
                quiz.field = TextFieldState()
                effects = submit(&quiz, input: String(index + 1), shown: "\(Question.choiceLetter(index))) \(choices[index])")
            } else {
                quiz.notice = "'\(words)' names none of the options: type more of one, or press its letter."
                state.quiz = quiz
                return []
            }
        } else if let choices = quiz.currentChoices {
            guard let index = quiz.choiceCursor, index < choices.count else {
                quiz.notice = choices.isEmpty ? nil : "Nothing is picked yet: press a letter (a-\(Question.choiceLetter(choices.count - 1))) or a number (1-\(choices.count)), "
                    + "or move with the arrows and press Enter; s then Enter skips."
                state.quiz = quiz
                return []
            }
            effects = submit(&quiz, input: String(index + 1), shown: "\(Question.choiceLetter(index))) \(choices[index])")
        } else {
            effects = submit(&quiz, input: quiz.field.text, shown: quiz.field.text)
        }
    case .skipPressed:
        guard case .asking = quiz.phase else { return [] }
        effects = submit(&quiz, input: "", shown: "")
    case .selfGraded(let verdict):
        guard case .selfGrading(let given) = quiz.phase, let item = quiz.session.current else { return [] }
        let reply = verdict.map { $0 ? "y" : "n" } ?? ""
        guard let grade = quiz.session.selfGrade(reply) else { return [] }
        effects = recorded(&quiz, item: item, grade: grade, given: given)
    case .continuePressed:
        guard case .feedback = quiz.phase else { return [] }
        quiz.phase = quiz.session.isFinished ? .finished : .asking
        quiz.field = TextFieldState()
        quiz.choiceCursor = nil
        quiz.notice = nil
    case .lessonJumpPressed:
        guard case .feedback(let feedback) = quiz.phase else { return [] }
        guard feedback.grade.verdict != .correct else {
            state.status = "that one was right; l jumps to the lesson after a miss"
            return []
        }
        let item = feedback.item
        state.quiz = quiz
        guard let lesson = state.curriculum.lessons.lesson(id: item.lesson) else { return [] }
        if let spot = teachingSpot(for: item.question, in: lesson, state: state) {
            var effects = openLesson(&state, id: lesson.id, section: spot.section)
            state.reader?.scroll[spot.section] = max(0, spot.line - 1)
            clampReaderScroll(&state)
            effects += checkSectionEnd(&state)
            return effects
        }
        // Nothing matches well: a lesson's own review question is shown where the lesson asks
        // it, anything else at the start of the explanation.
        let isReview = item.question.id.hasPrefix("review-")
        return openLesson(&state, id: lesson.id, section: isReview ? .review : .explain, findText: isReview ? item.question.prompt : nil)
    case .leavePressed:
        if case .finished = quiz.phase {
            leaveQuiz(&state)
            return []
        }
        quiz.confirmingLeave = true
    case .leaveCancelled:
        quiz.confirmingLeave = false
    case .leaveConfirmed:
        quiz.confirmingLeave = false
        effects = recordEffects(&quiz)
        let answered = quiz.answered
        leaveQuiz(&state)
        state.status = answered == 0 ? "quiz left; nothing was answered"
            : state.progressSaveError != nil ? "quiz left after \(answered) of \(quiz.session.items.count) questions; saving failed, so they are not saved"
            : "quiz left after \(answered) of \(quiz.session.items.count) questions; those answers are saved"
        return effects
    case .summaryScrolled(let lines):
        guard case .finished = quiz.phase else { return [] }
        let target = lines >= 0 ? quiz.summaryOffset + min(lines, Int.max / 2) : quiz.summaryOffset - min(-lines, Int.max / 2)
        quiz.summaryOffset = min(max(0, target), quizSummaryMaxOffset(quiz, state: state))
    case .retakePressed:
        guard case .finished = quiz.phase else { return [] }
        let items = quiz.session.items.map { QuizItem(lesson: $0.lesson, question: $0.question) }
        let original = quiz.lessonID.flatMap { id in state.curriculum.lessons.lesson(id: id) }.map { state.curriculum.quizItems(for: $0) } ?? items
        startQuiz(&state, title: quiz.title, lessonID: quiz.lessonID, items: original)
        return []
    }
    state.quiz = quiz
    return effects
}

/// Grades an answer to the current question and moves to feedback (or to self-grading), or
/// stays on the question with a notice (not an answer of the kind asked) or a hint (a first
/// miss that may be retried).
private func submit(_ quiz: inout QuizScreenState, input: String, shown: String) -> [Effect] {
    guard let item = quiz.session.current else { return [] }
    quiz.notice = nil
    // An open question is self-graded: what the learner typed is their answer, shown beside
    // the model answer; only then do y/n judge it. An empty answer skips, as everywhere.
    if case .open = item.question.kind, !AnswerText.isBlank(input) {
        quiz.phase = .selfGrading(given: shown)
        return []
    }
    let before = quiz.session.results.count
    let grade = quiz.session.answer(input)
    if grade.verdict == .needsSelfGrade {
        quiz.phase = .selfGrading(given: shown)
        return []
    }
    guard quiz.session.results.count > before else {
        // Not recorded: asked again after a note, or retried after a hint.
        if let hint = grade.retryHint {
            quiz.notice = "Not quite. Hint: \(hint)"
            quiz.field = TextFieldState()
        } else {
            quiz.notice = grade.note ?? "Try again."
        }
        return []
    }
    return recorded(&quiz, item: item, grade: grade, given: shown)
}

/// An answer was recorded in the session: show feedback and save it (and the attempt, when it
/// was the last question).
private func recorded(_ quiz: inout QuizScreenState, item: QuizItem, grade: Grade, given: String) -> [Effect] {
    quiz.phase = .feedback(QuizFeedback(item: item, grade: grade, given: given))
    quiz.answersSaved += 1
    var effects: [Effect] = [.saveAnswer(lesson: item.lesson, question: item.question.id, verdict: grade.verdict)]
    if quiz.session.isFinished { effects += recordEffects(&quiz) }
    return effects
}

/// The record of the quiz so far, once: one attempt per lesson for a lesson's quiz, or one
/// review session for the spaced review (dated by the shell). Nothing when nothing was answered.
private func recordEffects(_ quiz: inout QuizScreenState) -> [Effect] {
    guard !quiz.recordSaved, quiz.answered > 0 else { return [] }
    quiz.recordSaved = true
    let undated = Date(timeIntervalSince1970: 0)
    if quiz.lessonID == nil {
        return quiz.session.reviewSession(now: undated).map { [.saveReviewSession($0)] } ?? []
    }
    return quiz.session.attempts(now: undated).sorted { $0.key < $1.key }.map { .saveQuizAttempt(lesson: $0.key, attempt: $0.value) }
}

/// Ctrl-C, SIGTERM or SIGHUP: the answers given so far are kept as a partial attempt (or
/// review session) before the tutor exits.
func quizQuitSignalled(_ state: inout AppState) -> [Effect] {
    guard var quiz = state.quiz else { return [] }
    let effects = recordEffects(&quiz)
    state.quiz = quiz
    return effects
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
