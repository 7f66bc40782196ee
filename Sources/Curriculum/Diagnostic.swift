/// A problem found in a lesson or quiz file, printed by `tutor check` as `path:line: message`.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible, Comparable {
    /// The file as the user named it (or as found in a folder).
    public var path: String
    /// 1-based line; 0 when the problem is about the whole file.
    public var line: Int
    public var message: String

    public init(path: String, line: Int, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String { "\(path):\(line): \(message)" }

    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        (a.path, a.line, a.message) < (b.path, b.line, b.message)
    }
}
