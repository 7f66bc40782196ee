/// The characters screens draw with: Unicode box drawing and blocks where the terminal can show
/// them, plain ASCII elsewhere (`--ascii`, a non-UTF-8 locale).
public struct Glyphs: Hashable, Sendable {
    public var horizontal, vertical, topLeft, topRight, bottomLeft, bottomRight: String
    public var teeLeft, teeRight: String
    public var bullet, arrowRight, arrowLeft, arrowUp, arrowDown, ellipsis, times, check, cross: String
    public var upperHalf, fullBlock, lightShade: String
    public var barEighths: [String]
    public var isASCII: Bool

    public static let unicode = Glyphs(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        teeLeft: "├", teeRight: "┤",
        bullet: "•", arrowRight: "→", arrowLeft: "←", arrowUp: "↑", arrowDown: "↓", ellipsis: "…", times: "×",
        check: "✓", cross: "✗",
        upperHalf: "▀", fullBlock: "█", lightShade: "░",
        barEighths: [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"],
        isASCII: false
    )

    /// The Unicode set through the one ASCII table (`ASCIIFallback`): what the terminal would
    /// show for each glyph in ASCII mode, chosen before drawing so widths stay one column.
    public static let ascii: Glyphs = {
        var glyphs = unicode
        let fields: [WritableKeyPath<Glyphs, String>] = [\.horizontal, \.vertical, \.topLeft, \.topRight, \.bottomLeft, \.bottomRight,
                                                         \.teeLeft, \.teeRight, \.bullet, \.arrowRight, \.arrowLeft, \.arrowUp,
                                                         \.arrowDown, \.ellipsis, \.times, \.check, \.cross, \.upperHalf, \.fullBlock, \.lightShade]
        for field in fields { glyphs[keyPath: field] = ASCIIFallback.cell(for: glyphs[keyPath: field]) }
        glyphs.barEighths = glyphs.barEighths.map(ASCIIFallback.cell)
        glyphs.isASCII = true
        return glyphs
    }()

    /// A one-column ASCII stand-in for a character the terminal cannot show (used by the
    /// terminal layer in ASCII mode, so content text never prints as mojibake).
    public static func asciiFallback(for glyph: String) -> String { ASCIIFallback.cell(for: glyph) }
}
