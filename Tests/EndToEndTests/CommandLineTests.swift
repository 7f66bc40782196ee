import Foundation
import Testing
import TestSupport

/// Flags ArgumentParser itself rejects exit with status 2, like the commands' own flag checks.
struct CommandLineTests {
    func run(_ arguments: [String]) throws -> (status: Int32, stderr: String) {
        let tutor = try #require(BuiltTutor.url)
        let process = Process()
        process.executableURL = tutor
        process.arguments = arguments
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test(arguments: [
        ["--no-such-flag"],
        ["convolve", "--input", "ramp", "--kernel", "sobel-x", "--no-such-flag"],
        ["shapes"],
        ["train", "--epochs"],
        ["quiz", "--plain", "--seed", "abc"],
        ["lab", "convolution", "--bogus", "1"],
        ["no-such-command"],
    ])
    func badFlagsExitTwo(arguments: [String]) throws {
        let result = try run(arguments)
        #expect(result.status == 2, "tutor \(arguments.joined(separator: " ")) exited \(result.status): \(result.stderr)")
        #expect(!result.stderr.isEmpty)
    }

    @Test func helpAndVersionExitZero() throws {
        #expect(try run(["--version"]).status == 0)
        #expect(try run(["--help"]).status == 0)
        #expect(try run(["help", "convolve"]).status == 0)
    }
}
