/// Reading the one number a typed answer gives, and grids of numbers.
extension AnswerText {
    /// The number an answer gives, and how it was written.
    public struct NumberReading: Sendable, Hashable {
        public enum Form: Sendable, Hashable { case plain, percent, fraction }
        public var value: Double
        public var form: Form
        /// Half a unit in the last digit written (`0.83` → 0.005, `97` → 0.5), in the units of
        /// `value`; 0 for an exact form (a fraction, a number word, an exponent).
        public var precision: Double = 0
    }

    /// The number a typed answer gives, or nil when it holds none.
    ///
    /// - Working (`(32-5)/1+1 = 28`, `6 + 1 = 7`): the number after the last `=`; in words
    ///   (`6 plus bias 1 is 7`), the last number after the last "is", "equals", "gives" or "makes"
    ///   when numbers come before it too.
    /// - Otherwise the first number (`about 28`, `28 pixels`).
    /// - `97.2%`, `90.6 %` and `97.2 percent` are percentages; `1/2` and `13 / 4` fractions
    ///   (their value: 0.5, 3.25).
    /// - With no digits at all, a number word from zero to twenty (`six`).
    public static func readNumber(_ text: String) -> NumberReading? {
        var scalars = Array(text.unicodeScalars)
        if let equals = scalars.lastIndex(where: { $0 == "=" || $0 == "\u{2248}" }),
           scalars[(equals + 1)...].contains(where: isDigit) {
            scalars = Array(scalars[(equals + 1)...])
            return groups(in: scalars).last
        }
        // Working in words (`6 plus bias 1 is 7`, `3 by 3 gives 9`): the number after the last
        // "is", "equals", "gives" or "makes" that has one after it.
        if scalars.count <= 10_000 {
            let lower = String(String.UnicodeScalarView(scalars)).lowercased()
            let marks = [" is ", " equals ", " gives ", " makes "].compactMap { lower.range(of: $0, options: .backwards) }
            if let mark = marks.max(by: { $0.lowerBound < $1.lowerBound }),
               groups(in: Array(lower[..<mark.lowerBound].unicodeScalars)).count > 0 {
                let after = groups(in: Array(lower[mark.upperBound...].unicodeScalars))
                if let last = after.last { return last }
            }
        }
        if let first = groups(in: scalars).first { return first }
        // Whole terms, so `twenty-eight` is not read as twenty; a number word is a short reply.
        guard scalars.count <= 200 else { return nil }
        for word in terms(String(String.UnicodeScalarView(scalars))) {
            if let n = numberWords[word] { return NumberReading(value: Double(n), form: .plain) }
        }
        return nil
    }

    /// `zero` to `twenty`.
    static let numberWords: [String: Int] = {
        let names = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                     "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"]
        return Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
    }()

    /// The numbers of `scalars` with a fraction (`a / b`) read as one value and a following
    /// `%` or `percent` marking a percentage.
    static func groups(in scalars: [Unicode.Scalar]) -> [NumberReading] {
        let tokens = numberTokens(in: scalars)
        var out: [NumberReading] = []
        var i = 0
        func skipSpaces(_ k: Int) -> Int {
            var k = k
            while k < scalars.count, scalars[k] == " " { k += 1 }
            return k
        }
        while i < tokens.count {
            var reading = NumberReading(value: tokens[i].value, form: .plain,
                                        precision: writtenPrecision(String(String.UnicodeScalarView(scalars[tokens[i].start..<tokens[i].end])), wholeNumbers: true))
            var end = tokens[i].end
            let slash = skipSpaces(end)
            if i + 1 < tokens.count, slash < scalars.count, scalars[slash] == "/" || scalars[slash] == "\u{2215}",
               skipSpaces(slash + 1) == tokens[i + 1].start {
                let denominator = tokens[i + 1].value
                reading = NumberReading(value: denominator == 0 ? .nan : tokens[i].value / denominator, form: .fraction, precision: 0)
                end = tokens[i + 1].end
                i += 1
            }
            let after = skipSpaces(end)
            if after < scalars.count, scalars[after] == "%" {
                reading.form = .percent
            } else if after < scalars.count, String(String.UnicodeScalarView(scalars[after...].prefix(8))).lowercased().hasPrefix("percent") {
                reading.form = .percent
            }
            if reading.value.isFinite { out.append(reading) }
            i += 1
        }
        return out
    }

    /// A grid typed row by row (rows separated by `;` or new lines, values by spaces or
    /// commas), or nil when the text is not one: `9 6; 9 9`, `[9 6; 9 9]`, `9,6\n9,9`. A single
    /// row of `rows × columns` values is read row by row. A shape (`9x6x9x9`) is not a grid.
    public static func grid(_ text: String, rows: Int, columns: Int) -> [[Double]]? {
        let separators: Set<Unicode.Scalar> = [";", "\n", "\r"]
        let parts = text.unicodeScalars.split { separators.contains($0) }.map { String(String.UnicodeScalarView($0)) }
        let values = parts.map { numbers(in: $0) }.filter { !$0.isEmpty }
        if values.count == 1, wholeShape(text) != nil, text.unicodeScalars.contains(where: { "xX×*".unicodeScalars.contains($0) }) {
            return nil
        }
        if values.count == 1, let flat = values.first, flat.count == rows * columns, rows > 1 {
            return (0..<rows).map { Array(flat[($0 * columns)..<(($0 + 1) * columns)]) }
        }
        return values.isEmpty ? nil : values
    }

    /// Each number of the text with where it starts and ends (scalar offsets).
    static func numberTokens(in chars: [Unicode.Scalar]) -> [(value: Double, start: Int, end: Int)] {
        var out: [(value: Double, start: Int, end: Int)] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            let isMinus = c == "-" || c == "\u{2212}"
            let startsNumber = isDigit(c) || ((isMinus || c == "+" || c == ".") && i + 1 < chars.count && isDigit(chars[i + 1]))
            // A minus glued to a word (`3x3-kernel`) is not a sign.
            guard startsNumber, !(isMinus && i > 0 && (isDigit(chars[i - 1]) || isLetter(chars[i - 1]))) else { i += 1; continue }
            let start = i
            var s = ""
            if isMinus { s = "-"; i += 1 } else if c == "+" { i += 1 }
            while i < chars.count {
                let d = chars[i]
                if isDigit(d) { s.unicodeScalars.append(d); i += 1; continue }
                // Thousands separator: a comma followed by exactly three digits.
                let groupOfThree = i + 3 < chars.count && (1...3).allSatisfy { isDigit(chars[i + $0]) }
                if d == ",", groupOfThree, i + 4 >= chars.count || !isDigit(chars[i + 4]) {
                    i += 1; continue
                }
                break
            }
            if i < chars.count, chars[i] == ".", i + 1 < chars.count, isDigit(chars[i + 1]) {
                s.append("."); i += 1
                while i < chars.count, isDigit(chars[i]) { s.unicodeScalars.append(chars[i]); i += 1 }
            }
            if i + 1 < chars.count, chars[i] == "e" || chars[i] == "E" {
                var j = i + 1
                var exponent = "e"
                if chars[j] == "-" || chars[j] == "+" { exponent.unicodeScalars.append(chars[j]); j += 1 }
                if j < chars.count, isDigit(chars[j]) {
                    while j < chars.count, isDigit(chars[j]), exponent.count < 6 { exponent.unicodeScalars.append(chars[j]); j += 1 }
                    // `3e` followed by letters is a word, not an exponent.
                    if j >= chars.count || !isLetter(chars[j]) { s += exponent; i = j }
                }
            }
            if let value = Double(s), value.isFinite { out.append((value, start, i)) }
        }
        return out
    }

    /// Half a unit in the last decimal place written (`0.833` → 0.0005, `97.2` → 0.05, `28` →
    /// 0, or 0.5 with `wholeNumbers`): any number that rounds to the written answer is right.
    public static func writtenPrecision(_ text: String, wholeNumbers: Bool = false) -> Double {
        let t = text.trimmingWhitespace().lowercased()
        if t.contains("e") { return 0 }
        guard let dot = t.firstIndex(of: ".") else { return wholeNumbers ? 0.5 : 0 }
        let decimals = t[t.index(after: dot)...].prefix { $0.isNumber }.count
        guard decimals > 0 else { return 0 }
        var unit = 1.0
        for _ in 0..<decimals { unit /= 10 }
        return unit / 2
    }
}
