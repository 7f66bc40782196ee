import Curriculum
import Foundation
import Testing
import TestSupport

/// The plain commands, run as the built `tutor` binary with pipes, as a user or script would.
@Suite(.serialized) struct CommandTests {
    let binary: URL?
    let lessonArgs = ["--lessons", FixtureFiles.lessons.path, "--quizzes", FixtureFiles.quizzes.path]

    init() { binary = CurriculumTestSupport.tutorBinary() }

    func tutor(_ args: [String], input: String = "", home: URL) throws -> CurriculumTestSupport.Run {
        let binary = try #require(binary, "build the tutor binary first (swift build)")
        return try CurriculumTestSupport.run(binary, args, input: Data(input.utf8), environment: ["TUTOR_HOME": home.path, "COLUMNS": "80"])
    }

    /// The exact answer to the generated question the quiz will ask with this seed.
    func generatedAnswer(seed: UInt64) throws -> String {
        let lessons = LessonLibrary(url: FixtureFiles.lessons)
        let lesson = try #require(lessons.lesson(id: "shape-a-pooling"))
        let session = QuizSession(items: ReviewQuiz.items(for: lesson, quiz: QuizLibrary(url: FixtureFiles.quizzes).quiz(for: lesson.id)), seed: seed)
        guard case .numeric(let value, _)? = session.items.last?.question.kind else { throw CancellationError() }
        return Question.format(value)
    }

    @Test func plainQuizThroughAPipeScoresAndSaves() throws {
        let home = try CurriculumTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: home) }
        let answers = [
            "the largest one", "y",   // review-1, open, self-graded right
            "3 x 3",                   // review-2, shape
            "0",                       // review-3, numeric
            "",                        // review-4, open, skipped
            "no idea", "n",            // review-5, open, self-graded wrong
            "c",                       // stride-meaning, choice, wrong
            "28.0",                    // output-size
            "(26, 26, 64)",            // output-shape
            "the maximun",             // pooling-keeps, a typo
            "linear maps", "yes",      // why-relu, open
            try generatedAnswer(seed: 3),
        ].joined(separator: "\n") + "\n"
        let run = try tutor(["quiz", "shape-a-pooling", "--plain", "--seed", "3"] + lessonArgs, input: answers, home: home)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty, "\(run.stderr)")
        #expect(run.stdout.contains("Question 11 of 11 (numeric)"))
        #expect(run.stdout.contains("Accepted, though spelled differently: the maximum"))
        #expect(run.stdout.contains("Why: The window jumps further each step, so fewer positions fit."))
        let tail = run.stdout.components(separatedBy: "\nScore: ").last ?? ""
        #expect(tail.hasPrefix("8/11\nMissed:\n  review-4: Name two reasons to use pooling.\n  review-5: List the steps"), "\(tail)")
        #expect(tail.contains("  stride-meaning: What does a larger stride do to the output feature map?"))
        #expect(!run.stdout.contains("\u{1B}"), "no escape codes in plain output")

        let data = try ProgressStore(directory: home).load(now: Date()).data
        let attempt = try #require(data.lesson("shape-a-pooling").attempts.first)
        #expect((attempt.correct, attempt.total, attempt.asked) == (8, 11, 11))
        #expect(attempt.missed == ["review-4", "review-5", "stride-meaning"])
        #expect(data.reviews["shape-a-pooling/review-5"]?.timesWrong == 1)
        #expect(data.reviews["shape-a-pooling/review-4"] == nil, "a skip is not a miss")
        #expect(data.reviews.count == 10)

        // The misses are due now: `tutor quiz` without a lesson asks exactly them.
        // Options are shuffled per attempt: the choice is answered by its text.
        let review = try tutor(["quiz", "--plain"] + lessonArgs, input: "idea\ny\nit makes it smaller\n", home: home)
        #expect(review.status == 0, "\(review.stderr)")
        #expect(review.stdout.hasPrefix("Spaced review: 2 questions."))
        #expect(review.stdout.contains("From the lesson: "), "the review names each question's lesson")
        #expect(review.stdout.contains("Score: 2/2"))
        let reviewedData = try ProgressStore(directory: home).load(now: Date()).data
        let reviewed = reviewedData.lesson("shape-a-pooling")
        #expect(reviewed.attempts.count == 1, "a review session is not the lesson's attempt")
        #expect(reviewed.best?.correct == 8 && reviewed.last?.correct == 8, "best and last come from the lesson's quiz only")
        let session = try #require(reviewedData.reviewSessions.first)
        #expect(reviewedData.reviewSessions.count == 1)
        #expect((session.correct, session.total, session.asked, session.lessons) == (2, 2, 2, ["shape-a-pooling"]))
        let after = try tutor(["quiz", "--plain"] + lessonArgs, home: home)
        #expect(after.stdout.hasPrefix("Nothing is due for review. Next review: "))

        let progress = try tutor(["progress"] + lessonArgs, home: home)
        #expect(progress.stdout.contains("shape-a-pooling"))
        #expect(progress.stdout.contains("8/11"))
        #expect(progress.stdout.contains("Review sessions: 1"))
        #expect(progress.stdout.contains("2/2  from shape-a-pooling"), "\(progress.stdout)")
    }

    @Test func endOfInputEndsCleanlyAndSavesWhatWasAnswered() throws {
        let home = try CurriculumTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: home) }
        // Three answers, then EOF in the middle of the fourth question's self-grade prompt… of
        // an open question: review-4 asks for y/n after "guess".
        let run = try tutor(["quiz", "shape-a", "--plain", "--seed", "1"] + lessonArgs, input: "big\ny\n3x3\n0\nguess\n", home: home)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Input ended after 3 of 11 questions.\nScore: 3/3\n"), "\(run.stdout)")
        let attempt = try ProgressStore(directory: home).load(now: Date()).data.lesson("shape-a-pooling").attempts
        #expect(attempt.map(\.total) == [3])
        let empty = try tutor(["quiz", "shape-a", "--plain"] + lessonArgs, input: "", home: home)
        #expect(empty.stdout.contains("Score: 0/0\nNothing answered, nothing saved."))
    }

    @Test func checkReportsBrokenFilesWithPathAndLine() throws {
        let home = try CurriculumTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: home) }
        let binary = try #require(binary)
        let run = try CurriculumTestSupport.run(binary, ["check", "broken", "--lessons", "lessons"], environment: ["TUTOR_HOME": home.path],
                                                directory: FixtureFiles.root)
        #expect(run.status == 1)
        // Every file read is listed first, then one `path:line: message` per problem.
        #expect(run.stdout == """
        read broken/bad-lab.md: lesson 'bad-lab', shape A, 1 review question
        read broken/missing-answer.md: lesson 'missing-answer', shape A, 3 review questions
        read broken/no-shape.md: lesson 'no-shape', shape ?, 0 review questions
        read broken/bad-syntax.yaml: a quiz file that could not be read (its problems follow)
        read broken/missing-answer.yaml: quiz for 'missing-answer', 0 questions
        read broken/no-such-lesson.yaml: quiz for 'no-such-lesson', 1 question
        broken/bad-lab.md:8: unknown lab kind 'microscope' (expected convolution, pooling, network, training, gradient)
        broken/bad-lab.md:12: bad convolution lab setting stride=two: expected a whole number from 1 to 4
        broken/bad-syntax.yaml:5: YAML syntax error: found unexpected end of stream (while scanning a quoted scalar that starts here)
        broken/missing-answer.md:14: review question has no 'Answer:' line: What is padding?
        broken/missing-answer.yaml:2: unknown key 'colour' (expected lesson, questions)
        broken/missing-answer.yaml:8: choice answer 4 is out of range 1-3 in 'pick'
        broken/missing-answer.yaml:9: duplicate question id 'pick' (first used on line 4)
        broken/missing-answer.yaml:13: question 'no-prompt' has no 'prompt'
        broken/missing-answer.yaml:18: unknown generator 'conv-transpose-size' (expected conv-output-size, conv-dot-product, pool-output, pool-size, pool-values, param-count)
        broken/missing-answer.yaml:23: key 'tolerance' does not apply to a short question ('extra')
        broken/no-shape.md:1: fits no lesson shape, so everything is under Explain: no Preview/Explain/Keypoint/Review headings (A), no FAQ section (B), no question bullets ending in '?' (C), no numbered headings like '## 1.' (D)
        broken/no-such-lesson.yaml:1: lesson 'no-such-lesson' names no lesson

        """)
        #expect(run.stderr == "tutor: 12 problems found\n")

        let good = try CurriculumTestSupport.run(binary, ["check", "lessons", "quizzes/shape-a-pooling.yaml"], environment: ["TUTOR_HOME": home.path],
                                                 directory: FixtureFiles.root)
        #expect(good.status == 0, "\(good.stdout)")
        #expect(good.stdout == """
        read lessons/shape-a-pooling.md: lesson 'shape-a-pooling', shape A, 5 review questions
        read lessons/shape-b-pooling-article.markdown: lesson 'shape-b-pooling-article', shape B, 4 review questions
        read lessons/shape-c-activation-notes.txt: lesson 'shape-c-activation-notes', shape C, 5 review questions
        read lessons/shape-d-convolution-guide.md: lesson 'shape-d-convolution-guide', shape D, 0 review questions + 4 made from notes
        read quizzes/shape-a-pooling.yaml: quiz for 'shape-a-pooling', 6 questions
        4 lessons (14 review questions) and 1 quiz (6 questions): no problems found

        """)

        let missing = try CurriculumTestSupport.run(binary, ["check", "nowhere.md"], environment: ["TUTOR_HOME": home.path], directory: FixtureFiles.root)
        #expect(missing.status == 1)
        #expect(missing.stdout == "nowhere.md:0: no such file or folder\n")
    }

    @Test func showLessonsAndBadInput() throws {
        let home = try CurriculumTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: home) }
        let show = try tutor(["show", "shape-d", "--section", "keypoint", "--width", "40", "--ascii"] + lessonArgs, home: home)
        #expect(show.status == 0)
        #expect(show.stdout == """
        Convolution for Beginners
        =========================

        KEYPOINT
        --------

        - Matrices: a grid of numbers with rows
          and columns.
        - Dot product: multiply matching entries
          and add them up.
        - Stride: how many pixels the kernel
          moves each step.
        - Padding: extra zeros around the border
          so the kernel can reach the edges.

        """)
        // Without --width and with stdout piped: 80 columns.
        let wide = try tutor(["show", "#1"] + lessonArgs, home: home)
        #expect(wide.stdout.split(separator: "\n").allSatisfy { DisplayWidth.of(String($0)) <= 80 })
        #expect(wide.stdout.contains("press Enter to open this in the pooling lab"))

        let lessons = try tutor(["lessons"] + lessonArgs, home: home)
        #expect(lessons.status == 0)
        let rows = lessons.stdout.split(separator: "\n")
        #expect(rows.count == 5)
        #expect(rows[1].hasPrefix("shape-a-pooling") && rows[1].contains("Pooling Layers") && rows[1].contains(" A ") && rows[1].contains("5+6"))
        #expect(rows[4].contains(" D ") && rows[4].contains("0/4 read"))

        for (args, status, message) in [
            (["show", "nope"], Int32(1), "tutor: no lesson 'nope'"),
            (["show", "#1", "--section", "summary"], 2, "tutor: --section must be preview, explain, keypoint or review (got 'summary')"),
            (["show", "#1", "--width", "3"], 2, "tutor: --width must be between 10 and 1000 (got 3)"),
            (["quiz", "nope", "--plain"], 1, "tutor: no lesson 'nope'"),
            (["progress", "--reset-all", "--export", "x.json"], 2, "tutor: use only one of --reset, --reset-all, --export, --import"),
            (["progress", "--reset", "shape-b"], 1, "tutor: no progress recorded for lesson 'shape-b'"),
            (["progress", "--import", "/nonexistent/file.json"], 1, "tutor: /nonexistent/file.json: not a progress file: cannot read the file"),
        ] {
            let run = try tutor(args + lessonArgs, home: home)
            #expect(run.status == status, "\(args): \(run.status) \(run.stderr)")
            #expect(run.stderr.hasPrefix(message) && run.stderr.split(separator: "\n").count == 1, "\(args): \(run.stderr)")
        }
        let noLessons = try tutor(["lessons", "--lessons", home.path], home: home)
        #expect(noLessons.status == 1)
        #expect(noLessons.stderr == "tutor: no lessons (.md, .markdown, .txt) in \(home.path)\n")
    }

    @Test func progressResetExportImport() throws {
        let home = try CurriculumTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: home) }
        _ = try tutor(["quiz", "shape-a", "--plain", "--seed", "2"] + lessonArgs, input: "x\nn\n3x3\n", home: home)
        let export = home.appendingPathComponent("saved.json")
        let exported = try tutor(["progress", "--export", export.path], home: home)
        // The line counts what was written.
        #expect(exported.status == 0 && exported.stdout.hasPrefix("Progress exported to \(export.path) (1 lesson, "), "\(exported.stdout)")
        let reset = try tutor(["progress", "--reset", "shape-a"] + lessonArgs, home: home)
        #expect(reset.status == 0 && reset.stdout == "Progress for shape-a-pooling reset.\n", "\(reset.stderr)")
        #expect(try ProgressStore(directory: home).load(now: Date()).data == ProgressData())
        let imported = try tutor(["progress", "--import", export.path], home: home)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(try ProgressStore(directory: home).load(now: Date()).data.lesson("shape-a-pooling").attempts.count == 1)
        let all = try tutor(["progress", "--reset-all"], home: home)
        #expect(all.stdout == "All progress reset.\n")
        // A corrupt file is moved aside with one warning line, and the command still works.
        try Data("garbage".utf8).write(to: home.appendingPathComponent("progress.json"))
        let shown = try tutor(["progress"] + lessonArgs, home: home)
        #expect(shown.status == 0)
        #expect(shown.stderr.hasPrefix("tutor: warning: progress file ") && shown.stderr.contains("progress.json.corrupt-"))
        #expect(shown.stdout.contains("No progress yet."))
    }

    @Test func aQuizWhoseSavesFailSaysSoAndExitsOne() throws {
        let home = try CurriculumTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: home) }
        // Progress reads fine (no file yet), but every save fails: the lock cannot be opened.
        try FileManager.default.createDirectory(at: home.appendingPathComponent("progress.lock"), withIntermediateDirectories: true)
        let run = try tutor(["quiz", "shape-a", "--plain", "--seed", "1"] + lessonArgs, input: "big\ny\n3x3\n0\nguess\n", home: home)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(!run.stdout.contains("Saved "), "\(run.stdout)")
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 2, "\(run.stderr)")
        #expect(lines.first?.contains("answers from here on are not saved") == true)
        #expect(lines.last?.hasPrefix("tutor: ") == true && lines.last?.hasSuffix("none was saved") == true, "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: home.appendingPathComponent("progress.json").path))
    }
}
