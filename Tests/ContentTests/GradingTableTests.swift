import Foundation
import Testing
import Curriculum

/// The grading rules as a table: (question, typed answer, verdict). Bundled questions are named
/// `NN/id` (lesson number and question id), so each wrong phrasing a learner met is pinned to
/// the question it fooled; the rest are small questions written here for one rule each.
@Suite("Grading table")
struct GradingTableTests {
    typealias V = Grade.Verdict

    struct Row: CustomStringConvertible, Sendable {
        var question: String
        var answer: String
        var verdict: V
        var description: String { "\(question) ← \"\(answer)\"" }
    }

    static func row(_ question: String, _ answer: String, _ verdict: V) -> Row { Row(question: question, answer: answer, verdict: verdict) }

    /// Small questions, one rule each.
    static let own: [String: Question] = [
        "width-28": Question(id: "w", prompt: "Output width?", kind: .numeric(answer: 28, tolerance: 0)),
        "sum-7": Question(id: "s", prompt: "6 + 1?", kind: .numeric(answer: 7, tolerance: 0)),
        "half": Question(id: "h", prompt: "Probability?", kind: .numeric(answer: 0.5, tolerance: 0)),
        "six": Question(id: "six", prompt: "How many?", kind: .numeric(answer: 6, tolerance: 0)),
        "twenty": Question(id: "t", prompt: "How many?", kind: .numeric(answer: 20, tolerance: 0)),
        "acc-percent": Question(id: "a", prompt: "Accuracy in %?", kind: .numeric(answer: 97.2, tolerance: 0.05), unit: .percent),
        "acc-fraction": Question(id: "f", prompt: "Accuracy?", kind: .numeric(answer: 0.972, tolerance: 0.0005), unit: .fraction),
        "lazy-fraction": Question(id: "l", prompt: "Accuracy?", kind: .numeric(answer: 0.906, tolerance: 0.0005), unit: .fraction),
        "precision-0833": Question(id: "p", prompt: "Precision?", kind: .numeric(answer: 0.833, tolerance: AnswerText.writtenPrecision("0.833"))),
        "grid-9699": Question(id: "g", prompt: "Pooled map?", kind: .grid(rows: [[9, 6], [9, 9]], tolerance: 0)),
        "grid-avg": Question(id: "ga", prompt: "Average pooled map?", kind: .grid(rows: [[2.5, 1], [0.25, 4]], tolerance: 0.01)),
        "shape-26": Question(id: "sh", prompt: "Shape?", kind: .shape([26, 26, 64])),
        "choice-seg": Question(id: "c", prompt: "Which task labels every pixel?",
                               kind: .choice(choices: ["Image classification", "Object detection", "Image segmentation", "Pose estimation"], answer: 3)),
    ]

    static let rows: [Row] = [
        // Working: the number after the last `=` is the answer.
        row("own/width-28", "(32-5)/1+1 = 28", .correct),
        row("own/width-28", "(32 − 5) / 1 + 1 = 27 + 1 = 28", .correct),
        row("own/width-28", "(32-5)/1+1 = 27", .wrong),
        row("own/sum-7", "6 + 1 = 7", .correct),
        row("own/sum-7", "7", .correct),
        // Working in words: the number after the last "is", "gives", ….
        row("own/sum-7", "6 plus bias 1 is 7", .correct),
        row("own/sum-7", "6 plus 1 gives 8", .wrong),
        row("own/width-28", "the output is 28", .correct),
        row("own/width-28", "28 is my guess", .correct),
        row("own/width-28", "about 28 pixels", .correct),
        // Fractions and percentages.
        row("own/half", "1/2", .correct),
        row("own/half", "0.5", .correct),
        row("own/half", "1/3", .wrong),
        row("03/avg-window", "13/4", .correct),
        row("03/avg-window", "3.25", .correct),
        row("own/acc-percent", "97.2%", .correct),
        row("own/acc-percent", "97.2 %", .correct),
        row("own/acc-percent", "0.972", .correct),
        row("own/acc-percent", "97.2 percent", .correct),
        row("own/acc-fraction", "97.2%", .correct),
        row("own/acc-fraction", "0.972", .correct),
        row("own/acc-fraction", "350/360", .correct),
        row("own/acc-fraction", "92.7%", .wrong),
        row("own/lazy-fraction", "90.6 %", .correct),
        row("06/accuracy-value", "97.2%", .correct),
        row("06/lazy-accuracy", "90.6 %", .correct),
        row("06/lazy-accuracy", "326/360", .correct),
        // Number words up to twenty; no number at all is not a miss.
        row("own/six", "six", .correct),
        row("own/six", "Six.", .correct),
        row("own/twenty", "twenty", .correct),
        row("own/six", "seven", .wrong),
        row("own/six", "many", .unreadable),
        row("own/six", "I don't know", .unreadable),
        row("02/output-width-32", "the output shrinks", .unreadable),
        // One tolerance rule: the question's tolerance, or the learner's rounding when it is
        // within 1 % of the answer.
        row("own/precision-0833", "0.833", .correct),
        row("own/precision-0833", "0.83", .correct),
        row("06/precision-value", "0.83", .correct),
        row("own/precision-0833", "0.8", .wrong),
        row("own/precision-0833", "0.84", .wrong),
        row("own/precision-0833", "0.831", .wrong),
        row("06/precision-value", "0.831", .correct),
        row("own/acc-fraction", "1.0", .wrong),
        row("own/acc-percent", "97%", .correct),
        row("07/l2-penalty", "0.0525", .correct),
        row("07/l2-penalty", "0.05", .wrong),
        // Grids: rows by `;` or new lines, per-cell tolerance; a shape is not a grid.
        row("own/grid-9699", "9 6; 9 9", .correct),
        row("own/grid-9699", "[9 6; 9 9]", .correct),
        row("own/grid-9699", "9, 6\n9, 9", .correct),
        row("own/grid-9699", "9 6 9 9", .correct),
        row("own/grid-9699", "9 9; 6 9", .wrong),
        row("own/grid-9699", "9x6x9x9", .unreadable),
        row("own/grid-9699", "9 6; 9", .wrong),
        row("own/grid-9699", "no idea", .unreadable),
        row("own/grid-avg", "2.5 1; 0.25 4", .correct),
        row("own/grid-avg", "2.504 1; 0.25 4", .correct),
        row("own/grid-avg", "2.6 1; 0.25 4", .wrong),
        // Shapes stay shapes.
        row("own/shape-26", "26x26x64", .correct),
        row("own/shape-26", "26 × 26 × 64", .correct),
        row("own/shape-26", "64x26x26", .wrong),
        row("own/shape-26", "square", .unreadable),
        // Choice by letter, number or the option's own text (typo forgiven).
        row("own/choice-seg", "c", .correct),
        row("own/choice-seg", "3", .correct),
        row("own/choice-seg", "segmentation", .correct),
        row("own/choice-seg", "image segmentaton", .correct),
        row("own/choice-seg", "detection", .wrong),
        row("own/choice-seg", "image", .unreadable),
        row("own/choice-seg", "z", .unreadable),
        row("09/segmentation-output", "segmentation", .correct),
        // Whole terms: a keyword inside a different term is not a hit.
        row("01/cross-correlation", "auto-correlation", .wrong),
        row("01/cross-correlation", "autocorrelation", .wrong),
        row("01/cross-correlation", "cross-correlation", .correct),
        row("01/cross-correlation", "it is cross correlation", .correct),
        row("03/relu-name", "leaky ReLU", .wrong),
        row("03/relu-name", "ReLU", .correct),
        row("03/relu-name", "the rectified linear unit", .correct),
        row("05/loss-name", "mean squared log error", .wrong),
        row("05/loss-name", "NLL loss", .correct),
        row("05/loss-name", "negative log-likelihood", .correct),
        row("05/loss-name", "cross entropy", .correct),
        row("05/adam-name", "AdaGrad", .wrong),
        row("05/adam-name", "Adam", .correct),
        row("05/adam-name", "AdamW", .correct),
        row("01/optimizer-block", "AdamW", .correct),
        row("01/optimizer-block", "the optimiser", .correct),
        row("06/test-set-name", "new training data", .wrong),
        row("06/test-set-name", "on the training set", .wrong),
        row("06/test-set-name", "a held-out test set", .correct),
        row("06/test-set-name", "new data it has never seen", .correct),
        row("08/finetune-name", "hyperparameter tuning", .wrong),
        row("08/finetune-name", "fine-tuning", .correct),
        row("08/finetune-name", "fine tuning", .correct),
        row("08/vanishing-name", "degradation problem", .correct),
        row("08/vanishing-name", "vanishing gradients", .wrong),
        row("09/gan-name", "adversarial examples", .wrong),
        row("09/gan-name", "a generative adversarial network", .correct),
        row("09/gan-name", "GANs", .correct),
        row("09/self-supervised-name", "unsupervised pre-training", .correct),
        row("09/self-supervised-name", "self-supervised learning", .correct),
        row("09/self-supervised-name", "supervised learning", .wrong),
        // Empty is a skip everywhere.
        row("own/six", "", .skipped),
        row("own/choice-seg", "   ", .skipped),
    ]

    /// `own/name` from the table above, `NN/id` from the bundled lesson NN (its review quiz,
    /// so `review-N` ids work too).
    static func question(_ name: String) -> Question? {
        let parts = name.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return nil }
        if parts[0] == "own" { return own[parts[1]] }
        guard let lesson = BundledLessons.lesson(parts[0]) else { return nil }
        let quiz = BundledLessons.quizzes.quiz(for: lesson.id)
        let all = (quiz?.questions ?? []) + ReviewQuiz.questions(for: lesson, quiz: quiz)
        return all.first { $0.id == parts[1] }
    }

    @Test("the table is large enough to pin every rule")
    func tableSize() {
        #expect(Self.rows.count >= 60, "only \(Self.rows.count) rows")
        let verdicts = Set(Self.rows.map(\.verdict))
        #expect(verdicts == [.correct, .wrong, .unreadable, .skipped])
    }

    @Test("each answer gets its verdict", arguments: rows)
    func verdict(_ row: Row) throws {
        let question = try #require(Self.question(row.question), "no question \(row.question)")
        let grade = Grader.grade(row.answer, for: question)
        #expect(grade.verdict == row.verdict, "\(row): \(grade.verdict), note \(grade.note ?? "-"), model answer \(grade.modelAnswer)")
        if row.verdict == .unreadable {
            #expect(grade.note?.isEmpty == false, "\(row): an unreadable reply must say what to type")
        }
    }
}
