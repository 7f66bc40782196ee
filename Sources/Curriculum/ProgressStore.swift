import Foundation

/// Reads and writes `progress.json`, safely.
///
/// - Every change is "lock, load the latest file, apply, write": two tutors running at once
///   never lose each other's updates. The lock is an `flock` on `progress.lock` beside the file.
/// - Writes are atomic: a temporary file in the same folder, then `rename`.
/// - A file that cannot be read as progress is moved aside to
///   `progress.json.corrupt-<timestamp>` and reported in `warnings`, never overwritten.
/// - Time is always passed in; the store never reads the clock.
public struct ProgressStore: Sendable {
    public let directory: URL
    public var fileURL: URL { directory.appendingPathComponent("progress.json") }
    var lockURL: URL { directory.appendingPathComponent("progress.lock") }

    public init(directory: URL) {
        self.directory = directory
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

    /// Reads the current progress (empty when there is no file yet). A corrupt file is moved
    /// aside (named with `now`) and reported.
    public func load(now: Date) throws -> Snapshot {
        try withLock { try read(now: now) }
    }

    /// Applies `change` to the latest progress on disk and writes it back, under the lock.
    @discardableResult
    public func update(now: Date, _ change: (inout ProgressData) throws -> Void) throws -> Snapshot {
        try withLock {
            var snapshot = try read(now: now)
            try change(&snapshot.data)
            try write(snapshot.data)
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

    /// Writes a copy of the progress to `url` (atomically).
    public func export(to url: URL, now: Date) throws {
        let data = try load(now: now).data
        try ProgressStore.encode(data).write(to: url, options: .atomic)
    }

    /// Merges a previously exported file into the progress.
    /// - Throws: `ProgressError.unreadable` when `url` is not a progress file.
    public func importFile(_ url: URL, now: Date) throws {
        guard let bytes = FileManager.default.contents(atPath: url.path) else {
            throw ProgressError.unreadable(path: url.path, reason: "cannot read the file")
        }
        let other: ProgressData
        do { other = try ProgressStore.decode(bytes) } catch let error as ProgressError { throw error.at(url.path) }
        try update(now: now) { $0.merge(other) }
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
            throw ProgressError.unreadable(path: "", reason: "not a progress file (\(Self.reason(error)))")
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
            return "unexpected value at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        default: return "\(error)"
        }
    }

    func read(now: Date) throws -> Snapshot {
        guard let bytes = FileManager.default.contents(atPath: fileURL.path) else {
            return Snapshot(data: ProgressData(), warnings: [])
        }
        do {
            return Snapshot(data: try ProgressStore.decode(bytes), warnings: [])
        } catch ProgressError.newerFormat(_, let version) {
            throw ProgressError.newerFormat(path: fileURL.path, version: version)
        } catch {
            let aside = try moveAside(now: now)
            let why = (error as? ProgressError).map { "\($0.reason)" } ?? "\(error)"
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
        try FileManager.default.moveItem(at: fileURL, to: target)
        return target
    }

    func write(_ data: ProgressData) throws {
        let bytes = try ProgressStore.encode(data)
        let temp = directory.appendingPathComponent(".progress.json.tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))")
        guard FileManager.default.createFile(atPath: temp.path, contents: bytes) else {
            throw ProgressError.cannotWrite(path: fileURL.path, reason: "cannot create \(temp.lastPathComponent)")
        }
        guard rename(temp.path, fileURL.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temp)
            throw ProgressError.cannotWrite(path: fileURL.path, reason: reason)
        }
    }

    /// Runs `body` holding an exclusive `flock` on the lock file (creating the folder first).
    func withLock<T>(_ body: () throws -> T) throws -> T {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw ProgressError.cannotWrite(path: directory.path, reason: "cannot create the folder")
        }
        let fd = open(lockURL.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ProgressError.cannotWrite(path: lockURL.path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else { throw ProgressError.cannotWrite(path: lockURL.path, reason: String(cString: strerror(errno))) }
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

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): return "\(path): not a progress file: \(reason)"
        case .newerFormat(let path, let version):
            return "\(path): written by a newer tutor (format \(version); this one reads \(Curriculum.progressFormatVersion)); not touched"
        case .cannotWrite(let path, let reason): return "\(path): cannot save progress: \(reason)"
        }
    }

    var reason: String {
        switch self {
        case .unreadable(_, let reason): return reason
        case .newerFormat(_, let version): return "format \(version)"
        case .cannotWrite(_, let reason): return reason
        }
    }

    func at(_ path: String) -> ProgressError {
        switch self {
        case .unreadable(_, let reason): return .unreadable(path: path, reason: reason)
        case .newerFormat(_, let version): return .newerFormat(path: path, version: version)
        case .cannotWrite(_, let reason): return .cannotWrite(path: path, reason: reason)
        }
    }
}
