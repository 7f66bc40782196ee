import Curriculum
import Foundation
import Testing
import TestSupport

@Suite struct ProgressStoreTests {
    /// A store in a fresh folder (or `below` a path inside it), the folder removed after `body`.
    private func withStore(below path: String? = nil, _ body: (ProgressStore, URL) throws -> Void) throws {
        let dir = try CurriculumTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try body(ProgressStore(directory: path.map { dir.appendingPathComponent($0) } ?? dir), dir)
    }

    let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    func day(_ n: Double) -> Date { t0.addingTimeInterval(n * 86_400) }

    @Test func defaultDirectoryFollowsTheEnvironment() {
        #expect(ProgressStore.defaultDirectory(environment: ["TUTOR_HOME": "/t", "XDG_STATE_HOME": "/x", "HOME": "/h"]).path == "/t")
        #expect(ProgressStore.defaultDirectory(environment: ["XDG_STATE_HOME": "/x", "HOME": "/h"]).path == "/x/cnn-tutor")
        #expect(ProgressStore.defaultDirectory(environment: ["TUTOR_HOME": "", "HOME": "/h"]).path == "/h/.local/state/cnn-tutor")
    }

    @Test func roundTrip() throws {
        try withStore(below: "nested/state") { store, dir in
            #expect(try store.load(now: t0).data == ProgressData())
            try store.markRead(lesson: "a", section: .explain, now: t0)
            try store.markRead(lesson: "a", section: .preview, now: t0)
            try store.recordOpened(lesson: "a", section: .keypoint, now: day(1))
            try store.recordAnswer(lesson: "a", question: "q1", verdict: .correct, now: t0)
            try store.recordAnswer(lesson: "a", question: "q2", verdict: .wrong, now: t0)
            try store.recordAnswer(lesson: "a", question: "q3", verdict: .skipped, now: t0)
            let attempt = QuizAttempt(date: t0, correct: 1, total: 3, asked: 3, missed: ["q2", "q3"])
            try store.recordAttempt(lesson: "a", attempt: attempt, now: t0)

            let snapshot = try ProgressStore(directory: store.directory).load(now: day(2))
            #expect(snapshot.warnings.isEmpty)
            let data = snapshot.data
            #expect(data.version == 1)
            #expect(data.lesson("a").sectionsRead == [.preview, .explain])
            #expect(data.lesson("a").attempts == [attempt])
            #expect(data.lesson("a").best == attempt)
            #expect(data.last == Position(lesson: "a", section: .keypoint, date: day(1)))
            #expect(data.reviews["a/q1"] == ReviewState(box: 1, due: day(1), lastReviewed: t0, timesCorrect: 1))
            #expect(data.reviews["a/q2"] == ReviewState(box: 1, due: t0, lastReviewed: t0, timesWrong: 1))
            #expect(data.reviews["a/q3"] == nil)
            // The file says what it is.
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: store.fileURL)) as? [String: Any]
            #expect(json?["version"] as? Int == 1)
        }
    }

    @Test func leitnerBoxesSpaceRightAnswersAndBringMissesBack() throws {
        var state: ReviewState?
        var expectedDue = t0
        for (n, days) in [1.0, 2, 4, 8, 16, 16].enumerated() {
            let now = expectedDue
            state = ReviewState.after(state, verdict: .correct, now: now)
            expectedDue = now.addingTimeInterval(days * 86_400)
            #expect(state?.box == min(5, n + 1), "answer \(n + 1)")
            #expect(state?.due == expectedDue, "answer \(n + 1)")
        }
        state = ReviewState.after(state, verdict: .wrong, now: day(100))
        #expect(state?.box == 1)
        #expect(state?.due == day(100))
        #expect(ReviewState.after(state, verdict: .skipped, now: day(200)) == state)

        let data = ProgressData(reviews: ["a/x": ReviewState(due: day(3), lastReviewed: t0), "b/y": ReviewState(due: day(1), lastReviewed: t0),
                                          "a/z": ReviewState(due: day(9), lastReviewed: t0)])
        #expect(data.due(at: day(5)) == ["b/y", "a/x"])
        #expect(data.dueCount(lesson: "a", at: day(5)) == 1)
    }

    @Test func corruptFileIsMovedAsideWithAWarning() throws {
        try withStore { store, dir in
            let garbage = Data("{\"version\": 1, \"lessons\": [oops".utf8)
            try garbage.write(to: store.fileURL)
            let snapshot = try store.update(now: t0) { $0.lessons["a"] = LessonProgress(sectionsRead: [.review]) }
            #expect(snapshot.warnings.count == 1)
            #expect(snapshot.warnings.first?.contains("progress.json.corrupt-20270115-") == true, "\(snapshot.warnings)")
            let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
            let aside = try #require(names.first { $0.hasPrefix("progress.json.corrupt-") })
            #expect(try Data(contentsOf: dir.appendingPathComponent(aside)) == garbage)
            #expect(try store.load(now: t0).data.lesson("a").sectionsRead == [.review])
            // A second corrupt file in the same second does not overwrite the first one aside.
            try Data("not json".utf8).write(to: store.fileURL)
            _ = try store.load(now: t0)
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix("progress.json.corrupt-") }.count == 2)
        }
    }

    @Test func aMinimalFileIsNotDamage() throws {
        try withStore { store, dir in
            try Data("{\"version\": 1}".utf8).write(to: store.fileURL)
            let snapshot = try store.load(now: t0)
            #expect(snapshot.warnings.isEmpty)
            #expect(snapshot.data == ProgressData())
            // An attempt written before `spacedReview` existed still reads.
            try Data(#"{"version":1,"lessons":{"a":{"attempts":[{"date":"2027-01-15T08:00:00Z","correct":1,"total":2}]}}}"#.utf8).write(to: store.fileURL)
            let attempt = try #require(try store.load(now: t0).data.lesson("a").attempts.first)
            #expect((attempt.correct, attempt.total, attempt.asked, attempt.spacedReview) == (1, 2, 2, false))
        }
    }

    @Test func newerFormatIsLeftAlone() throws {
        try withStore { store, dir in
            let newer = Data("{\"version\": 2, \"something\": true}".utf8)
            try newer.write(to: store.fileURL)
            #expect(throws: ProgressError.newerFormat(path: store.fileURL.path, version: 2)) { try store.load(now: t0) }
            #expect(throws: ProgressError.self) { try store.markRead(lesson: "a", section: .preview, now: t0) }
            #expect(try Data(contentsOf: store.fileURL) == newer)
        }
    }

    @Test func resetExportAndImport() throws {
        try withStore(below: "one") { store, dir in
            try store.markRead(lesson: "a", section: .preview, now: t0)
            try store.recordAnswer(lesson: "a", question: "q", verdict: .wrong, now: t0)
            try store.markRead(lesson: "b", section: .review, now: t0)
            try store.recordAnswer(lesson: "ab", question: "q", verdict: .wrong, now: t0)
            let exported = dir.appendingPathComponent("export.json")
            try store.export(to: exported, now: t0)
            try store.reset(lesson: "a", now: t0)
            var data = try store.load(now: t0).data
            #expect(data.lessons["a"] == nil && data.reviews["a/q"] == nil)
            #expect(data.reviews["ab/q"] != nil, "resetting 'a' must not touch lesson 'ab'")
            #expect(data.lessons["b"] != nil)

            try store.recordAnswer(lesson: "b", question: "r", verdict: .correct, now: day(3))
            try store.importFile(exported, now: day(3))
            data = try store.load(now: day(3)).data
            #expect(data.lesson("a").sectionsRead == [.preview])
            #expect(data.reviews["a/q"]?.timesWrong == 1)
            #expect(data.reviews["b/r"]?.timesCorrect == 1)
            // Importing twice adds nothing new.
            try store.importFile(exported, now: day(3))
            #expect(try store.load(now: day(3)).data == data)

            try store.resetAll(now: t0)
            #expect(try store.load(now: t0).data == ProgressData())
            let notProgress = dir.appendingPathComponent("bad.json")
            try Data("[1,2]".utf8).write(to: notProgress)
            #expect(throws: ProgressError.self) { try store.importFile(notProgress, now: t0) }
        }
    }

    /// Two writers (threads with their own store values, as two tutors would have) each make
    /// many updates; none is lost.
    @Test func concurrentWritersLoseNothing() async throws {
        let dir = try CurriculumTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let perWriter = 60
        let t0 = self.t0
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<2 {
                group.addTask {
                    let store = ProgressStore(directory: dir)
                    for n in 0..<perWriter {
                        try store.recordAnswer(lesson: "w\(writer)", question: "q\(n)", verdict: .correct, now: t0)
                        if n % 10 == 0 { try store.markRead(lesson: "w\(writer)", section: .explain, now: t0) }
                    }
                }
            }
            try await group.waitForAll()
        }
        let data = try ProgressStore(directory: dir).load(now: t0).data
        #expect(data.reviews.count == 2 * perWriter)
        #expect(data.lessons.keys.sorted() == ["w0", "w1"])
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains("tmp") || $0.contains("corrupt") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    /// The same with two processes: two `tutor quiz --plain` runs at once against one home.
    @Test func concurrentProcessesLoseNothing() throws {
        let binary = try #require(CurriculumTestSupport.tutorBinary(), "build the tutor binary first (swift build)")
        let home = try CurriculumTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: home) }
        let answers = Data(String(repeating: "x\nn\n", count: 20).utf8)
        let args = ["quiz", "shape-a-pooling", "--plain", "--seed", "1", "--lessons", FixtureFiles.lessons.path, "--quizzes", FixtureFiles.quizzes.path]
        let runs = try [0, 1].map { _ in
            try Process.run(binary, args: args, input: answers, home: home)
        }
        for run in runs { run.waitUntilExit(); #expect(run.terminationStatus == 0) }
        let data = try ProgressStore(directory: home).load(now: t0).data
        #expect(data.lesson("shape-a-pooling").attempts.count == 2)
    }
}

extension Process {
    /// Starts `binary` with stdin from `input` and output discarded.
    static func run(_ binary: URL, args: [String], input: Data, home: URL) throws -> Process {
        let file = home.appendingPathComponent("input-\(UUID().uuidString)")
        try input.write(to: file)
        let process = Process()
        process.executableURL = binary
        process.arguments = args
        process.environment = ProcessInfo.processInfo.environment.merging(["TUTOR_HOME": home.path]) { $1 }
        process.standardInput = try FileHandle(forReadingFrom: file)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }
}
