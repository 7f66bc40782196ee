import Foundation
import Testing
import TinyCNN

/// A number or a few lines a lesson shows as the result of a worked example, and how the
/// project's code recomputes it. The test requires `shown` to appear verbatim in the lesson
/// file and the recomputation to produce exactly `shown`.
struct WorkedExample: Sendable, CustomStringConvertible, CustomTestStringConvertible {
    /// The lesson's number, `"02"`.
    var lesson: String
    /// The text as the lesson prints it.
    var shown: String
    /// Builds the same text from computed numbers.
    var compute: @Sendable () throws -> String

    init(_ lesson: String, _ shown: String, _ compute: @escaping @Sendable () throws -> String) {
        self.lesson = lesson
        self.shown = shown
        self.compute = compute
    }

    var description: String { "\(lesson): \(shown.replacingOccurrences(of: "\n", with: " ⏎ "))" }

    var testDescription: String { description }
}

/// Number formatting as the lessons write numbers.
enum Shown {
    /// `1792` → `1,792`; negative numbers take a real minus sign.
    static func grouped(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "−" : "") + out
    }

    /// A value rounded to `places` decimals with trailing zeros removed (`3.50` → `3.5`,
    /// `3.00` → `3`), with a real minus sign.
    static func trimmed<T: BinaryFloatingPoint>(_ value: T, _ places: Int = 3) -> String {
        var s = String(format: "%.\(places)f", Double(value))
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        if s == "-0" { s = "0" }
        return s.replacingOccurrences(of: "-", with: "−")
    }

    /// A value with exactly `places` decimals and a real minus sign.
    static func fixed<T: BinaryFloatingPoint>(_ value: T, _ places: Int) -> String {
        String(format: "%.\(places)f", Double(value)).replacingOccurrences(of: "-", with: "−")
    }

    /// A whole number from a Float result, with a real minus sign.
    static func whole(_ value: Float) -> String {
        let n = Int(value.rounded())
        return n < 0 ? "−\(-n)" : "\(n)"
    }

    /// `[8, 4, 4]` → `8×4×4`.
    static func shape(_ dims: [Int]) -> String { dims.map(String.init).joined(separator: "×") }

    /// A matrix as the lessons' code blocks print it: values two spaces apart, one row per line.
    static func block(_ m: Matrix) -> String {
        m.nested.map { $0.map { whole($0) }.joined(separator: "  ") }.joined(separator: "\n")
    }

    /// A matrix inline: `5 6 / 4 6`.
    static func inline(_ m: Matrix, places: Int = 3) -> String {
        m.nested.map { $0.map { trimmed($0, places) }.joined(separator: " ") }.joined(separator: " / ")
    }
}
