/// The one table of plain-ASCII stand-ins for the symbols the tutor shows, in two forms:
///
/// - `cell`: one column, for the terminal layer in ASCII mode, which must keep every cell one
///   column wide (`²` becomes `2`, so content never prints as mojibake);
/// - `spelled`: the wider spelling for text laid out for ASCII before it wraps (`^2`, `<-`,
///   `eta`), so that "L = (1 - 3)^2" and "w <- w - eta * dL/dw" keep their meaning. Symbols with
///   no spelling are left to the terminal's one-column stand-in.
public enum ASCIIFallback {
    /// symbol, one-column stand-in, spelling for laid-out text (nil: the stand-in will do).
    private static let rows: [(symbol: Character, cell: Character, spelled: String?)] = [
        ("²", "2", "^2"), ("³", "3", "^3"), ("¹", "1", "^1"), ("⁻", "-", "^-"),
        ("←", "<", "<-"), ("→", ">", "->"), ("↔", "-", "<->"), ("⇒", ">", "=>"), ("⟶", ">", "->"),
        ("≤", "<", "<="), ("≥", ">", ">="), ("≈", "~", "~="), ("≠", "?", "!="), ("±", "+", "+/-"),
        ("√", "?", "sqrt"), ("∞", "?", "inf"), ("×", "x", "x"), ("·", "*", "*"),
        ("−", "-", "-"), ("–", "-", "-"), ("—", "-", "-"), ("…", ">", "..."),
        ("‘", "'", "'"), ("’", "'", "'"), ("“", "\"", "\""), ("”", "\"", "\""),
        ("α", "a", "alpha"), ("β", "b", "beta"), ("γ", "g", "gamma"), ("δ", "d", "delta"), ("ε", "e", "epsilon"),
        ("η", "n", "eta"), ("θ", "?", "theta"), ("λ", "l", "lambda"), ("μ", "u", "mu"), ("σ", "s", "sigma"),
        ("Σ", "E", "sum"), ("∑", "E", "sum"), ("∂", "d", "d"), ("⌊", "[", "floor("), ("⌋", "]", ")"),
        ("∙", "*", nil), ("⋅", "*", nil), ("•", "*", nil), ("′", "'", nil), ("´", "'", nil),
        ("″", "\"", nil), ("«", "\"", nil), ("»", "\"", nil), ("─", "-", nil), ("━", "-", nil), ("‐", "-", nil),
        ("▶", ">", nil), ("►", ">", nil), ("◀", "<", nil), ("◄", "<", nil), ("↑", "^", nil), ("▲", "^", nil),
        ("↓", "v", nil), ("▼", "v", nil), ("│", "|", nil), ("┃", "|", nil),
        ("┌", "+", nil), ("┐", "+", nil), ("└", "+", nil), ("┘", "+", nil), ("├", "+", nil), ("┤", "+", nil),
        ("┬", "+", nil), ("┴", "+", nil), ("┼", "+", nil), ("⌈", "[", nil), ("⌉", "]", nil), ("÷", "/", nil),
        ("✓", "+", nil), ("✔", "+", nil), ("✗", "x", nil), ("✘", "x", nil),
        ("▏", " ", nil), ("▎", " ", nil), ("▍", " ", nil), ("█", "#", nil), ("▉", "#", nil), ("▊", "#", nil), ("▋", "#", nil), ("▌", "#", nil), ("▀", "#", nil),
        ("▄", "#", nil), ("▓", "#", nil), ("▒", "%", nil), ("░", ".", nil), ("°", "o", nil),
        ("é", "e", nil), ("è", "e", nil), ("ê", "e", nil), ("ë", "e", nil), ("á", "a", nil), ("à", "a", nil),
        ("â", "a", nil), ("ä", "a", nil), ("ö", "o", nil), ("ó", "o", nil), ("ò", "o", nil), ("ô", "o", nil),
        ("ü", "u", nil), ("ú", "u", nil), ("ù", "u", nil), ("û", "u", nil), ("í", "i", nil), ("ì", "i", nil),
        ("î", "i", nil), ("ï", "i", nil), ("ç", "c", nil), ("ñ", "n", nil),
    ]

    private static let cells: [Character: Character] = Dictionary(rows.map { ($0.symbol, $0.cell) }, uniquingKeysWith: { first, _ in first })
    private static let spellings: [Character: String] = Dictionary(rows.compactMap { row in row.spelled.map { (row.symbol, $0) } },
                                                                  uniquingKeysWith: { first, _ in first })

    /// A one-column ASCII stand-in for a grapheme the terminal cannot show: itself when it is
    /// ASCII already (or empty, a wide character's continuation), `?` when the table has none.
    public static func cell(for glyph: String) -> String {
        if glyph.isEmpty || glyph.unicodeScalars.allSatisfy({ $0.isASCII }) { return glyph }
        guard glyph.count == 1, let first = glyph.first, let cell = cells[first] else { return "?" }
        return String(cell)
    }

    /// `text` with every symbol that has a spelling spelled out; unchanged when it is all ASCII.
    public static func spelled(_ text: String) -> String {
        guard !text.unicodeScalars.allSatisfy(\.isASCII) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text {
            if let spelling = spellings[ch] { out += spelling } else { out.append(ch) }
        }
        return out
    }
}
