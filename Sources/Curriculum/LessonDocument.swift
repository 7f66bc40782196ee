import Foundation

/// A lesson file split into front matter and body lines, with its headings found (outside code
/// fences): the common ground the four shape readers work on.
struct LessonDocument {
    struct Heading {
        /// Index into `body`.
        var index: Int
        var level: Int
        /// Plain text of the heading (Markdown markers removed).
        var text: String
        var line: Int
    }

    var frontMatter: [String: String] = [:]
    var frontMatterLine: Int?
    var body: [SourceLine]
    var headings: [Heading] = []
    /// Body indices that are inside fenced code (never headings, bullets or answers).
    var inFence: Set<Int> = []

    init(lines: [SourceLine]) {
        var start = 0
        while start < lines.count, lines[start].text.isEmpty { start += 1 }
        var body = lines
        if start < lines.count, lines[start].text == "+++" || lines[start].text == "---" {
            let delimiter = lines[start].text
            if let end = lines[(start + 1)...].firstIndex(where: { $0.text == delimiter }) {
                frontMatterLine = lines[start].number
                for line in lines[(start + 1)..<end] {
                    if let (key, value) = LessonDocument.keyValue(line.text) { frontMatter[key] = value }
                }
                body = Array(lines[(end + 1)...])
            }
        }
        self.body = body
        var fence: (Character, Int)?
        for (index, line) in body.enumerated() {
            if let f = MarkdownParser.fence(line.text) {
                if let open = fence {
                    if f.char == open.0, f.length >= open.1, f.info.isEmpty { fence = nil; inFence.insert(index); continue }
                } else {
                    fence = (f.char, f.length)
                    inFence.insert(index)
                    continue
                }
            }
            if fence != nil { inFence.insert(index); continue }
            if let level = MarkdownParser.headingLevel(line.text) {
                let text = InlineParser.parse(MarkdownParser.headingText(line.text)).plainText
                headings.append(Heading(index: index, level: level, text: text, line: line.number))
            }
        }
    }

    /// `key = "value"` (TOML-like) or `key: value` (YAML-like); quotes removed, key lower-cased.
    static func keyValue(_ text: String) -> (String, String)? {
        let separators: [Character] = ["=", ":"]
        guard let sep = text.firstIndex(where: { separators.contains($0) }) else { return nil }
        let key = MarkdownParser.trimmed(String(text[..<sep])).lowercased()
        var value = MarkdownParser.trimmed(String(text[text.index(after: sep)...]))
        if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
            value = String(value.dropFirst().dropLast())
        }
        guard !key.isEmpty, !key.contains(" ") else { return nil }
        return (key, value)
    }

    /// The first level-1 heading.
    var firstTitleHeading: Heading? { headings.first { $0.level == 1 } }

    /// Body lines in `range`, as a slice ready for the Markdown parser.
    func lines(_ range: Range<Int>) -> [SourceLine] {
        let lower = max(0, min(range.lowerBound, body.count))
        let upper = max(lower, min(range.upperBound, body.count))
        return Array(body[lower..<upper])
    }

    /// The index of the next heading after `heading` with level ≤ `level`, or the body's end.
    func end(after heading: Heading, level: Int) -> Int {
        headings.first { $0.index > heading.index && $0.level <= level }?.index ?? body.count
    }
}

extension LessonDocument {
    /// A heading like `1. What is pooling?`, `Step 2: …`, `3) How it works`.
    static func isNumbered(_ text: String) -> Bool {
        var t = Substring(text)
        if t.lowercased().hasPrefix("step ") { t = t.dropFirst(5) }
        let digits = t.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 3 else { return false }
        let rest = t.dropFirst(digits.count)
        guard let next = rest.first else { return false }
        return next == "." || next == ")" || next == ":" || (next == " " && rest.dropFirst().first.map { $0 == "-" || $0 == "–" } == true)
    }

    /// Section names a free-form guide uses for its key points.
    static func isKeypointName(_ text: String) -> Bool {
        let t = text.lowercased().filter { $0.isLetter || $0 == " " }.trimmingCharacters(in: .whitespaces)
        let names = ["notes", "note", "summary", "key ideas", "key idea", "key points", "keypoints", "keypoint",
                     "key point", "key takeaways", "takeaways", "takeaway", "recap", "tldr", "in summary",
                     "conclusion", "conclusions", "cheat sheet", "eli", "summary and key points"]
        if names.contains(t) { return true }
        return t.hasPrefix("summary") || t.hasPrefix("key takeaway") || t.hasPrefix("key idea") || t.hasPrefix("key point")
    }

    /// An FAQ heading: `FAQ`, `FAQs`, `Frequently asked questions`, `Pooling Layer: FAQs`.
    static func isFAQName(_ text: String) -> Bool {
        let words = text.lowercased().split(whereSeparator: { !$0.isLetter })
        return words.contains("faq") || words.contains("faqs") || text.lowercased().contains("frequently asked")
    }

    /// An article's summary section: `ELI5`, `Summary`, `TL;DR`, `Key takeaways`.
    static func isSummaryName(_ text: String) -> Bool {
        let t = text.lowercased()
        return t.contains("eli5") || t.contains("summary") || t.contains("tl;dr") || t.contains("takeaway")
            || t.contains("key points") || t.contains("keypoints") || t.contains("in a nutshell")
    }

    /// `03-pooling_layers` → `Pooling layers`.
    static func title(fromFileName id: String) -> String {
        var t = Substring(id)
        t = t.drop { $0.isNumber || $0 == "-" || $0 == "_" || $0 == " " || $0 == "." }
        let words = t.replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "-", with: " ")
            .split(separator: " ").joined(separator: " ")
        guard let first = words.first else { return id }
        return first.uppercased() + words.dropFirst()
    }
}
