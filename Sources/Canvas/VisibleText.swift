/// Text from files made safe to write to a terminal: control characters (C0 except tab and
/// newline, DEL, the C1 range) are shown as visible caret or hex notation, so an escape
/// sequence in a lesson, quiz or progress file prints as `^[]0;title^G` instead of acting.
public enum VisibleText {
    /// `text` with control characters made visible; tabs and newlines are kept.
    /// Linear in the length; returns `text` itself when there is nothing to change.
    public static func multiline(_ text: String) -> String {
        escape(text, keepNewlines: true)
    }

    /// `text` as one line: control characters (newlines included) made visible.
    public static func line(_ text: String) -> String {
        escape(text, keepNewlines: false)
    }

    /// The visible form of one control scalar: `^[` for ESC, `^?` for DEL, `<U+009B>` for C1.
    public static func visible(_ scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0..<0x20: return "^" + String(Character(Unicode.Scalar(UInt8(scalar.value + 0x40))))
        case 0x7F: return "^?"
        default:
            let hex = String(scalar.value, radix: 16, uppercase: true)
            return "<U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ">"
        }
    }

    static func isControl(_ scalar: Unicode.Scalar, keepNewlines: Bool) -> Bool {
        switch scalar.value {
        case 0x09: return false
        case 0x0A: return !keepNewlines
        case 0..<0x20, 0x7F...0x9F: return true
        default: return false
        }
    }

    static func escape(_ text: String, keepNewlines: Bool) -> String {
        // Fast path: a byte scan (C1 controls are 0xC2 0x80...0x9F in UTF-8).
        var clean = true
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if (byte < 0x20 && byte != 0x09 && (byte != 0x0A || !keepNewlines)) || byte == 0x7F
                || (previous == 0xC2 && (0x80...0x9F).contains(byte)) {
                clean = false
                break
            }
            previous = byte
        }
        if clean { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isControl(scalar, keepNewlines: keepNewlines) {
                out.append(contentsOf: visible(scalar).unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }
}
