import Foundation

extension LessonParser {
    /// A bullet that only introduces what follows: it ends in a colon (`Key topics include:`).
    static func isLeadIn(_ text: String) -> Bool {
        let plain = ReviewExtractor.plain(text)
        return plain.hasSuffix(":")
    }

    /// `Key topics include:` + [`Linear algebra`, `Calculus.`] → `Key topics include: linear
    /// algebra; calculus.` (the parts' own capitals are kept).
    static func mergeLeadIn(_ leadIn: String, _ parts: [String]) -> String {
        let cleaned = parts.map { part -> String in
            var p = MarkdownParser.trimmed(part)
            while let last = p.last, last == "." || last == ";" || last == "," { p.removeLast() }
            return p
        }.filter { !$0.isEmpty }
        return MarkdownParser.trimmed(leadIn) + " " + cleaned.joined(separator: "; ") + "."
    }

    /// Items whose text was not already listed, in order.
    static func distinct(_ items: [ListItem]) -> [ListItem] {
        var seen = Set<String>()
        return items.filter { item in seen.insert(sentenceKey(item.blocks.map(\.plainText).joined(separator: " "))).inserted }
    }

    /// A sentence reduced for duplicate detection: lower case, letters and digits only.
    static func sentenceKey(_ text: String) -> String {
        String(ReviewExtractor.plain(text).lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
    }

    /// List items that open with a bold lead-in (`**Term:** …`), searched through nested lists.
    static func boldLeadIns(_ blocks: [Block]) -> [ListItem] {
        var found: [ListItem] = []
        func visit(_ blocks: [Block]) {
            for block in blocks {
                switch block {
                case .list(let list):
                    for item in list.items {
                        if case .paragraph(let inlines)? = item.blocks.first, case .bold(let inner)? = inlines.first {
                            let term = inner.plainText.trimmingCharacters(in: .whitespaces)
                            let next = inlines.dropFirst().first?.plainText.trimmingCharacters(in: .whitespaces) ?? ""
                            if term.hasSuffix(":") || next.hasPrefix(":") || next.hasPrefix("-") || next.hasPrefix("–") {
                                found.append(ListItem(blocks: [.paragraph(inlines)], line: item.line))
                            }
                        }
                        visit(item.blocks)
                    }
                case .quote(let inner): visit(inner)
                default: break
                }
            }
        }
        visit(blocks)
        return found
    }

    /// A bulleted list of the first sentence of each part's first paragraph or list item; a
    /// lead-in (`… include:`) is merged with the list it introduces, and a sentence already
    /// listed is not listed again.
    static func firstSentences(_ parts: [[Block]]) -> [Block] {
        var seen = Set<String>()
        let items = parts.compactMap { part -> ListItem? in
            guard let point = keyPoint(of: part), !point.isEmpty, seen.insert(sentenceKey(point)).inserted else { return nil }
            return ListItem(blocks: [.paragraph(InlineParser.parse(point))], line: 0)
        }
        return items.isEmpty ? [] : [.list(ListBlock(ordered: false, start: 0, items: items))]
    }

    /// The first sentence a part opens with, a lead-in merged with the list after it.
    static func keyPoint(of part: [Block]) -> String? {
        var pendingLeadIn: String?
        for block in part {
            switch block {
            case .paragraph(let inlines):
                let text = MarkdownParser.trimmed(inlines.plainText)
                if text.isEmpty || text == ":" { continue }
                if isLeadIn(text) { if pendingLeadIn == nil { pendingLeadIn = text }; continue }
                return pendingLeadIn.map { mergeLeadIn($0, [firstSentence(text)]) } ?? firstSentence(text)
            case .list(let list):
                let texts = list.items.compactMap { item -> String? in
                    let t = MarkdownParser.trimmed(item.blocks.first?.plainText ?? "")
                    return t.isEmpty || t == ":" ? nil : t
                }
                guard let first = texts.first else { continue }
                if let leadIn = pendingLeadIn { return mergeLeadIn(leadIn, texts.map(firstSentence)) }
                if isLeadIn(first), let item = list.items.first(where: { MarkdownParser.trimmed($0.blocks.first?.plainText ?? "") == first }),
                   case .list(let nested)? = item.blocks.dropFirst().first {
                    let details = nested.items.map { MarkdownParser.trimmed($0.blocks.first?.plainText ?? "") }.filter { !$0.isEmpty }
                    if !details.isEmpty { return mergeLeadIn(first, details.map(firstSentence)) }
                }
                if isLeadIn(first), texts.count > 1 { return mergeLeadIn(first, [firstSentence(texts[1])]) }
                return firstSentence(first)
            default:
                continue
            }
        }
        return pendingLeadIn.map { String($0.dropLast()) }
    }

    /// Text up to the end of its first sentence (`. `, `? `, `! ` or a colon at the end).
    static func firstSentence(_ text: String) -> String {
        let chars = Array(text)
        for (i, c) in chars.enumerated() where c == "." || c == "?" || c == "!" {
            if i + 1 == chars.count || chars[i + 1] == " " {
                // Skip abbreviations such as "e.g." and "i.e.".
                let word = String(chars[max(0, i - 3)...i]).lowercased()
                if word.hasSuffix("e.g.") || word.hasSuffix("i.e.") || word.hasSuffix("vs.") { continue }
                return String(chars[...i])
            }
        }
        var t = text.trimmingCharacters(in: .whitespaces)
        if t.hasSuffix(":") { t.removeLast() }
        return t
    }

    /// What a question asks about, as a title: `What is a convolutional neural network?` →
    /// `Convolutional neural network`; other questions are kept whole.
    static func topic(of question: String) -> String {
        var t = Substring(MarkdownParser.trimmed(question))
        let lower = t.lowercased()
        guard let opener = ["what is ", "what are ", "what's ", "what does ", "what do "].first(where: { lower.hasPrefix($0) }),
              !opener.hasPrefix("what do") || lower.hasSuffix(" mean?") else { return String(t) }
        t = t.dropFirst(opener.count)
        if t.lowercased().hasSuffix(" mean?") { t = t.dropLast(6) }
        while let last = t.last, last == "?" || last == " " { t = t.dropLast() }
        for article in ["a ", "an ", "the "] where t.lowercased().hasPrefix(article) { t = t.dropFirst(article.count); break }
        guard let first = t.first, t.split(separator: " ").count <= 8 else { return question }
        return first.uppercased() + t.dropFirst()
    }
}
