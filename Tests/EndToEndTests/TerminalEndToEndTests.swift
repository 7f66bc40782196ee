import Foundation
import Testing
import TestSupport

/// The full-screen tutor in a real terminal (tmux): first screen, help, resize, and the terminal
/// given back clean however the tutor ends.
@Suite(.serialized)
struct TerminalEndToEndTests {
    /// Starts the tutor in a pane whose shell prints the exit status and the tty modes afterwards.
    func startTutor(arguments: String = "", environment: String = "TERM=xterm-256color LANG=C.UTF-8") throws -> (TmuxSession, URL) {
        let tutor = try #require(BuiltTutor.url, "the tutor executable is not built next to the tests")
        let pidFile = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-\(UUID().uuidString).pid")
        // The inner shell writes its pid and execs the tutor, so the pid file names the tutor.
        let command = "env \(environment) sh -c 'echo $$ > \(pidFile.path); exec \(tutor.path) \(arguments)'; "
            + "status=$?; modes=$(stty -a | tr ' ' '\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' '); "
            + "echo \"EXIT=$status MODES: $modes END\"; sleep 600"
        let session = try TmuxSession(width: 100, height: 30, command: command)
        return (session, pidFile)
    }

    @Test func homeScreenHelpResizeAndQuit() throws {
        let (tmux, _) = try startTutor()
        let home = try tmux.waitFor("Labs")
        #expect(home.contains("cnn-tutor"))
        #expect(home.contains("Convolution lab"))
        #expect(home.contains("? help"))

        try tmux.send("?")
        let help = try tmux.waitFor("press ? or Esc to close")
        #expect(help.contains("Keys: Home"))
        #expect(help.contains("next item"))
        try tmux.send("Escape")
        try tmux.waitUntil("help closed") { !$0.contains("press ? or Esc to close") }

        try tmux.resize(width: 60, height: 20)
        let small = try tmux.waitFor("enlarge the window")
        #expect(small.contains("now 60×20, need 80×24"))
        try tmux.resize(width: 100, height: 30)
        try tmux.waitUntil("home again") { $0.contains("Labs") && !$0.contains("enlarge the window") }

        try tmux.send("q")
        let after = try tmux.waitFor(" END")
        #expect(after.contains("EXIT=0"))
        #expect(after.contains("icanon") && !after.contains("-icanon"))
        #expect(after.contains("echo") && !after.contains("-echo"))
        #expect(!after.contains("Labs"), "the tutor's screen should be gone after quitting")
    }

    @Test func controlCRestoresTheTerminal() throws {
        let (tmux, _) = try startTutor()
        try tmux.waitFor("Labs")
        try tmux.send("C-c")
        let after = try tmux.waitFor(" END")
        #expect(after.contains("EXIT=130"))
        #expect(after.contains("icanon") && !after.contains("-icanon"))
        #expect(!after.contains("-echo"))
    }

    @Test(arguments: [(SIGTERM, 143), (SIGHUP, 129)])
    func signalsRestoreTheTerminal(signal: Int32, expected: Int) throws {
        let (tmux, pidFile) = try startTutor()
        try tmux.waitFor("Labs")
        let text = try String(contentsOf: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let pid = try #require(Int32(text))
        #expect(kill(pid, signal) == 0)
        let after = try tmux.waitFor(" END")
        #expect(after.contains("EXIT=\(expected)"))
        #expect(after.contains("icanon") && !after.contains("-icanon"))
        #expect(!after.contains("-echo"))
    }

    @Test func asciiModeDrawsNoUnicode() throws {
        let (tmux, _) = try startTutor(arguments: "--ascii", environment: "TERM=xterm-256color LANG=C.UTF-8 NO_COLOR=1")
        let home = try tmux.waitFor("Labs")
        try tmux.send("?")
        let help = try tmux.waitFor("press ? or Esc to close")
        for screen in [home, help] {
            let nonASCII = screen.unicodeScalars.filter { !$0.isASCII }
            #expect(nonASCII.isEmpty, "non-ASCII characters on an --ascii screen: \(String(String.UnicodeScalarView(nonASCII)))")
        }
        try tmux.send("q", "q")
        try tmux.waitFor("EXIT=0")
    }

    @Test func unusableTermIsAClearErrorAndTheTerminalIsUntouched() throws {
        let (tmux, _) = try startTutor(environment: "TERM=no-such-terminal LANG=C.UTF-8")
        let after = try tmux.waitFor(" END")
        #expect(after.contains("cannot drive the terminal type 'no-such-terminal'"))
        #expect(after.contains("EXIT=2"))
    }
}

/// Without a terminal the tutor says what to do instead and never writes escape codes.
struct NotATerminalTests {
    @Test func pipedOutputExitsTwoWithAMessageAndNoEscapeCodes() throws {
        let tutor = try #require(BuiltTutor.url)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "'\(tutor.path)' </dev/null 2>&1"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let output = String(decoding: data, as: UTF8.self)
        #expect(process.terminationStatus == 2)
        #expect(output.contains("needs a terminal"))
        #expect(output.contains("tutor --help"))
        #expect(!data.contains(0x1b), "escape codes were written to a pipe: \(output.debugDescription)")
        #expect(output.split(separator: "\n").count == 1, "expected one line, got: \(output)")
    }
}
