/// Finds numbered review questions and their `Answer:` lines (shape A).
///
///     1. What does max pooling keep from each window?
///     Answer: The largest value in the window.
///
/// The question may span lines up to its `Answer:` line; the answer runs until the next
/// numbered item that starts a question (one ending in `?` or followed by its own `Answer:`),
/// so an answer may itself hold a numbered list.
enum ReviewExtractor {
    struct Found {
        var questions: [(prompt: String, answer: String, line: Int)] = []
        var problems: [Diagnostic] = []
    }

    static func extract(_ lines: [SourceLine]) -> Found {
        // Drop shortcode prompts and fenced code: neither holds review items.
        var kept: [SourceLine] = []
        var inShortcode: String?
        var fence: Character?
        for line in lines {
            let t = MarkdownParser.trimmed(line.text)
            if let f = MarkdownParser.fence(line.text) {
                if fence == nil { fence = f.char } else if fence == f.char, f.info.isEmpty { fence = nil }
                kept.append(SourceLine(number: line.number, text: ""))
                continue
            }
            if fence != nil { kept.append(SourceLine(number: line.number, text: "    " + line.text)); continue }
            if let name = inShortcode {
                if t.contains("{{< /\(name)") || t.contains("{{% /\(name)") { inShortcode = nil }
                continue
            }
            if let sc = MarkdownParser.shortcode(Substring(t)) {
                let closesHere = sc.rest.contains("{{< /\(sc.name)") || sc.rest.contains("{{% /\(sc.name)")
                if !sc.closing && !closesHere { inShortcode = sc.name }
                continue
            }
            kept.append(line)
        }

        var found = Found()
        var current: (prompt: [String], answer: [String], line: Int, inAnswer: Bool)?
        func finish() {
            guard let q = current else { return }
            let prompt = plain(q.prompt.joined(separator: " "))
            let answer = q.answer.map(plain).filter { !$0.isEmpty }.joined(separator: "\n")
            if !q.inAnswer {
                found.problems.append(Diagnostic(path: "", line: q.line, message: "review question has no 'Answer:' line: \(shorten(prompt))"))
            } else if answer.isEmpty {
                found.problems.append(Diagnostic(path: "", line: q.line, message: "review question has an empty answer: \(shorten(prompt))"))
            }
            found.questions.append((prompt, answer, q.line))
            current = nil
        }
        for (k, line) in kept.enumerated() {
            let t = MarkdownParser.trimmed(line.text)
            if let mk = MarkdownParser.marker(line.text), mk.ordered, mk.indent <= 3 {
                if current == nil || startsQuestion(kept, at: k, text: mk.text) {
                    finish()
                    let text = stripLabel(mk.text, labels: ["question", "q"]) ?? mk.text
                    if let (question, answer) = splitInlineAnswer(text) {
                        current = ([question], [answer], line.number, true)
                    } else {
                        current = ([text], [], line.number, false)
                    }
                } else if current?.inAnswer == true {
                    current?.answer.append(t)
                } else {
                    current?.prompt.append(mk.text)
                }
                continue
            }
            guard current != nil else { continue }
            if t.isEmpty { continue }
            if let answer = answerText(t), !(current?.inAnswer ?? true) {
                current?.inAnswer = true
                if !answer.isEmpty { current?.answer.append(answer) }
                continue
            }
            if current?.inAnswer == true {
                current?.answer.append(t)
            } else {
                current?.prompt.append(t)
            }
        }
        finish()
        return found
    }

    /// Whether the numbered line at `k` opens a question: it ends in `?`, or an `Answer:` line
    /// follows before the next numbered line.
    static func startsQuestion(_ lines: [SourceLine], at k: Int, text: String) -> Bool {
        if plain(text).hasSuffix("?") || splitInlineAnswer(text) != nil { return true }
        var j = k + 1
        while j < lines.count {
            let t = MarkdownParser.trimmed(lines[j].text)
            if answerText(t) != nil { return true }
            if let mk = MarkdownParser.marker(lines[j].text), mk.ordered, mk.indent <= 3 { return false }
            j += 1
        }
        return false
    }

    /// The text after an `Answer:` label (`**Answer:**`, `Ans:`, `A:`), or nil.
    static func answerText(_ t: String) -> String? {
        var s = Substring(t)
        if let mk = MarkdownParser.marker(t), !mk.ordered { s = Substring(mk.text) }
        return stripLabel(String(s), labels: ["answer", "ans", "a"])
    }

    /// Removes a leading `Label:` (optionally bold or italic) and returns the rest, or nil.
    static func stripLabel(_ text: String, labels: [String]) -> String? {
        // Quick refusal on the first byte after any emphasis: it must open one of the labels
        // (they are ASCII; `| 0x20` lower-cases an ASCII letter).
        guard let lead = text.utf8.first(where: { $0 != UInt8(ascii: "*") && $0 != UInt8(ascii: "_") }),
              labels.contains(where: { $0.utf8.first == lead | 0x20 }) else { return nil }
        var s = Substring(text)
        let emphasis: Set<Character> = ["*", "_"]
        s = s.drop { emphasis.contains($0) }
        let word = s.prefix { $0.isLetter }
        guard labels.contains(word.lowercased()) else { return nil }
        var rest = s.dropFirst(word.count).drop { emphasis.contains($0) || $0 == " " }
        guard let colon = rest.first, colon == ":" || (colon == "." && word.count > 1) || colon == "-" && word.count > 1 else { return nil }
        rest = rest.dropFirst().drop { emphasis.contains($0) || $0 == " " }
        return String(rest)
    }

    /// `What is X? Answer: Y` on one line.
    static func splitInlineAnswer(_ text: String) -> (String, String)? {
        // Quick refusal without a search: every label holds "Answer".
        guard text.utf8.contains(UInt8(ascii: "A")), text.utf8.contains(UInt8(ascii: ":")) else { return nil }
        for label in ["**Answer:**", "**Answer**:", "Answer:"] {
            if let r = text.utf8.firstRange(of: (" " + label).utf8) {
                return (String(text[..<r.lowerBound]), MarkdownParser.trimmed(String(text[r.upperBound...])))
            }
        }
        return nil
    }

    static func plain(_ text: String) -> String {
        MarkdownParser.trimmed(InlineParser.parse(text).plainText)
    }

    static func shorten(_ text: String) -> String {
        text.count > 60 ? String(text.prefix(57)) + "..." : text
    }
}
