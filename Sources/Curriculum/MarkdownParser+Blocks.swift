extension MarkdownParser {
    /// The block parser's cursor over one run of lines (a document, a quote, a list item).
    struct State {
        /// A slice, so that a section of a document is parsed without copying its lines;
        /// indices are the slice's own (they start at `lines.startIndex`).
        let lines: ArraySlice<SourceLine>
        var i: Int
        var problems: [Diagnostic] = []

        init(lines: ArraySlice<SourceLine>) {
            self.lines = lines
            self.i = lines.startIndex
        }

        /// Nesting is bounded so that pathological input (`> > > > …`) cannot exhaust the stack:
        /// lists and quotes deeper than this are shown flat, as text, and reported once.
        static let maxDepth = 24

        static let tooDeepMessage = "lists or quotes nested more than \(maxDepth) deep: the deeper levels are shown as plain text"

        mutating func tooDeep(at line: Int) {
            if !problems.contains(where: { $0.message == State.tooDeepMessage }) {
                problems.append(Diagnostic(path: "", line: line, message: State.tooDeepMessage))
            }
        }

        mutating func parseBlocks(depth: Int) -> [Block] {
            var blocks: [Block] = []
            while i < lines.endIndex {
                let line = lines[i]
                let t = trimmed(line.text)
                if t.isEmpty { i += 1; continue }
                if let f = fence(line.text) { blocks.append(parseFence(f)); continue }
                if let block = parseShortcode() {
                    if case .asked(_, let prompt) = block, prompt.isEmpty { continue }
                    blocks.append(block)
                    continue
                }
                if let tag = gitbookTag(line.text) {
                    i += 1
                    if tag.name == "embed", let url = tag.attributes["url"] {
                        blocks.append(.embed(url: url, caption: tag.attributes["caption"] ?? ""))
                    }
                    continue
                }
                if indent(line.text) >= 4 { blocks.append(parseIndentedCode()); continue }
                if let level = headingLevel(line.text) {
                    blocks.append(.heading(level: level, text: InlineParser.parse(headingText(line.text)), line: line.number))
                    i += 1
                    continue
                }
                if isRule(t) { blocks.append(.rule); i += 1; continue }
                if t.hasPrefix(">") {
                    blocks.append(parseQuote(depth: depth))
                    continue
                }
                if marker(line.text) != nil {
                    if depth < State.maxDepth {
                        blocks.append(.list(parseList(depth: depth)))
                    } else {
                        tooDeep(at: line.number)
                        blocks.append(parseParagraph())
                    }
                    continue
                }
                if i + 1 < lines.endIndex, t.utf8.contains(UInt8(ascii: "|")), isTableDelimiter(lines[i + 1].text) {
                    blocks.append(parseTable())
                    continue
                }
                blocks.append(parseParagraph())
            }
            return blocks
        }

        func startsBlock(_ text: String) -> Bool {
            let t = trimmed(text)
            return fence(text) != nil || headingLevel(text) != nil || isRule(t) || t.hasPrefix(">")
                || marker(text) != nil || shortcode(Substring(t)) != nil || gitbookTag(text) != nil
        }

        mutating func parseFence(_ f: (char: Character, length: Int, info: String)) -> Block {
            let openLine = lines[i].number
            let fenceIndent = indent(lines[i].text)
            i += 1
            var body: [String] = []
            while i < lines.endIndex {
                if let close = fence(lines[i].text), close.char == f.char, close.length >= f.length, close.info.isEmpty {
                    i += 1
                    break
                }
                let text = lines[i].text
                body.append(dropSpaces(text, min(fenceIndent, indent(text))))
                i += 1
            }
            let language = f.info.split(separator: " ").first.map { String($0).lowercased() } ?? ""
            if language == "lab" {
                let source = body.map(trimmed).filter { !$0.isEmpty }.joined(separator: " ")
                do {
                    return .lab(try LabSpec.parse(source, line: openLine))
                } catch {
                    problems.append(Diagnostic(path: "", line: openLine, message: "\(error)"))
                }
            }
            return .code(language: language, lines: body)
        }

        mutating func parseShortcode() -> Block? {
            // Quick refusal before trimming: a shortcode opens with `{` after the indent.
            guard let lead = lines[i].text.utf8.first(where: { $0 != 0x20 }), lead == UInt8(ascii: "{") || lead >= 0x80 else { return nil }
            let text = Substring(trimmed(lines[i].text))
            guard let open = shortcode(text) else { return nil }
            // A closing tag with no opening one carries nothing to show.
            if open.closing { i += 1; return .asked(name: open.name, prompt: "") }
            // One line: {{< name >}} prompt {{< /name >}}
            if let closeRange = open.rest.range(of: "{{< /\(open.name)") ?? open.rest.range(of: "{{% /\(open.name)") {
                let prompt = trimmed(String(open.rest[..<closeRange.lowerBound]))
                i += 1
                return .asked(name: open.name, prompt: prompt.isEmpty ? open.args : prompt)
            }
            // Multi-line: collect until the matching close tag.
            var j = i + 1
            var prompt: [String] = []
            let firstRest = trimmed(String(open.rest))
            if !firstRest.isEmpty { prompt.append(firstRest) }
            while j < lines.endIndex {
                let t = trimmed(lines[j].text)
                if let close = t.range(of: "{{< /\(open.name)") ?? t.range(of: "{{% /\(open.name)") {
                    let before = trimmed(String(t[..<close.lowerBound]))
                    if !before.isEmpty { prompt.append(before) }
                    i = j + 1
                    let joined = prompt.joined(separator: " ")
                    return .asked(name: open.name, prompt: joined.isEmpty ? open.args : joined)
                }
                if !t.isEmpty { prompt.append(t) }
                j += 1
            }
            // No close tag: the shortcode stands alone; its arguments are all there is to show.
            i += 1
            return .asked(name: open.name, prompt: open.args)
        }

        mutating func parseIndentedCode() -> Block {
            var body: [String] = []
            while i < lines.endIndex {
                let text = lines[i].text
                if isBlank(text) {
                    // Blank lines belong to the block only when more code follows.
                    var k = i
                    while k < lines.endIndex, isBlank(lines[k].text) { k += 1 }
                    guard k < lines.endIndex, indent(lines[k].text) >= 4 else { break }
                    body.append(contentsOf: repeatElement("", count: k - i))
                    i = k
                    continue
                }
                guard indent(text) >= 4 else { break }
                body.append(dropSpaces(text, 4))
                i += 1
            }
            return .code(language: "", lines: body)
        }

        mutating func parseQuote(depth: Int) -> Block {
            var inner: [SourceLine] = []
            while i < lines.endIndex {
                let t = trimmed(lines[i].text)
                guard t.hasPrefix(">") else { break }
                var rest = t.dropFirst()
                if rest.first == " " { rest = rest.dropFirst() }
                inner.append(SourceLine(number: lines[i].number, text: String(rest)))
                i += 1
            }
            guard depth < State.maxDepth else {
                tooDeep(at: inner.first?.number ?? 0)
                return .quote([.paragraph([.text(inner.map(\.text).joined(separator: " "))])])
            }
            var sub = State(lines: inner[...])
            let blocks = sub.parseBlocks(depth: depth + 1)
            problems.append(contentsOf: sub.problems)
            return .quote(blocks)
        }

        mutating func parseTable() -> Block {
            let header = splitRow(lines[i].text)
            let alignments: [TableBlock.Alignment] = splitRow(lines[i + 1].text).map { cell in
                let c = trimmed(cell)
                if c.hasPrefix(":") && c.hasSuffix(":") { return .center }
                if c.hasSuffix(":") { return .right }
                return .left
            }
            i += 2
            var rows: [[[Inline]]] = []
            while i < lines.endIndex {
                let t = trimmed(lines[i].text)
                guard !t.isEmpty, t.utf8.contains(UInt8(ascii: "|")) else { break }
                rows.append(splitRow(t).map { InlineParser.parse($0) })
                i += 1
            }
            return .table(TableBlock(header: header.map { InlineParser.parse($0) }, alignments: alignments, rows: rows))
        }

        mutating func parseParagraph() -> Block {
            var parts: [String] = [trimmed(lines[i].text)]
            i += 1
            while i < lines.endIndex {
                let text = lines[i].text
                let t = trimmed(text)
                if t.isEmpty { break }
                // Setext heading underline.
                if t.allSatisfy({ $0 == "=" }) || (t.allSatisfy({ $0 == "-" }) && t.count >= 2) {
                    i += 1
                    return .heading(level: t.first == "=" ? 1 : 2, text: InlineParser.parse(parts.joined(separator: " ")),
                                    line: lines[i - 2].number)
                }
                if startsBlock(text) { break }
                if t.utf8.contains(UInt8(ascii: "|")), i + 1 < lines.endIndex, isTableDelimiter(lines[i + 1].text) { break }
                parts.append(t)
                i += 1
            }
            return .paragraph(InlineParser.parse(parts.joined(separator: " ")))
        }

        mutating func parseList(depth: Int) -> ListBlock {
            guard let first = marker(lines[i].text) else { preconditionFailure("parseList called on a non-list line") }
            var items: [ListItem] = []
            func isSibling(_ m: Marker) -> Bool { m.ordered == first.ordered && m.indent <= first.indent + 1 }
            while i < lines.endIndex, let mk = marker(lines[i].text), isSibling(mk) {
                let itemLine = lines[i].number
                var body: [SourceLine] = [SourceLine(number: itemLine, text: mk.text)]
                i += 1
                var sawBlank = false
                itemLoop: while i < lines.endIndex {
                    let text = lines[i].text
                    if isBlank(text) {
                        var k = i
                        while k < lines.endIndex, isBlank(lines[k].text) { k += 1 }
                        guard k < lines.endIndex else { i = k; break itemLoop }
                        let next = lines[k].text
                        if let m2 = marker(next), m2.indent > mk.indent {
                            body.append(SourceLine(number: lines[i].number, text: ""))
                            i = k; sawBlank = true; continue
                        }
                        if marker(next) == nil, indent(next) >= mk.contentColumn {
                            body.append(SourceLine(number: lines[i].number, text: ""))
                            i = k; sawBlank = true; continue
                        }
                        if let m2 = marker(next), isSibling(m2) { i = k }
                        break itemLoop
                    }
                    let ind = indent(text)
                    if let m2 = marker(text) {
                        guard m2.indent > mk.indent else { break }
                        body.append(SourceLine(number: lines[i].number, text: dropSpaces(text, min(ind, mk.contentColumn))))
                    } else if ind >= mk.contentColumn {
                        body.append(SourceLine(number: lines[i].number, text: dropSpaces(text, mk.contentColumn)))
                    } else if !sawBlank, !startsBlock(text) {
                        body.append(SourceLine(number: lines[i].number, text: trimmed(text)))
                    } else {
                        break
                    }
                    i += 1
                }
                var sub = State(lines: body[...])
                let blocks = sub.parseBlocks(depth: depth + 1)
                problems.append(contentsOf: sub.problems)
                items.append(ListItem(blocks: blocks, line: itemLine))
            }
            return ListBlock(ordered: first.ordered, start: first.number, items: items)
        }
    }
}
