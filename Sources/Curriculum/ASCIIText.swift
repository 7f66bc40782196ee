/// Plain-ASCII spellings of the symbols lessons use, for laying text out in ASCII mode.
///
/// The terminal's own fallback must keep every cell one column wide, so it turns `²` into `2`
/// and `←` into `<`: "L = (1 - 3)2" and "w < w - n * dL/dw" read as different formulas. Text
/// laid out for ASCII is spelled out here first (`^2`, `<-`, `eta`), before wrapping, so the
/// wider spellings still wrap and align. Symbols not listed are left to the terminal.
public enum ASCIIText {
    static let spellings: [Character: String] = [
        "²": "^2", "³": "^3", "¹": "^1", "⁻": "^-",
        "←": "<-", "→": "->", "↔": "<->", "⇒": "=>", "⟶": "->",
        "≤": "<=", "≥": ">=", "≈": "~=", "≠": "!=", "±": "+/-", "√": "sqrt", "∞": "inf",
        "×": "x", "·": "*", "−": "-", "–": "-", "—": "-", "…": "...",
        "‘": "'", "’": "'", "“": "\"", "”": "\"",
        "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "η": "eta",
        "θ": "theta", "λ": "lambda", "μ": "mu", "σ": "sigma", "Σ": "sum", "∑": "sum", "∂": "d",
        "⌊": "floor(", "⌋": ")",
    ]

    /// `text` with every listed symbol spelled out; unchanged when it is all ASCII already.
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
