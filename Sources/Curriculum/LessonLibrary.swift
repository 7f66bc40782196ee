import Foundation

/// The lessons the tutor can open: a folder of documents or single files, in order.
///
/// Ordered by `weight`, then file name; lessons without a weight come after weighted ones.
/// Reads `.md`, `.markdown` and `.txt`, skipping `README.*` (the coverage table). Loading
/// never throws on content; file-system problems and content problems alike become
/// `diagnostics`.
public struct LessonLibrary: Sendable {
    public private(set) var lessons: [Lesson]
    /// Every problem found while loading, for `tutor check`.
    public private(set) var diagnostics: [Diagnostic]

    /// File extensions read as lessons.
    public static let extensions: Set<String> = ["md", "markdown", "txt"]

    public init(lessons: [Lesson], diagnostics: [Diagnostic] = []) {
        self.lessons = LessonLibrary.sorted(lessons)
        self.diagnostics = diagnostics
    }

    /// Loads every lesson in `url` (a folder, not recursive) or the single file `url`.
    public init(url: URL) {
        self.init(urls: [url])
    }

    /// Loads folders and files; a later lesson with an id already loaded is reported and skipped.
    public init(urls: [URL]) {
        var lessons: [Lesson] = []
        var diagnostics: [Diagnostic] = []
        for url in urls {
            for file in LessonLibrary.files(at: url, diagnostics: &diagnostics) {
                let data: Data
                switch ContentFile.read(file, limit: ContentLimits.lessonFileBytes) {
                case .success(let bytes): data = bytes
                case .failure(let error):
                    diagnostics.append(Diagnostic(path: file.path, line: 0, message: error.message))
                    continue
                }
                let (lesson, found) = LessonParser.parse(data: data, url: file, path: file.path)
                diagnostics.append(contentsOf: found)
                if lessons.contains(where: { $0.id == lesson.id }) {
                    diagnostics.append(Diagnostic(path: file.path, line: 0, message: "another lesson already has the id '\(lesson.id)'"))
                    continue
                }
                lessons.append(lesson)
            }
        }
        self.lessons = LessonLibrary.sorted(lessons)
        self.diagnostics = diagnostics
    }

    /// The lesson files at `url`: the file itself, or a folder's lesson files (README skipped).
    public static func files(at url: URL, diagnostics: inout [Diagnostic]) -> [URL] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            diagnostics.append(Diagnostic(path: url.path, line: 0, message: "no such file or folder"))
            return []
        }
        guard isDirectory.boolValue else { return [url] }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: url.path) else {
            diagnostics.append(Diagnostic(path: url.path, line: 0, message: "cannot list the folder"))
            return []
        }
        return names.sorted().filter(isLessonFileName).map { url.appendingPathComponent($0) }
    }

    /// A lesson file name: a lesson extension, not hidden, not a README.
    public static func isLessonFileName(_ name: String) -> Bool {
        let ext = (name as NSString).pathExtension.lowercased()
        let base = (name as NSString).deletingPathExtension.lowercased()
        return extensions.contains(ext) && !name.hasPrefix(".") && base != "readme"
    }

    /// The lesson with this id, or nil.
    public func lesson(id: String) -> Lesson? { lessons.first { $0.id == id } }

    /// Finds a lesson by id, by a unique id prefix, or by its position (`1` is the first).
    public func find(_ query: String) -> Lesson? {
        if let exact = lesson(id: query) { return exact }
        let q = query.lowercased()
        if let exact = lessons.first(where: { $0.id.lowercased() == q }) { return exact }
        if let n = Int(query), n >= 1, n <= lessons.count { return lessons[n - 1] }
        let prefixed = lessons.filter { $0.id.lowercased().hasPrefix(q) || $0.id.lowercased().drop(while: { $0.isNumber || $0 == "-" }).hasPrefix(q) }
        return prefixed.count == 1 ? prefixed.first : nil
    }

    static func sorted(_ lessons: [Lesson]) -> [Lesson] {
        lessons.sorted { a, b in
            switch (a.weight, b.weight) {
            case let (x?, y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return a.source.lastPathComponent < b.source.lastPathComponent
            }
        }
    }
}
