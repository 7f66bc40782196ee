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

    public static let ascii = Glyphs(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        teeLeft: "+", teeRight: "+",
        bullet: "*", arrowRight: ">", arrowLeft: "<", arrowUp: "^", arrowDown: "v", ellipsis: ">", times: "x",
        check: "+", cross: "x",
        upperHalf: "#", fullBlock: "#", lightShade: ".",
        barEighths: [" ", " ", " ", " ", "#", "#", "#", "#", "#"],
        isASCII: true
    )

    /// A one-column ASCII stand-in for a character the terminal cannot show (used by the
    /// terminal layer in ASCII mode, so content text never prints as mojibake).
    public static func asciiFallback(for glyph: String) -> String { ASCIIFallback.cell(for: glyph) }
}
