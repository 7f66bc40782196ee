import Foundation

/// An interactive lab embedded in a lesson: a fenced block with info string `lab` whose line is
/// the kind followed by `key=value` settings (see lab-syntax.md).
///
///     ```lab
///     convolution input=digit:3 kernel=sobel-x stride=1 padding=0
///     ```
public struct LabSpec: Sendable, Hashable {
    /// The labs the tutor has.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case convolution, pooling, network, training

        /// The keys each kind accepts.
        public var keys: [String] {
            switch self {
            case .convolution: return ["input", "kernel", "stride", "padding", "dilation", "bias", "relu"]
            case .pooling: return ["input", "kernel", "stride", "mode", "padding"]
            case .network: return ["dataset", "sample"]
            case .training: return ["dataset", "lr", "batch", "optimizer", "epochs", "augment"]
            }
        }
    }

    public var kind: Kind
    /// The settings in the order written, values unquoted.
    public var settings: [(key: String, value: String)]
    /// The block's text as written (the kind and settings line).
    public var source: String
    /// The line of the opening fence in the lesson file.
    public var line: Int

    public init(kind: Kind, settings: [(key: String, value: String)], source: String, line: Int) {
        self.kind = kind
        self.settings = settings
        self.source = source
        self.line = line
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
    public static let kernelPresets = ["identity", "box-blur", "gaussian", "sharpen", "sobel-x", "sobel-y",
                                       "laplacian", "edge-h", "edge-v"]
    public static let inputPresets = ["checker", "cross", "ramp"]

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
            guard kind.keys.contains(key) else {
                throw LabSpecError(message: "unknown \(kind.rawValue) lab setting '\(key)' (expected one of \(kind.keys.joined(separator: ", ")))")
            }
            if settings.contains(where: { $0.key == key }) {
                throw LabSpecError(message: "lab setting '\(key)' given twice")
            }
            if let problem = validate(kind: kind, key: key, value: value) {
                throw LabSpecError(message: "bad \(kind.rawValue) lab setting \(key)=\(value): \(problem)")
            }
            settings.append((key, value))
        }
        return LabSpec(kind: kind, settings: settings, source: text.trimmingCharacters(in: .whitespaces), line: line)
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

    /// A problem with one value, or nil when it is fine.
    static func validate(kind: Kind, key: String, value: String) -> String? {
        func int(_ range: ClosedRange<Int>) -> String? {
            guard let n = Int(value), range.contains(n) else {
                return "expected a whole number from \(range.lowerBound) to \(range.upperBound)"
            }
            return nil
        }
        func oneOf(_ options: [String]) -> String? {
            options.contains(value) ? nil : "expected \(options.joined(separator: " or "))"
        }
        switch (kind, key) {
        case (.convolution, "input"), (.pooling, "input"): return validateSpec(value, presets: inputPresets, allowsSampleSets: true)
        case (.convolution, "kernel"): return validateSpec(value, presets: kernelPresets, allowsSampleSets: false)
        case (.pooling, "kernel"): return int(1...8)
        case (_, "stride"): return int(1...8)
        case (_, "padding"): return int(0...8)
        case (_, "dilation"): return int(1...8)
        case (_, "bias"): return Double(value).map { $0.isFinite ? nil : "expected a number" } ?? "expected a number"
        case (_, "relu"), (_, "augment"): return oneOf(["on", "off"])
        case (_, "mode"): return oneOf(["max", "avg"])
        case (_, "dataset"): return oneOf(["digits", "mnist"])
        case (_, "sample"): return int(0...99_999)
        case (_, "lr"): return Double(value).map { $0 > 0 && $0 <= 10 ? nil : "expected a learning rate above 0" } ?? "expected a number"
        case (_, "batch"): return int(1...4096)
        case (_, "optimizer"): return oneOf(["sgd", "adam"])
        case (_, "epochs"): return int(1...1000)
        default: return nil
        }
    }

    /// An input or kernel SPEC: a preset, `digit:N`/`mnist:N`, or an inline matrix `"1 2; 3 4"`.
    static func validateSpec(_ value: String, presets: [String], allowsSampleSets: Bool) -> String? {
        if presets.contains(value) { return nil }
        if allowsSampleSets, let colon = value.firstIndex(of: ":") {
            let set = value[..<colon]
            let n = Int(value[value.index(after: colon)...])
            if set == "digit" || set == "mnist" {
                return n.map { (0...9).contains($0) ? nil : "the class must be 0 to 9" } ?? "expected \(set):N with N from 0 to 9"
            }
        }
        if value.contains(" ") || value.contains(";") || Double(value) != nil {
            let rows = value.split(separator: ";", omittingEmptySubsequences: false)
                .map { $0.split(separator: " ") }
            guard rows.allSatisfy({ !$0.isEmpty }) else { return "an inline matrix has an empty row" }
            guard rows.allSatisfy({ $0.allSatisfy { Double($0)?.isFinite == true } }) else { return "an inline matrix holds only numbers" }
            guard Set(rows.map(\.count)).count == 1 else { return "the rows of an inline matrix differ in length" }
            return nil
        }
        let sets = allowsSampleSets ? ", digit:N, mnist:N" : ""
        return "expected one of \(presets.joined(separator: ", "))\(sets) or a quoted matrix"
    }
}
