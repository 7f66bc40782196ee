import Foundation
import Testing
import TestSupport

/// The full-screen tutor under hostile input in a real terminal (tmux): a huge paste, Ctrl-\,
/// Ctrl-C during a slow load. The terminal is always given back usable (issue 14).
@Suite(.serialized)
struct TerminalHostileTests {
    /// Starts the tutor in a pane whose shell prints the exit status and the tty modes afterwards.
    func startTutor(arguments: String = "", home: URL) throws -> TmuxSession {
        let tutor = try #require(BuiltTutor.url, "the tutor executable is not built next to the tests")
        let command = "env TERM=xterm-256color LANG=C.UTF-8 TUTOR_HOME=\(home.path) \(tutor.path) \(arguments); "
            + "status=$?; modes=$(stty -a | tr ' ' '\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' '); "
            + "echo \"EXIT=$status MODES: $modes END\"; sleep 600"
        return try TmuxSession(width: 100, height: 30, command: command)
    }

    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-term-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The tutor started on its home screen with a fresh home folder, removed after `body`.
    func withTutorHome(_ body: (TmuxSession) throws -> Void) throws {
        let home = try folder()
        defer { try? FileManager.default.removeItem(at: home) }
        let tmux = try startTutor(home: home)
        try tmux.waitFor("Labs")
        try body(tmux)
    }

    func expectRestored(_ after: String, exit: Int) {
        #expect(after.contains("EXIT=\(exit)"), "\(after)")
        #expect(after.contains("icanon") && !after.contains("-icanon"))
        #expect(!after.contains("-echo"))
    }

    @Test func controlBackslashEndsTheTutorWithTheTerminalRestored() throws {
        try withTutorHome { tmux in
            try tmux.send("C-\\")
            let after = try tmux.waitFor(" END")
            expectRestored(after, exit: 131)
            #expect(!after.contains("Backtrac") && !after.contains("crashed"))
        }
    }

    @Test func aHugePasteIsOneEventAndTypesOnlyIntoTheField() throws {
        try withTutorHome { tmux in
            // Outside a text field a paste types nothing: "q" in it does not leave.
            try tmux.paste("quit")
            Thread.sleep(forTimeInterval: 0.5)
            #expect(try tmux.screen().contains("Labs"))
            // Into the filter: 100 KB in one paste, shown within the time limit.
            try tmux.send("/")
            try tmux.paste("zq" + String(repeating: "z", count: 100_000) + "\n\u{1B}[2J")
            let filtered = try tmux.waitFor("zqzzzzzzzz", timeout: 90)  // generous: a loaded CI machine, not the tutor, is the slow part
            #expect(filtered.contains("zqzzzzzzzz"))
            try tmux.send("Escape")
            try tmux.send("Escape")
            try tmux.send("q")
            expectRestored(try tmux.waitFor(" END"), exit: 0)
        }
    }

    @Test func controlCWorksDuringASlowLoad() throws {
        let home = try folder()
        defer { try? FileManager.default.removeItem(at: home) }
        // A lesson with a 1 MB line of tabs (slow to lay out) and a deep quiz beside it.
        let lessons = home.appendingPathComponent("lessons")
        try FileManager.default.createDirectory(at: lessons, withIntermediateDirectories: true)
        try Data(("# Tabs\n\n" + String(repeating: "\t", count: 1 << 20) + "x\n").utf8)
            .write(to: lessons.appendingPathComponent("tabs.md"))
        let tmux = try startTutor(arguments: "--lessons \(lessons.path)", home: home)
        Thread.sleep(forTimeInterval: 1)
        try tmux.send("C-c")
        let after = try tmux.waitFor(" END", timeout: 10)
        expectRestored(after, exit: 130)
    }

    @Test func anUnreadableProgressFileIsNeverReplacedAndFailedSavesShowABox() throws {
        let home = try folder()
        defer { try? FileManager.default.removeItem(at: home) }
        let progress = home.appendingPathComponent("progress.json")
        try FileManager.default.createDirectory(at: progress, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: progress.appendingPathComponent("inside"))
        let tmux = try startTutor(home: home)
        try tmux.waitFor("Labs")
        // Opening a lesson saves the reading position: that save fails, visibly.
        try tmux.send("Enter")
        let box = try tmux.waitFor("Progress not saved")
        #expect(box.contains("not a regular file"))
        try tmux.send("Space")
        try tmux.waitUntil("box dismissed") { !$0.contains("Progress not saved") }
        try tmux.send("q")
        try tmux.send("q")
        expectRestored(try tmux.waitFor(" END"), exit: 0)
        #expect(try String(contentsOf: progress.appendingPathComponent("inside"), encoding: .utf8) == "keep")
    }
}
