import Foundation

/// One quiz question, from a quiz file or from a lesson's Review section.
public struct Question: Sendable, Hashable, Identifiable {
    /// Unique within its lesson's review quiz; lesson review questions are `review-<n>`.
    public var id: String
    public var prompt: String
    public var kind: Kind
    /// Why the answer is right, shown after answering.
    public var explain: String?
    /// The line the question starts at in its source file.
    public var line: Int

    public enum Kind: Sendable, Hashable {
        /// `answer` is 1-based.
        case choice(choices: [String], answer: Int)
        case numeric(answer: Double, tolerance: Double)
        case shape([Int])
        case short(accept: [String], keywords: [[String]])
        /// Self-graded: the model answer is revealed and the learner says y or n.
        case open(answer: String)
        /// A fresh instance is made each time; see `instantiated(seed:)`.
        case generated(QuestionGenerator)
    }

    public init(id: String, prompt: String, kind: Kind, explain: String? = nil, line: Int = 0) {
        self.id = id
        self.prompt = prompt
        self.kind = kind
        self.explain = explain
        self.line = line
    }

    /// The kind's name as quiz files write it.
    public var kindName: String {
        switch kind {
        case .choice: return "choice"
        case .numeric: return "numeric"
        case .shape: return "shape"
        case .short: return "short"
        case .open: return "open"
        case .generated: return "generated"
        }
    }

    /// For a `generated` question, a concrete instance (numeric or shape) made from `seed`;
    /// any other question is returned unchanged.
    public func instantiated(seed: UInt64) -> Question {
        guard case .generated(let generator) = kind else { return self }
        let made = generator.make(seed: seed)
        let kind: Kind
        switch made.answer {
        case .number(let n): kind = .numeric(answer: Double(n), tolerance: 0)
        case .integers(let values): kind = .shape(values)
        }
        return Question(id: id, prompt: made.prompt, kind: kind, explain: made.explanation, line: line)
    }

    /// The answer as shown to the learner after grading.
    public var modelAnswer: String {
        switch kind {
        case .choice(let choices, let answer):
            guard answer >= 1, answer <= choices.count else { return "" }
            return "\(Question.choiceLetter(answer - 1))) \(choices[answer - 1])"
        case .numeric(let answer, let tolerance):
            let value = Question.format(answer)
            return tolerance > 0 && tolerance != Question.defaultDecimalTolerance ? "\(value) (± \(Question.format(tolerance)))" : value
        case .shape(let dims): return dims.map(String.init).joined(separator: "x")
        case .short(let accept, let keywords):
            return accept.first ?? keywords.compactMap(\.first).joined(separator: ", ")
        case .open(let answer): return answer
        case .generated: return "(a fresh answer each time)"
        }
    }

    /// `a`, `b`, `c` … for choice indices 0, 1, 2 …
    public static func choiceLetter(_ index: Int) -> String {
        guard index >= 0, index < 26 else { return String(index + 1) }
        return String(UnicodeScalar(UInt8(97 + index)))
    }

    /// Tolerance for numeric answers written with a decimal point.
    public static let defaultDecimalTolerance = 1e-2

    /// `28` for whole numbers, else up to four decimals without trailing zeros.
    public static func format(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        var s = String(format: "%.4f", value)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }
}

/// A lesson's quiz file: extra questions for the lesson's review quiz.
public struct Quiz: Sendable, Hashable {
    /// The lesson id the file names in `lesson:`.
    public var lesson: String
    public var questions: [Question]
    /// The file it came from.
    public var source: URL?

    public init(lesson: String, questions: [Question], source: URL? = nil) {
        self.lesson = lesson
        self.questions = questions
        self.source = source
    }
}
