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
    /// Shown before the one retry after a miss (else the first sentence of `explain` is).
    public var hint: String?
    /// Short answers: terms that make an answer wrong even when it holds an accepted term
    /// (`leaky relu` for a question whose answer is ReLU).
    public var reject: [String] = []
    /// Numeric answers: how the answer is written, so that `97.2%` and `0.972` can both match.
    public var unit: NumericUnit = .plain
    /// Ids of the lesson's own Review questions that this quiz-file question replaces (the
    /// same question, so a quiz session asks it once).
    public var replaces: [String] = []

    public enum Kind: Sendable, Hashable {
        /// `answer` is 1-based.
        case choice(choices: [String], answer: Int)
        case numeric(answer: Double, tolerance: Double)
        case shape([Int])
        /// A grid of values (a pooled map), row by row; each cell within `tolerance`.
        case grid(rows: [[Double]], tolerance: Double)
        case short(accept: [String], keywords: [[String]])
        /// Self-graded: the model answer is revealed and the learner says y or n.
        case open(answer: String)
        /// A fresh instance is made each time; see `instantiated(seed:)`.
        case generated(QuestionGenerator)
    }

    public init(id: String, prompt: String, kind: Kind, explain: String? = nil, line: Int = 0,
                hint: String? = nil, reject: [String] = [], unit: NumericUnit = .plain, replaces: [String] = []) {
        self.id = id
        self.prompt = prompt
        self.kind = kind
        self.explain = explain
        self.line = line
        self.hint = hint
        self.reject = reject
        self.unit = unit
        self.replaces = replaces
    }

    /// How a numeric answer is written. With `percent` or `fraction` both forms are accepted:
    /// `97.2%`, `97.2` and `0.972` for a percentage of 97.2; `0.972`, `97.2%` and `35/36`-like
    /// fractions for a fraction of 0.972.
    public enum NumericUnit: String, Sendable, Hashable, CaseIterable {
        case plain, percent, fraction
    }

    /// The help shown before the one retry after a miss: `hint`, else the first sentence of
    /// `explain`, else nil (no retry is offered without something new to say).
    public var retryHint: String? {
        if let hint, !hint.isEmpty { return hint }
        guard let explain, !explain.isEmpty else { return nil }
        // The first step of the working: up to the first `=` or full stop, without the result.
        var first = explain
        if let stop = explain.range(of: ". ") { first = String(explain[..<stop.lowerBound]) }
        if let equals = first.range(of: " = ") { return "Start from: " + String(first[..<equals.lowerBound]) }
        return first.hasSuffix(".") ? first : first + "."
    }

    /// Whether a miss on this question may be retried once after a hint.
    public var allowsRetry: Bool {
        switch kind {
        case .numeric, .grid, .shape, .short: return retryHint != nil
        case .choice, .open, .generated: return false
        }
    }

    /// The kind's name as quiz files write it.
    public var kindName: String {
        switch kind {
        case .choice: return "choice"
        case .numeric: return "numeric"
        case .shape: return "shape"
        case .grid: return "grid"
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
        case .grid(let rows): kind = .grid(rows: rows.map { $0.map(Double.init) }, tolerance: 0)
        }
        return Question(id: id, prompt: made.prompt, kind: kind, explain: made.explanation, line: line, hint: hint)
    }

    /// The answer as shown to the learner after grading.
    public var modelAnswer: String {
        switch kind {
        case .choice(let choices, let answer):
            guard answer >= 1, answer <= choices.count else { return "" }
            return "\(Question.choiceLetter(answer - 1))) \(choices[answer - 1])"
        case .numeric(let answer, let tolerance):
            let value = Question.format(answer) + (unit == .percent ? "%" : "")
            // A tolerance wider than the written digits imply is worth saying.
            return tolerance > AnswerText.writtenPrecision(Question.format(answer)) + 1e-12 ? "\(value) (± \(Question.format(tolerance)))" : value
        case .shape(let dims): return dims.map(String.init).joined(separator: "x")
        case .grid(let rows, _): return Question.gridText(rows)
        case .short(let accept, let keywords):
            return accept.first ?? keywords.compactMap(\.first).joined(separator: ", ")
        case .open(let answer): return answer
        case .generated: return "(a fresh answer each time)"
        }
    }

    /// A grid as one line, rows separated by `; `: `[9 6; 9 9]`.
    public static func gridText(_ rows: [[Double]]) -> String {
        "[" + rows.map { $0.map(format).joined(separator: " ") }.joined(separator: "; ") + "]"
    }

    /// `a`, `b`, `c` … for choice indices 0, 1, 2 …
    public static func choiceLetter(_ index: Int) -> String {
        guard index >= 0, index < 26 else { return String(index + 1) }
        return String(UnicodeScalar(UInt8(97 + index)))
    }

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
