import TinyCNN

/// Plain-text renderings of number grids: aligned numbers and an ASCII heatmap.
///
/// Pure functions returning lines, shared by the calculators (`tutor convolve`, `tutor pool`)
/// and the heatmap widget's ASCII and numbers modes, so the terminal and the TUI show the same
/// thing.
public enum GridText {
    /// The heatmap ramp, darkest (lowest) first.
    public static let ramp: [Character] = Array(" .:-=+*#%@")

    /// How many decimals a grid needs: 0 when every value is a whole number, else 2.
    public static func decimals(for values: [Float]) -> Int {
        values.allSatisfy { $0.isFinite && $0 == $0.rounded() && abs($0) < 1e7 } ? 0 : 2
    }

    /// One value with `decimals` places; never prints `-0`.
    public static func format(_ value: Float, decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        let scale = Float(pow10(decimals))
        // Round first so that tiny negatives print as 0 rather than -0.
        let rounded = (value * scale).rounded() / scale
        let v = rounded == 0 ? 0 : rounded
        // Past 2^53 a Float is a whole number and Int64 arithmetic could overflow (≥ 9.2e18):
        // printf writes every digit.
        if abs(Double(v)) * pow10(decimals) >= 9.0e15 || !rounded.isFinite {
            return String(format: "%.\(max(0, decimals))f", Double(value))
        }
        if decimals == 0 { return String(Int64(v)) }
        let negative = v < 0
        let units = Int64((abs(Double(v)) * pow10(decimals)).rounded())
        let whole = units / Int64(pow10(decimals)), fraction = units % Int64(pow10(decimals))
        var fractionText = String(fraction)
        fractionText = String(repeating: "0", count: decimals - fractionText.count) + fractionText
        return (negative ? "-" : "") + "\(whole).\(fractionText)"
    }

    private static func pow10(_ n: Int) -> Double {
        var p = 1.0
        for _ in 0..<max(0, n) { p *= 10 }
        return p
    }

    /// The grid as right-aligned columns, one line per row.
    ///
    /// - Parameters:
    ///   - decimals: places after the point; `nil` picks `decimals(for:)`.
    ///   - window: cells to bracket, e.g. the convolution window at one step:
    ///     `[ 1  2  0] 1` marks columns 0–2 of a row inside `rows`.
    public static func numbers(_ matrix: Matrix, decimals: Int? = nil,
                               window: (rows: Range<Int>, columns: Range<Int>)? = nil) -> [String] {
        let places = decimals ?? self.decimals(for: matrix.values)
        let texts = matrix.values.map { format($0, decimals: places) }
        let width = texts.map(\.count).max() ?? 1
        var lines: [String] = []
        for r in 0..<matrix.rows {
            var line = ""
            if let window {
                // Two-character gaps, so the brackets never touch a number: ` [1  2  0] 1`.
                let inWindow = window.rows.contains(r)
                line += inWindow && window.columns.lowerBound == 0 ? "[" : " "
                for c in 0..<matrix.columns {
                    if c > 0 {
                        if inWindow && c == window.columns.lowerBound { line += " [" }
                        else if inWindow && c == window.columns.upperBound { line += "] " }
                        else { line += "  " }
                    }
                    let text = texts[r * matrix.columns + c]
                    line += String(repeating: " ", count: width - text.count) + text
                }
                if inWindow && window.columns.upperBound == matrix.columns { line += "]" }
            } else {
                for c in 0..<matrix.columns {
                    if c > 0 { line += " " }
                    let text = texts[r * matrix.columns + c]
                    line += String(repeating: " ", count: width - text.count) + text
                }
            }
            lines.append(trimmingTrailingSpaces(line))
        }
        return lines
    }

    /// The grid as an ASCII heatmap, two characters per cell (terminal cells are about twice
    /// as tall as wide). The lowest value maps to ` `, the highest to `@`; `range` fixes the
    /// scale instead (values outside it are clamped). A constant grid is blank when zero,
    /// mid-ramp otherwise.
    public static func heatmap(_ matrix: Matrix, range: ClosedRange<Float>? = nil, cellWidth: Int = 2) -> [String] {
        let finite = matrix.values.filter(\.isFinite)
        let lo = range?.lowerBound ?? finite.min() ?? 0
        let hi = range?.upperBound ?? finite.max() ?? 0
        var lines: [String] = []
        for r in 0..<matrix.rows {
            var line = ""
            for c in 0..<matrix.columns {
                let v = matrix[r, c]
                let index: Int
                if !v.isFinite {
                    index = v > 0 ? ramp.count - 1 : 0
                } else if hi > lo {
                    // In Double: hi − lo overflows Float for values near ±3.4e38.
                    let t = (Double(min(max(v, lo), hi)) - Double(lo)) / (Double(hi) - Double(lo))
                    index = min(ramp.count - 1, max(0, Int(t * Double(ramp.count - 1) + 0.5)))
                } else {
                    index = v == 0 ? 0 : ramp.count / 2
                }
                line += String(repeating: ramp[index], count: cellWidth)
            }
            lines.append("|" + line + "|")
        }
        return lines
    }

    /// Blocks of lines placed next to each other, each padded to its widest line, the shorter
    /// ones padded with blank lines at the bottom.
    public static func sideBySide(_ blocks: [[String]], gap: Int = 4) -> [String] {
        let widths = blocks.map { $0.map(\.count).max() ?? 0 }
        let height = blocks.map(\.count).max() ?? 0
        var lines: [String] = []
        for row in 0..<height {
            var line = ""
            for (index, block) in blocks.enumerated() {
                let text = row < block.count ? block[row] : ""
                line += text
                if index < blocks.count - 1 {
                    line += String(repeating: " ", count: widths[index] - text.count + gap)
                }
            }
            lines.append(trimmingTrailingSpaces(line))
        }
        return lines
    }

    /// A block with a title line above it.
    public static func titled(_ title: String, _ lines: [String]) -> [String] {
        [title] + lines
    }

    private static func trimmingTrailingSpaces(_ line: String) -> String {
        var line = line
        while line.last == " " { line.removeLast() }
        return line
    }
}

extension GridText {
    /// The sum of `terms` as a reader adds them from the screen: each term as it shows at
    /// `termDecimals` places, added exactly, written at `decimals` places. When a rounding
    /// carried and that differs from `total` written the same way, the unrounded total follows,
    /// so the line still adds up: `0.94 − 0.63 + 0.50 + 0.06` gives `0.87 (unrounded 0.875)`.
    public static func shownSum(_ terms: [Float], total: Float, termDecimals: Int, decimals: Int) -> String {
        let termScale = pow10(termDecimals)
        let scaled = terms.map { ((Double(format($0, decimals: termDecimals)) ?? .nan) * termScale).rounded() }
        // Exact integer addition only where every term fits (huge, infinite or NaN terms: the
        // total as computed, which is what the terms make as far as Float can say).
        let limit = 9.0e15 / Double(max(terms.count, 1))
        guard scaled.allSatisfy({ $0.isFinite && abs($0) < limit }) else {
            return format(total, decimals: decimals)
        }
        let units = scaled.reduce(Int64(0)) { $0 + Int64($1) }
        let shown = format(Float(Double(units) / termScale), decimals: max(decimals, termDecimals))
        guard total.isFinite, shown != format(total, decimals: max(decimals, termDecimals)) else { return shown }
        var precise = format(total, decimals: max(decimals, termDecimals) + 3)
        while precise.hasSuffix("0") { precise.removeLast() }
        return "\(shown) (unrounded \(precise))"
    }
}
