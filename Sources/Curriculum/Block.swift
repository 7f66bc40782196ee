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
