import Foundation

/// Runs the built `tutor` executable from tests, as a user's shell would.
///
/// The binary is found next to the test bundle (SwiftPM puts both in `.build/<triple>/debug`),
/// or at `$TUTOR_BINARY`. Output goes to temporary files rather than pipes, so a large output
/// can never stall the child.
public enum TutorBinary {
    /// What one run produced.
    public struct Output: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// Why a run could not happen at all.
    public struct NotFound: Error, CustomStringConvertible {
        public var searched: [String]
        public var description: String {
            "the tutor binary was not found (looked in \(searched.joined(separator: ", "))); run `swift build` first or set TUTOR_BINARY"
        }
    }

    /// The executable's location.
    public static func url() throws -> URL {
        var candidates: [URL] = []
        if let override = ProcessInfo.processInfo.environment["TUTOR_BINARY"], !override.isEmpty {
            candidates.append(URL(fileURLWithPath: override))
        }
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            candidates.append(URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent("tutor"))
        }
        // macOS: the .xctest bundle sits beside the executable.
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("tutor"))
        }
        candidates.append(Bundle.main.bundleURL.appendingPathComponent("tutor"))
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate.path) {
            return candidate
        }
        throw NotFound(searched: candidates.map(\.path))
    }

    /// Runs `tutor arguments…` to completion and returns its status and output.
    ///
    /// - Parameters:
    ///   - environment: extra variables, added to the current environment.
    ///   - directory: the working directory (default: the current one).
    public static func run(_ arguments: [String], environment: [String: String] = [:],
                           directory: URL? = nil) throws -> Output {
        let process = Process()
        process.executableURL = try url()
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        if let directory { process.currentDirectoryURL = directory }
        return try capture(process)
    }

    /// Runs `process` to completion with no input, its output and errors collected through
    /// files (pipes would block on a large output), and returns its status and both texts.
    public static func capture(_ process: Process) throws -> Output {
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("tutor-run-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout"), errURL = scratch.appendingPathComponent("stderr")
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return Output(status: process.terminationStatus,
                      stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                      stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}
