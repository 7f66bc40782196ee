/// One terminal cell: the grapheme it shows and its style.
///
/// A wide character (CJK, most emoji) occupies two cells: the first holds the grapheme, the second
/// is a continuation (`glyph == ""`) that the terminal layer skips.
public struct Cell: Hashable, Sendable {
    public var glyph: String
    public var style: Style

    public init(_ glyph: String = " ", style: Style = .plain) {
        self.glyph = glyph
        self.style = style
    }

    public static let blank = Cell()
    static let continuation = Cell("")

    public var isContinuation: Bool { glyph.isEmpty }
}
