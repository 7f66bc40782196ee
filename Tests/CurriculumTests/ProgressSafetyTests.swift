@testable import Curriculum
import Foundation
import Testing
import TestSupport

/// Progress is never lost, replaced or misreported (issue 14): what is at the path is respected,
/// imports are checked, temporary files are cleaned, locks time out.
@Suite struct ProgressSafetyTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func folder() throws -> URL { try CurriculumTestSupport.temporaryFolder() }

    @Test func aDirectoryInPlaceOfTheFileIsAnErrorAndNothingIsSaved() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = ProgressStore(directory: dir)
        try FileManager.default.createDirectory(at: store.fileURL, withIntermediateDirectories: true)
        #expect(throws: ProgressError.self) { try store.load(now: t0) }
        let error = #expect(throws: ProgressError.self) {
            try store.recordAnswer(lesson: "a", question: "q", verdict: .correct, now: t0)
        }
        #expect("\(error!)".contains("a directory, not a regular file"))
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: store.fileURL.path, isDirectory: &isDirectory) && isDirectory.boolValue)
    }

    @Test func aFIFOInPlaceOfTheFileIsLeftAlone() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = ProgressStore(directory: dir)
        #expect(mkfifo(store.fileURL.path, 0o644) == 0)
        let error = #expect(throws: ProgressError.self) {
            try store.markRead(lesson: "a", section: .explain, now: t0)
        }
        #expect("\(error!)".contains("a FIFO"))
        var info = stat()
        #expect(lstat(store.fileURL.path, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
    }

    @Test func aSymlinkToTheRealFileIsFollowedNotReplaced() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let real = dir.appendingPathComponent("synced/progress.json")
        try ProgressStore(directory: real.deletingLastPathComponent()).markRead(lesson: "b", section: .explain, now: t0)
        let store = ProgressStore(directory: dir.appendingPathComponent("state"))
        try FileManager.default.createDirectory(at: store.directory, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: store.fileURL, withDestinationURL: real)
        try store.recordAnswer(lesson: "a", question: "q", verdict: .correct, now: t0)
        try store.recordAnswer(lesson: "a", question: "r", verdict: .wrong, now: t0)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: store.fileURL.path) == real.path)
        let saved = try ProgressStore.decode(Data(contentsOf: real))
        #expect(saved.reviews.keys.sorted() == ["a/q", "a/r"])
    }

    @Test func aDanglingSymlinkIsNotTakenForNoProgress() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = ProgressStore(directory: dir)
        try FileManager.default.createSymbolicLink(atPath: store.fileURL.path, withDestinationPath: "/nonexistent-mount/progress.json")
        #expect(throws: ProgressError.self) { try store.load(now: t0) }
    }

    @Test func readingCreatesNothingSoItWorksInAReadOnlyFolder() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = ProgressStore(directory: dir.appendingPathComponent("state"))
        try store.markRead(lesson: "a", section: .explain, now: t0)
        try FileManager.default.removeItem(at: store.directory.appendingPathComponent("progress.lock"))
        let before = try FileManager.default.contentsOfDirectory(atPath: store.directory.path)
        #expect(try store.load(now: t0).data.lesson("a").sectionsRead == [.explain])
        // No lock file, no temporary file: a read never writes to the folder.
        #expect(try FileManager.default.contentsOfDirectory(atPath: store.directory.path) == before)
        let missing = ProgressStore(directory: dir.appendingPathComponent("never-made"))
        #expect(try missing.load(now: t0).data == ProgressData())
        #expect(!FileManager.default.fileExists(atPath: missing.directory.path))
    }

    @Test func updateReturnsWhatIsOnDisk() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = ProgressStore(directory: dir)
        let snapshot = try store.update(now: t0) { $0.lessons["a"] = LessonProgress(sectionsRead: [.explain]) }
        #expect(snapshot.data == (try ProgressStore.decode(Data(contentsOf: store.fileURL))))
    }

    @Test func staleTemporaryFilesAreRemovedAtTheNextSave() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = ProgressStore(directory: dir)
        // A pid that cannot be running (above the kernel's pid_max), and our own live pid.
        let stale = dir.appendingPathComponent(".progress.json.tmp-99999999-12345")
        let live = dir.appendingPathComponent(".progress.json.tmp-\(getpid())-1")
        try Data("{}".utf8).write(to: stale)
        try Data("{}".utf8).write(to: live)
        try store.markRead(lesson: "a", section: .explain, now: t0)
        #expect(!FileManager.default.fileExists(atPath: stale.path))
        #expect(FileManager.default.fileExists(atPath: live.path))
    }

    @Test func aHeldLockIsWaitedForThenAnErrorNamingTheLock() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let lock = dir.appendingPathComponent("progress.lock")
        let fd = open(lock.path, O_RDWR | O_CREAT, 0o644)
        defer { close(fd) }
        // flock locks belong to the open file description: a second open in this process conflicts.
        #expect(flock(fd, LOCK_EX) == 0)
        let told = LockedBox()
        let store = ProgressStore(directory: dir, lockTimeout: 0.5, onWait: { told.add($0) })
        let error = #expect(throws: ProgressError.self) {
            try store.markRead(lesson: "a", section: .explain, now: t0)
        }
        #expect("\(error!)".contains("lock"))
        #expect(told.lines.count == 1)
        // Reading takes no lock.
        #expect(try store.load(now: t0).data == ProgressData())
    }

    @Test func importsAreClampedPerFieldAndCountersNeverOverflow() throws {
        var data = ProgressData()
        data.reviews["a/q"] = ReviewState(box: 99, due: t0, lastReviewed: t0, timesCorrect: Int.max, timesWrong: -5)
        data.reviews["bad\u{1B}]0;x\u{07}"] = ReviewState(due: t0, lastReviewed: t0)
        data.lessons["a"] = LessonProgress(attempts: [QuizAttempt(date: t0, correct: Int.max, total: 3, asked: 2, missed: [])])
        let (clean, notes) = data.validatedForImport()
        #expect(clean.reviews["a/q"]?.box == 5)
        #expect(clean.reviews["a/q"]?.timesCorrect == ProgressData.ImportLimits.counter)
        #expect(clean.reviews["a/q"]?.timesWrong == 0)
        #expect(clean.reviews.count == 1)
        #expect(clean.lessons["a"]?.attempts.first?.total == 2)
        #expect(clean.lessons["a"]?.attempts.first?.correct == 2)
        #expect(notes.contains { $0.hasPrefix("reviews.*.box") })
        #expect(notes.contains { $0.hasPrefix("reviews: ids dropped") })
        // A later answer on a clamped (or hand-edited) counter does not trap.
        let after = ReviewState.after(ReviewState(box: Int.max, due: t0, lastReviewed: t0, timesCorrect: Int.max), verdict: .correct, now: t0)
        #expect(after?.timesCorrect == Int.max && after?.box == 5)
    }

    @Test func importingManyAttemptsIsLinear() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        var data = ProgressData()
        data.lessons["a"] = LessonProgress(attempts: (0..<5_000).map {
            QuizAttempt(date: t0.addingTimeInterval(Double($0)), correct: 1, total: 1, asked: 1, missed: [])
        })
        let file = dir.appendingPathComponent("export.json")
        try ProgressStore.encode(data).write(to: file)
        let store = ProgressStore(directory: dir.appendingPathComponent("state"))
        let (saved, notes) = try store.importFile(file, now: t0)
        #expect(saved.lessons["a"]?.attempts.count == ProgressData.ImportLimits.attemptsPerLesson)
        #expect(notes.contains { $0.hasPrefix("lessons.*.attempts") })
    }

    @Test func exportRefusesADeviceOrFIFOAndFollowsASymlink() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = ProgressStore(directory: dir.appendingPathComponent("state"))
        try store.markRead(lesson: "a", section: .explain, now: t0)
        let fifo = dir.appendingPathComponent("fifo")
        #expect(mkfifo(fifo.path, 0o644) == 0)
        #expect(throws: WriteTarget.Refused.self) { try store.export(to: fifo, now: t0) }
        #expect(throws: WriteTarget.Refused.self) { try store.export(to: URL(fileURLWithPath: "/dev/null"), now: t0) }
        var info = stat()
        #expect(lstat("/dev/null", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR)
        let target = dir.appendingPathComponent("real.json")
        let link = dir.appendingPathComponent("link.json")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        try store.export(to: link, now: t0)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == target.path)
        #expect(try ProgressStore.decode(Data(contentsOf: target)).lessons["a"] != nil)
    }
}

/// Lines collected from another thread's callback.
final class LockedBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    func add(_ line: String) { lock.lock(); stored.append(line); lock.unlock() }
    var lines: [String] { lock.lock(); defer { lock.unlock() }; return stored }
}
