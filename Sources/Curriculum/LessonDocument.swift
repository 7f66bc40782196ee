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
        /// The lesson section the heading names (`## Preview`), read once here.
        var section: SectionKind?
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
            // `---` also draws a rule: read it as front matter only when everything up to the
            // closing `---` is `key: value` lines, so a document opening with a rule keeps its text.
            if let end = lines[(start + 1)...].firstIndex(where: { $0.text == delimiter }),
               delimiter == "+++" || lines[(start + 1)..<end].allSatisfy({ $0.text.isEmpty || LessonDocument.keyValue($0.text) != nil }) {
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
                headings.append(Heading(index: index, level: level, text: text, line: line.number, section: LessonDocument.sectionKind(text)))
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

    /// `SectionKind(name:)`, refusing at once the common heading with more ASCII letters than
    /// any section name has (`explanation`, 11).
    static func sectionKind(_ text: String) -> SectionKind? {
        var letters = 0
        for b in text.utf8 {
            if b >= 0x80 { break }  // other scripts' letters: the full rule decides
            let lower = b | 0x20
            if lower >= 0x61, lower <= 0x7A {
                letters += 1
                if letters > 11 { return nil }
            }
        }
        return SectionKind(name: text)
    }

    /// The first level-1 heading.
    var firstTitleHeading: Heading? { headings.first { $0.level == 1 } }

    /// Body lines in `range` (clamped to the body), a slice ready for the Markdown parser.
    func lines(_ range: Range<Int>) -> ArraySlice<SourceLine> {
        let lower = max(0, min(range.lowerBound, body.count))
        let upper = max(lower, min(range.upperBound, body.count))
        return body[lower..<upper]
    }

    /// The index of the next heading after `heading` with level ≤ `level`, or the body's end.
    func end(after heading: Heading, level: Int) -> Int {
        headings[firstHeading(after: heading.index)...].first { $0.level <= level }?.index ?? body.count
    }

    /// The position in `headings` of the first heading below body index `index` (binary
    /// search: headings are in body order), or `headings.count`.
    func firstHeading(after index: Int) -> Int {
        var low = 0, high = headings.count
        while low < high {
            let mid = (low + high) / 2
            if headings[mid].index > index { high = mid } else { low = mid + 1 }
        }
        return low
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

    /// A heading that closes a document's questions: `References`, `Further reading`, `Sources`.
    static func isFurtherReadingName(_ text: String) -> Bool {
        let t = text.lowercased().filter { $0.isLetter || $0 == " " }.trimmingCharacters(in: .whitespaces)
        let names: Set<String> = ["references", "reference", "further reading", "further reading and references", "sources",
                                  "links", "see also", "resources", "bibliography", "reading list", "citations", "credits"]
        return names.contains(t) || t.hasPrefix("further reading") || t.hasPrefix("references")
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

    /// A title from a file name: the folder, an ordering prefix (`01-`, `000_`) and a trailing
    /// hash (`-4a0c862b`) removed, `-` and `_` read as spaces, words kept as written except
    /// that the first letter is capitalised and `3d` reads `3D`:
    /// `03-pooling_layers` → `Pooling layers`, `3d-convolutions` → `3D convolutions`,
    /// `1x1-convolutions` → `1x1 convolutions`. Empty when nothing but a number and a hash is left.
    static func title(fromFileName id: String) -> String {
        let stem = LessonLibrary.stem(id)
        var words = LessonLibrary.withoutOrderingPrefix(stem).split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == " " }).map(String.init)
        if let last = words.last, isHash(last) { words.removeLast() }
        // A bare number (`007`) is no title either.
        if words.count == 1, let only = words.first, only.allSatisfy({ $0.isASCII && $0.isNumber }) { words = [] }
        words = words.map { word in
            // `2d`, `3d`: dimensions read with a capital D.
            if word.count >= 2, word.last == "d", word.dropLast().allSatisfy({ $0.isASCII && $0.isNumber }) { return word.dropLast() + "D" }
            return word
        }
        var title = words.joined(separator: " ")
        if let first = title.first, first.isLowercase {
            title = first.uppercased() + title.dropFirst()
        }
        return title
    }

    /// A content hash at the end of a file name: eight or more hex digits with at least one digit.
    static func isHash(_ word: String) -> Bool {
        word.count >= 8 && word.allSatisfy(\.isHexDigit) && word.contains(where: \.isNumber)
    }
}
