import Foundation
import Testing
import TestSupport

/// `tutor explain` through the built binary, and the same conv2 cell explained on the network
/// view's convolution lab in a real terminal (tmux): one number, three routes, one value.
@Suite(.serialized)
struct ExplainEndToEndTests {
    /// A state directory shared by this suite's runs: the demo network is trained (and saved
    /// there) by the first run that needs it, and read back by the others and by the screen.
    static let home: URL = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("explain-e2e-\(UUID().uuidString)", isDirectory: true)
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }()

    func explain(_ arguments: [String]) throws -> TutorBinary.Output {
        try TutorBinary.run(["explain"] + arguments, environment: ["TUTOR_HOME": Self.home.path])
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func aConv2CellIsExplainedWithEveryMapAndItsValueIsTheForwardPass() throws {
        let run = try explain(["--dataset", "digits", "--sample", "3", "--layer", "conv2", "--channel", "5", "--row", "1", "--col", "0", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try json(run.stdout)
        let value = try #require(object["value"] as? Double), forward = try #require(object["forward"] as? Double)
        #expect(abs(value - forward) <= 1e-5)
        let conv = try #require(object["convolution"] as? [String: Any])
        let partials = try #require(conv["partials"] as? [Double]), bias = try #require(conv["bias"] as? Double)
        #expect(partials.count == 8 && (conv["inputs"] as? [Any])?.count == 8 && (conv["slices"] as? [Any])?.count == 8)
        #expect(abs(partials.reduce(0, +) + bias - value) <= 1e-4)
        #expect(object["receptiveFieldSummary"] as? String == "7×5 pixels of the input (8×8 without the border)")
        // The text form says the same.
        let text = try explain(["--dataset", "digits", "--sample", "3", "--layer", "conv2", "--channel", "5", "--row", "1", "--col", "0"])
        #expect(text.status == 0 && text.stdout.contains("conv2 map 5 at row 1, column 0 = ") && text.stdout.contains("Σ partials "))
        #expect(text.stdout.contains("forward pass: ") && text.stdout.contains("receptive field: "))
    }

    @Test func everyKindOfCellIsExplained() throws {
        let cases: [([String], String)] = [
            (["--layer", "input", "--row", "2", "--col", "3"], "an input pixel"),
            (["--layer", "pool1", "--channel", "2", "--row", "1", "--col", "1"], "the largest of the 2×2 window"),
            (["--layer", "flatten", "--unit", "17"], "a copy of map 4"),
            (["--layer", "dense1", "--unit", "4"], "the other 54"),
            (["--layer", "output", "--unit", "7"], "P(7) = "),
        ]
        for (arguments, expected) in cases {
            let run = try explain(["--sample", "3"] + arguments)
            #expect(run.status == 0 && run.stdout.contains(expected), "\(arguments): \(run.stdout)\(run.stderr)")
        }
        let output = try json(try explain(["--layer", "output", "--unit", "7", "--json"]).stdout)
        let softmax = try #require(output["output"] as? [String: Any])
        let p = try #require(softmax["probabilities"] as? [Double])
        #expect(p.count == 10 && abs(p.reduce(0, +) - 1) <= 1e-9)
    }

    @Test(arguments: [
        (["--layer", "conv9", "--row", "0", "--col", "0"], "--layer 'conv9': the digits network's layers are input, conv1"),
        (["--layer", "conv2", "--channel", "16", "--row", "0", "--col", "0"], "--channel 16: conv2 has 16 maps, numbered 0 to 15"),
        (["--layer", "conv2", "--channel", "1", "--row", "-1", "--col", "0"], "--row -1: conv2 has 4 rows, numbered 0 to 3"),
        (["--layer", "conv2", "--channel", "1", "--row", "0"], "--col is needed: conv2 has 4 columns"),
        (["--layer", "conv2", "--unit", "3"], "--unit: conv2 is 16 maps of 4×4"),
        (["--layer", "dense1"], "--unit is needed: dense1 has 32 units"),
        (["--layer", "dense1", "--unit", "32"], "--unit 32: dense1 has 32 units, numbered 0 to 31"),
        (["--layer", "output", "--channel", "0", "--unit", "1"], "--channel: dense2 is a vector of 10 units"),
        (["--sample", "360", "--layer", "input", "--row", "0", "--col", "0"], "--sample 360: digits/test has 360 test samples, numbered 0 to 359"),
        (["--model", "/nonexistent/net.json", "--layer", "conv1", "--row", "0", "--col", "0", "--channel", "0"], "/nonexistent/net.json"),
        (["--model", "/tmp", "--layer", "conv1", "--row", "0", "--col", "0", "--channel", "0"], "/tmp"),
        (["--layer", "\u{1b}[31mconv2\u{7}", "--row", "0", "--col", "0"], "^["),
    ])
    func badFlagsAreOneClearLineAndExitOne(_ arguments: [String], _ expected: String) throws {
        let run = try explain(arguments)
        let lines = run.stderr.split(separator: "\n")
        #expect(run.status == 1, "\(arguments): status \(run.status), \(run.stderr)")
        #expect(lines.count == 1 && lines[0].hasPrefix("tutor: ") && run.stderr.contains(expected), "\(arguments): \(run.stderr)")
        #expect(!run.stderr.contains("\u{1b}") && run.stdout.isEmpty)
    }

    @Test func valuesThatAreNotNumbersAreRefusedByTheParser() throws {
        for arguments in [["--layer", "conv1", "--row", "1e999"], ["--layer", "conv1", "--sample", "99999999999999999999999"], ["--layer", "conv1", "--col", "nan"]] {
            let run = try explain(arguments)
            #expect(run.status == 2 && run.stderr.hasPrefix("tutor: --") && run.stderr.contains("is not a whole number"), "\(arguments): \(run.stderr)")
        }
    }

    @Test func hostileModelFilesAreOneLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("explain-hostile-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let files: [(String, Data)] = [
            ("deep.json", Data(String(repeating: "[", count: 200_000).utf8)),
            ("nul.json", Data(count: 4096)),
            ("nan.json", Data(#"{"format":"cnn-tutor-model","version":1,"spec":"conv 8 3 pad 1","inputShape":[1,8,8],"parameters":[NaN]}"#.utf8)),
        ]
        for (name, data) in files {
            let url = folder.appendingPathComponent(name)
            try data.write(to: url)
            let run = try explain(["--model", url.path, "--layer", "conv1", "--channel", "0", "--row", "0", "--col", "0"])
            #expect(run.status == 1 && run.stderr.split(separator: "\n").count == 1 && run.stderr.hasPrefix("tutor: "), "\(name): \(run.status) \(run.stderr)")
        }
    }

    /// The lab's shown value for the current window: `out[r,c] = … = V`.
    func labValue(_ screen: String, at position: String) -> String? {
        guard let line = screen.split(separator: "\n").first(where: { $0.contains("out[\(position)] =") }),
              let equals = line.range(of: "= ", options: .backwards) else { return nil }
        return line[equals.upperBound...].split(separator: " ").first.map(String.init)
    }

    @Test func theSameConv2CellReadsTheSameInTheLab() throws {
        let run = try explain(["--dataset", "digits", "--sample", "3", "--layer", "conv2", "--channel", "5", "--row", "1", "--col", "0", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try json(run.stdout)
        let conv = try #require(object["convolution"] as? [String: Any])
        let z = try #require(conv["preActivation"] as? Double), bias = try #require(conv["bias"] as? Double)
        let tutor = try #require(BuiltTutor.url, "the tutor executable is not built next to the tests")
        let command = "env TERM=xterm-256color LANG=C.UTF-8 TUTOR_HOME='\(Self.home.path)' \(tutor.path) lab network dataset=digits sample=3; echo \"EXIT=$?\"; sleep 600"
        let tmux = try TmuxSession(width: 100, height: 30, command: command)
        try tmux.waitFor("P(class) %", timeout: 30)
        // conv1 → pool1 → conv2, map 5, row 1, column 0.
        try tmux.send("Tab")
        try tmux.send("Tab")
        for _ in 0..<5 { try tmux.send("]") }
        try tmux.send("Down")
        try tmux.waitFor("conv2 map 5 row 1, col 0 = ")
        try tmux.send("Enter")
        let screen = try tmux.waitFor("out[1,0] =")
        #expect(screen.contains("Convolution lab") && screen.contains("Σ of 8 partials"))
        let shown = try #require(labValue(screen, at: "1,0"), "\(screen)")
        // The lab writes Σ partials + bias = z to two decimals (then ReLU → max(0, z)).
        let expected = String(format: "%.2f", z)
        #expect(shown == expected, "the lab shows \(shown), tutor explain says z = \(z) (bias \(bias))\n\(screen)")
        #expect(screen.contains("ReLU → " + String(format: "%.2f", max(0, z))))
        try tmux.send("Escape")
        try tmux.waitFor("conv2 map 5 row 1, col 0 = ")
        try tmux.send("q")
        try tmux.send("q")
        try tmux.waitFor("EXIT=0")
    }
}
