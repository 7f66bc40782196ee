import Foundation

/// A quiz in progress: the questions (generated ones already instantiated), the answers so far,
/// and the attempt records to save. Pure state; the plain runner and the quiz screen drive it.
public struct QuizSession: Sendable {
    public private(set) var items: [QuizItem]
    public private(set) var results: [Result] = []

    public struct Result: Sendable, Hashable {
        public var item: QuizItem
        public var grade: Grade
    }

    /// Instantiates generated questions from `seed` (each question gets its own stream, so one
    /// question's instance does not depend on which others are in the quiz).
    public init(items: [QuizItem], seed: UInt64) {
        self.items = items.map { item in
            var item = item
            item.question = item.question.instantiated(seed: seed ^ SplitMix64.hash(item.key))
            return item
        }
    }

    /// The question to ask next, or nil when all are answered.
    public var current: QuizItem? { results.count < items.count ? items[results.count] : nil }
    public var isFinished: Bool { current == nil }
    /// 0-based position of the current question.
    public var position: Int { results.count }

    /// Grades typed text for the current question. For an `open` question the verdict is
    /// `.needsSelfGrade`: show the model answer, then call `selfGrade`. Other verdicts are
    /// recorded and the session moves on.
    @discardableResult
    public mutating func answer(_ input: String) -> Grade {
        guard let item = current else { preconditionFailure("answer(_:) called on a finished quiz") }
        let grade = Grader.grade(input, for: item.question)
        if grade.verdict != .needsSelfGrade { results.append(Result(item: item, grade: grade)) }
        return grade
    }

    /// The learner's y/n on an open question; nil (nothing recorded) when the reply is neither.
    @discardableResult
    public mutating func selfGrade(_ reply: String) -> Grade? {
        guard let item = current else { preconditionFailure("selfGrade(_:) called on a finished quiz") }
        guard let grade = Grader.selfGrade(reply, for: item.question) else { return nil }
        results.append(Result(item: item, grade: grade))
        return grade
    }

    public var correctCount: Int { results.filter { $0.grade.verdict == .correct }.count }
    /// Answered wrong or skipped.
    public var missed: [Result] { results.filter { $0.grade.verdict != .correct } }

    /// One attempt record per lesson touched (a due-review quiz may span lessons).
    public func attempts(now: Date) -> [String: QuizAttempt] {
        var out: [String: QuizAttempt] = [:]
        for lesson in Set(items.map(\.lesson)) {
            let mine = results.filter { $0.item.lesson == lesson }
            guard !mine.isEmpty else { continue }
            out[lesson] = QuizAttempt(date: now, correct: mine.filter { $0.grade.verdict == .correct }.count, total: mine.count,
                                      asked: items.filter { $0.lesson == lesson }.count,
                                      missed: mine.filter { $0.grade.verdict != .correct }.map(\.item.question.id))
        }
        return out
    }
}
