/// Reads learners' typed answers: the numbers, integer lists and normalised words in them.
///
/// Every function is total and linear in the input (a megabyte of text is fine), and works on
/// whatever the terminal delivered, control characters and replacement characters included.
public enum AnswerText {
    /// True when the input has nothing but white space and control characters.
    public static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F }
    }

    /// The numbers in the text, in order: `about 28` → [28], `-1.5e2` → [-150], `1,000` → [1000].
    public static func numbers(in text: String) -> [Double] {
        numberTokens(in: Array(text.unicodeScalars)).map(\.value)
    }

    /// The whole numbers in the text, in order, whatever separates them: `26x26x64`,
    /// `26 × 26 × 64`, `(26, 26, 64)` and `26, 26, 64` all give [26, 26, 64].
    public static func integers(in text: String) -> [Int] {
        var out: [Int] = []
        var current: Int?
        var negative = false
        var previous: Unicode.Scalar = " "
        for c in text.unicodeScalars {
            if isDigit(c) {
                let digit = Int(c.value - 48)
                let (times, overflow1) = (current ?? 0).multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times.addingReportingOverflow(digit)
                current = overflow1 || overflow2 ? Int.max : sum
            } else {
                if let n = current { out.append(negative ? -n : n) }
                current = nil
                negative = (c == "-" || c == "\u{2212}") && !isDigit(previous) && !isLetter(previous)
            }
            previous = c
        }
        if let n = current { out.append(negative ? -n : n) }
        return out
    }

    /// When the whole text is one number (a trailing full stop allowed), that number.
    public static func wholeNumber(_ text: String) -> Double? {
        var t = text.trimmingWhitespace()
        if t.hasSuffix(".") { t.removeLast() }
        guard !t.isEmpty, t.unicodeScalars.allSatisfy({ isDigit($0) || "+-.,eE\u{2212}".unicodeScalars.contains($0) }) else { return nil }
        let found = numbers(in: t)
        return found.count == 1 ? found.first : nil
    }

    /// When the whole text is a shape (two or more whole numbers joined by `x`, `×`, commas or
    /// spaces, optionally in brackets), its numbers.
    public static func wholeShape(_ text: String) -> [Int]? {
        var t = text.trimmingWhitespace()
        if t.hasSuffix(".") { t.removeLast() }
        let allowed = Set("0123456789xX×*,() []".unicodeScalars)
        guard !t.isEmpty, t.unicodeScalars.allSatisfy({ allowed.contains($0) }) else { return nil }
        let found = integers(in: t)
        return found.count >= 2 ? found : nil
    }

    /// Lower-cased words with punctuation and the articles `a`, `an`, `the` removed and plurals
    /// folded (`values` → `value`, `boxes` → `box`, `probabilities` → `probability`).
    public static func words(_ text: String) -> [String] {
        var out: [String] = []
        var current = String.UnicodeScalarView()
        func flush() {
            guard !current.isEmpty else { return }
            let word = String(current)
            current = String.UnicodeScalarView()
            if word == "a" || word == "an" || word == "the" { return }
            out.append(foldPlural(word))
        }
        for scalar in text.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || isDigit(scalar) {
                current.append(scalar)
            } else if scalar == "'" || scalar == "\u{2019}" {
                continue
            } else {
                flush()
            }
        }
        flush()
        return out
    }

    /// A crude English plural fold, applied to both the expected and the given answer, so it
    /// only needs to be consistent.
    public static func foldPlural(_ word: String) -> String {
        let n = word.count
        if n < 4 || singularEndingInS.contains(word) { return word }
        if n > 4, word.hasSuffix("ies") { return String(word.dropLast(3)) + "y" }
        if n > 4, word.hasSuffix("sses") || word.hasSuffix("xes") || word.hasSuffix("zes") || word.hasSuffix("ches") || word.hasSuffix("shes") {
            return String(word.dropLast(2))
        }
        if n > 4, word.hasSuffix("ses"), !word.hasSuffix("uses") { return String(word.dropLast(2)) }
        if word.hasSuffix("s"), !word.hasSuffix("ss"), !word.hasSuffix("is") { return String(word.dropLast()) }
        return word
    }

    /// Common words that end in `s` without being plurals (and so must not lose it).
    static let singularEndingInS: Set<String> = [
        "bias", "alias", "atlas", "canvas", "gas", "has", "was", "does", "goes", "yes", "its", "thus", "plus", "minus",
        "bonus", "focus", "radius", "virus", "corpus", "status", "stimulus", "series", "species", "news", "lens",
        "chaos", "always", "perhaps", "whereas", "towards", "afterwards", "sometimes", "various", "previous",
        "numerous", "continuous", "analogous", "obvious", "famous", "serious",
    ]

    /// Equal, or one edit apart (insert, delete, substitute or swap two neighbours) when the
    /// expected word has five or more letters.
    public static func matches(expected: String, given: String) -> Bool {
        if expected == given { return true }
        // One edit changes the length by at most one scalar (four bytes): no arrays for the rest.
        // Words under five letters must be exact (fewer than five UTF-8 bytes is fewer than five scalars).
        let expectedBytes = expected.utf8.count
        guard expectedBytes >= 5, abs(expectedBytes - given.utf8.count) <= 4 else { return false }
        let a = Array(expected.unicodeScalars), b = Array(given.unicodeScalars)
        guard a.count >= 5, abs(a.count - b.count) <= 1 else { return false }
        return withinOneEdit(a, b)
    }

    static func withinOneEdit(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Bool {
        var i = 0
        while i < a.count, i < b.count, a[i] == b[i] { i += 1 }
        if a.count == b.count {
            if a[(i + 1)...] == b[(i + 1)...] { return true }
            // Swapped neighbours.
            return i + 1 < a.count && a[i] == b[i + 1] && a[i + 1] == b[i] && a[(i + 2)...] == b[(i + 2)...]
        }
        if a.count + 1 == b.count { return a[i...] == b[(i + 1)...] }
        return a[(i + 1)...] == b[i...]
    }

    static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 48 && c.value <= 57 }
    static func isLetter(_ c: Unicode.Scalar) -> Bool { c.properties.isAlphabetic }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let end = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[start...end])
    }
}
