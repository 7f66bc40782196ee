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
    public static func asciiFallback(for glyph: String) -> String {
        if glyph.isEmpty || glyph.unicodeScalars.allSatisfy({ $0.isASCII }) { return glyph }
        switch glyph {
        case "×": return "x"
        case "·", "•", "∙", "⋅": return "*"
        case "‘", "’", "′", "´": return "'"
        case "“", "”", "″", "«", "»": return "\""
        case "–", "—", "−", "─", "━", "‐": return "-"
        case "…": return ">"
        case "→", "⟶", "▶", "►": return ">"
        case "←", "◀", "◄": return "<"
        case "↑", "▲": return "^"
        case "↓", "▼": return "v"
        case "│", "┃": return "|"
        case "┌", "┐", "└", "┘", "├", "┤", "┬", "┴", "┼": return "+"
        case "⌊", "⌈": return "["
        case "⌋", "⌉": return "]"
        case "≤": return "<"
        case "≥": return ">"
        case "≈": return "~"
        case "÷": return "/"
        case "✓", "✔": return "+"
        case "✗", "✘": return "x"
        case "█", "▉", "▊", "▋", "▌", "▀", "▄", "▓": return "#"
        case "▒": return "%"
        case "░": return "."
        case "°": return "o"
        case "²": return "2"
        case "³": return "3"
        case "σ": return "s"
        case "α": return "a"
        case "β": return "b"
        case "η": return "n"
        case "λ": return "l"
        case "∑", "Σ": return "E"
        case "∂": return "d"
        case "é", "è", "ê", "ë": return "e"
        case "á", "à", "â", "ä": return "a"
        case "ö", "ó", "ò", "ô": return "o"
        case "ü", "ú", "ù", "û": return "u"
        case "í", "ì", "î", "ï": return "i"
        case "ç": return "c"
        case "ñ": return "n"
        default: return "?"
        }
    }
}
