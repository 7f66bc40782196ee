/// The outcome of grading one answer.
public struct Grade: Sendable, Hashable {
    public enum Verdict: String, Sendable, Hashable, Codable {
        case correct, wrong
        /// Empty input: never "wrong", never an error.
        case skipped
        /// An `open` question: show `modelAnswer`, then ask the learner (see `Grader.selfGrade`).
        case needsSelfGrade
        /// Not an answer of the kind asked (no number in a numeric answer, no choice named):
        /// `note` says what to type; the question is asked once more, not counted as a miss.
        case unreadable
        /// Right on the one retry after a hint: counts half in the score and keeps the
        /// question due soon.
        case correctAfterHint
    }

    public var verdict: Verdict
    /// The answer to show after grading.
    public var modelAnswer: String
    /// The question's explanation, if any.
    public var explain: String?
    /// Extra feedback: a typo that was forgiven, a choice that was not understood.
    public var note: String?
    /// Set on a first miss that may be retried once: the hint to show before the retry (the
    /// answer is not shown yet).
    public var retryHint: String?

    public init(verdict: Verdict, modelAnswer: String, explain: String? = nil, note: String? = nil) {
        self.verdict = verdict
        self.modelAnswer = modelAnswer
        self.explain = explain
        self.note = note
    }

    public var isCorrect: Bool { verdict == .correct }

    /// What the answer adds to the score: 1 right, ½ right after the hint, else 0.
    public var score: Double {
        switch verdict {
        case .correct: return 1
        case .correctAfterHint: return 0.5
        case .wrong, .skipped, .needsSelfGrade, .unreadable: return 0
        }
    }
}

/// Grades typed answers exactly per the rules in docs/quizzes.md.
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
                grade.verdict = .unreadable
                grade.note = "Answer with a letter (a-\(Question.choiceLetter(max(0, choices.count - 1)))), a number (1-\(choices.count)) or the choice's text."
            }
        case .numeric(let answer, let tolerance):
            if let reading = AnswerText.readNumber(input) {
                grade.verdict = numericMatches(reading, answer: answer, tolerance: tolerance, unit: question.unit) ? .correct : .wrong
            } else {
                grade.verdict = .unreadable
                grade.note = "That is not a number: try again (digits, like 28 or 0.75\(question.unit == .plain ? "" : " or 75%"))."
            }
        case .shape(let dims):
            let given = AnswerText.integers(in: input)
            if given.isEmpty {
                grade.verdict = .unreadable
                grade.note = "That is not a shape: try again (numbers, like 12x12x8)."
            } else {
                grade.verdict = given == dims ? .correct : .wrong
            }
        case .grid(let rows, let tolerance):
            let columns = rows.first?.count ?? 0
            if let given = AnswerText.grid(input, rows: rows.count, columns: columns) {
                let same = given.count == rows.count && zip(given, rows).allSatisfy { g, r in
                    g.count == r.count && zip(g, r).allSatisfy { abs($0 - $1) <= tolerance + 1e-9 * max(1, abs($1)) }
                }
                grade.verdict = same ? .correct : .wrong
                if !same, given.count != rows.count || given.contains(where: { $0.count != columns }) {
                    grade.note = "The answer is a \(rows.count)x\(columns) grid; yours has \(given.map { String($0.count) }.joined(separator: ", ")) values per row."
                }
            } else {
                grade.verdict = .unreadable
                grade.note = "Type the grid row by row, rows separated by ; (like 1 2; 3 4)."
            }
        case .short(let accept, let keywords):
            let (ok, note) = short(input, accept: accept, keywords: keywords, reject: question.reject)
            grade.verdict = ok ? .correct : .wrong
            grade.note = note
        case .open:
            grade.verdict = .needsSelfGrade
        case .generated:
            // Only an instance (`instantiated(seed:)`, as every quiz session makes) has an answer.
            grade.verdict = .unreadable
            grade.note = "This question is made fresh for each quiz; it has no fixed answer to grade."
        }
        return grade
    }

    /// A number against a numeric answer: the one tolerance rule of every numeric question.
    ///
    /// Right when the number is within the question's tolerance of the answer (its declared
    /// `tolerance`, else half a unit in the answer's last written digit), or when it is the
    /// answer rounded: within half a unit of the learner's own last digit, provided that
    /// rounding step is at most 1 % of the answer (`0.83` for 0.833, `97%` for 97.2 %; not
    /// `1.0` for 0.972).
    ///
    /// With a `percent` or `fraction` unit both ways of writing the value count: for a
    /// percentage, a plain number is read as the percentage, else as a fraction of 1; for a
    /// fraction, the other way round.
    static func numericMatches(_ reading: AnswerText.NumberReading, answer: Double, tolerance: Double, unit: Question.NumericUnit) -> Bool {
        func close(_ x: Double, _ precision: Double) -> Bool {
            let rounding = precision <= 0.01 * abs(answer) + 1e-12 ? precision : 0
            return abs(x - answer) <= max(tolerance, rounding) + 1e-9 * max(1, abs(answer))
        }
        let v = reading.value, p = reading.precision
        switch (unit, reading.form) {
        case (.plain, _): return close(v, p)
        case (.percent, .percent): return close(v, p)
        case (.percent, .fraction): return close(v * 100, p * 100)
        case (.percent, .plain): return close(v, p) || close(v * 100, p * 100)
        case (.fraction, .percent): return close(v / 100, p / 100)
        case (.fraction, .fraction): return close(v, p)
        case (.fraction, .plain): return close(v, p) || close(v / 100, p / 100)
        }
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
        if t.utf8.count <= 12, let n = Int(t.filter { !"()[].:".contains($0) }), n >= 1, n <= choices.count { return n }
        let letters = t.unicodeScalars.prefix { $0.properties.isAlphabetic }
        if letters.count == 1, let v = letters.first?.value, v >= 97, v < 97 + UInt32(choices.count) {
            // `b`, `b)`, `b.` or `b) It makes it smaller`; not `a larger map` (an article).
            let rest = t.unicodeScalars.dropFirst()
            if rest.first.map({ [")", ".", ":"].contains($0) }) ?? true { return Int(v - 96) }
        }
        // The choice's text, with the same typo tolerance as short answers: the whole text, or
        // whole terms found in exactly one choice (`segmentation` for "Image segmentation").
        let given = AnswerText.terms(input)
        if given.isEmpty { return nil }
        let named = choices.map { AnswerText.namesChoice(given, choice: AnswerText.terms($0)) }
        if let exact = named.firstIndex(where: \.exact) { return exact + 1 }
        let partial = named.indices.filter { named[$0].partial }
        return partial.count == 1 ? partial[0] + 1 : nil
    }

    /// Short answers: wrong when a `reject` term is present (exactly); right when equal to an accepted
    /// answer or when every keyword group is hit, each keyword matched as a whole term.
    static func short(_ input: String, accept: [String], keywords: [[String]], reject: [String] = []) -> (Bool, String?) {
        let given = AnswerText.terms(input)
        // Exact terms only: a typo allowance would let `relu` hit a reject entry `prelu`.
        for entry in reject where AnswerText.containsTerm(AnswerText.terms(entry), in: given, typos: false) {
            return (false, "\(entry) is a different thing.")
        }
        for entry in accept {
            let expected = AnswerText.terms(entry)
            if AnswerText.sameTerms(expected, given) {
                return (true, expected == given ? nil : "Accepted, though spelled differently: \(entry)")
            }
        }
        guard !keywords.isEmpty else { return (false, nil) }
        for group in keywords {
            let hit = group.contains { AnswerText.containsTerm(AnswerText.terms($0), in: given) }
            if !hit { return (false, "Missing an idea: \(group.first ?? "")") }
        }
        return (true, nil)
    }
}
