import Foundation

/// The lessons the tutor can open: folders of documents (read recursively) or single files.
///
/// Ordered by `weight`, then path; lessons without a weight come after weighted ones. Reads
/// `.md`, `.markdown` and `.txt`, skipping `README.*` (the coverage table) and hidden files
/// and folders. A lesson's id is its path below the folder without the extension
/// (`cnn/pooling`), or the file name's stem for a single file. Loading never throws on
/// content; file-system problems and content problems alike become `diagnostics`.
public struct LessonLibrary: Sendable {
    public private(set) var lessons: [Lesson]
    /// Every problem found while loading, for `tutor check`.
    public private(set) var diagnostics: [Diagnostic]
    /// Every lesson file read, in the order read (for `tutor check`).
    public private(set) var filesRead: [URL] = []

    /// File extensions read as lessons.
    public static let extensions: Set<String> = ["md", "markdown", "txt"]

    /// How deep folders are followed below a lessons folder (symlink loops end here too).
    public static let maxFolderDepth = 16

    public init(lessons: [Lesson], diagnostics: [Diagnostic] = []) {
        self.lessons = LessonLibrary.sorted(lessons)
        self.diagnostics = diagnostics
    }

    /// Loads every lesson in `url` (a folder, recursively) or the single file `url`.
    public init(url: URL) {
        self.init(urls: [url])
    }

    /// Loads folders and files; a later lesson with an id already loaded is reported and skipped.
    public init(urls: [URL]) {
        var lessons: [Lesson] = []
        var diagnostics: [Diagnostic] = []
        var seen: Set<String> = []
        var read: [URL] = []
        for url in urls {
            for file in LessonLibrary.files(at: url, diagnostics: &diagnostics) {
                let data: Data
                switch ContentFile.read(file.url, limit: ContentLimits.lessonFileBytes) {
                case .success(let bytes): data = bytes
                case .failure(let error):
                    diagnostics.append(Diagnostic(path: file.url.path, line: 0, message: error.message))
                    continue
                }
                read.append(file.url)
                let (lesson, found) = LessonParser.parse(data: data, url: file.url, id: file.id, path: file.url.path)
                diagnostics.append(contentsOf: found)
                guard seen.insert(lesson.id).inserted else {
                    diagnostics.append(Diagnostic(path: file.url.path, line: 0, message: "another lesson already has the id '\(lesson.id)'"))
                    continue
                }
                lessons.append(lesson)
            }
        }
        self.lessons = LessonLibrary.sorted(lessons)
        self.diagnostics = diagnostics
        self.filesRead = read
    }

    /// A lesson file found on disk and the id it gets.
    public struct File: Sendable, Hashable {
        public var url: URL
        /// The path below the folder without the extension (`cnn/pooling`), or the stem.
        public var id: String
    }

    /// The lesson files at `url`: the file itself, or a folder's lesson files found
    /// recursively, ordered by path (README, hidden files and hidden folders skipped).
    public static func files(at url: URL, diagnostics: inout [Diagnostic]) -> [File] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            diagnostics.append(Diagnostic(path: url.path, line: 0, message: "no such file or folder"))
            return []
        }
        guard isDirectory.boolValue else { return [File(url: url, id: url.deletingPathExtension().lastPathComponent)] }
        var found: [File] = []
        // An explicit stack, not recursion: depth is bounded and the walk order is by path.
        var pending: [(url: URL, prefix: String, depth: Int)] = [(url, "", 0)]
        while let folder = pending.popLast() {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.url.path) else {
                diagnostics.append(Diagnostic(path: folder.url.path, line: 0, message: "cannot list the folder"))
                continue
            }
            var subfolders: [(url: URL, prefix: String, depth: Int)] = []
            for name in names.sorted() where !name.hasPrefix(".") {
                let child = folder.url.appendingPathComponent(name)
                var childIsDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: child.path, isDirectory: &childIsDirectory) else { continue }
                if childIsDirectory.boolValue {
                    if folder.depth + 1 > maxFolderDepth {
                        diagnostics.append(Diagnostic(path: child.path, line: 0, message: "folder skipped: more than \(maxFolderDepth) folders deep"))
                    } else {
                        subfolders.append((child, folder.prefix + name + "/", folder.depth + 1))
                    }
                } else if isLessonFileName(name) {
                    found.append(File(url: child, id: folder.prefix + (name as NSString).deletingPathExtension))
                }
            }
            pending.append(contentsOf: subfolders.reversed())
        }
        return found.sorted { $0.id < $1.id }
    }

    /// A lesson file name: a lesson extension, not hidden, not a README.
    public static func isLessonFileName(_ name: String) -> Bool {
        let ext = (name as NSString).pathExtension.lowercased()
        let base = (name as NSString).deletingPathExtension.lowercased()
        return extensions.contains(ext) && !name.hasPrefix(".") && base != "readme"
    }

    /// The lesson with exactly this id, or nil.
    public func lesson(id: String) -> Lesson? { lessons.first { $0.id == id } }

    /// Finds a lesson as `resolve` does; nil when the query is unknown or ambiguous.
    public func find(_ query: String) -> Lesson? { try? resolve(query).get() }

    /// Resolves what a learner typed to one lesson: an exact id, then a file-name stem, then
    /// a unique prefix of either (also past an ordering prefix: `pool` finds
    /// `03-pooling`); `#3` is the third lesson in order. Case is ignored after the exact id.
    /// A number alone is never a position: `002` is the file `002_…` or nothing.
    public func resolve(_ query: String) -> Result<Lesson, LessonLookupError> {
        if let exact = lesson(id: query) { return .success(exact) }
        if query.hasPrefix("#") {
            guard let n = Int(query.dropFirst()), n >= 1, n <= lessons.count else {
                return .failure(.badPosition(query, count: lessons.count))
            }
            return .success(lessons[n - 1])
        }
        let q = query.lowercased()
        guard !q.isEmpty else { return .failure(.unknown(query, candidates: lessons.map(\.id))) }
        var tiers: [(Lesson) -> Bool] = [
            { $0.id.lowercased() == q },
            { LessonLibrary.stem($0.id).lowercased() == q },
            { $0.id.lowercased().hasPrefix(q) || LessonLibrary.stem($0.id).lowercased().hasPrefix(q) },
        ]
        // A number names the file whose ordering prefix has that value (`2` is `02-shapes`),
        // never the lesson at that position.
        if let n = Int(query), n >= 0 {
            tiers.append { LessonLibrary.orderingNumber(LessonLibrary.stem($0.id)) == n }
        }
        tiers.append { LessonLibrary.withoutOrderingPrefix(LessonLibrary.stem($0.id)).lowercased().hasPrefix(q) }
        for tier in tiers {
            let matches = lessons.filter(tier)
            if matches.count == 1, let only = matches.first { return .success(only) }
            if matches.count > 1 { return .failure(.ambiguous(query, candidates: matches.map(\.id))) }
        }
        return .failure(.unknown(query, candidates: lessons.map(\.id)))
    }

    /// The value of a name's ordering prefix (`02-shapes` → 2), or nil when it has none.
    static func orderingNumber(_ name: Substring) -> Int? {
        guard withoutOrderingPrefix(name).count < name.count else { return nil }
        return Int(name.prefix { $0.isASCII && $0.isNumber }.prefix(18))
    }

    /// The last path component of an id (`cnn/pooling` → `pooling`).
    static func stem(_ id: String) -> Substring {
        guard let slash = id.lastIndex(of: "/") else { return Substring(id) }
        return id[id.index(after: slash)...]
    }

    /// A name without a leading ordering prefix: digits followed by `-`, `_`, `.` or a space
    /// (`01-intro` → `intro`, `000_4a0c` → `4a0c`); `3d-convolutions` has none.
    public static func withoutOrderingPrefix<S: StringProtocol>(_ name: S) -> Substring {
        let s = Substring(name)
        let digits = s.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, let next = s.dropFirst(digits.count).first, "-_. ".contains(next) else { return s }
        return s.dropFirst(digits.count + 1).drop { "-_. ".contains($0) }
    }

    static func sorted(_ lessons: [Lesson]) -> [Lesson] {
        lessons.sorted { a, b in
            switch (a.weight, b.weight) {
            case let (x?, y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return a.id < b.id
            }
        }
    }
}

/// Why a lesson query found no single lesson; prints as one line naming the candidates.
public enum LessonLookupError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknown(String, candidates: [String])
    case ambiguous(String, candidates: [String])
    case badPosition(String, count: Int)

    /// At most this many candidates are named; the rest are counted.
    static let shownCandidates = 8

    public var description: String {
        switch self {
        case .unknown(let query, let candidates):
            if candidates.isEmpty { return "no lesson '\(LessonLookupError.shown(query))': there are no lessons" }
            return "no lesson '\(LessonLookupError.shown(query))'; lessons are: \(LessonLookupError.list(candidates)) (or #1-#\(candidates.count) by position)"
        case .ambiguous(let query, let candidates):
            return "'\(LessonLookupError.shown(query))' matches \(candidates.count) lessons: \(LessonLookupError.list(candidates)); type more of the id"
        case .badPosition(let query, let count):
            let q = LessonLookupError.shown(query)
            return count == 0 ? "no lesson '\(q)': there are no lessons" : "no lesson '\(q)': positions run from #1 to #\(count)"
        }
    }

    static func list(_ ids: [String]) -> String {
        let shown = ids.prefix(shownCandidates).map { LessonLookupError.shown($0) }.joined(separator: ", ")
        return ids.count > shownCandidates ? shown + " and \(ids.count - shownCandidates) more" : shown
    }

    /// Text from the command line or a file name as it may be printed: at most 80 characters,
    /// control characters shown visibly (`^[`) so that none reaches the terminal.
    static func shown(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars.prefix(80) {
            switch scalar.value {
            case 0x00..<0x20: out += "^" + String(UnicodeScalar(UInt8(scalar.value + 0x40)))
            case 0x7F: out += "^?"
            case 0x80..<0xA0: out += "\\u{" + String(scalar.value, radix: 16) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return text.unicodeScalars.count > 80 ? out + "…" : out
    }
}
