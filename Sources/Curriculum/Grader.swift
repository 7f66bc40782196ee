/// The outcome of grading one answer.
public struct Grade: Sendable, Hashable {
    public enum Verdict: String, Sendable, Hashable, Codable {
        case correct, wrong
        /// Empty input: never "wrong", never an error.
        case skipped
        /// An `open` question: show `modelAnswer`, then ask the learner (see `Grader.selfGrade`).
        case needsSelfGrade
    }

    public var verdict: Verdict
    /// The answer to show after grading.
    public var modelAnswer: String
    /// The question's explanation, if any.
    public var explain: String?
    /// Extra feedback: a typo that was forgiven, a choice that was not understood.
    public var note: String?

    public init(verdict: Verdict, modelAnswer: String, explain: String? = nil, note: String? = nil) {
        self.verdict = verdict
        self.modelAnswer = modelAnswer
        self.explain = explain
        self.note = note
    }

    public var isCorrect: Bool { verdict == .correct }
}

/// Grades typed answers exactly per the table in QUIZZES.md.
///
/// Total on every input: control bytes, invalid UTF-8 (decoded with replacement characters)
/// and megabytes of text are graded, not rejected, in time linear in the input.
public enum Grader {
    /// Grades raw bytes as the terminal delivered them.
    public static func grade(bytes: [UInt8], for question: Question) -> Grade {
        grade(SourceText.decode(bytes), for: question)
    }

    /// Grades one answer. `generated` questions must be instantiated first.
    public static func grade(_ input: String, for question: Question) -> Grade {
        var grade = Grade(verdict: .wrong, modelAnswer: question.modelAnswer, explain: question.explain)
        if AnswerText.isBlank(input) {
            grade.verdict = .skipped
            return grade
        }
        switch question.kind {
        case .choice(let choices, let answer):
            if let chosen = choice(input, choices: choices) {
                grade.verdict = chosen == answer ? .correct : .wrong
            } else {
                grade.note = "Answer with a letter (a-\(Question.choiceLetter(max(0, choices.count - 1)))) or a number (1-\(choices.count))."
            }
        case .numeric(let answer, let tolerance):
            if let value = AnswerText.numbers(in: input).first {
                grade.verdict = abs(value - answer) <= tolerance + 1e-9 * max(1, abs(answer)) ? .correct : .wrong
            } else {
                grade.note = "No number found in the answer."
            }
        case .shape(let dims):
            grade.verdict = AnswerText.integers(in: input) == dims ? .correct : .wrong
        case .short(let accept, let keywords):
            let (ok, note) = short(input, accept: accept, keywords: keywords)
            grade.verdict = ok ? .correct : .wrong
            grade.note = note
        case .open:
            grade.verdict = .needsSelfGrade
        case .generated:
            preconditionFailure("grade an instance: call instantiated(seed:) on generated question '\(question.id)' first")
        }
        return grade
    }

    /// The learner's verdict on an `open` question after seeing the model answer: `y`/`yes`
    /// → correct, `n`/`no` → wrong, empty → skipped, anything else → nil (ask again).
    public static func selfGrade(_ reply: String, for question: Question) -> Grade? {
        var grade = Grade(verdict: .skipped, modelAnswer: question.modelAnswer, explain: question.explain)
        let t = reply.trimmingWhitespace().lowercased()
        switch t {
        case "": grade.verdict = .skipped
        case "y", "yes", "right", "correct": grade.verdict = .correct
        case "n", "no", "wrong": grade.verdict = .wrong
        default: return nil
        }
        return grade
    }

    /// The 1-based choice meant by `2`, `b`, `B`, `(b)`, `b)`, or the choice's text.
    public static func choice(_ input: String, choices: [String]) -> Int? {
        var t = input.trimmingWhitespace().lowercased()
        let wrappers = Set("()[].: ".unicodeScalars)
        while let first = t.unicodeScalars.first, wrappers.contains(first) { t.removeFirst() }
        if let n = Int(t.filter { !"()[].:".contains($0) }), n >= 1, n <= choices.count { return n }
        let letters = t.unicodeScalars.prefix { $0.properties.isAlphabetic }
        if letters.count == 1, let v = letters.first?.value, v >= 97, v < 97 + UInt32(choices.count) {
            // `b`, `b)`, `b.` or `b) It makes it smaller`; not `a larger map` (an article).
            let rest = t.unicodeScalars.dropFirst()
            if rest.first.map({ [")", ".", ":"].contains($0) }) ?? true { return Int(v - 96) }
        }
        let given = AnswerText.words(input)
        if given.isEmpty { return nil }
        for (index, choice) in choices.enumerated() where phraseMatches(expected: AnswerText.words(choice), given: given) {
            return index + 1
        }
        return nil
    }

    /// Short answers: equal to an accepted answer, or every keyword group hit.
    static func short(_ input: String, accept: [String], keywords: [[String]]) -> (Bool, String?) {
        let given = AnswerText.words(input)
        for entry in accept {
            let expected = AnswerText.words(entry)
            if !expected.isEmpty, phraseMatches(expected: expected, given: given) {
                return (true, expected == given ? nil : "Accepted, though spelled differently: \(entry)")
            }
        }
        guard !keywords.isEmpty else { return (false, nil) }
        let distinct = Set(given)
        for group in keywords {
            let hit = group.contains { alternative in
                let expected = AnswerText.words(alternative)
                if expected.count == 1, let word = expected.first {
                    return distinct.contains(word) || distinct.contains { AnswerText.matches(expected: word, given: $0) }
                }
                return containsPhrase(expected, in: given)
            }
            if !hit { return (false, "Missing an idea: \(group.first ?? "")") }
        }
        return (true, nil)
    }

    static func phraseMatches(expected: [String], given: [String]) -> Bool {
        expected.count == given.count && zip(expected, given).allSatisfy { AnswerText.matches(expected: $0, given: $1) }
    }

    static func containsPhrase(_ phrase: [String], in words: [String]) -> Bool {
        guard !phrase.isEmpty, phrase.count <= words.count else { return false }
        for start in 0...(words.count - phrase.count) where AnswerText.matches(expected: phrase[0], given: words[start]) {
            if phrase.indices.allSatisfy({ AnswerText.matches(expected: phrase[$0], given: words[start + $0]) }) { return true }
        }
        return false
    }
}
