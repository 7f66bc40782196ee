import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Drives a program in a detached tmux pane for end-to-end tests: type keys, read the screen.
///
/// Each session gets its own server socket (`-L`), so tests never see each other's panes.
/// `new-session` is spawned with `posix_spawn` and its output sent to a file: through
/// `Foundation.Process` it hangs, because the tmux server inherits the pipe Process watches.
public final class TmuxSession {
    public enum Failure: Error, CustomStringConvertible {
        case tmuxMissing
        case couldNotStart(String)
        case timedOut(waitingFor: String, screen: String)

        public var description: String {
            switch self {
            case .tmuxMissing: return "tmux is not installed"
            case .couldNotStart(let why): return "tmux did not start: \(why)"
            case .timedOut(let what, let screen): return "timed out waiting for \(what); the screen was:\n\(screen)"
            }
        }
    }

    public let socket: String
    public let scratch: URL

    /// Starts `command` (a shell command line) in a `width`×`height` pane.
    public init(width: Int = 100, height: Int = 30, command: String) throws {
        guard TmuxSession.which("tmux") != nil else { throw Failure.tmuxMissing }
        socket = "cnn-tutor-test-\(getpid())-\(UUID().uuidString.prefix(8))"
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent(socket, isDirectory: true)
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let log = scratch.appendingPathComponent("tmux-start.log").path
        let args = ["tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d", "-x", "\(width)", "-y", "\(height)", command]
        let status = try TmuxSession.spawnAndWait(args, output: log)
        if status != 0 {
            let why = (try? String(contentsOfFile: log, encoding: .utf8)) ?? "exit \(status)"
            throw Failure.couldNotStart(why)
        }
        _ = try? run(["set-option", "-g", "status", "off"])
        _ = try? run(["resize-window", "-x", "\(width)", "-y", "\(height)"])
    }

    deinit {
        _ = try? run(["kill-server"])
        try? FileManager.default.removeItem(at: scratch)
    }

    /// Sends tmux key names (`Enter`, `Escape`, `C-c`, `Down`) or literal text with `literal`.
    public func send(_ keys: String..., literal: Bool = false) throws {
        try run(["send-keys", "-t", "0"] + (literal ? ["-l"] : []) + keys)
    }

    /// The pane's text now, one row a line (trailing blanks trimmed).
    public func screen() throws -> String {
        try run(["capture-pane", "-p", "-t", "0"])
    }

    /// Resizes the pane's window.
    public func resize(width: Int, height: Int) throws {
        try run(["resize-window", "-x", "\(width)", "-y", "\(height)"])
    }

    /// Polls the screen every 50 ms until `predicate` holds; returns that screen.
    @discardableResult
    public func waitUntil(_ what: String, timeout: TimeInterval = 20, _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = (try? screen()) ?? last
            if predicate(last) { return last }
            usleep(50_000)
        }
        throw Failure.timedOut(waitingFor: what, screen: last)
    }

    /// Waits until the screen contains `text`.
    @discardableResult
    public func waitFor(_ text: String, timeout: TimeInterval = 20) throws -> String {
        try waitUntil("\"\(text)\"", timeout: timeout) { $0.contains(text) }
    }

    /// Pastes `text` as a terminal paste: wrapped in bracketed-paste markers when the program
    /// asked for them (as a real terminal does).
    public func paste(_ text: String) throws {
        let file = scratch.appendingPathComponent("paste-\(UUID().uuidString)")
        try Data(text.utf8).write(to: file)
        try run(["load-buffer", "-b", "paste", file.path])
        try run(["paste-buffer", "-p", "-d", "-b", "paste", "-t", "0"])
    }

    @discardableResult
    func run(_ args: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TmuxSession.which("tmux") ?? "/usr/bin/tmux")
        process.arguments = ["-L", socket] + args
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    static func which(_ tool: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(dir)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    static func spawnAndWait(_ args: [String], output: String) throws -> Int32 {
        guard let tmux = which(args[0]) else { throw Failure.tmuxMissing }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // The tmux server lives on; it must not keep other tests' pipes open (their readers
        // would never see end-of-file).
        _ = spawnCloseFrom(&actions, 3)
        var argv: [UnsafeMutablePointer<CChar>?] = ([tmux] + args.dropFirst()).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        // Test runners block signals on their threads; a blocked mask would be inherited by tmux
        // and by the program under test, which would then never see SIGWINCH, SIGINT or SIGTERM.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for sig in [SIGINT, SIGTERM, SIGHUP, SIGWINCH, SIGPIPE, SIGCHLD] { sigaddset(&defaults, sig) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, tmux, &actions, &attributes, &argv, environ)
        guard rc == 0 else { throw Failure.couldNotStart("posix_spawn failed: \(rc)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return (status >> 8) & 0xff
    }
}

/// glibc (2.34+) has it, but its header hides it from Swift behind `_GNU_SOURCE`.
@_silgen_name("posix_spawn_file_actions_addclosefrom_np")
private func spawnCloseFrom(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ from: Int32) -> Int32

/// Locates the built `tutor` executable next to the running test bundle.
public enum BuiltTutor {
    public static var url: URL? {
        var dirs: [URL] = []
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            dirs.append(URL(fileURLWithPath: exe).deletingLastPathComponent())
        }
        for arg in CommandLine.arguments.prefix(1) where arg.contains("/") {
            var url = URL(fileURLWithPath: arg)
            while url.pathComponents.count > 1 {
                url.deleteLastPathComponent()
                dirs.append(url)
                if url.lastPathComponent == "debug" || url.lastPathComponent == "release" { break }
            }
        }
        for bundle in Bundle.allBundles { dirs.append(bundle.bundleURL.deletingLastPathComponent()) }
        for dir in dirs {
            let candidate = dir.appendingPathComponent("tutor")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }
}
