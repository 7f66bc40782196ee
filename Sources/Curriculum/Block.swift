/// A block of a Markdown document, as the lesson reader lays it out.
public indirect enum Block: Sendable, Hashable {
    /// `#` to `######`; `level` is 1-6.
    case heading(level: Int, text: [Inline], line: Int)
    case paragraph([Inline])
    /// A bulleted or numbered list; each item is a list of blocks (text, then nested lists).
    case list(ListBlock)
    /// A fenced or indented code block; `language` is the fence's info string (may be empty).
    case code(language: String, lines: [String])
    case table(TableBlock)
    case quote([Block])
    case rule
    /// The prompt that produced a section (a Hugo shortcode pair), shown dimmed as "asked:".
    case asked(name: String, prompt: String)
    /// A GitBook `{% embed url="..." %}`, shown as a link line.
    case embed(url: String, caption: String)
    /// An interactive lab (a fenced block with info string `lab`).
    case lab(LabSpec)

    /// The visible text of the block, flattened (used for word counts and first sentences).
    public var plainText: String {
        switch self {
        case .heading(_, let text, _): return text.plainText
        case .paragraph(let text): return text.plainText
        case .list(let list): return list.items.map { $0.blocks.map(\.plainText).joined(separator: " ") }.joined(separator: " ")
        case .code(_, let lines): return lines.joined(separator: " ")
        case .table(let table): return ([table.header] + table.rows).map { $0.map(\.plainText).joined(separator: " ") }.joined(separator: " ")
        case .quote(let blocks): return blocks.map(\.plainText).joined(separator: " ")
        case .rule: return ""
        case .asked(_, let prompt): return prompt
        case .embed(let url, let caption): return caption.isEmpty ? url : caption
        case .lab(let spec): return spec.source
        }
    }
}

/// A list: ordered (`1.`) or bulleted (`-`, `*`, `+`).
public struct ListBlock: Sendable, Hashable {
    public var ordered: Bool
    /// The first item's number for ordered lists (`3.` starts at 3).
    public var start: Int
    public var items: [ListItem]

    public init(ordered: Bool, start: Int, items: [ListItem]) {
        self.ordered = ordered
        self.start = start
        self.items = items
    }
}

/// One list item: its blocks (usually a paragraph, possibly nested lists) and source line.
public struct ListItem: Sendable, Hashable {
    public var blocks: [Block]
    public var line: Int

    public init(blocks: [Block], line: Int) {
        self.blocks = blocks
        self.line = line
    }
}

/// A pipe table: a header row, body rows and per-column alignment.
public struct TableBlock: Sendable, Hashable {
    public enum Alignment: Sendable, Hashable { case left, center, right }
    public var header: [[Inline]]
    public var alignments: [Alignment]
    public var rows: [[[Inline]]]

    public init(header: [[Inline]], alignments: [Alignment], rows: [[[Inline]]]) {
        self.header = header
        self.alignments = alignments
        self.rows = rows
    }
}

extension Block {
    /// The number of words in `plainText` (runs of bytes other than space, tab, CR and LF),
    /// counted without building the text.
    public var wordCount: Int {
        var counter = WordCounter()
        counter.add(self)
        return counter.count
    }
}

/// Counts words across pieces of text as if they were joined: `add` continues the current
/// word, `separate` is the single space `plainText` puts between parts.
struct WordCounter {
    private(set) var count = 0
    private var inWord = false

    mutating func separate() { inWord = false }

    mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            for b in bytes {
                let space = b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D
                if !space && !inWord { count += 1 }
                inWord = !space
            }
        }
    }

    mutating func add(_ inlines: [Inline]) {
        for inline in inlines {
            switch inline {
            case .text(let s), .code(let s): add(s)
            case .bold(let inner), .italic(let inner), .link(let inner, _): add(inner)
            }
        }
    }

    /// Mirrors `Block.plainText`: parts joined by one space.
    mutating func add(_ block: Block) {
        switch block {
        case .heading(_, let text, _), .paragraph(let text): add(text)
        case .list(let list):
            for (n, item) in list.items.enumerated() {
                if n > 0 { separate() }
                addJoined(item.blocks)
            }
        case .code(_, let lines):
            for (n, line) in lines.enumerated() {
                if n > 0 { separate() }
                add(line)
            }
        case .table(let table):
            for (n, row) in ([table.header] + table.rows).enumerated() {
                if n > 0 { separate() }
                for (k, cell) in row.enumerated() {
                    if k > 0 { separate() }
                    add(cell)
                }
            }
        case .quote(let blocks): addJoined(blocks)
        case .rule: break
        case .asked(_, let prompt): add(prompt)
        case .embed(let url, let caption): add(caption.isEmpty ? url : caption)
        case .lab(let spec): add(spec.source)
        }
    }

    private mutating func addJoined(_ blocks: [Block]) {
        for (n, block) in blocks.enumerated() {
            if n > 0 { separate() }
            add(block)
        }
    }
}
