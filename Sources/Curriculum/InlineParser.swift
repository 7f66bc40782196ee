import Foundation

/// Parses inline Markdown: `**bold**`, `__bold__`, `*italic*`, `_italic_`, `` `code` ``,
/// `[text](url)`, `![alt](url)`, `<https://…>` and backslash escapes.
///
/// Unmatched markers stay literal text; parsing never fails. Runs in time linear in the
/// text for ordinary input (each closing search is bounded by the rest of the line).
public enum InlineParser {
    public static func parse(_ text: String) -> [Inline] {
        var parser = Scanner(chars: Array(text))
        return parser.parse(until: nil, depth: 0)
    }

    private struct Scanner {
        let chars: [Character]
        var i = 0

        init(chars: [Character]) { self.chars = chars }

        mutating func parse(until end: Int?, depth: Int) -> [Inline] {
            let limit = end ?? chars.count
            var out: [Inline] = []
            var buffer = ""
            func flush() {
                if !buffer.isEmpty { out.append(.text(buffer)); buffer = "" }
            }
            while i < limit {
                let c = chars[i]
                if c == "\\", i + 1 < limit, chars[i + 1].isPunctuation || chars[i + 1].isSymbol {
                    buffer.append(chars[i + 1]); i += 2; continue
                }
                if c == "`" {
                    var run = 0
                    while i + run < limit, chars[i + run] == "`" { run += 1 }
                    if let close = findRun("`", count: run, from: i + run, limit: limit) {
                        flush()
                        var code = String(chars[(i + run)..<close])
                        if code.hasPrefix(" ") && code.hasSuffix(" ") && code.count > 2 {
                            code = String(code.dropFirst().dropLast())
                        }
                        out.append(.code(code))
                        i = close + run
                    } else {
                        buffer.append(String(repeating: "`", count: run)); i += run
                    }
                    continue
                }
                if depth < 8, c == "*" || c == "_" {
                    let double = i + 1 < limit && chars[i + 1] == c
                    let width = double ? 2 : 1
                    let leftFlanking = i + width < limit && !chars[i + width].isWhitespace
                    let wordBefore = i > 0 && (chars[i - 1].isLetter || chars[i - 1].isNumber)
                    // `snake_case_names` are not emphasis.
                    if leftFlanking, !(c == "_" && wordBefore),
                       let close = findEmphasisClose(c, width: width, from: i + width, limit: limit) {
                        flush()
                        i += width
                        let inner = parse(until: close, depth: depth + 1)
                        out.append(double ? .bold(inner) : .italic(inner))
                        i = close + width
                        continue
                    }
                }
                if c == "!" || c == "[", depth < 8, let (label, url, next) = link(at: c == "!" ? i + 1 : i, limit: limit) {
                    flush()
                    var sub = Scanner(chars: label)
                    let text = sub.parse(until: nil, depth: depth + 1)
                    out.append(.link(text: text.isEmpty ? [.text(url)] : text, url: url))
                    i = next
                    continue
                }
                if c == "<", let close = chars[i..<limit].firstIndex(of: ">") {
                    let inside = String(chars[(i + 1)..<close])
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

        func findRun(_ c: Character, count: Int, from start: Int, limit: Int) -> Int? {
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
        func findEmphasisClose(_ c: Character, width: Int, from start: Int, limit: Int) -> Int? {
            var j = start
            while j < limit {
                if chars[j] == "`" {
                    var run = 0
                    while j + run < limit, chars[j + run] == "`" { run += 1 }
                    if let close = findRun("`", count: run, from: j + run, limit: limit) { j = close + run; continue }
                    j += run; continue
                }
                if chars[j] == c {
                    var run = 0
                    while j + run < limit, chars[j + run] == c { run += 1 }
                    let precededBySpace = chars[j - 1].isWhitespace
                    let followedByWord = j + run < limit && (chars[j + run].isLetter || chars[j + run].isNumber)
                    if j > start, !precededBySpace, !(c == "_" && followedByWord) {
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
        func link(at start: Int, limit: Int) -> ([Character], String, Int)? {
            guard start < limit, chars[start] == "[" else { return nil }
            var depth = 0
            var j = start
            var labelEnd: Int?
            while j < limit {
                if chars[j] == "[" { depth += 1 }
                if chars[j] == "]" { depth -= 1; if depth == 0 { labelEnd = j; break } }
                j += 1
            }
            guard let end = labelEnd, end + 1 < limit, chars[end + 1] == "(" else { return nil }
            guard let close = chars[(end + 2)..<limit].firstIndex(of: ")") else { return nil }
            var url = String(chars[(end + 2)..<close]).trimmingCharacters(in: .whitespaces)
            // Drop a title: [text](url "title").
            if let space = url.firstIndex(of: " ") { url = String(url[..<space]) }
            if url.hasPrefix("<") && url.hasSuffix(">") { url = String(url.dropFirst().dropLast()) }
            return (Array(chars[(start + 1)..<end]), url, close + 1)
        }
    }
}
