import Foundation

/// An interactive lab embedded in a lesson: a fenced block with info string `lab` whose line is
/// the kind followed by `key=value` settings (see lab-syntax.md).
///
///     ```lab
///     convolution input=digit:3 kernel=sobel-x stride=1 padding=0
///     ```
public struct LabSpec: Sendable, Hashable {
    /// The labs the tutor has, with their settings (see `LabKind`).
    public typealias Kind = LabKind

    public var kind: Kind
    /// The settings in the order written, values unquoted.
    public var settings: [(key: String, value: String)]
    /// The block's text as written (the kind and settings line).
    public var source: String
    /// The line of the opening fence in the lesson file.
    public var line: Int

    public init(kind: Kind, settings: [(key: String, value: String)], source: String, line: Int) {
        (self.kind, self.settings, self.source, self.line) = (kind, settings, source, line)
    }

    /// The value of a setting, if given.
    public subscript(key: String) -> String? {
        settings.first { $0.key == key }?.value
    }

    public static func == (a: LabSpec, b: LabSpec) -> Bool {
        a.kind == b.kind && a.source == b.source && a.line == b.line
            && a.settings.map(\.key) == b.settings.map(\.key) && a.settings.map(\.value) == b.settings.map(\.value)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(source)
        hasher.combine(line)
    }
}

/// Why a lab block could not be read; `description` is the message `tutor check` prints.
public struct LabSpecError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

extension LabSpec {
    /// Parses a lab block's text (its lines joined by spaces).
    /// - Throws: `LabSpecError` naming the unknown kind, key or malformed value.
    public static func parse(_ text: String, line: Int) throws -> LabSpec {
        let tokens = try tokenize(text)
        guard let first = tokens.first else {
            throw LabSpecError(message: "empty lab block: expected a kind (\(Kind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        guard let kind = Kind(rawValue: first.lowercased()) else {
            throw LabSpecError(message: "unknown lab kind '\(first)' (expected \(Kind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        var settings: [(key: String, value: String)] = []
        for token in tokens.dropFirst() {
            guard let eq = token.firstIndex(of: "="), eq != token.startIndex else {
                throw LabSpecError(message: "malformed lab setting '\(token)' (expected key=value)")
            }
            let key = String(token[..<eq]).lowercased()
            let value = String(token[token.index(after: eq)...])
            guard let name = LabSetting.Name(rawValue: key), let setting = kind.setting(name) else {
                throw LabSpecError(message: "unknown \(kind.rawValue) lab setting '\(key)' (expected one of \(kind.settings.map(\.name.rawValue).joined(separator: ", ")))")
            }
            if settings.contains(where: { $0.key == key }) {
                throw LabSpecError(message: "lab setting '\(key)' given twice")
            }
            do {
                _ = try setting.check(value)
            } catch {
                throw LabSpecError(message: "bad \(kind.rawValue) lab setting \(key)=\(value): \(error.reason)")
            }
            settings.append((key, value))
        }
        return LabSpec(kind: kind, settings: settings, source: MarkdownParser.trimmed(text), line: line)
    }

    /// Splits on spaces, keeping double-quoted values (`input="1 2; 3 4"`) whole and unquoted.
    private static func tokenize(_ text: String) throws -> [String] {
        var tokens: [String] = []
        var current = ""
        var inQuotes = false
        var sawAny = false
        for c in text {
            if c == "\"" { inQuotes.toggle(); sawAny = true; continue }
            if c == " " && !inQuotes {
                if sawAny { tokens.append(current) }
                current = ""; sawAny = false
                continue
            }
            current.append(c); sawAny = true
        }
        if inQuotes { throw LabSpecError(message: "unterminated quote in lab block") }
        if sawAny { tokens.append(current) }
        return tokens
    }
}
