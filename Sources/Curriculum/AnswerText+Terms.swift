/// Whole-term matching for short answers: a keyword is found only as a term of its own, never
/// inside another (`relu` is not in `leaky-relu`'s compound, `correlation` not in
/// `auto-correlation`, `adam` not in `adamw`).
extension AnswerText {
    /// Lower-cased terms: like `words`, but letters or digits joined by a hyphen, slash or
    /// apostrophe stay one term (`auto-correlation` → `autocorrelation`, `grad-cam` →
    /// `gradcam`), so a keyword cannot match part of a compound.
    public static func terms(_ text: String) -> [String] {
        let lower = text.lowercased()
        if lower.utf8.allSatisfy({ $0 < 128 }) { return asciiTerms(lower) }
        var out: [String] = []
        var current = String.UnicodeScalarView()
        // A hyphen, slash or apostrophe just after a letter: it joins only if a letter follows.
        var joinerPending = false
        func flush() {
            joinerPending = false
            guard !current.isEmpty else { return }
            let word = String(current)
            current = String.UnicodeScalarView()
            if word == "a" || word == "an" || word == "the" { return }
            out.append(foldPlural(word))
        }
        for scalar in lower.unicodeScalars {
            if isDigit(scalar) || (scalar.value >= 97 && scalar.value <= 122) || (scalar.value > 127 && scalar.properties.isAlphabetic) {
                joinerPending = false
                current.append(scalar)
            } else if !current.isEmpty, !joinerPending, isJoiner(scalar) {
                joinerPending = true
            } else {
                flush()
            }
        }
        flush()
        return out
    }

    /// `terms` of lower-case ASCII text, read as bytes (long answers stay fast).
    static func asciiTerms(_ lower: String) -> [String] {
        var out: [String] = []
        var current: [UInt8] = []
        var joinerPending = false
        func flush() {
            joinerPending = false
            guard !current.isEmpty else { return }
            let word = String(decoding: current, as: UTF8.self)
            current.removeAll(keepingCapacity: true)
            if word == "a" || word == "an" || word == "the" { return }
            out.append(foldPlural(word))
        }
        for byte in lower.utf8 {
            if (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57) {
                joinerPending = false
                current.append(byte)
            } else if !current.isEmpty, !joinerPending, byte == 0x2D || byte == 0x2F || byte == 0x27 {
                joinerPending = true
            } else {
                flush()
            }
        }
        flush()
        return out
    }

    static func isJoiner(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2D, 0x2F, 0x27, 0x2019, 0x2010, 0x2011: return true
        default: return false
        }
    }

    /// Whether `term` (one or more words) occurs in `given` as whole terms, in order, each
    /// word allowed one typo (see `matches`). A compound matches its parts written apart and
    /// the other way round: `cross entropy` is found in `cross-entropy`, and `crossentropy`
    /// in `cross entropy`.
    public static func containsTerm(_ term: [String], in given: [String], typos: Bool = true) -> Bool {
        func same(_ expected: String, _ given: String) -> Bool { typos ? matches(expected: expected, given: given) : expected == given }
        guard !term.isEmpty, !given.isEmpty else { return false }
        let joined = term.joined()
        let joinedLength = joined.utf8.count
        let firstByte = joined.utf8.first
        for start in given.indices {
            if same(term[0], given[start]), start + term.count <= given.count,
               (1..<term.count).allSatisfy({ same(term[$0], given[start + $0]) }) {
                return true
            }
            // Up to three given words written apart for one compound term, or the reverse
            // (the first letter must be right, which keeps long answers fast).
            guard given[start].utf8.first == firstByte else { continue }
            var length = 0
            for end in start..<min(given.count, start + 3) {
                length += given[end].utf8.count
                // One edit changes the length by at most one scalar (four bytes).
                guard length <= joinedLength + 4 else { break }
                if end > start || term.count > 1, length + 4 >= joinedLength,
                   same(joined, given[start...end].joined()) { return true }
            }
        }
        return false
    }

    /// Whether two phrases are the same terms (typos and compounds forgiven as in `containsTerm`).
    public static func sameTerms(_ expected: [String], _ given: [String]) -> Bool {
        guard !expected.isEmpty, !given.isEmpty else { return false }
        if expected.count == given.count, zip(expected, given).allSatisfy({ matches(expected: $0, given: $1) }) { return true }
        let lengths = (expected.reduce(0) { $0 + $1.utf8.count }, given.reduce(0) { $0 + $1.utf8.count })
        guard abs(lengths.0 - lengths.1) <= 4 else { return false }
        return matches(expected: expected.joined(), given: given.joined())
    }

    /// Words too common to pick out a choice by themselves.
    static let fillerWords: Set<String> = [
        "it", "its", "of", "by", "to", "in", "on", "and", "or", "is", "are", "be", "for", "with", "from", "at", "as", "that",
        "this", "one", "each", "every", "all", "no", "not",
    ]

    /// Whether `given` names one choice by its text: the same terms, or a run of whole terms
    /// found in that choice (with at least one word that is not filler).
    static func namesChoice(_ given: [String], choice: [String]) -> (exact: Bool, partial: Bool) {
        if sameTerms(choice, given) { return (true, true) }
        // A choice's text typed with a few words around it at most.
        guard given.count <= choice.count + 3, given.contains(where: { !fillerWords.contains($0) && $0.count >= 3 }) else { return (false, false) }
        return (false, containsTerm(given, in: choice))
    }
}
