import Curriculum
import Foundation
import Testing

/// The grading table of QUIZZES.md, row by row.
@Suite struct GraderTests {
    let choice = Question(id: "c", prompt: "Stride?", kind: .choice(choices: ["It makes it larger", "It makes it smaller", "It leaves it unchanged"], answer: 2))
    let numeric = Question(id: "n", prompt: "Width?", kind: .numeric(answer: 28, tolerance: 0))
    let decimal = Question(id: "d", prompt: "Rate?", kind: .numeric(answer: 0.25, tolerance: 1e-2))
    let shape = Question(id: "s", prompt: "Shape?", kind: .shape([26, 26, 64]))
    let short = Question(id: "k", prompt: "Keeps?", kind: .short(accept: ["the maximum", "the largest value", "max"],
                                                                  keywords: [["max", "maximum", "largest", "biggest", "highest"]]))
    let keywordsOnly = Question(id: "w", prompt: "Why pool?", kind: .short(accept: [], keywords: [["computation", "compute"], ["translation", "shift"]]))
    let open = Question(id: "o", prompt: "Why ReLU?", kind: .open(answer: "Without them, layers collapse."), explain: "Linear maps compose.")

    func verdict(_ input: String, _ q: Question) -> Grade.Verdict { Grader.grade(input, for: q).verdict }

    @Test(arguments: [("2", true), ("b", true), ("B", true), ("b)", true), ("(b)", true), (" 2 ", true), ("b) It makes it smaller", true),
                      ("it makes it SMALLER", true), ("It makes it smaler", true), ("smaller", true), ("1", false), ("a", false), ("c", false),
                      ("larger", false)])
    func choiceRow(input: String, right: Bool) {
        #expect(verdict(input, choice) == (right ? .correct : .wrong), "input \(input.debugDescription)")
    }

    /// Not a choice at all: asked again with a note, not marked wrong.
    @Test(arguments: ["4", "z", "a larger map", "it makes it"])
    func choiceUnreadable(input: String) {
        let grade = Grader.grade(input, for: choice)
        #expect(grade.verdict == .unreadable, "input \(input.debugDescription)")
        #expect(grade.note == "Answer with a letter (a-c), a number (1-3) or the choice's text.")
    }

    @Test(arguments: [("28", true), ("28.0", true), (" 28 ", true), ("about 28", true), ("28 pixels wide", true), ("it is 28.", true),
                      ("2.8e1", true), ("27", false), ("28.5", false), ("-28", false), ("twenty", false)])
    func numericRow(input: String, right: Bool) {
        #expect(verdict(input, numeric) == (right ? .correct : .wrong), "input \(input.debugDescription)")
    }

    @Test func numericToleranceAndDecimals() {
        #expect(verdict("0.25", decimal) == .correct)
        #expect(verdict("0.255", decimal) == .correct)
        #expect(verdict(".26", decimal) == .correct)
        #expect(verdict("0.27", decimal) == .wrong)
        #expect(verdict("1,000", Question(id: "t", prompt: "", kind: .numeric(answer: 1000, tolerance: 0))) == .correct)
        #expect(verdict("zero", numeric) == .wrong, "a number word is a number")
        for input in ["x", "twenty-eight", "many"] {
            let grade = Grader.grade(input, for: numeric)
            #expect(grade.verdict == .unreadable, "input \(input)")
            #expect(grade.note?.hasPrefix("That is not a number: try again") == true)
        }
    }

    @Test(arguments: ["26x26x64", "26 × 26 × 64", "(26, 26, 64)", "26, 26, 64", "26X26X64", "[26 26 64]", "the shape is 26x26x64"])
    func shapeWrittenManyWays(input: String) {
        #expect(verdict(input, shape) == .correct, "input \(input.debugDescription)")
    }

    @Test(arguments: ["26x26", "64x26x26", "26x26x64x1", "26x26x63"])
    func shapeWrong(input: String) {
        #expect(verdict(input, shape) == .wrong, "input \(input.debugDescription)")
    }

    @Test(arguments: [
        ("the maximum", true), ("maximum", true), ("Maximum!", true), ("a maximum", true), ("The largest values", true),
        ("max", true), ("the maximun", true),            // typo, ≥ 5 letters
        ("the largest value in each window", true),      // keyword group hit
        ("the biggest one", true), ("highest", true), ("largets", true),  // swapped letters
        ("the minimum", false), ("the average", false), ("mx", false), ("maxx", false), ("values", false),
    ])
    func shortRow(input: String, right: Bool) {
        #expect(verdict(input, short) == (right ? .correct : .wrong), "input \(input.debugDescription)")
    }

    @Test func shortKeywordGroupsMustAllBeHit() {
        #expect(verdict("it saves computation and tolerates translations", keywordsOnly) == .correct)
        #expect(verdict("Less compute, small shifts matter less.", keywordsOnly) == .correct)
        #expect(verdict("it saves computation", keywordsOnly) == .wrong)
        #expect(Grader.grade("it saves computation", for: keywordsOnly).note == "Missing an idea: translation")
    }

    @Test func pluralsAndArticlesFold() {
        #expect(AnswerText.words("The kernels, a bias and an image!") == ["kernel", "bias", "and", "image"])
        #expect(AnswerText.words("boxes probabilities classes biases GPUs") == ["box", "probability", "class", "bias", "gpu"])
        #expect(AnswerText.matches(expected: "maximum", given: "maximun"))
        #expect(AnswerText.matches(expected: "stride", given: "strdie"))
        #expect(!AnswerText.matches(expected: "pool", given: "poll"))   // under five letters: exact only
        #expect(!AnswerText.matches(expected: "maximum", given: "maxmun"))
    }

    @Test func openQuestionsAreSelfGraded() {
        let g = Grader.grade("because", for: open)
        #expect(g.verdict == .needsSelfGrade)
        #expect(g.modelAnswer == "Without them, layers collapse.")
        #expect(g.explain == "Linear maps compose.")
        #expect(Grader.selfGrade("y", for: open)?.verdict == .correct)
        #expect(Grader.selfGrade(" YES ", for: open)?.verdict == .correct)
        #expect(Grader.selfGrade("n", for: open)?.verdict == .wrong)
        #expect(Grader.selfGrade("", for: open)?.verdict == .skipped)
        #expect(Grader.selfGrade("maybe", for: open) == nil)
    }

    @Test func generatedQuestionsAreGradedByTheirExactAnswer() throws {
        let q = Question(id: "g", prompt: "", kind: .generated(.convOutputSize)).instantiated(seed: 7)
        guard case .numeric(let answer, let tolerance) = q.kind else { Issue.record("expected numeric, got \(q.kind)"); return }
        #expect(tolerance == 0)
        #expect(verdict(Question.format(answer), q) == .correct)
        #expect(verdict(Question.format(answer + 1), q) == .wrong)
    }

    @Test func emptyInputIsSkippedForEveryKind() {
        for q in [choice, numeric, shape, short, open] {
            for input in ["", "   ", "\t\n", "\u{1}\u{7f}"] {
                #expect(verdict(input, q) == .skipped, "\(q.kindName) with \(input.debugDescription)")
            }
        }
    }

    @Test func invalidUTF8AndControlBytesAreGraded() {
        let bytes: [UInt8] = [0xFF, 0xFE, 0x32, 0x38, 0xC3, 0x28, 0x00, 0x1B, 0x5B, 0x41]   // "…28…" with junk around
        #expect(Grader.grade(bytes: bytes, for: numeric).verdict == .correct)
        #expect(Grader.grade(bytes: [0xFF, 0xC0, 0x80], for: short).verdict == .wrong)
        #expect(Grader.grade(bytes: [0xED, 0xA0, 0x80], for: choice).verdict == .unreadable)
        #expect(Grader.grade(bytes: [0x62, 0x00], for: choice).verdict == .unreadable)
        #expect(Grader.grade(bytes: [0x62], for: choice).verdict == .correct)
    }

    /// A megabyte pasted as an answer is graded (wrong, except where it holds the answer) and
    /// never traps. How long it takes is `tutor bench`'s business, not a test's.
    @Test func aMegabyteOfInputIsGraded() {
        var big = String(repeating: "lorem ipsum dolor sit amet consectetur ", count: 27_000)   // ~1 MB
        #expect(big.utf8.count > 1_000_000)
        for q in [choice, numeric, shape, short, keywordsOnly] {
            #expect(Grader.grade(big, for: q).verdict != .correct, "\(q.id)")
        }
        _ = Grader.grade(big, for: open)
        big += " maximum"
        #expect(Grader.grade(big, for: short).verdict == .correct)
        let bytes = [UInt8]((0..<1_000_000).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) })
        for q in [choice, numeric, shape, short, open] { _ = Grader.grade(bytes: bytes, for: q) }
    }

    @Test func modelAnswersReadWell() {
        #expect(choice.modelAnswer == "b) It makes it smaller")
        #expect(numeric.modelAnswer == "28")
        #expect(shape.modelAnswer == "26x26x64")
        #expect(short.modelAnswer == "the maximum")
        #expect(Question.format(0.25) == "0.25")
        #expect(Question.format(1.0 / 3.0) == "0.3333")
    }
}

/// Reading numbers and shapes out of typed answers.
@Suite struct AnswerTextTests {
    @Test func numbers() {
        #expect(AnswerText.numbers(in: "about 28") == [28])
        #expect(AnswerText.numbers(in: "-1.5e2 and +3") == [-150, 3])
        #expect(AnswerText.numbers(in: "a 3x3-kernel") == [3, 3])
        #expect(AnswerText.numbers(in: "−4") == [-4])
        #expect(AnswerText.numbers(in: "1,000,000 or (26,26)") == [1_000_000, 26, 26])
        #expect(AnswerText.numbers(in: "3e") == [3])
    }

    @Test func integersAndWholeForms() {
        #expect(AnswerText.integers(in: "26 × 26 × 64") == [26, 26, 64])
        #expect(AnswerText.integers(in: String(repeating: "9", count: 40)) == [Int.max])
        #expect(AnswerText.wholeNumber("28.") == 28)
        #expect(AnswerText.wholeNumber("It is 28") == nil)
        #expect(AnswerText.wholeShape("(26, 26, 64).") == [26, 26, 64])
        #expect(AnswerText.wholeShape("3x3") == [3, 3])
        #expect(AnswerText.wholeShape("It makes it 3x3") == nil)
        #expect(AnswerText.wholeShape("28") == nil)
    }
}
