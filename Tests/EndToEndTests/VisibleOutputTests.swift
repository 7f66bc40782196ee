import Foundation
import Testing
import TestSupport

/// Text from lesson, quiz and progress files never drives the terminal: plain commands show
/// control characters visibly (`^[`) and never write an escape byte (issue 14).
struct VisibleOutputTests {
    func fixture() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-visible-\(UUID().uuidString)")
        let lessons = dir.appendingPathComponent("lessons"), quizzes = dir.appendingPathComponent("quizzes")
        try FileManager.default.createDirectory(at: lessons, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: quizzes, withIntermediateDirectories: true)
        let lesson = "# Evil\n\n## Preview\n\nText \u{1B}[2J here.\n\n## Explain\n\nMore.\n\n## Keypoint\n\nK.\n\n## Review\n\n- What? Yes.\n"
        try Data(lesson.utf8).write(to: lessons.appendingPathComponent("evil.md"))
        try Data(lesson.utf8).write(to: lessons.appendingPathComponent("name\u{1B}]0;title\u{07}.md"))
        let quiz = """
        lesson: evil
        questions:
          - id: q1
            kind: choice
            prompt: "Pick \\e]52;c;SGVsbG8=\\a one"
            choices: ["a \\e[2J", "b"]
            answer: 1

        """
        try Data(quiz.utf8).write(to: quizzes.appendingPathComponent("evil.yaml"))
        return dir
    }

    @Test func quizLessonsAndCheckShowEscapesVisibly() throws {
        let dir = try fixture()
        defer { try? FileManager.default.removeItem(at: dir) }
        let env = ["TUTOR_HOME": dir.appendingPathComponent("home").path]
        let content = ["--lessons", dir.appendingPathComponent("lessons").path, "--quizzes", dir.appendingPathComponent("quizzes").path]
        let quiz = try TutorBinary.run(["quiz", "evil", "--plain"] + content, environment: env)
        #expect(quiz.stdout.contains("Pick ^[]52;c;SGVsbG8=^G one"), "\(quiz.stdout)")
        #expect(quiz.stdout.contains(") a ^[[2J"), "the option (at whatever letter the shuffle gives it) shows its escape visibly")
        let lessons = try TutorBinary.run(["lessons", "--lessons", dir.appendingPathComponent("lessons").path], environment: env)
        #expect(lessons.stdout.contains("name^[]0;title^G"), "\(lessons.stdout)")
        let check = try TutorBinary.run(["check", dir.appendingPathComponent("lessons").path], environment: env)
        for run in [quiz, lessons, check] {
            #expect(!(run.stdout + run.stderr).unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{07}" })
        }
    }

    @Test func importedIdsWithControlCharactersAreDroppedAndSaid() throws {
        let dir = try fixture()
        defer { try? FileManager.default.removeItem(at: dir) }
        let env = ["TUTOR_HOME": dir.appendingPathComponent("home").path]
        let file = dir.appendingPathComponent("import.json")
        let json = """
        {"version": 1, "lessons": {}, "reviews": {
          "evil/q\\u001b]0;x\\u0007": {"box": 2, "due": "2027-01-01T00:00:00Z", "lastReviewed": "2027-01-01T00:00:00Z", "timesCorrect": 9223372036854775807, "timesWrong": 0},
          "evil/q1": {"box": 99, "due": "2027-01-01T00:00:00Z", "lastReviewed": "2027-01-01T00:00:00Z", "timesCorrect": 9223372036854775807, "timesWrong": 0}}}
        """
        try Data(json.utf8).write(to: file)
        let imported = try TutorBinary.run(["progress", "--import", file.path], environment: env)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("it now holds 0 lessons, 1 review state, 0 attempts"), "\(imported.stdout)")
        #expect(imported.stderr.contains("reviews.*.box: values clamped to 1...5"), "\(imported.stderr)")
        #expect(imported.stderr.contains("reviews.*.timesCorrect: values clamped"))
        #expect(imported.stderr.contains("reviews: ids dropped"))
        let shown = try TutorBinary.run(["progress"], environment: env)
        #expect(shown.status == 0)
        #expect(!(shown.stdout + shown.stderr).contains("\u{1B}"))
    }
}
