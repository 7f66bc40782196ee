/// A question bullet of a shape C document and the answer bullets after it.
struct QAPair {
    var question: String
    var line: Int
    /// Answer bullets in order, with the column of their marker (deeper ones are details).
    var answers: [(text: String, indent: Int)]

    /// The answer bullets with their details: a bullet indented deeper than the first answer
    /// belongs to the answer bullet before it.
    var grouped: [(text: String, details: [String])] {
        guard let base = answers.first?.indent else { return [] }
        var out: [(text: String, details: [String])] = []
        for answer in answers {
            if answer.indent > base, !out.isEmpty {
                out[out.count - 1].details.append(answer.text)
            } else {
                out.append((answer.text, []))
            }
        }
        // A bare lead-in at the end (`Math Skills:`) introduces nothing: dropped.
        while let last = out.last, last.details.isEmpty, LessonParser.isLeadIn(last.text) { out.removeLast() }
        return out
    }

    /// The answer as Review shows it: the answer bullets and their details, one per line.
    var answerText: String {
        grouped.flatMap { [ReviewExtractor.plain($0.text)] + $0.details.map(ReviewExtractor.plain) }.joined(separator: "\n")
    }

    /// The pair as Explain shows it: the question in bold, the answers as a list (details nested).
    var walkthrough: [Block] {
        var out: [Block] = [.paragraph([.bold(InlineParser.parse(question))])]
        let groups = grouped
        if !groups.isEmpty {
            out.append(.list(ListBlock(ordered: false, start: 0, items: groups.map { group in
                var blocks: [Block] = [.paragraph(InlineParser.parse(group.text))]
                if !group.details.isEmpty {
                    blocks.append(.list(ListBlock(ordered: false, start: 0, items: group.details.map {
                        ListItem(blocks: [.paragraph(InlineParser.parse($0))], line: line)
                    })))
                }
                return ListItem(blocks: blocks, line: line)
            })))
        }
        return out
    }

    /// The answer's key point: its first sentence; a lead-in (`… include:`) is merged with
    /// what it introduces (its details, else the next answer bullet).
    var keyPoint: String? {
        let groups = grouped
        guard let first = groups.first else { return nil }
        let text = MarkdownParser.trimmed(first.text)
        guard LessonParser.isLeadIn(text) else { return LessonParser.firstSentence(text) }
        var parts = first.details
        if parts.isEmpty, groups.count > 1 { parts = [LessonParser.firstSentence(groups[1].text)] }
        guard !parts.isEmpty else {
            let bare = String(text.dropLast())
            return bare.split(separator: " ").count >= 4 ? bare : nil
        }
        return LessonParser.mergeLeadIn(text, parts)
    }
}
