import Foundation
import Testing
import TestSupport

/// The labs in a real terminal (tmux): the convolution lab checked against `tutor convolve`, a
/// stride change, live training to above 90 % test accuracy, and a clean quit.
@Suite(.serialized)
struct LabEndToEndTests {
    /// Starts `tutor ARGUMENTS` in a pane whose shell prints the exit status afterwards.
    func start(_ arguments: String, environment: String = "TERM=xterm-256color LANG=C.UTF-8", width: Int = 100, height: Int = 30,
               directory: URL? = nil) throws -> TmuxSession {
        let tutor = try #require(BuiltTutor.url, "the tutor executable is not built next to the tests")
        let cd = directory.map { "cd '\($0.path)' && " } ?? ""
        let command = "\(cd)env \(environment) \(tutor.path) \(arguments); echo \"EXIT=$?\"; sleep 600"
        return try TmuxSession(width: width, height: height, command: command)
    }

    /// The value the lab shows for the current window: `out[r,c] = Σ products S + bias B = V`.
    func shownOutput(_ screen: String, at position: String) -> String? {
        guard let line = screen.split(separator: "\n").first(where: { $0.contains("out[\(position)] =") }) else { return nil }
        return line.split(separator: "=").last.map { $0.trimmingCharacters(in: .whitespaces).split(separator: " ").first.map(String.init) ?? "" }
    }

    @Test func convolutionLabMatchesTutorConvolveAndChangesStride() throws {
        // What the calculator says, independently of the screen.
        let convolve = try TutorBinary.run(["convolve", "--input", "digit:3", "--kernel", "sobel-x", "--padding", "1", "--steps"])
        #expect(convolve.status == 0, "\(convolve.stderr)")
        /// The value `tutor convolve --steps` prints for step `n`: the end of its `sum + bias = ...` line.
        func printed(step n: Int) -> String? {
            let blocks = convolve.stdout.components(separatedBy: "Step ")
            guard let block = blocks.first(where: { $0.hasPrefix("\(n) of ") }),
                  let line = block.split(separator: "\n").first(where: { $0.contains("sum + bias =") }) else { return nil }
            return line.split(separator: " ").last.map(String.init)
        }

        let tmux = try start("lab convolution input=digit:3 kernel=sobel-x padding=1")
        var screen = try tmux.waitFor("out[0,0]")
        #expect(screen.contains("Convolution lab") && screen.contains("? help"))
        #expect(shownOutput(screen, at: "0,0") == printed(step: 1))
        // Three windows on: output[0, 3].
        try tmux.send("n")
        try tmux.send("n")
        try tmux.send("Right")
        screen = try tmux.waitFor("out[0,3]")
        #expect(screen.contains("window  4/64"))
        let shown = try #require(shownOutput(screen, at: "0,3"))
        let expected = try #require(printed(step: 4))
        #expect(shown == expected, "the lab shows \(shown), tutor convolve --steps says \(expected)")
        // Stride is the focused setting: + makes it 2, and the formula and output size follow.
        try tmux.send("+")
        screen = try tmux.waitFor("stride 2")
        #expect(screen.contains("output 4×4") && screen.contains("⌊(8 − 3 + 2·1) / 2⌋ + 1 = 4"))
        #expect(screen.contains("out[0,0]") && screen.contains("window  1/16"))
        // Help, then quit cleanly.
        try tmux.send("?")
        try tmux.waitFor("press ? or Esc to close")
        try tmux.send("Escape")
        try tmux.waitUntil("help closed") { !$0.contains("press ? or Esc to close") }
        try tmux.send("q")
        try tmux.waitFor("Home")
        try tmux.send("q")
        try tmux.waitFor("EXIT=0")
    }

    @Test func liveTrainingFromTheHomeScreenPassesNinetyPercent() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lab-e2e-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let tmux = try start("", environment: "TERM=xterm-256color LANG=C.UTF-8 TUTOR_HOME='\(folder.path)'", directory: folder)
        try tmux.waitFor("Live training")
        try tmux.send("G")           // the last item: the gradient lab
        try tmux.send("Up")          // Live training
        try tmux.send("Enter")
        try tmux.waitFor("ready: Enter trains")
        for _ in 0..<3 { try tmux.send(">") }   // 10 steps/s (the watching pace) up to full speed
        try tmux.waitFor("full speed")
        try tmux.send("Enter")
        let began = Date()
        let screen = try tmux.waitUntil("test accuracy above 90 %", timeout: 10) { screen in
            guard let range = screen.range(of: "test acc ") else { return false }
            let number = screen[range.upperBound...].prefix { $0.isNumber || $0 == "." }
            return (Double(number) ?? 0) > 90
        }
        #expect(Date().timeIntervalSince(began) < 10)
        #expect(screen.contains("train acc"))
        // The run ends; w saves the network, which tutor eval reads back.
        try tmux.waitFor("kept: the network view uses this network", timeout: 30)
        try tmux.send("w")
        // Saved under the state directory's models/, named for what it is (data set, accuracy, time).
        try tmux.waitFor("saved to ")
        let models = folder.appendingPathComponent("models")
        let names = try FileManager.default.contentsOfDirectory(atPath: models.path).filter { $0.hasPrefix("digits-") }
        #expect(names.count == 1, "\(names)")
        let saved = models.appendingPathComponent(try #require(names.first))
        let eval = try TutorBinary.run(["eval", "--model", saved.path, "--dataset", "digits"])
        #expect(eval.status == 0, "\(eval.stderr)")
        #expect(eval.stdout.contains("accuracy"))
        try tmux.send("q")           // leaves the screen
        try tmux.waitFor("Labs")
        try tmux.send("q")
        try tmux.waitFor("EXIT=0")
    }

    @Test func labsWorkWithoutColourOrUnicodeAt80x24() throws {
        let tmux = try start("lab pooling input=digit:7 --ascii", environment: "TERM=xterm-256color NO_COLOR=1 LANG=C.UTF-8", width: 80, height: 24)
        var screen = try tmux.waitFor("max of the window")
        #expect(!screen.contains("│") && screen.contains("? help"))
        try tmux.send("n")
        screen = try tmux.waitFor("out[0,1]")
        #expect(screen.contains("window  2/16"))
        try tmux.send("q")
        try tmux.waitFor("Labs")
        try tmux.send("q")
        try tmux.waitFor("EXIT=0")
    }

    @Test func badLabSettingsAreOneLineAndExit2() throws {
        let result = try TutorBinary.run(["lab", "convolution", "stride=0"])
        #expect(result.status == 2)
        #expect(result.stderr == "tutor lab: stride=0: expected a whole number from 1 to 4\n")
        // tutor convolve's flag spelling reads the same.
        let flag = try TutorBinary.run(["lab", "convolution", "--stride", "0"])
        #expect(flag.status == 2 && flag.stderr == result.stderr)
        let missing = try TutorBinary.run(["lab", "convolution", "--kernel", "sobel"])
        #expect(missing.status == 2 && missing.stderr == "tutor lab: kernel=sobel: expected one of identity, box-blur, gaussian, sharpen, sobel-x, sobel-y, laplacian, edge-h, edge-v or a quoted matrix\n")
        let unknown = try TutorBinary.run(["lab", "juggling"])
        #expect(unknown.status == 2 && unknown.stderr.contains("the labs are convolution, pooling, network, training"))
    }

    /// Two channels through `tutor lab` (files and inline rows alike) show the value `tutor
    /// convolve` computes; a kernel with a different channel count is one line, exit 2.
    @Test func aTwoChannelLabFromTheCommandLine() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lab-channels-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = dir.appendingPathComponent("first.txt")
        try "1 2\n3 4\n".write(to: first, atomically: true, encoding: .utf8)
        let convolve = try TutorBinary.run(["convolve", "--input", "1 2; 3 4 | 0 1; 1 0", "--kernel", "1 0; 0 1 | 1 1; 0 0", "--bias", "-0.5", "--json"])
        #expect(convolve.status == 0 && convolve.stdout.contains("\"output\":[[5.5]]"), "\(convolve.stdout)")
        let tmux = try start("lab convolution --input '\(first.path) | 0 1; 1 0' --kernel '1 0; 0 1 | 1 1; 0 0' --bias -0.5")
        let screen = try tmux.waitFor("out[0,0]")
        #expect(screen.contains("out[0,0] = Σ partials 5 + 1 = 6, + bias -0.50 = 5.50"), "\(screen)")
        #expect(screen.contains("channel 1 (selected)") && screen.contains("channel 2"))
        try tmux.send("q")
        try tmux.waitFor("Labs")
        try tmux.send("q")
        try tmux.waitFor("EXIT=0")
        let mismatch = try TutorBinary.run(["lab", "convolution", "--input", "1 2; 3 4 | 0 1; 1 0", "--kernel", "1 0; 0 1", "--bias", "-0.5"])
        #expect(mismatch.status == 2)
        #expect(mismatch.stderr == "tutor lab: kernel=1 0; 0 1: the kernel has 1 slice but the input has 2 channels (one slice per input channel, separated by |)\n")
        // Hostile channels: too many, NaN, an escape sequence: one line, exit 2, nothing sent to the terminal.
        let hostile: [(String, String)] = [
            (String(repeating: "1 | ", count: 64) + "1", "65 channels, over the limit of 64"),
            ("1 2 | nan nan", "channel 2: an inline matrix holds only numbers"),
            ("1 2 | \u{1B}[31m\u{7}", "channel 2: expected one of checker, cross, ramp, digit:N, mnist:N or a quoted matrix"),
        ]
        for (input, message) in hostile {
            let run = try TutorBinary.run(["lab", "convolution", "--input", input])
            #expect(run.status == 2 && run.stderr.contains(message), "\(run.stderr)")
            #expect(run.stderr.filter { $0 == "\n" }.count == 1 && !run.stderr.contains("\u{1B}") && !run.stderr.contains("\u{7}"), "\(run.stderr)")
        }
    }
}
