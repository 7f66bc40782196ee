import Curriculum
import Foundation
import Testing

@Suite struct QuizFileTests {
    @Test func goodQuizHasEveryKind() throws {
        let (quiz, diagnostics) = QuizFile.load(url: FixtureFiles.quizzes.appendingPathComponent("shape-a-pooling.yaml"))
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let q = try #require(quiz)
        #expect(q.lesson == "shape-a-pooling")
        #expect(q.questions.map(\.id) == ["stride-meaning", "output-size", "output-shape", "pooling-keeps", "why-relu", "conv-arithmetic"])
        #expect(q.questions.map(\.line) == [3, 13, 19, 24, 31, 36])
        #expect(q.questions[0].kind == .choice(choices: ["It makes it larger", "It makes it smaller", "It leaves it unchanged"], answer: 2))
        #expect(q.questions[0].explain == "The window jumps further each step, so fewer positions fit.")
        #expect(q.questions[1].kind == .numeric(answer: 28, tolerance: 0))
        #expect(q.questions[2].kind == .shape([26, 26, 64]))
        #expect(q.questions[3].kind == .short(accept: ["the maximum", "the largest value", "max"], keywords: [["max", "maximum", "largest", "biggest", "highest"]]))
        #expect(q.questions[4].kind == .open(answer: "Without them, stacked layers collapse into one linear map."))
        #expect(q.questions[5].kind == .generated(.convOutputSize))
    }

    /// Without `tolerance`, half a unit in the answer's last written digit: 0.5 → 0.05, 0.833 → 0.0005.
    @Test func decimalAnswersGetADefaultTolerance() throws {
        let yaml = "lesson: x\nquestions:\n  - {id: a, kind: numeric, prompt: p, answer: 0.5}\n  - {id: b, kind: numeric, prompt: p, answer: 3, tolerance: 0.5}\n  - {id: c, kind: shape, prompt: p, answer: \"26x26x64\"}\n  - {id: d, kind: numeric, prompt: p, answer: 0.833}\n"
        let (quiz, diagnostics) = QuizFile.parse(text: yaml, path: "x.yaml")
        #expect(diagnostics.isEmpty)
        let kinds = try #require(quiz?.questions.map(\.kind))
        #expect(kinds.count == 4)
        guard kinds.count == 4, case .numeric(0.5, let half) = kinds[0], case .numeric(0.833, let third) = kinds[3] else { return }
        #expect(abs(half - 0.05) < 1e-12 && abs(third - 0.0005) < 1e-12)
        #expect(kinds[1] == .numeric(answer: 3, tolerance: 0.5) && kinds[2] == .shape([26, 26, 64]))
    }

    @Test func gridRejectListUnitHintAndReplacesAreRead() throws {
        let yaml = """
        lesson: x
        questions:
          - {id: g, kind: grid, prompt: p, answer: [[9, 6], [9, 9]], hint: look at each window}
          - {id: t, kind: grid, prompt: p, answer: "1 2; 3 4", tolerance: 0.1}
          - {id: s, kind: short, prompt: p, accept: [ReLU], keywords: [[relu]], reject: [leaky relu], replaces: [review-2]}
          - {id: n, kind: numeric, prompt: p, answer: 0.972, unit: fraction}
          - {id: bad, kind: grid, prompt: p, answer: [[1, 2], [3]]}
          - {id: badunit, kind: numeric, prompt: p, answer: 1, unit: furlongs}
        """
        let (quiz, diagnostics) = QuizFile.parse(text: yaml, path: "x.yaml")
        let q = try #require(quiz?.questions)
        #expect(q.map(\.id) == ["g", "t", "s", "n"])
        #expect(q[0].kind == .grid(rows: [[9, 6], [9, 9]], tolerance: 0) && q[0].hint == "look at each window")
        #expect(q[1].kind == .grid(rows: [[1, 2], [3, 4]], tolerance: 0.1))
        #expect(q[2].reject == ["leaky relu"] && q[2].replaces == ["review-2"])
        #expect(q[3].unit == .fraction)
        #expect(diagnostics.map(\.description) == [
            "x.yaml:7: grid question 'bad' needs 'answer' as rows of numbers of equal length, e.g. [[9, 6], [9, 9]] or \"9 6; 9 9\"",
            "x.yaml:8: unknown unit 'furlongs' in 'badunit' (expected percent or fraction)",
        ])
    }

    @Test func everyProblemHasItsLine() throws {
        let (quiz, diagnostics) = QuizFile.load(url: FixtureFiles.broken.appendingPathComponent("missing-answer.yaml"), path: "q.yaml")
        #expect(diagnostics.map(\.description) == [
            "q.yaml:2: unknown key 'colour' (expected lesson, questions)",
            "q.yaml:8: choice answer 4 is out of range 1-3 in 'pick'",
            "q.yaml:9: duplicate question id 'pick' (first used on line 4)",
            "q.yaml:13: question 'no-prompt' has no 'prompt'",
            "q.yaml:18: unknown generator 'conv-transpose-size' (expected conv-output-size, conv-dot-product, pool-output, pool-size, pool-values, param-count)",
            "q.yaml:23: key 'tolerance' does not apply to a short question ('extra')",
        ])
        // Broken questions are left out; the file still yields a quiz.
        #expect(quiz?.questions.isEmpty == true)
    }

    @Test(arguments: [
        ("lesson: x\nquestions:\n  - id: a\n    kind: numeric\n    prompt: \"open\n", 5, "YAML syntax error"),
        ("- just\n- a list\n", 1, "a quiz file is a mapping"),
        ("questions: []\n", 1, "missing 'lesson:'"),
        ("lesson: x\nquestions:\n  - id: a\n    kind: essay\n    prompt: p\n", 4, "unknown kind 'essay'"),
        ("lesson: x\nquestions:\n  - id: a\n    prompt: p\n", 3, "has no 'kind'"),
        ("lesson: x\nquestions:\n  - kind: open\n    prompt: p\n    answer: a\n", 3, "question has no 'id'"),
        ("lesson: x\nquestions:\n  - id: review-1\n    kind: open\n    prompt: p\n    answer: a\n", 3, "reserved"),
        ("lesson: x\nquestions:\n  - id: a\n    kind: choice\n    prompt: p\n    choices: [only]\n    answer: 1\n", 6, "at least two"),
        ("lesson: x\nquestions:\n  - id: a\n    kind: short\n    prompt: p\n", 3, "needs 'accept' or 'keywords'"),
        ("lesson: x\nquestions:\n  - id: a\n    kind: numeric\n    prompt: p\n    answer: lots\n", 6, "needs a number"),
        ("lesson: x\nquestions: 3\n", 2, "'questions' must be a list"),
        ("lesson: x\nquestions:\n  - id: a\n    kind: open\n    prompt: p\n", 3, "needs a model 'answer'"),
    ])
    func brokenFiles(yaml: String, line: Int, message: String) {
        let (_, diagnostics) = QuizFile.parse(text: yaml, path: "b.yaml")
        #expect(diagnostics.contains { $0.line == line && $0.message.contains(message) }, "\(diagnostics)")
    }
}

@Suite struct ReviewQuizTests {
    @Test func reviewQuizIsLessonQuestionsThenQuizFile() throws {
        let lessons = LessonLibrary(url: FixtureFiles.lessons)
        let quizzes = QuizLibrary(url: FixtureFiles.quizzes)
        #expect(quizzes.diagnostics.isEmpty)
        let lesson = try #require(lessons.lesson(id: "shape-a-pooling"))
        let items = ReviewQuiz.items(for: lesson, quiz: quizzes.quiz(for: lesson.id))
        #expect(items.map(\.key) == [
            "shape-a-pooling/review-1", "shape-a-pooling/review-2", "shape-a-pooling/review-3", "shape-a-pooling/review-4",
            "shape-a-pooling/review-5", "shape-a-pooling/stride-meaning", "shape-a-pooling/output-size", "shape-a-pooling/output-shape",
            "shape-a-pooling/pooling-keeps", "shape-a-pooling/why-relu", "shape-a-pooling/conv-arithmetic",
        ])
    }

    @Test func sessionGradesRecordsAndSummarises() throws {
        let questions = [
            Question(id: "c", prompt: "pick", kind: .choice(choices: ["xylophone", "yodel"], answer: 1)),
            Question(id: "o", prompt: "open", kind: .open(answer: "m")),
            Question(id: "g", prompt: "", kind: .generated(.paramCount)),
            Question(id: "n", prompt: "number", kind: .numeric(answer: 1, tolerance: 0)),
        ]
        var session = QuizSession(items: questions.map { QuizItem(lesson: "L", question: $0) }, seed: 5)
        // Generated questions are instantiated with a per-question seed.
        let generated = session.items[2].question
        if case .generated = generated.kind { Issue.record("not instantiated") }
        #expect(generated == Question(id: "g", prompt: "", kind: .generated(.paramCount)).instantiated(seed: 5 ^ SplitMix64.hash("L/g")))

        // Choices are shuffled: answered by the option's text.
        #expect(session.answer("xylophone").verdict == .correct)
        #expect(session.answer("my idea").verdict == .needsSelfGrade)
        #expect(session.position == 1)
        #expect(session.selfGrade("perhaps") == nil)
        #expect(session.selfGrade("n")?.verdict == .wrong)
        guard case .numeric(let value, _) = generated.kind else { Issue.record("\(generated.kind)"); return }
        #expect(session.answer(Question.format(value)).verdict == .correct)
        #expect(session.answer("").verdict == .skipped)
        #expect(session.isFinished)
        #expect(session.correctCount == 2)
        #expect(session.missed.map(\.item.question.id) == ["o", "n"])
        let now = Date(timeIntervalSince1970: 1_000_000)
        #expect(session.attempts(now: now) == ["L": QuizAttempt(date: now, correct: 2, total: 4, asked: 4, missed: ["o", "n"])])
    }
}
