import Foundation
import Testing
import TestSupport

/// A trained network is always there (the demo network, trained once in the background and
/// saved under the state directory), and the live screen trains at a pace one can watch.
@Suite(.serialized)
struct TrainedNetworkEndToEndTests {
    func start(_ arguments: String, home: URL, width: Int = 100, height: Int = 30) throws -> TmuxSession {
        let tutor = try #require(BuiltTutor.url, "the tutor executable is not built next to the tests")
        let command = "cd '\(home.path)' && env TERM=xterm-256color LANG=C.UTF-8 TUTOR_HOME='\(home.path)' \(tutor.path) \(arguments); echo \"EXIT=$?\"; sleep 600"
        return try TmuxSession(width: width, height: height, command: command)
    }

    /// Leaves the lab (home), then quits.
    func quit(_ tmux: TmuxSession) throws {
        try tmux.send("q")
        try tmux.waitFor("Labs")
        try tmux.send("q")
        try tmux.waitFor("EXIT=0")
    }

    func freshHome() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("home-e2e-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func aFreshStartShowsTheNetworkViewWithinFiveSecondsAndARestartReusesIt() throws {
        let home = try freshHome()
        defer { try? FileManager.default.removeItem(at: home) }
        var tmux = try start("lab network dataset=digits sample=3", home: home)
        let began = Date()
        var screen = try tmux.waitFor("P(class)", timeout: 5)
        #expect(Date().timeIntervalSince(began) < 5)
        #expect(!screen.contains("There is no trained"), "\(screen)")
        // Saved once its ten epochs are done.
        let saved = home.appendingPathComponent("models/demo-digits.json")
        let deadline = Date().addingTimeInterval(30)
        while !FileManager.default.fileExists(atPath: saved.path) && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        #expect(FileManager.default.fileExists(atPath: saved.path))
        let written = try #require(try FileManager.default.attributesOfItem(atPath: saved.path)[.modificationDate] as? Date)
        try quit(tmux)

        // After a restart the saved network is loaded, not trained again.
        Thread.sleep(forTimeInterval: 1.1)   // so that a rewrite would show in the file's time
        tmux = try start("lab network dataset=digits sample=3", home: home)
        screen = try tmux.waitFor("P(class)", timeout: 5)
        #expect(!screen.contains("training the demo") && !screen.contains("There is no trained"), "\(screen)")
        let again = try #require(try FileManager.default.attributesOfItem(atPath: saved.path)[.modificationDate] as? Date)
        #expect(again == written, "the demo network was written again")
        try quit(tmux)

        // tutor eval and tutor lab network take the saved network's name.
        let eval = try TutorBinary.run(["eval", "--model", "demo-digits", "--dataset", "digits"], environment: ["TUTOR_HOME": home.path])
        #expect(eval.status == 0 && eval.stdout.contains("accuracy"), "\(eval.stderr)")
        let missing = try TutorBinary.run(["lab", "network", "model=nope"], environment: ["TUTOR_HOME": home.path])
        #expect(missing.status == 2 && missing.stderr.contains("no saved model named nope"), "\(missing.stderr)")
        tmux = try start("lab network model=demo-digits", home: home)
        try tmux.waitFor("P(class)", timeout: 5)
        try quit(tmux)
    }

    @Test func theDefaultDigitsRunIsStillGoingOneSecondLaterWithMoreSteps() throws {
        let home = try freshHome()
        defer { try? FileManager.default.removeItem(at: home) }
        let tmux = try start("lab training", home: home)
        try tmux.waitFor("ready: Enter trains")
        try tmux.send("Enter")
        func step(_ screen: String) -> Int? {
            guard let range = screen.range(of: "step ") else { return nil }
            return Int(screen[range.upperBound...].prefix { $0.isNumber })
        }
        let first = try tmux.waitUntil("the run has taken a step") { (step($0) ?? 0) > 0 }
        Thread.sleep(forTimeInterval: 1)
        let second = try tmux.screen()
        let a = try #require(step(first)), b = try #require(step(second))
        #expect(b > a, "step \(a), then \(b) a second later")
        // At 10 steps a second the 450-step run is far from done.
        #expect(b < 100 && second.contains("training") && !second.contains("kept:"), "\(second)")
        #expect(second.contains("10 steps/s"))
        try quit(tmux)
    }
}
