import ArgumentParser
import Foundation
import TinyCNN
import TutorResources
import Widgets

/// Shared plumbing of the calculators (`convolve`, `pool`, `shapes`): flag values, matrix
/// specs, errors and JSON.
///
/// Numeric flags are read as text and checked here, so that a malformed value is one line
/// and exit status 2 (ArgumentParser's own type errors would exit 64). Bad input — a ragged
/// matrix, a missing file, a kernel that does not fit, stride 0 — is one line and exit 1.
enum CLICalculator {



    /// A whole-number flag value (for `@Option(transform:)`); ArgumentParser names the flag.
    static func wholeNumber(_ text: String) throws -> Int {
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else {
            throw FlagValueError("'\(text)' is not a whole number")
        }
        return value
    }

    /// A numeric flag value (decimals and fractions such as `1/9`), for `@Option(transform:)`.
    static func number(_ text: String) throws -> Float {
        guard let value = try? Matrix(parsing: text), value.rows == 1, value.columns == 1 else {
            throw FlagValueError("'\(text)' is not a number")
        }
        return value.values[0]
    }

    /// `--decimals`: 0 to 6 places, for `@Option(transform:)`.
    static func decimals(_ text: String) throws -> Int {
        let value = try wholeNumber(text)
        guard (0...6).contains(value) else { throw FlagValueError("must be between 0 and 6, got \(value)") }
        return value
    }

    /// The matrix a SPEC names (preset, inline, file), or exit 1 naming the flag and the problem.
    static func matrix(_ spec: String, flag: String) throws -> Matrix {
        do {
            return try MatrixSource(spec: spec).matrix(dataDirectory: BundledContent.url(for: .data))
        } catch {
            throw CLIOutput.fail("\(flag): \(error)")
        }
    }


    /// Computes a walk (a refusal is one line and exit 1), then prints it: as JSON with `--json`,
    /// else as the text report.
    static func show<Walk>(_ compute: () throws(WalkError) -> Walk, json: Bool, encoded: (Walk) -> any Encodable,
                           report: (Walk) -> [String]) throws {
        let walk: Walk
        do {
            walk = try compute()
        } catch {
            throw CLIOutput.fail("\(error)")
        }
        if json { try printJSON(encoded(walk)) } else { emit(report(walk)) }
    }

    /// Writes `value` as one line of compact JSON with sorted keys.
    static func printJSON<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let data = try encoder.encode(value)
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }

    /// The widest text a calculator prints, so its reports fit an 80-column terminal.
    static let width = 80

    /// A titled number grid, or just the title and a note when the grid would not fit.
    static func grid(_ title: String, _ matrix: Matrix, decimals: Int) -> [String] {
        let lines = GridText.numbers(matrix, decimals: decimals)
        guard (lines.map(\.count).max() ?? 0) <= width else {
            return [title, "(too wide to list at \(width) columns: see the heatmap, or use --json)"]
        }
        return GridText.titled(title, lines)
    }

    /// Blocks side by side when they fit the width, else one below the other.
    /// The closing part of `convolve` and `pool`: the output grid, then input and output as
    /// ASCII heatmaps side by side.
    static func outputAndHeatmaps(input: Matrix, output: Matrix, decimals: Int) -> [String] {
        var lines = [""]
        lines += grid("Output (\(output.sizeDescription))", output, decimals: decimals)
        lines.append("")
        lines.append("Heatmaps (each scaled from its lowest value ' ' to its highest '@')")
        lines += arrange([
            GridText.titled("input", GridText.heatmap(input)),
            GridText.titled("output", GridText.heatmap(output)),
        ])
        return lines
    }

    static func arrange(_ blocks: [[String]], gap: Int = 4) -> [String] {
        let total = blocks.map { $0.map(\.count).max() ?? 0 }.reduce(0, +) + gap * max(0, blocks.count - 1)
        if total <= width { return GridText.sideBySide(blocks, gap: gap) }
        return Array(blocks.map { $0 + [""] }.joined().dropLast())
    }

    /// Prints lines to stdout.
    static func emit(_ lines: [String]) {
        print(lines.joined(separator: "\n"))
    }

    /// `0–2` for a range of rows or columns (a single index for a one-cell range).
    static func span(_ lower: Int, _ upper: Int) -> String {
        lower == upper ? "\(lower)" : "\(lower)–\(upper)"
    }

    /// A sum written out term by term: `1 + 0 − 3 + 2 = 0`; long sums are abbreviated.
    static func sumText(_ terms: [Float], decimals: Int, total: Float) -> String {
        let totalText = GridText.format(total, decimals: decimals)
        guard terms.count <= 16 else { return "sum of \(terms.count) products = \(totalText)" }
        var text = ""
        for (index, term) in terms.enumerated() {
            let magnitude = GridText.format(abs(term), decimals: decimals)
            if index == 0 {
                text += term < 0 && magnitude != GridText.format(0, decimals: decimals) ? "−\(magnitude)" : magnitude
            } else {
                text += term < 0 && magnitude != GridText.format(0, decimals: decimals) ? " − \(magnitude)" : " + \(magnitude)"
            }
        }
        // The total of the terms as written (and the unrounded one beside it when a rounding carried).
        return "\(text) = \(GridText.shownSum(terms, total: total, termDecimals: decimals, decimals: decimals))"
    }
}

/// The calculators' output flags (`convolve`, `pool`): decimal places and JSON.
struct CalculatorOutputOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: ArgumentHelp("Decimal places in the grids (default: 0 for whole numbers, else 2).", valueName: "n"), transform: CLICalculator.decimals)
    var decimals: Int?

    @Flag(help: "Print one JSON object instead of text.")
    var json = false
}
