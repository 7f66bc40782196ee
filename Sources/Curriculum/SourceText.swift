import Foundation

/// One line of a source document, with its 1-based line number in the file.
public struct SourceLine: Sendable, Hashable {
    /// 1-based line number in the original file.
    public var number: Int
    /// The line's text: line ending removed, tabs expanded, trailing white space dropped.
    public var text: String

    public init(number: Int, text: String) {
        self.number = number
        self.text = text
    }
}

/// Turns the bytes of a study-notes file into clean lines.
///
/// Real notes are messy: CRLF or CR line ends, a byte-order mark, tabs, trailing spaces,
/// invalid UTF-8, and mojibake (UTF-8 that was once read as Windows-1252 and saved again, so
/// `’` became `â€™`). Decoding never fails: invalid bytes become U+FFFD.
public enum SourceText {
    /// Decodes bytes as UTF-8 (invalid sequences replaced), repairs mojibake and splits lines.
    public static func lines(from data: Data) -> [SourceLine] {
        lines(from: decode([UInt8](data)))
    }

    /// Decodes UTF-8, replacing each invalid sequence by U+FFFD.
    ///
    /// The standard library's repairing decoder is very slow on text that is mostly invalid
    /// (seconds per megabyte); this checks validity first and repairs by hand, linear and fast.
    public static func decode(_ bytes: [UInt8]) -> String {
        if let valid = String(validating: bytes, as: UTF8.self) { return valid }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 2)
        let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 { out.append(b); i += 1; continue }
            var length = 0
            var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: length = 0
            }
            // Accept the longest valid prefix; an invalid sequence becomes one U+FFFD.
            var j = i + 1
            var valid = length > 0
            if valid {
                while j < i + length {
                    guard j < n else { valid = false; break }
                    let c = bytes[j]
                    let (lo, hi): (UInt8, UInt8) = j == i + 1 ? (lower, upper) : (0x80, 0xBF)
                    guard c >= lo, c <= hi else { valid = false; break }
                    j += 1
                }
            }
            if valid {
                out.append(contentsOf: bytes[i..<(i + length)])
                i += length
            } else {
                out.append(contentsOf: replacement)
                i = max(j, i + 1)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Splits text into numbered lines (CRLF, CR and LF all end a line), expanding tabs to
    /// four-column stops, dropping trailing white space and repairing mojibake.
    ///
    /// Works on the UTF-8 bytes in one pass (linear in the input: a megabyte of tabs on one
    /// line takes milliseconds); only a line that may hold mojibake is decoded to repair it.
    public static func lines(from text: String) -> [SourceLine] {
        var text = text
        return text.withUTF8 { bytes in
            var result: [SourceLine] = []
            var scratch: [UInt8] = []
            var number = 1
            var start = 0
            var i = 0
            let n = bytes.count
            while i < n {
                let b = bytes[i]
                if b == 0x0A || b == 0x0D {
                    result.append(SourceLine(number: number, text: clean(UnsafeBufferPointer(rebasing: bytes[start..<i]), scratch: &scratch)))
                    number += 1
                    i += (b == 0x0D && i + 1 < n && bytes[i + 1] == 0x0A) ? 2 : 1
                    start = i
                } else {
                    i += 1
                }
            }
            if start < n {
                result.append(SourceLine(number: number, text: clean(UnsafeBufferPointer(rebasing: bytes[start..<n]), scratch: &scratch)))
            }
            return result
        }
    }

    /// Cleans one line: BOM and other invisible format characters dropped, mojibake repaired,
    /// tabs expanded, non-breaking spaces made plain, control bytes removed, trailing blanks cut.
    public static func clean(_ line: String) -> String {
        var line = line
        var scratch: [UInt8] = []
        return line.withUTF8 { clean($0, scratch: &scratch) }
    }

    /// `clean` on one line's valid UTF-8 bytes; `scratch` is reused between lines.
    static func clean(_ bytes: UnsafeBufferPointer<UInt8>, scratch out: inout [UInt8]) -> String {
        // Mojibake is U+00C2…U+00F4 (bytes C3 82…C3 B4) followed by a character Windows-1252
        // gives a continuation byte: U+0080…U+00BF (C2 …) or one of its letters and
        // punctuation (C5, C6, CB or E2 …). Only those lines are repaired as text; `26×26`
        // or `café` stays on the fast path.
        var k = 0
        while k + 2 < bytes.count {
            if bytes[k] == 0xC3, bytes[k + 1] >= 0x82, bytes[k + 1] <= 0xB4,
               [0xC2, 0xC5, 0xC6, 0xCB, 0xE2].contains(bytes[k + 2]) {
                var repaired = repairMojibake(String(decoding: bytes, as: UTF8.self))
                return repaired.withUTF8 { cleanRepaired($0, scratch: &out) }
            }
            k += 1
        }
        return cleanRepaired(bytes, scratch: &out)
    }

    private static func cleanRepaired(_ bytes: UnsafeBufferPointer<UInt8>, scratch out: inout [UInt8]) -> String {
        // The common line, printable ASCII that ends in a visible character, is kept as it is.
        if bytes.last != 0x20, !bytes.contains(where: { $0 < 0x20 || $0 >= 0x7F }) {
            return String(decoding: bytes, as: UTF8.self)
        }
        out.removeAll(keepingCapacity: true)
        var column = 0
        var kept = 0  // length of `out` up to its last non-space byte
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                i += 1
                if b == 0x09 {
                    let spaces = 4 - column % 4
                    for _ in 0..<spaces { out.append(0x20) }
                    column += spaces
                } else if b < 0x20 || b == 0x7F {
                    continue
                } else {
                    out.append(b)
                    column += 1
                    if b != 0x20 { kept = out.count }
                }
                continue
            }
            let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
            let end = min(n, i + length)
            let b1: UInt8 = i + 1 < n ? bytes[i + 1] : 0
            let b2: UInt8 = i + 2 < n ? bytes[i + 2] : 0
            if b == 0xC2, b1 == 0xA0 || (b1 >= 0x80 && b1 < 0xA0) {
                // U+00A0 no-break space → space; U+0080…U+009F (C1 controls) dropped.
                if b1 == 0xA0 { out.append(0x20); column += 1 }
            } else if b == 0xE2, b1 == 0x80, b2 == 0x87 || b2 == 0xAF {
                out.append(0x20); column += 1  // U+2007, U+202F: spaces
            } else if (b == 0xEF && b1 == 0xBB && b2 == 0xBF) || (b == 0xE2 && b1 == 0x80 && b2 == 0x8B) {
                // U+FEFF byte-order mark, U+200B zero-width space: dropped.
            } else {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<end]))
                column += 1
                kept = out.count
            }
            i = end
        }
        return String(decoding: out[0..<kept], as: UTF8.self)
    }

    /// Repairs text that was UTF-8, decoded as Windows-1252 and encoded again (`â€™` → `’`,
    /// `â€œ` → `“`, `â€“` → `–`, `Ã©` → `é`, `Ã—` → `×`).
    ///
    /// Each run of characters that Windows-1252 can represent is mapped back to its bytes; any
    /// valid multi-byte UTF-8 sequence inside the run is decoded, everything else is kept as
    /// written, so genuine accented text (`café`) is left alone.
    public static func repairMojibake(_ text: String) -> String {
        // Fast path: mojibake always contains one of these lead characters.
        guard text.unicodeScalars.contains(where: { $0.value >= 0xC2 && $0.value <= 0xF4 }) else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            if let (decoded, used) = decodeMisread(scalars, at: i) {
                out.append(decoded)
                i += used
            } else {
                out.append(scalars[i])
                i += 1
            }
        }
        return String(out)
    }

    /// Tries to read one UTF-8 sequence, written as Windows-1252 characters, at `index`.
    private static func decodeMisread(_ scalars: [Unicode.Scalar], at index: Int) -> (Unicode.Scalar, Int)? {
        guard let lead = cp1252Byte(scalars[index]), lead >= 0xC2, lead <= 0xF4 else { return nil }
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        var bytes: [UInt8] = [lead]
        var j = index + 1
        while bytes.count < length, j < scalars.count, let byte = cp1252Byte(scalars[j]), byte & 0xC0 == 0x80 {
            bytes.append(byte)
            j += 1
        }
        if bytes.count == length, let scalar = decodeUTF8(bytes) {
            return (scalar, length)
        }
        // `â€` followed by nothing decodable: the closing quote's third byte (0x9D) has no
        // Windows-1252 character and was dropped on the way.
        if bytes == [0xE2, 0x80] { return ("\u{201D}", 2) }
        return nil
    }

    private static func decodeUTF8(_ bytes: [UInt8]) -> Unicode.Scalar? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        guard case let .scalarValue(scalar) = decoder.decode(&iterator) else { return nil }
        guard case .emptyInput = decoder.decode(&iterator) else { return nil }
        // A repaired character should be something a writer meant: not a control character.
        return scalar.value >= 0xA0 ? scalar : nil
    }

    /// The Windows-1252 byte for a character, treating the five undefined bytes as Latin-1.
    private static func cp1252Byte(_ scalar: Unicode.Scalar) -> UInt8? {
        let v = scalar.value
        if v < 0x80 { return nil }
        if v >= 0x80 && v <= 0xFF {
            // C1 controls appear only for the bytes Windows-1252 leaves undefined.
            if v < 0xA0 { return [0x81, 0x8D, 0x8F, 0x90, 0x9D].contains(v) ? UInt8(v) : nil }
            return UInt8(v)
        }
        return cp1252High[v]
    }

    private static let cp1252High: [UInt32: UInt8] = [
        0x20AC: 0x80, 0x201A: 0x82, 0x0192: 0x83, 0x201E: 0x84, 0x2026: 0x85, 0x2020: 0x86,
        0x2021: 0x87, 0x02C6: 0x88, 0x2030: 0x89, 0x0160: 0x8A, 0x2039: 0x8B, 0x0152: 0x8C,
        0x017D: 0x8E, 0x2018: 0x91, 0x2019: 0x92, 0x201C: 0x93, 0x201D: 0x94, 0x2022: 0x95,
        0x2013: 0x96, 0x2014: 0x97, 0x02DC: 0x98, 0x2122: 0x99, 0x0161: 0x9A, 0x203A: 0x9B,
        0x0153: 0x9C, 0x017E: 0x9E, 0x0178: 0x9F,
    ]
}
