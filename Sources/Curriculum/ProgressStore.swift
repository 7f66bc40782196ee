import Foundation

/// Reads and writes `progress.json`, safely.
///
/// - Every change is "lock, load the latest file, apply, write": two tutors running at once
///   never lose each other's updates. The lock is an `flock` on `progress.lock` beside the file;
///   a held lock is waited for (`onWait` is told once) up to `lockTimeout`, then an error.
///   Reading alone (`load`) takes no lock, so `tutor lessons` and `tutor progress` never wait.
/// - Writes are atomic: a temporary file in the same folder, then `rename`. Temporary files left
///   by a killed tutor are removed before the next write.
/// - A file that cannot be read as progress is moved aside to
///   `progress.json.corrupt-<timestamp>` and reported in `warnings`, never overwritten.
/// - A file that exists but cannot be opened (permissions), is not a regular file, or is larger
///   than `maximumFileBytes` is an error, and nothing is written over it.
/// - Time is always passed in; the store never reads the clock.
public struct ProgressStore: Sendable {
    public let directory: URL
    public var fileURL: URL { directory.appendingPathComponent("progress.json") }
    var lockURL: URL { directory.appendingPathComponent("progress.lock") }
    /// How long a change waits for another tutor's lock before giving up.
    public var lockTimeout: TimeInterval
    /// Told once when a change has to wait for the lock (e.g. to print "waiting for ...").
    public var onWait: (@Sendable (String) -> Void)?

    /// The largest progress file read (a learner's real file is a few hundred KB at most).
    public static let maximumFileBytes = ContentLimits.progressFileBytes

    public init(directory: URL, lockTimeout: TimeInterval = 10, onWait: (@Sendable (String) -> Void)? = nil) {
        self.directory = directory
        self.lockTimeout = lockTimeout
        self.onWait = onWait
    }

    /// `$TUTOR_HOME`, else `$XDG_STATE_HOME/cnn-tutor`, else `~/.local/state/cnn-tutor`.
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let home = environment["TUTOR_HOME"], !home.isEmpty { return URL(fileURLWithPath: home, isDirectory: true) }
        if let state = environment["XDG_STATE_HOME"], !state.isEmpty {
            return URL(fileURLWithPath: state, isDirectory: true).appendingPathComponent("cnn-tutor", isDirectory: true)
        }
        let home = environment["HOME"].map { URL(fileURLWithPath: $0, isDirectory: true) }
            ?? FileManager.default.homeDirectoryForCurrentUser
        return home.appendingPathComponent(".local/state/cnn-tutor", isDirectory: true)
    }

    /// The progress data and anything worth telling the learner about reading it.
    public struct Snapshot: Sendable {
        public var data: ProgressData
        public var warnings: [String]
    }

    /// Reads the current progress (empty when there is no file yet) without taking the lock, so
    /// it works in a read-only folder. A corrupt file is moved aside (named with `now`, under
    /// the lock) and reported; if it cannot be moved, that is reported too and it stays.
    /// - Throws: `ProgressError` when the file exists but cannot be read, or is newer.
    public func load(now: Date) throws -> Snapshot {
        do {
            return Snapshot(data: try readFile(), warnings: [])
        } catch ProgressError.unreadable(_, let reason) {
            do {
                return try withLock { try read(now: now) }
            } catch {
                return Snapshot(data: ProgressData(), warnings: [
                    "progress file \(fileURL.path) could not be read (\(reason)) and could not be moved aside (\(error)); it was left as it is",
                ])
            }
        }
    }

    /// Applies `change` to the latest progress on disk and writes it back, under the lock.
    /// - Returns: the progress as written (read back from the file after the write).
    @discardableResult
    public func update(now: Date, _ change: (inout ProgressData) throws -> Void) throws -> Snapshot {
        try withLock {
            removeStaleTemporaryFiles()
            var snapshot = try read(now: now)
            try change(&snapshot.data)
            try write(snapshot.data)
            snapshot.data = try readFile()
            return snapshot
        }
    }

    // MARK: Changes the tutor makes

    /// The learner opened a lesson section ("continue where you left off").
    public func recordOpened(lesson: String, section: SectionKind, now: Date) throws {
        try update(now: now) { $0.last = Position(lesson: lesson, section: section, date: now) }
    }

    /// The learner reached the end of a section.
    public func markRead(lesson: String, section: SectionKind, now: Date) throws {
        try update(now: now) { data in
            var progress = data.lesson(lesson)
            progress.sectionsRead.insert(section)
            data.lessons[lesson] = progress
        }
    }

    /// One answer: moves the question's Leitner box. Saved as it happens.
    public func recordAnswer(lesson: String, question: String, verdict: Grade.Verdict, now: Date) throws {
        try update(now: now) { data in
            let key = ProgressData.key(lesson: lesson, question: question)
            data.reviews[key] = ReviewState.after(data.reviews[key], verdict: verdict, now: now)
        }
    }

    /// A finished (or ended early) quiz.
    public func recordAttempt(lesson: String, attempt: QuizAttempt, now: Date) throws {
        try update(now: now) { data in
            var progress = data.lesson(lesson)
            progress.attempts.append(attempt)
            data.lessons[lesson] = progress
        }
    }

    /// Forgets one lesson: sections, attempts and its questions' review states.
    public func reset(lesson: String, now: Date) throws {
        try update(now: now) { data in
            data.lessons[lesson] = nil
            data.reviews = data.reviews.filter { !$0.key.hasPrefix(lesson + "/") }
            if data.last?.lesson == lesson { data.last = nil }
        }
    }

    /// Forgets everything.
    public func resetAll(now: Date) throws {
        try update(now: now) { $0 = ProgressData() }
    }

    /// Writes a copy of the progress to `url` (atomically; a symlink there is followed).
    /// - Returns: the progress as exported.
    @discardableResult
    public func export(to url: URL, now: Date) throws -> ProgressData {
        let data = try load(now: now).data
        try WriteTarget.write(try ProgressStore.encode(data), to: url)
        return data
    }

    /// Merges a previously exported file into the progress, after checking and clamping it
    /// (see `ProgressData.validatedForImport()`).
    /// - Returns: the progress as saved, and a line per field that was clamped or dropped.
    /// - Throws: `ProgressError.unreadable` when `url` is not a progress file.
    @discardableResult
    public func importFile(_ url: URL, now: Date) throws -> (saved: ProgressData, notes: [String]) {
        let bytes: Data
        do { bytes = try Self.readBounded(url.path) } catch let error as ProgressError {
            throw ProgressError.unreadable(path: url.path, reason: error.reason)
        }
        let other: ProgressData
        do { other = try ProgressStore.decode(bytes) } catch let error as ProgressError { throw error.at(url.path) }
        let (clean, notes) = other.validatedForImport()
        let snapshot = try update(now: now) { $0.merge(clean) }
        return (snapshot.data, notes)
    }

    // MARK: File handling

    static func encode(_ data: ProgressData) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(data)
    }

    static func decode(_ bytes: Data) throws -> ProgressData {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        // Check the version first: a newer format is not corruption.
        struct Versioned: Decodable { var version: Int }
        let version: Int
        do { version = try decoder.decode(Versioned.self, from: bytes).version } catch {
            throw ProgressError.unreadable(path: "", reason: Self.reason(error))
        }
        guard version <= Curriculum.progressFormatVersion else { throw ProgressError.newerFormat(path: "", version: version) }
        do { return try decoder.decode(ProgressData.self, from: bytes) } catch {
            throw ProgressError.unreadable(path: "", reason: Self.reason(error))
        }
    }

    static func reason(_ error: Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context): return context.debugDescription
        case DecodingError.keyNotFound(let key, _): return "missing '\(key.stringValue)'"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? "expected a JSON object with a 'version'" : "unexpected value at \(path)"
        default: return "\(error)"
        }
    }

    /// Reads a file of at most `maximumFileBytes`, or nil when there is nothing at `path`.
    /// - Throws: `ProgressError.cannotRead` for a file that exists but cannot be read as bytes.
    static func readBounded(_ path: String) throws -> Data {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw ProgressError.cannotRead(path: path, reason: "cannot read the file (\(String(cString: strerror(errno))))")
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw ProgressError.cannotRead(path: path, reason: "\(WriteTarget.kind(info.st_mode)), not a regular file, is there")
        }
        guard info.st_size <= Int64(maximumFileBytes) else {
            throw ProgressError.cannotRead(path: path, reason: "\(info.st_size) bytes; the limit is \(maximumFileBytes) (16 MB)")
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw ProgressError.cannotRead(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var bytes = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = buffer.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            guard n >= 0 else { throw ProgressError.cannotRead(path: path, reason: String(cString: strerror(errno))) }
            if n == 0 { break }
            bytes.append(contentsOf: buffer[0..<n])
            guard bytes.count <= maximumFileBytes else {
                throw ProgressError.cannotRead(path: path, reason: "larger than the limit of \(maximumFileBytes) bytes (16 MB)")
            }
        }
        return bytes
    }

    /// The progress in the file, or empty progress when there is no file.
    /// - Throws: `.cannotRead` (left alone), `.newerFormat` (left alone) or `.unreadable` (damaged).
    func readFile() throws -> ProgressData {
        var info = stat()
        if stat(fileURL.path, &info) != 0, errno == ENOENT {
            var link = stat()
            // A dangling symlink is not "no progress yet": its target may be on an unmounted disk.
            if lstat(fileURL.path, &link) == 0 {
                throw ProgressError.cannotRead(path: fileURL.path, reason: "a symbolic link to a missing file")
            }
            return ProgressData()
        }
        let bytes = try Self.readBounded(fileURL.path)
        do {
            return try ProgressStore.decode(bytes)
        } catch let error as ProgressError {
            throw error.at(fileURL.path)
        }
    }

    func read(now: Date) throws -> Snapshot {
        do {
            return Snapshot(data: try readFile(), warnings: [])
        } catch ProgressError.unreadable(_, let why) {
            let aside = try moveAside(now: now)
            return Snapshot(data: ProgressData(), warnings: [
                "progress file \(fileURL.path) could not be read (\(why)); it was moved to \(aside.path) and progress starts afresh",
            ])
        }
    }

    func moveAside(now: Date) throws -> URL {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        var target = directory.appendingPathComponent("progress.json.corrupt-" + formatter.string(from: now))
        var n = 2
        while FileManager.default.fileExists(atPath: target.path) {
            target = directory.appendingPathComponent("progress.json.corrupt-\(formatter.string(from: now))-\(n)")
            n += 1
        }
        guard rename(fileURL.path, target.path) == 0 else {
            throw ProgressError.cannotWrite(path: fileURL.path, reason: "cannot move the damaged file aside (\(String(cString: strerror(errno))))")
        }
        return target
    }

    func write(_ data: ProgressData) throws {
        do {
            try WriteTarget.write(try ProgressStore.encode(data), to: fileURL)
        } catch let refused as WriteTarget.Refused {
            throw ProgressError.cannotWrite(path: fileURL.path, reason: refused.reason)
        }
    }

    /// Removes `.progress.json.tmp-<pid>-…` files whose writer is no longer running (a tutor
    /// killed between creating its temporary file and renaming it).
    func removeStaleTemporaryFiles() {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return }
        for name in names where name.hasPrefix(".progress.json.tmp-") {
            let fields = name.dropFirst(".progress.json.tmp-".count).split(separator: "-")
            guard let pid = fields.first.flatMap({ pid_t($0) }) else { continue }
            if pid == getpid() { continue }
            if kill(pid, 0) == 0 || errno == EPERM { continue }
            unlink(directory.appendingPathComponent(name).path)
        }
    }

    /// Runs `body` holding an exclusive `flock` on the lock file (creating the folder first).
    /// Waits for another tutor's lock up to `lockTimeout`, telling `onWait` once.
    func withLock<T>(_ body: () throws -> T) throws -> T {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw ProgressError.cannotWrite(path: directory.path, reason: "cannot create the folder")
        }
        let fd = open(lockURL.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ProgressError.cannotWrite(path: lockURL.path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var waited = 0.0
        var told = false
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                throw ProgressError.cannotWrite(path: lockURL.path, reason: String(cString: strerror(errno)))
            }
            if waited >= lockTimeout { throw ProgressError.lockTimeout(path: lockURL.path, seconds: lockTimeout) }
            if !told, waited >= 0.2 {
                onWait?("waiting for another tutor to finish saving (\(lockURL.path))")
                told = true
            }
            usleep(50_000)
            waited += 0.05
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}

/// Why progress could not be read or saved; reads as one line.
public enum ProgressError: Error, Sendable, CustomStringConvertible, Equatable {
    case unreadable(path: String, reason: String)
    case newerFormat(path: String, version: Int)
    case cannotWrite(path: String, reason: String)
    /// The file exists but cannot be read: it is left alone and nothing is saved over it.
    case cannotRead(path: String, reason: String)
    case lockTimeout(path: String, seconds: Double)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): return "\(path): not a progress file: \(reason)"
        case .cannotRead(let path, let reason):
            return "\(path): cannot read the progress file (\(reason)); it was left as it is and nothing will be saved over it until it can be read (check its permissions, e.g. chmod u+rw)"
        case .lockTimeout(let path, let seconds):
            return "\(path): another tutor held the progress lock for \(Int(seconds)) s; nothing was saved (close the other tutor and try again)"
        case .newerFormat(let path, let version):
            return "\(path): written by a newer tutor (format \(version); this one reads \(Curriculum.progressFormatVersion)); not touched"
        case .cannotWrite(let path, let reason): return "\(path): cannot save progress: \(reason)"
        }
    }

    var reason: String {
        switch self {
        case .unreadable(_, let reason): return reason
        case .newerFormat(_, let version): return "format \(version)"
        case .cannotWrite(_, let reason), .cannotRead(_, let reason): return reason
        case .lockTimeout(_, let seconds): return "lock held for \(Int(seconds)) s"
        }
    }

    func at(_ path: String) -> ProgressError {
        switch self {
        case .unreadable(_, let reason): return .unreadable(path: path, reason: reason)
        case .newerFormat(_, let version): return .newerFormat(path: path, version: version)
        case .cannotWrite(_, let reason): return .cannotWrite(path: path, reason: reason)
        case .cannotRead(_, let reason): return .cannotRead(path: path, reason: reason)
        case .lockTimeout(_, let seconds): return .lockTimeout(path: path, seconds: seconds)
        }
    }
}
