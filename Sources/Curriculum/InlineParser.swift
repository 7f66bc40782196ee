import Foundation

/// Parses inline Markdown: `**bold**`, `__bold__`, `*italic*`, `_italic_`, `` `code` ``,
/// `[text](url)`, `![alt](url)`, `<https://…>` and backslash escapes.
///
/// Unmatched markers stay literal text; parsing never fails. Pathological text (thousands of
/// unmatched `*` or `[` on one line) stays fast: failed searches for a closing marker are
/// remembered, and link labels and URLs have bounded length.
public enum InlineParser {
    public static func parse(_ text: String) -> [Inline] {
        // Plain text with no marker at all, the common case for short lines, needs no scanner.
        var probe = text
        if !probe.withUTF8({ $0.contains(where: InlineParser.isMarkerByte) }) { return text.isEmpty ? [] : [.text(text)] }
        var parser = Scanner(chars: Array(text.utf8))
        return parser.parse(until: nil, depth: 0)
    }

    /// Bytes that may start inline markup.
    static func isMarkerByte(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "*") || b == UInt8(ascii: "_") || b == UInt8(ascii: "`") || b == UInt8(ascii: "[")
            || b == UInt8(ascii: "<") || b == UInt8(ascii: "\\")
    }

    /// Works on UTF-8 bytes: every marker is ASCII and a UTF-8 continuation byte never is, so
    /// byte offsets never split a character. Non-ASCII bytes count as letters for flanking.
    private struct Scanner {
        let chars: [UInt8]
        var i = 0
        /// Where a search for a closing marker already failed, by marker and search limit: a
        /// later search for the same marker, starting further on, cannot succeed either.
        var failedFrom: [SearchKey: Int] = [:]

        struct SearchKey: Hashable {
            var marker: UInt8
            var count: Int
            var limit: Int
        }

        /// The longest link label and URL looked for (CommonMark caps labels at 999).
        static let maxLabel = 1_000
        static let maxURL = 2_000

        /// For each `[`, the index of its matching `]` (nesting counted), found once up front so
        /// that a line of many `[` stays linear.
        let closingBracket: [Int: Int]

        /// For each position, the index of the next `)` and the next `>` at or after it (or
        /// `chars.count`), so URL and autolink ends are found in constant time.
        let nextParen: [Int]
        let nextAngle: [Int]

        static let star = UInt8(ascii: "*"), underscore = UInt8(ascii: "_"), backtick = UInt8(ascii: "`")
        static let open = UInt8(ascii: "["), close = UInt8(ascii: "]"), bang = UInt8(ascii: "!")
        static let paren = UInt8(ascii: "("), closeParen = UInt8(ascii: ")"), less = UInt8(ascii: "<"), greater = UInt8(ascii: ">")
        static let backslash = UInt8(ascii: "\\"), space = UInt8(ascii: " ")

        static func isWhitespace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        static func isWordByte(_ b: UInt8) -> Bool {
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b >= 0x80
        }
        /// ASCII punctuation and symbols: what a backslash may escape (as in CommonMark).
        static func isEscapable(_ b: UInt8) -> Bool {
            (b >= 0x21 && b <= 0x2F) || (b >= 0x3A && b <= 0x40) || (b >= 0x5B && b <= 0x60) || (b >= 0x7B && b <= 0x7E)
        }

        init(chars: [UInt8]) {
            self.chars = chars
            // The tables are built only for text that can use them (links need a `[`,
            // autolinks a `<`): most paragraphs have neither.
            let hasBracket = chars.contains(Scanner.open), hasAngle = chars.contains(Scanner.less)
            var paren: [Int] = [], angle: [Int] = []
            if hasBracket { paren = Array(repeating: chars.count, count: chars.count + 1) }
            if hasAngle { angle = Array(repeating: chars.count, count: chars.count + 1) }
            if hasBracket || hasAngle {
                for index in stride(from: chars.count - 1, through: 0, by: -1) {
                    if hasBracket { paren[index] = chars[index] == Scanner.closeParen ? index : paren[index + 1] }
                    if hasAngle { angle[index] = chars[index] == Scanner.greater ? index : angle[index + 1] }
                }
            }
            nextParen = paren
            nextAngle = angle
            var open: [Int] = []
            var closing: [Int: Int] = [:]
            if hasBracket {
                for (index, c) in chars.enumerated() {
                    if c == Scanner.open { open.append(index) } else if c == Scanner.close, let start = open.popLast() { closing[start] = index }
                }
            }
            closingBracket = closing
        }

        func text(_ range: Range<Int>) -> String { String(decoding: chars[range], as: UTF8.self) }

        mutating func parse(until end: Int?, depth: Int) -> [Inline] {
            let limit = end ?? chars.count
            var out: [Inline] = []
            var buffer: [UInt8] = []
            func flush() {
                if !buffer.isEmpty { out.append(.text(String(decoding: buffer, as: UTF8.self))); buffer.removeAll(keepingCapacity: true) }
            }
            while i < limit {
                let c = chars[i]
                if !InlineParser.isMarkerByte(c), c != Scanner.bang {
                    // A run of plain bytes is copied at once.
                    var j = i + 1
                    while j < limit, !InlineParser.isMarkerByte(chars[j]), chars[j] != Scanner.bang { j += 1 }
                    buffer.append(contentsOf: chars[i..<j])
                    i = j
                    continue
                }
                if c == Scanner.backslash, i + 1 < limit, Scanner.isEscapable(chars[i + 1]) {
                    buffer.append(chars[i + 1]); i += 2; continue
                }
                if c == Scanner.backtick {
                    var run = 0
                    while i + run < limit, chars[i + run] == Scanner.backtick { run += 1 }
                    if let close = cachedRun(count: run, from: i + run, limit: limit) {
                        flush()
                        var code = text((i + run)..<close)
                        if code.hasPrefix(" ") && code.hasSuffix(" ") && code.utf8.count > 2 {
                            code = String(code.dropFirst().dropLast())
                        }
                        out.append(.code(code))
                        i = close + run
                    } else {
                        buffer.append(contentsOf: repeatElement(Scanner.backtick, count: run)); i += run
                    }
                    continue
                }
                if depth < 8, c == Scanner.star || c == Scanner.underscore {
                    let double = i + 1 < limit && chars[i + 1] == c
                    let width = double ? 2 : 1
                    let leftFlanking = i + width < limit && !Scanner.isWhitespace(chars[i + width])
                    let wordBefore = i > 0 && Scanner.isWordByte(chars[i - 1])
                    // `snake_case_names` are not emphasis.
                    if leftFlanking, !(c == Scanner.underscore && wordBefore),
                       let close = cachedEmphasisClose(c, width: width, from: i + width, limit: limit) {
                        flush()
                        i += width
                        let inner = parse(until: close, depth: depth + 1)
                        out.append(double ? .bold(inner) : .italic(inner))
                        i = close + width
                        continue
                    }
                }
                if c == Scanner.bang || c == Scanner.open, depth < 8, let (label, url, next) = link(at: c == Scanner.bang ? i + 1 : i, limit: limit) {
                    flush()
                    var sub = Scanner(chars: label)
                    let text = sub.parse(until: nil, depth: depth + 1)
                    out.append(.link(text: text.isEmpty ? [.text(url)] : text, url: url))
                    i = next
                    continue
                }
                if c == Scanner.less, nextAngle[i] < min(limit, i + Scanner.maxURL) {
                    let close = nextAngle[i]
                    let inside = text((i + 1)..<close)
                    if inside.hasPrefix("http://") || inside.hasPrefix("https://") || inside.hasPrefix("mailto:"),
                       !inside.contains(" ") {
                        flush()
                        out.append(.link(text: [.text(inside)], url: inside))
                        i = close + 1
                        continue
                    }
                }
                buffer.append(c)
                i += 1
            }
            flush()
            return out
        }

        mutating func cachedRun(count: Int, from start: Int, limit: Int) -> Int? {
            let key = SearchKey(marker: Scanner.backtick, count: count, limit: limit)
            if let failed = failedFrom[key], start >= failed { return nil }
            let found = findRun(Scanner.backtick, count: count, from: start, limit: limit)
            if found == nil { failedFrom[key] = start }
            return found
        }

        mutating func cachedEmphasisClose(_ c: UInt8, width: Int, from start: Int, limit: Int) -> Int? {
            let key = SearchKey(marker: c, count: width, limit: limit)
            if let failed = failedFrom[key], start >= failed { return nil }
            let found = findEmphasisClose(c, width: width, from: start, limit: limit)
            if found == nil { failedFrom[key] = start }
            return found
        }

        func findRun(_ c: UInt8, count: Int, from start: Int, limit: Int) -> Int? {
            var j = start
            while j < limit {
                if chars[j] == c {
                    var run = 0
                    while j + run < limit, chars[j + run] == c { run += 1 }
                    if run == count { return j }
                    j += run
                } else {
                    j += 1
                }
            }
            return nil
        }

        /// A closing emphasis marker: not preceded by white space, and for `_` not followed by
        /// a letter. Single markers skip over doubled ones (`*a **b** c*`).
        func findEmphasisClose(_ c: UInt8, width: Int, from start: Int, limit: Int) -> Int? {
            var j = start
            while j < limit {
                if chars[j] == Scanner.backtick {
                    var run = 0
                    while j + run < limit, chars[j + run] == Scanner.backtick { run += 1 }
                    if let close = findRun(Scanner.backtick, count: run, from: j + run, limit: limit) { j = close + run; continue }
                    j += run; continue
                }
                if chars[j] == c {
                    var run = 0
                    while j + run < limit, chars[j + run] == c { run += 1 }
                    let precededBySpace = Scanner.isWhitespace(chars[j - 1])
                    let followedByWord = j + run < limit && Scanner.isWordByte(chars[j + run])
                    if j > start, !precededBySpace, !(c == Scanner.underscore && followedByWord) {
                        if run == width { return j }
                    }
                    j += run
                } else {
                    j += 1
                }
            }
            return nil
        }

        /// `[label](url)` starting at `start` (the `[`): label, url, index after `)`.
        func link(at start: Int, limit: Int) -> ([UInt8], String, Int)? {
            guard start < limit, chars[start] == Scanner.open else { return nil }
            let labelEnd = closingBracket[start].flatMap { $0 < limit && $0 - start <= Scanner.maxLabel ? $0 : nil }
            guard let end = labelEnd, end + 1 < limit, chars[end + 1] == Scanner.paren else { return nil }
            let close = nextParen[end + 2]
            guard close < min(limit, end + 2 + Scanner.maxURL) else { return nil }
            var url = MarkdownParser.trimmed(text((end + 2)..<close))
            // Drop a title: [text](url "title").
            if let space = url.firstIndex(of: " ") { url = String(url[..<space]) }
            if url.hasPrefix("<") && url.hasSuffix(">") { url = String(url.dropFirst().dropLast()) }
            return (Array(chars[(start + 1)..<end]), url, close + 1)
        }
    }
}
