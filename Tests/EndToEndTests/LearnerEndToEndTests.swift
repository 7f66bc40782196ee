import Foundation
import Testing
import TestSupport

/// A learner's session in a real terminal (tmux): read a lesson, take its quiz, see the score,
/// and find the attempt in `tutor progress` afterwards. Uses the fixture lessons, so the test
/// does not depend on the wording of the bundled ones (one smoke run covers those).
@Suite(.serialized)
struct LearnerEndToEndTests {
    struct Setup {
        let tutor: URL
        let fixture: URL
        let home: URL
        var lessons: String { fixture.appendingPathComponent("lessons").path }

        /// A shell command line running the tutor with a private TUTOR_HOME, then printing its exit status.
        func command(_ arguments: String, environment: String = "TERM=xterm-256color LANG=C.UTF-8") -> String {
            "env \(environment) TUTOR_HOME=\(home.path) \(tutor.path) \(arguments); echo \"EXIT=$?\"; sleep 600"
        }

        /// Runs a plain command and returns its standard output.
        func plain(_ arguments: [String]) throws -> (output: String, status: Int32) {
            let process = Process()
            process.executableURL = tutor
            process.arguments = arguments
            var environment = ProcessInfo.processInfo.environment
            environment["TUTOR_HOME"] = home.path
            process.environment = environment
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (String(decoding: data, as: UTF8.self), process.terminationStatus)
        }
    }

    func setUp() throws -> Setup {
        let tutor = try #require(BuiltTutor.url, "the tutor executable is not built next to the tests")
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-home-\(UUID().uuidString.prefix(8))")
        return Setup(tutor: tutor, fixture: try LearnerFixture.write(), home: home)
    }

    @Test func readALessonTakeItsQuizAndFindTheAttemptInProgress() throws {
        let setup = try setUp()
        let tmux = try TmuxSession(width: 100, height: 30, command: setup.command("--lessons \(setup.lessons)"))
        try tmux.waitFor("Fixture Filters")
        // Open the first lesson (selected on a first run), switch to Keypoint, read to its end.
        try tmux.send("Enter")
        try tmux.waitFor("[1 Preview")
        try tmux.send("3")
        try tmux.waitFor("[3 Keypoint]")
        try tmux.send("G")
        let end = try tmux.waitFor("KEYPOINT-END marks the last line.")
        #expect(end.contains("End"))
        try tmux.waitFor("[3 Keypoint ✓]")
        // Start the quiz from Review.
        try tmux.send("4")
        try tmux.waitFor("[4 Review")
        try tmux.send("t")
        try tmux.waitFor("Question 1 of 2")
        // The options are the last thing drawn: wait for them, not for the heading.
        let first = try tmux.waitFor("One feature map")
        // Options are shuffled per attempt: press the letter shown beside the right one.
        try tmux.send(try #require(Self.letter(of: "One feature map", in: first), "no option in:\n\(first)"))
        let right = try tmux.waitFor("Right.")
        #expect(right.contains(") One feature map"))
        #expect(right.contains("Why: It is applied at every position"))
        try tmux.send("Enter")
        try tmux.waitFor("Question 2 of 2")
        try tmux.send("27", literal: true)
        try tmux.send("Enter")
        // A first miss: a hint and one more try.
        let hint = try tmux.waitFor("Not quite. Hint:")
        #expect(hint.contains("One more try: right now counts half."))
        try tmux.send("27", literal: true)
        try tmux.send("Enter")
        let wrong = try tmux.waitFor("Wrong.")
        #expect(wrong.contains("Your answer: 27"))
        #expect(wrong.contains("Answer: 28"))
        #expect(wrong.contains("Why: (32 - 5 + 0) / 1 + 1 = 28"))
        try tmux.send("Enter")
        let score = try tmux.waitFor("Score: 1 of 2 right (50%)")
        #expect(score.contains("Saved to your progress: 2 answers and this attempt."))
        #expect(score.contains("Best so far: 1/2"))
        // Back out: quiz, reader, home (which now shows the score), quit.
        try tmux.send("q")
        try tmux.waitFor("[4 Review")
        try tmux.send("q")
        let home = try tmux.waitFor("continue: Review")
        #expect(home.contains("P . K R   1/2"))
        try tmux.send("q")
        try tmux.waitFor("EXIT=0")

        let progress = try setup.plain(["progress", "--lessons", setup.lessons])
        #expect(progress.status == 0)
        let row = try #require(progress.output.split(separator: "\n").first { $0.hasPrefix("01-fixture-filters") }, "no row in:\n\(progress.output)")
        #expect(row.split(separator: " ").map(String.init) == ["01-fixture-filters", "P.KR", "1", "1/2", "1/2", "1"], "row: \(row)")
        #expect(progress.output.contains("Continue: 01-fixture-filters, Review"))
    }

    /// The letter (`a`, `b`, …) the quiz shows beside the option whose text contains `text`.
    static func letter(of text: String, in screen: String) -> String? {
        guard let line = screen.split(separator: "\n").first(where: { $0.contains(text) }),
              let paren = line.range(of: ") ") else { return nil }
        let before = line[..<paren.lowerBound].trimmingCharacters(in: .whitespaces)
        return before.last.map(String.init)
    }

    /// Answers two of lesson 2's three questions in the quiz screen, then ends the tutor with
    /// `end` (given the tutor's pid); `tutor progress` must then show the partial attempt.
    func answerTwoThenEnd(_ end: (TmuxSession, Int32) throws -> Void) throws {
        let setup = try setUp()
        let pidFile = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-\(UUID().uuidString).pid")
        let command = "env TERM=xterm-256color LANG=C.UTF-8 TUTOR_HOME=\(setup.home.path) sh -c 'echo $$ > \(pidFile.path); "
            + "exec \(setup.tutor.path) quiz fixture-shapes --lessons \(setup.lessons)'; echo \"EXIT=$?\"; sleep 600"
        let tmux = try TmuxSession(width: 100, height: 30, command: command)
        try tmux.waitFor("Question 1 of 3")
        try tmux.send("it has to fit", literal: true)
        try tmux.send("Enter")
        try tmux.waitFor("Did you get it right?")
        try tmux.send("y")
        try tmux.waitFor("Right.")
        try tmux.send("Enter")
        try tmux.waitFor("Question 2 of 3")
        try tmux.send("26x26x64", literal: true)
        try tmux.send("Enter")
        try tmux.waitFor("Right.")
        let pidText = try String(contentsOf: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        try end(tmux, try #require(Int32(pidText)))
        try tmux.waitFor("EXIT=")

        let progress = try setup.plain(["progress", "--lessons", setup.lessons])
        #expect(progress.status == 0)
        let row = try #require(progress.output.split(separator: "\n").first { $0.hasPrefix("02-fixture-shapes ") }, "no row in:\n\(progress.output)")
        #expect(row.split(separator: " ").map(String.init).prefix(5) == ["02-fixture-shapes", "....", "1", "2/2", "2/2"], "row: \(row)")
        #expect(progress.output.contains("02-fixture-shapes: the last quiz ended early, 2 of 3 answered (2/2 right)"), "\(progress.output)")
    }

    @Test func controlCInTheQuizKeepsThePartialAttempt() throws {
        try answerTwoThenEnd { tmux, _ in try tmux.send("C-c") }
    }

    @Test func sigtermInTheQuizKeepsThePartialAttempt() throws {
        try answerTwoThenEnd { _, pid in #expect(kill(pid, SIGTERM) == 0) }
    }

    @Test func deepLinksOpenTheReaderAndTheQuiz() throws {
        let setup = try setUp()
        let reader = try TmuxSession(width: 80, height: 24, command: setup.command("lesson 02 --section keypoint --lessons \(setup.lessons)"))
        let screen = try reader.waitFor("[3 Keypoint")
        #expect(screen.contains("Lesson 2: Fixture Shapes"))
        #expect(screen.contains("Shapes shrink by the kernel size minus one."))
        try reader.send("q")
        try reader.waitFor("Labs")
        try reader.send("q")
        try reader.waitFor("EXIT=0")

        let quiz = try TmuxSession(width: 80, height: 24, command: setup.command("quiz fixture-filters --lessons \(setup.lessons)"))
        try quiz.waitFor("Question 1 of 2")
        try quiz.send("Escape")
        try quiz.waitFor("Leave this quiz?")
        try quiz.send("y")
        try quiz.waitFor("quiz left; nothing was answered")
        try quiz.send("q")
        try quiz.waitFor("EXIT=0")

        let bad = try setup.plain(["lesson", "no-such-lesson", "--lessons", setup.lessons])
        #expect(bad.status == 1)
        #expect(bad.output.contains("no lesson 'no-such-lesson'"))
        let badSection = try setup.plain(["lesson", "1", "--section", "appendix", "--lessons", setup.lessons])
        #expect(badSection.status == 2)
        #expect(badSection.output.contains("--section must be preview, explain, keypoint or review (got 'appendix')"))
    }

    @Test func asciiWithoutColourReadsTheSameAndDrawsNoUnicode() throws {
        let setup = try setUp()
        let tmux = try TmuxSession(width: 80, height: 24, command: setup.command("--ascii --lessons \(setup.lessons)", environment: "TERM=xterm-256color LANG=C.UTF-8 NO_COLOR=1"))
        var screens = [try tmux.waitFor("Fixture Filters")]
        try tmux.send("Enter")
        try tmux.send("2")
        screens.append(try tmux.waitFor("[2 Explain"))
        try tmux.send("t")
        try tmux.waitFor("Question 1 of 2")
        // Options are shuffled: press a letter that is not the right one's.
        let right = Self.letter(of: "One feature map", in: try tmux.waitFor("One feature map"))
        try tmux.send(right == "a" ? "b" : "a")
        screens.append(try tmux.waitFor("Wrong."))
        for screen in screens {
            let nonASCII = screen.unicodeScalars.filter { !$0.isASCII }
            #expect(nonASCII.isEmpty, "non-ASCII on an --ascii screen: \(String(String.UnicodeScalarView(nonASCII)))\n\(screen)")
        }
        #expect(screens[1].contains("- The first point is a long line"))
        #expect(screens[2].contains("x Wrong."))
        try tmux.send("Escape")
        try tmux.send("y")
        try tmux.send("q")
        try tmux.send("q")
        try tmux.waitFor("EXIT=0")
    }

    /// The bundled lessons open, show their sections and their quiz (whatever their wording).
    @Test func smokeRunOnTheBundledLessons() throws {
        let setup = try setUp()
        let tmux = try TmuxSession(width: 100, height: 30, command: setup.command(""))
        let home = try tmux.waitFor("Labs")
        #expect(home.contains("1.  "), "the bundled lessons are listed:\n\(home)")
        try tmux.send("Enter")
        try tmux.waitFor("[1 Preview")
        try tmux.send("Tab")
        try tmux.waitFor("[2 Explain")
        try tmux.send("Space")
        try tmux.waitUntil("scrolled") { $0.contains("lines ") && !$0.contains("Top") }
        try tmux.send("t")
        try tmux.waitFor("Question 1 of")
        try tmux.send("Escape")
        try tmux.send("y")
        try tmux.waitFor("[2 Explain")
        try tmux.send("q")
        try tmux.send("q")
        try tmux.waitFor("EXIT=0")
    }

    /// The time to the first frame (the home screen listing lessons), for the record.
    @Test func firstFrameTime() throws {
        let setup = try setUp()
        let times = try FirstFrameTimer.measure(command: setup.command("--lessons \(setup.lessons)"), until: "Fixture Filters", runs: 3)
        let median = FirstFrameTimer.median(times)
        print("first frame (debug build, tmux start included): median \(String(format: "%.3f", median)) s of \(times.map { String(format: "%.3f", $0) })")
        #expect(median < 5, "the first frame took \(median) s")
    }
}
