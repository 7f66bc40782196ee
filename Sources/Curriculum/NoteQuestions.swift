import Foundation

/// Review questions made from a document's own key points, for notes that bring fewer than
/// `NoteQuestions.minimumOwn` questions of their own.
///
/// Each is a cloze: one key sentence with a term blanked out, the term being (in order of
/// preference) a **bold** or `code` span, a defined term (`Max pooling is …`), or a number.
/// At most one per key point, at most `limit` in all. The same document always gives the same
/// questions with the same ids (`note-<hash of sentence and term>`), so progress and spaced
/// review follow them even when key points are added or reordered.
public enum NoteQuestions {
    /// Documents with fewer questions of their own than this get questions made from notes.
    public static let minimumOwn = 5
    /// At most this many questions are made for one document.
    public static let limit = 10
    /// How a made question's prompt begins, so the quiz shows where it came from.
    public static let promptPrefix = "Fill in the blank (made from your notes): "
    /// How much of a key point is searched for a sentence with a term (characters).
    static let maxPointLength = 1_000
    /// What a blank looks like in a prompt.
    public static let blank = "_____"

    /// One made question: the key sentence, the blanked term and the prompt.
    public struct Cloze: Sendable, Hashable {
        /// The key sentence as written in the notes (plain text).
        public var sentence: String
        /// The blanked term: the answer.
        public var term: String
        /// The sentence with the term replaced by `blank`.
        public var prompt: String
        /// The line of the key point in the source (0 when unknown).
        public var line: Int

        /// A stable id: the same sentence and term give the same id on every run.
        public var id: String {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in (sentence + "\u{1F}" + term).utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01B3
            }
            let hex = String(hash, radix: 16)
            return "note-" + String(repeating: "0", count: max(0, 16 - hex.count)) + hex
        }
    }

    /// The cloze questions for a lesson's key points, at most `limit`.
    public static func make(keypoint: [Block]) -> [Cloze] {
        make(points: keyPoints(keypoint))
    }

    /// One cloze per point that has a term, in order, distinct sentences only, at most `limit`.
    static func make(points: [KeyPoint]) -> [Cloze] {
        var out: [Cloze] = []
        var seen = Set<String>()
        for point in points where out.count < limit {
            guard let cloze = cloze(point), seen.insert(cloze.id).inserted else { continue }
            out.append(cloze)
        }
        return out
    }

    /// A key point: its plain text and the bold or code spans written in it.
    struct KeyPoint {
        var text: String
        var marked: [String]
        var line: Int
    }

    /// The key points of a section: each list item (nested items too) and each paragraph.
    /// Walks with an explicit stack, so deep nesting costs no call depth.
    static func keyPoints(_ blocks: [Block]) -> [KeyPoint] {
        var out: [KeyPoint] = []
        var pending: [(blocks: ArraySlice<Block>, line: Int)] = [(blocks[...], 0)]
        while var top = pending.popLast() {
            guard let block = top.blocks.first else { continue }
            top.blocks = top.blocks.dropFirst()
            pending.append(top)
            switch block {
            case .paragraph(let inlines):
                out.append(KeyPoint(text: inlines.plainText, marked: marked(inlines), line: top.line))
            case .list(let list):
                for item in list.items.reversed() { pending.append((item.blocks[...], item.line)) }
            case .quote(let inner):
                pending.append((inner[...], top.line))
            case .heading, .code, .table, .rule, .asked, .embed, .lab:
                continue
            }
        }
        return out
    }

    /// The text of bold and code spans, outermost first.
    static func marked(_ inlines: [Inline]) -> [String] {
        var out: [String] = []
        for inline in inlines {
            switch inline {
            case .bold(let inner): out.append(inner.plainText)
            case .code(let code): out.append(code)
            case .italic(let inner), .link(let inner, _): out.append(contentsOf: marked(inner))
            case .text: continue
            }
        }
        return out
    }

    /// The first sentence of the point that has a term, as a cloze.
    static func cloze(_ point: KeyPoint) -> Cloze? {
        // Only the opening of a long point is searched: a key sentence is short, and a
        // megabyte-long paragraph must not cost more than a short one.
        for sentence in sentences(String(point.text.prefix(maxPointLength))) {
            if let term = point.marked.lazy.map(cleanTerm).first(where: { isTerm($0, in: sentence) }) {
                return make(sentence, term, line: point.line)
            }
            if let term = definedTerm(sentence), isTerm(term, in: sentence) { return make(sentence, term, line: point.line) }
            if let number = firstNumber(sentence) { return make(sentence, number, line: point.line) }
        }
        return nil
    }

    static func make(_ sentence: String, _ term: String, line: Int) -> Cloze? {
        guard let range = wordRange(of: term, in: sentence) else { return nil }
        let prompt = sentence.replacingCharacters(in: range, with: blank)
        return Cloze(sentence: sentence, term: term, prompt: prompt, line: line)
    }

    /// `Max pooling:` → `Max pooling`; quotes and surrounding punctuation dropped.
    static func cleanTerm(_ term: String) -> String {
        let strip = CharacterSet.whitespaces.union(CharacterSet(charactersIn: ":;,.—–-\"'“”‘’()"))
        return term.trimmingCharacters(in: strip)
    }

    /// A term worth blanking: 1-5 words, under 40 characters, with a letter or digit, present
    /// in the sentence as whole words, and leaving at least three words around the blank.
    static func isTerm(_ term: String, in sentence: String) -> Bool {
        let words = term.split(whereSeparator: { $0.isWhitespace })
        guard !words.isEmpty, words.count <= 5, term.count <= 40,
              term.contains(where: { $0.isLetter || $0.isNumber }),
              wordRange(of: term, in: sentence) != nil else { return false }
        let rest = sentence.split(whereSeparator: { $0.isWhitespace }).count - words.count
        return rest >= 3
    }

    /// The range of `term` in `sentence` where it stands as whole words (case as written).
    static func wordRange(of term: String, in sentence: String) -> Range<String.Index>? {
        var from = sentence.startIndex
        while let r = sentence.range(of: term, range: from..<sentence.endIndex) {
            let before = r.lowerBound == sentence.startIndex ? nil : sentence[sentence.index(before: r.lowerBound)]
            let after = r.upperBound == sentence.endIndex ? nil : sentence[r.upperBound]
            let isWordChar: (Character?) -> Bool = { c in c.map { $0.isLetter || $0.isNumber } ?? false }
            if !isWordChar(before), !isWordChar(after) { return r }
            from = sentence.index(after: r.lowerBound)
        }
        return nil
    }

    /// Words that open a sentence without naming anything.
    static let pronouns: Set<String> = ["it", "this", "that", "these", "those", "they", "there", "each", "which", "what",
                                        "he", "she", "we", "you", "i", "one", "here", "its", "their", "all", "some", "most"]

    /// The subject of a definition: `Max pooling is …`, `Strides are …`, `A kernel means …`,
    /// `Padding — …`, up to four words (an article dropped).
    static func definedTerm(_ sentence: String) -> String? {
        let verbs = [" is ", " are ", " means ", " refers to ", " — ", " – ", " - "]
        guard let r = verbs.compactMap({ sentence.range(of: $0) }).min(by: { $0.lowerBound < $1.lowerBound }) else { return nil }
        var words = sentence[..<r.lowerBound].split(separator: " ").map(String.init)
        if let first = words.first, ["a", "an", "the"].contains(first.lowercased()) { words.removeFirst() }
        guard let first = words.first, (1...4).contains(words.count), !pronouns.contains(first.lowercased()) else { return nil }
        let term = cleanTerm(words.joined(separator: " "))
        return term.isEmpty ? nil : term
    }

    /// The first number written in the sentence: `2`, `0.5`, `3x3`, `2×2`, `50%`.
    static func firstNumber(_ sentence: String) -> String? {
        var previous = ""
        for word in sentence.split(whereSeparator: { $0.isWhitespace }) {
            defer { previous = word.lowercased() }
            // A label's number (`step 2`, `point number 3`) is no fact to remember.
            if labelWords.contains(previous) { continue }
            let token = cleanTerm(String(word))
            guard let first = token.first, first.isASCII, first.isNumber else { continue }
            let allowed = token.allSatisfy { ($0.isASCII && $0.isNumber) || $0 == "." || $0 == "x" || $0 == "×" || $0 == "%" || $0 == "," }
            if allowed, token.count <= 12 { return token }
        }
        return nil
    }

    /// Words after which a number only labels something.
    static let labelWords: Set<String> = ["number", "no.", "step", "part", "chapter", "section", "point", "item", "figure",
                                          "fig.", "table", "lesson", "page", "question", "example", "version", "#"]

    /// The sentences of a text (`. `, `? `, `! ` end one; `e.g.` and `i.e.` do not).
    static func sentences(_ text: String) -> [String] {
        var out: [String] = []
        var rest = Substring(MarkdownParser.trimmed(text))
        while !rest.isEmpty {
            let first = LessonParser.firstSentence(String(rest))
            let taken = first.isEmpty ? String(rest) : first
            out.append(MarkdownParser.trimmed(taken))
            rest = rest.dropFirst(min(rest.count, taken.count)).drop { $0 == " " || $0 == ":" }
            if out.count >= 8 { break }
        }
        return out.filter { !$0.isEmpty }
    }
}
