/// The semantic style of a laid-out span; the screens map these to colours and attributes,
/// `tutor show` drops them. Styles combine (`[.bold, .quote]`).
public struct SpanStyle: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let heading1 = SpanStyle(rawValue: 1 << 0)
    public static let heading2 = SpanStyle(rawValue: 1 << 1)
    public static let heading3 = SpanStyle(rawValue: 1 << 2)
    public static let bold = SpanStyle(rawValue: 1 << 3)
    public static let italic = SpanStyle(rawValue: 1 << 4)
    /// Inline `code`.
    public static let code = SpanStyle(rawValue: 1 << 5)
    /// A link's text.
    public static let link = SpanStyle(rawValue: 1 << 6)
    /// A link's URL, shown dimmed after its text.
    public static let linkURL = SpanStyle(rawValue: 1 << 7)
    /// The dimmed "asked:" line of a shortcode prompt.
    public static let asked = SpanStyle(rawValue: 1 << 8)
    /// Text inside a block quote, and the quote bar.
    public static let quote = SpanStyle(rawValue: 1 << 9)
    /// A bullet or number in front of a list item.
    public static let listMarker = SpanStyle(rawValue: 1 << 10)
    /// Table rules and column separators.
    public static let tableBorder = SpanStyle(rawValue: 1 << 11)
    /// Header cells of a table.
    public static let tableHeader = SpanStyle(rawValue: 1 << 12)
    /// Lines of a fenced or indented code block.
    public static let codeBlock = SpanStyle(rawValue: 1 << 13)
    /// The box of an embedded lab and its text.
    public static let labBox = SpanStyle(rawValue: 1 << 14)
    /// A horizontal rule or heading underline.
    public static let rule = SpanStyle(rawValue: 1 << 15)
    /// The `…` (or `>`) marking a line cut at the width.
    public static let cutMarker = SpanStyle(rawValue: 1 << 16)
    /// Dimmed text (secondary information).
    public static let dim = SpanStyle(rawValue: 1 << 17)
}

/// A run of text in one style.
public struct LayoutSpan: Sendable, Hashable {
    public var text: String
    public var style: SpanStyle

    public init(_ text: String, _ style: SpanStyle = []) {
        self.text = text
        self.style = style
    }

    public var width: Int { DisplayWidth.of(text) }
}

/// One laid-out line: spans whose total width never exceeds the layout width.
public struct LayoutLine: Sendable, Hashable {
    public var spans: [LayoutSpan]

    public init(_ spans: [LayoutSpan] = []) { self.spans = spans }

    /// The line's text without styles.
    public var text: String { spans.map(\.text).joined() }
    /// The columns the line takes.
    public var width: Int { spans.reduce(0) { $0 + $1.width } }
    public var isBlank: Bool { spans.allSatisfy { $0.text.allSatisfy { $0 == " " } } }
}

/// Where a lab box sits in a layout, so the reader can open the lab when it is selected.
public struct LabPlacement: Sendable, Hashable {
    public var spec: LabSpec
    /// The layout lines the box covers.
    public var lines: Range<Int>

    public init(spec: LabSpec, lines: Range<Int>) {
        self.spec = spec
        self.lines = lines
    }
}

/// Blocks laid out for a given width.
public struct LessonLayout: Sendable, Hashable {
    public var lines: [LayoutLine]
    public var labs: [LabPlacement]

    public init(lines: [LayoutLine] = [], labs: [LabPlacement] = []) {
        self.lines = lines
        self.labs = labs
    }

    /// The layout as plain text, one line per line, trailing spaces removed.
    public var plainText: String {
        lines.map { line in
            var t = line.text
            while t.last == " " { t.removeLast() }
            return t
        }.joined(separator: "\n")
    }

    /// The lab whose box covers `line`, if any.
    public func lab(at line: Int) -> LabPlacement? { labs.first { $0.lines.contains(line) } }
}
