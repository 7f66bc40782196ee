import Foundation

/// A quiz in progress: the questions (generated ones already instantiated, choices shuffled),
/// the answers so far, and the records to save. Pure state; the plain runner and the quiz
/// screen drive it.
///
/// The rules every front end shares:
/// - no question is asked twice (same progress key, or the same prompt once normalised);
/// - a reply that is not an answer of the kind asked (`six apples` is fine, `many` is not a
///   number) is asked once more rather than counted as a miss;
/// - after a miss on a numeric, grid, shape or short question the learner gets a hint and one
///   retry; right on the retry counts half.
public struct QuizSession: Sendable {
    public private(set) var items: [QuizItem]
    public private(set) var results: [Result] = []
    /// The current question is on its one retry after a hint.
    public private(set) var isRetrying = false
    /// The current question already had one unreadable reply.
    private var askedAgain = false

    public struct Result: Sendable, Hashable {
        public var item: QuizItem
        public var grade: Grade
    }

    /// Instantiates generated questions and shuffles choices from `seed` (each question gets
    /// its own stream, so one question's instance does not depend on which others are in the
    /// quiz), and drops repeated questions.
    public init(items: [QuizItem], seed: UInt64, shuffleChoices: Bool = true) {
        var seenKeys: Set<String> = []
        var seenPrompts: Set<String> = []
        var kept: [QuizItem] = []
        for var item in items {
            let prompt = AnswerText.terms(item.question.prompt).joined(separator: " ")
            guard seenKeys.insert(item.key).inserted else { continue }
            if item.question.kindName != "generated" {
                guard prompt.isEmpty || seenPrompts.insert(prompt).inserted else { continue }
            }
            let stream = seed ^ SplitMix64.hash(item.key)
            item.question = item.question.instantiated(seed: stream)
            if shuffleChoices { item.question = item.question.shuffled(seed: stream ^ SplitMix64.hash("choices")) }
            kept.append(item)
        }
        self.items = kept
    }

    /// The question to ask next, or nil when all are answered.
    public var current: QuizItem? { results.count < items.count ? items[results.count] : nil }
    public var isFinished: Bool { current == nil }
    /// 0-based position of the current question.
    public var position: Int { results.count }

    /// Grades typed text for the current question.
    ///
    /// - `.needsSelfGrade` (an open question): show the model answer, then call `selfGrade`.
    /// - `.unreadable` (first time for this question): say the grade's note; nothing recorded.
    /// - `.wrong` with `retryHint` set: show the hint and ask again; nothing recorded yet.
    /// - Anything else is recorded and the session moves on.
    @discardableResult
    public mutating func answer(_ input: String) -> Grade {
        // A finished quiz takes no more answers: nothing is recorded.
        guard let item = current else { return Grade(verdict: .unreadable, modelAnswer: "", note: "The quiz is finished; there is no question to answer.") }
        var grade = Grader.grade(input, for: item.question)
        switch grade.verdict {
        case .needsSelfGrade:
            return grade
        case .unreadable:
            if !askedAgain {
                askedAgain = true
                return grade
            }
            grade.verdict = .wrong
            grade.note = "Not an answer again, so it counts as a miss."
        case .wrong where !isRetrying && item.question.allowsRetry:
            isRetrying = true
            askedAgain = false
            grade.retryHint = item.question.retryHint
            return grade
        case .correct where isRetrying:
            grade.verdict = .correctAfterHint
        case .skipped where isRetrying:
            // Missed once already: leaving the retry empty does not undo the miss.
            grade.verdict = .wrong
        case .correct, .wrong, .skipped, .correctAfterHint:
            break
        }
        record(item, grade)
        return grade
    }

    /// The learner's y/n on an open question; nil (nothing recorded) when the reply is neither.
    @discardableResult
    public mutating func selfGrade(_ reply: String) -> Grade? {
        guard let item = current else { return nil }
        guard let grade = Grader.selfGrade(reply, for: item.question) else { return nil }
        record(item, grade)
        return grade
    }

    private mutating func record(_ item: QuizItem, _ grade: Grade) {
        results.append(Result(item: item, grade: grade))
        isRetrying = false
        askedAgain = false
    }

    /// Right answers (not counting those right only after a hint).
    public var correctCount: Int { results.filter { $0.grade.verdict == .correct }.count }
    /// Answers right on the retry after a hint.
    public var afterHintCount: Int { results.filter { $0.grade.verdict == .correctAfterHint }.count }
    /// The score: 1 per right answer, ½ per answer right after a hint.
    public var score: Double { results.reduce(0) { $0 + $1.grade.score } }
    /// Answered wrong, right only after a hint, or skipped.
    public var missed: [Result] { results.filter { $0.grade.verdict != .correct } }

    /// One attempt record per lesson touched: for a lesson's own quiz, whole or ended early.
    public func attempts(now: Date) -> [String: QuizAttempt] {
        var out: [String: QuizAttempt] = [:]
        for lesson in Set(items.map(\.lesson)) {
            let mine = results.filter { $0.item.lesson == lesson }
            guard !mine.isEmpty else { continue }
            out[lesson] = QuizAttempt(date: now, correct: mine.filter { $0.grade.verdict == .correct }.count, total: mine.count,
                                      asked: items.filter { $0.lesson == lesson }.count,
                                      missed: mine.filter { $0.grade.verdict != .correct }.map(\.item.question.id),
                                      afterHint: mine.filter { $0.grade.verdict == .correctAfterHint }.count)
        }
        return out
    }

    /// The record of a spaced-review session (nil when nothing was answered): saved on its
    /// own, never as a lesson's attempt.
    public func reviewSession(now: Date) -> ReviewSession? {
        guard !results.isEmpty else { return nil }
        var lessons: [String] = []
        for item in items where !lessons.contains(item.lesson) { lessons.append(item.lesson) }
        return ReviewSession(date: now, correct: correctCount, afterHint: afterHintCount, total: results.count, asked: items.count,
                             lessons: lessons, missed: missed.map(\.item.key))
    }
}

extension Question {
    /// The question with its choices in a seeded order (the answer index following); options
    /// such as "all of the above" keep their place at the end. Other kinds are unchanged.
    public func shuffled(seed: UInt64) -> Question {
        guard case .choice(let choices, let answer) = kind, choices.count > 1 else { return self }
        let pinned = choices.indices.filter { Question.staysLast(choices[$0]) && $0 >= choices.count - 2 }
        var order = choices.indices.filter { !pinned.contains($0) }
        var rng = SplitMix64(seed: seed)
        order.shuffle(using: &rng)
        order += pinned
        var copy = self
        copy.kind = .choice(choices: order.map { choices[$0] }, answer: (order.firstIndex(of: answer - 1) ?? (answer - 1)) + 1)
        return copy
    }

    /// "All of the above", "none of these", "both": options whose meaning depends on their place.
    static func staysLast(_ choice: String) -> Bool {
        let t = AnswerText.terms(choice).joined(separator: " ")
        let whole: Set<String> = ["both", "neither", "all three", "all of them", "none of them", "both of them", "all of these",
                                  "none of these", "both of these", "all of above", "none of above", "both of above"]
        return whole.contains(t) || t.hasPrefix("all of above ") || t.hasPrefix("none of above ")
    }
}
