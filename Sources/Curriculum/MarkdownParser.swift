import Foundation

/// Parses the block structure of Markdown study notes into `Block`s.
///
/// Handles ATX and setext headings, paragraphs, nested lists (with blank lines between
/// items), fenced and indented code, pipe tables, block quotes, rules, Hugo shortcodes
/// (`{{< name >}}…{{< /name >}}` → `.asked`), GitBook embeds (`{% embed url="…" %}` →
/// `.embed`; other `{% … %}` tags are dropped, their content kept) and `lab` fences.
/// Never fails: anything unrecognised is a paragraph. Problems (a malformed lab block) are
/// returned as diagnostics with an empty path for the caller to fill in.
public enum MarkdownParser {
    /// Parses already-cleaned lines (see `SourceText`).
    public static func parse(_ lines: [SourceLine]) -> (blocks: [Block], problems: [Diagnostic]) {
        parse(lines[...])
    }

    /// Parses a run of a document's lines in place (no copy).
    public static func parse(_ lines: ArraySlice<SourceLine>) -> (blocks: [Block], problems: [Diagnostic]) {
        var state = State(lines: lines)
        let blocks = state.parseBlocks(depth: 0)
        // Nested parsers each report excessive depth; one line per document is enough.
        var sawDepth = false
        let problems = state.problems.filter { problem in
            guard problem.message == State.tooDeepMessage else { return true }
            defer { sawDepth = true }
            return !sawDepth
        }
        return (blocks, problems)
    }

    /// Parses a string (split and cleaned by `SourceText`).
    public static func parse(_ text: String) -> [Block] {
        parse(SourceText.lines(from: text)).blocks
    }

    // MARK: Line classification

    /// Leading spaces (lines are cleaned, so tabs are already spaces). Counts UTF-8 bytes.
    static func indent(_ s: String) -> Int {
        var n = 0
        for b in s.utf8 { if b == 0x20 { n += 1 } else { break } }
        return n
    }

    /// `s` without leading and trailing white space (spaces, tabs and Unicode space
    /// separators), as `trimmingCharacters(in: .whitespaces)` but on the UTF-8 bytes, without
    /// bridging: lines that need no trimming, the common case, are returned as they are.
    static func trimmed(_ s: String) -> String {
        let utf8 = s.utf8
        guard let first = utf8.first, let last = utf8.last else { return s }
        if first != 0x20, first != 0x09, first < 0x80, last != 0x20, last != 0x09, last < 0x80 { return s }
        var s = s
        return s.withUTF8 { bytes -> String in
            var lo = 0, hi = bytes.count
            while lo < hi, let width = spaceWidth(bytes, at: lo) { lo += width }
            while hi > lo, let width = spaceWidth(bytes, endingAt: hi) { hi -= width }
            if lo == 0 && hi == bytes.count { return String(decoding: bytes, as: UTF8.self) }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[lo..<hi]), as: UTF8.self)
        }
    }

    /// `s` without its first `count` bytes, which the caller knows are spaces (an indent).
    static func dropSpaces(_ s: String, _ count: Int) -> String {
        guard count > 0 else { return s }
        let utf8 = s.utf8
        precondition(utf8.prefix(count).allSatisfy { $0 == 0x20 }, "dropSpaces: the first \(count) bytes are not all spaces")
        return String(s[utf8.index(utf8.startIndex, offsetBy: count)...])
    }

    /// Whether `s` holds only white space, as `trimmed(s).isEmpty` but without a copy for
    /// the common line that ends in a visible ASCII character.
    static func isBlank(_ s: String) -> Bool {
        guard let last = s.utf8.last else { return true }
        if last < 0x80, last != 0x20, last != 0x09 { return false }
        return trimmed(s).isEmpty
    }

    /// The byte length of the space or tab starting at `i` (U+0020, U+0009 and the Unicode
    /// space separators U+00A0, U+1680, U+2000-U+200A, U+202F, U+205F, U+3000), or nil.
    static func spaceWidth(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        let c = b[i]
        if c == 0x20 || c == 0x09 { return 1 }
        if c < 0xC2 { return nil }
        if c == 0xC2 { return i + 1 < b.count && b[i + 1] == 0xA0 ? 2 : nil }
        guard i + 2 < b.count else { return nil }
        return isSpaceSeparator(c, b[i + 1], b[i + 2]) ? 3 : nil
    }

    /// The byte length of the space or tab ending just before `end`, or nil.
    static func spaceWidth(_ b: UnsafeBufferPointer<UInt8>, endingAt end: Int) -> Int? {
        let c = b[end - 1]
        if c == 0x20 || c == 0x09 { return 1 }
        if c < 0x80 { return nil }
        if end >= 2, b[end - 2] == 0xC2, c == 0xA0 { return 2 }
        if end >= 3, isSpaceSeparator(b[end - 3], b[end - 2], c) { return 3 }
        return nil
    }

    /// A three-byte UTF-8 space separator: U+1680, U+2000-U+200A, U+202F, U+205F, U+3000.
    static func isSpaceSeparator(_ b0: UInt8, _ b1: UInt8, _ b2: UInt8) -> Bool {
        switch (b0, b1) {
        case (0xE1, 0x9A): return b2 == 0x80
        case (0xE2, 0x80): return (b2 >= 0x80 && b2 <= 0x8A) || b2 == 0xAF
        case (0xE2, 0x81): return b2 == 0x9F
        case (0xE3, 0x80): return b2 == 0x80
        default: return false
        }
    }

    /// A list item marker: `-`, `*`, `+`, `•` or `1.`/`1)` followed by a space.
    struct Marker {
        var indent: Int
        var ordered: Bool
        var number: Int
        /// Column where the item's text starts.
        var contentColumn: Int
        /// The line and where the text after the marker starts in it: the text is only cut
        /// out when asked for, since most calls only ask whether a line is an item.
        let line: String
        let textStart: String.Index
        /// The item's text after the marker, trimmed.
        var text: String { trimmed(String(line[textStart...])) }
    }

    static func marker(_ line: String) -> Marker? {
        // Read from the UTF-8 bytes: every marker but `•` is ASCII.
        let bytes = line.utf8
        var index = bytes.startIndex
        var ind = 0
        while index != bytes.endIndex, bytes[index] == 0x20 { ind += 1; index = bytes.index(after: index) }
        guard index != bytes.endIndex else { return nil }
        let first = bytes[index]
        let bulletEnd: String.Index?
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "*") || first == UInt8(ascii: "+") {
            bulletEnd = bytes.index(after: index)
        } else if first == 0xE2, line.utf8[index...].starts(with: "•".utf8) {
            bulletEnd = bytes.index(index, offsetBy: 3)
        } else {
            bulletEnd = nil
        }
        if let bulletEnd {
            let after = line[bulletEnd...]
            guard after.isEmpty || after.utf8.first == 0x20 else { return nil }
            let spaces = min(leadingSpaces(after), 4)
            return Marker(indent: ind, ordered: false, number: 0, contentColumn: ind + 1 + max(spaces, 1),
                          line: line, textStart: after.startIndex)
        }
        var digits = 0
        var number = 0
        while index != bytes.endIndex, bytes[index] >= 0x30, bytes[index] <= 0x39, digits < 9 {
            number = number * 10 + Int(bytes[index] - 0x30)
            digits += 1
            index = bytes.index(after: index)
        }
        guard digits > 0, index != bytes.endIndex, bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ")") else { return nil }
        let after = line[bytes.index(after: index)...]
        guard after.isEmpty || after.utf8.first == 0x20 else { return nil }
        let spaces = min(leadingSpaces(after), 4)
        return Marker(indent: ind, ordered: true, number: number, contentColumn: ind + digits + 1 + max(spaces, 1),
                      line: line, textStart: after.startIndex)
    }

    static func leadingSpaces(_ s: Substring) -> Int {
        var n = 0
        for b in s.utf8 { if b == 0x20 { n += 1 } else { break } }
        return n
    }

    static func isRule(_ t: String) -> Bool {
        guard let c = t.utf8.first, c == UInt8(ascii: "-") || c == UInt8(ascii: "*") || c == UInt8(ascii: "_") else { return false }
        var count = 0
        for b in t.utf8 { if b == c { count += 1 } else if b != 0x20 { return false } }
        return count >= 3
    }

    static func headingLevel(_ line: String) -> Int? {
        let bytes = line.utf8
        var index = bytes.startIndex
        var ind = 0
        while index != bytes.endIndex, bytes[index] == 0x20 { ind += 1; index = bytes.index(after: index) }
        guard ind < 4 else { return nil }
        var level = 0
        while index != bytes.endIndex, bytes[index] == UInt8(ascii: "#") { level += 1; index = bytes.index(after: index) }
        guard (1...6).contains(level) else { return nil }
        return index == bytes.endIndex || bytes[index] == 0x20 ? level : nil
    }

    static func headingText(_ line: String) -> String {
        var t = trimmed(line)
        while t.hasPrefix("#") { t.removeFirst() }
        t = trimmed(t)
        // Closing hashes: `## Title ##`.
        if t.hasSuffix("#") {
            var stripped = t
            while stripped.hasSuffix("#") { stripped.removeLast() }
            if stripped.isEmpty || stripped.hasSuffix(" ") { t = trimmed(stripped) }
        }
        return t
    }

    static func fence(_ line: String) -> (char: Character, length: Int, info: String)? {
        // Quick refusal on the first non-space byte, before any copying.
        guard let lead = line.utf8.first(where: { $0 != 0x20 }), lead == UInt8(ascii: "`") || lead == UInt8(ascii: "~") else { return nil }
        guard indent(line) < 4 else { return nil }
        let t = trimmed(line)
        guard let c = t.first, c == "`" || c == "~" else { return nil }
        var n = 0
        for ch in t { if ch == c { n += 1 } else { break } }
        guard n >= 3 else { return nil }
        let info = trimmed(String(t.dropFirst(n)))
        if c == "`" && info.contains("`") { return nil }
        return (c, n, info)
    }

    static func isTableDelimiter(_ line: String) -> Bool {
        let t = trimmed(line)
        guard t.utf8.contains(UInt8(ascii: "-")), t.utf8.contains(UInt8(ascii: "|")) || t.hasPrefix(":") || t.hasPrefix("-") else { return false }
        let cells = splitRow(t)
        guard !cells.isEmpty else { return false }
        return cells.allSatisfy { cell in
            let c = cell.utf8
            return !c.isEmpty && c.allSatisfy { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ":") } && c.contains(UInt8(ascii: "-"))
        }
    }

    /// The trimmed cells of a table row: split at `|` outside code spans and not escaped.
    /// Works on the UTF-8 bytes (every delimiter is ASCII).
    static func splitRow(_ line: String) -> [String] {
        var t = trimmed(line)
        if t.hasPrefix("|") { t.removeFirst() }
        if t.hasSuffix("|") && !t.hasSuffix("\\|") { t.removeLast() }
        return t.withUTF8 { bytes in
            var cells: [String] = []
            var inCode = false
            var previous: UInt8 = 0x20
            var start = 0
            for (index, b) in bytes.enumerated() {
                if b == UInt8(ascii: "`") { inCode.toggle() }
                if b == UInt8(ascii: "|") && !inCode && previous != UInt8(ascii: "\\") {
                    cells.append(trimmed(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)))
                    start = index + 1
                }
                previous = b
            }
            cells.append(trimmed(String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self)))
            return cells
        }
    }

    /// A Hugo shortcode tag at the start of a line: name, arguments, whether it closes, and the
    /// text after the tag.
    static func shortcode(_ text: Substring) -> (name: String, args: String, closing: Bool, rest: Substring)? {
        guard text.utf8.first(where: { $0 != 0x20 }) == UInt8(ascii: "{") else { return nil }
        let t = text.drop(while: { $0 == " " })
        let (open, close): (String, String)
        if t.hasPrefix("{{<") { (open, close) = ("{{<", ">}}") } else if t.hasPrefix("{{%") { (open, close) = ("{{%", "%}}") } else { return nil }
        guard let end = t.range(of: close) else { return nil }
        var inside = trimmed(String(t[t.index(t.startIndex, offsetBy: open.count)..<end.lowerBound]))
        let closing = inside.hasPrefix("/")
        if closing { inside = trimmed(String(inside.dropFirst())) }
        if inside.hasSuffix("/") { inside = trimmed(String(inside.dropLast())) }
        let name = String(inside.prefix { !$0.isWhitespace })
        guard !name.isEmpty else { return nil }
        let args = trimmed(String(inside.dropFirst(name.count)))
        return (name, args, closing, t[end.upperBound...])
    }

    /// `{% embed url="…" caption="…" %}` and other GitBook tags.
    static func gitbookTag(_ line: String) -> (name: String, attributes: [String: String])? {
        // Quick refusal before trimming: a tag opens with `{` (after spaces, maybe Unicode ones).
        guard let lead = line.utf8.first(where: { $0 != 0x20 }), lead == UInt8(ascii: "{") || lead >= 0x80 else { return nil }
        let t = trimmed(line)
        guard t.hasPrefix("{%"), t.hasSuffix("%}"), t.count >= 4 else { return nil }
        let inside = trimmed(String(t.dropFirst(2).dropLast(2)))
        let name = String(inside.prefix { !$0.isWhitespace })
        var attributes: [String: String] = [:]
        var rest = Substring(inside.dropFirst(name.count))
        while let eq = rest.firstIndex(of: "=") {
            let key = trimmed(String(rest[..<eq]))
            var after = rest[rest.index(after: eq)...].drop(while: { $0 == " " })
            var value = ""
            if after.first == "\"" {
                after = after.dropFirst()
                let close = after.firstIndex(of: "\"") ?? after.endIndex
                value = String(after[..<close])
                rest = close < after.endIndex ? after[after.index(after: close)...] : after[close...]
            } else {
                let close = after.firstIndex(of: " ") ?? after.endIndex
                value = String(after[..<close])
                rest = after[close...]
            }
            attributes[key.split(separator: " ").last.map(String.init) ?? key] = value
        }
        return (name, attributes)
    }
}
