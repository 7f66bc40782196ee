import ArgumentParser
import Foundation
import TinyCNN
import Widgets

/// `tutor pool`: max or average pooling of a small input, as grids and a heatmap.
struct PoolCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pool",
        abstract: "Pool a small input (max or average) and show every number.",
        discussion: """
        SPEC is a preset (checker, cross, ramp, digit:N, mnist:N, or a kernel preset), an inline \
        matrix such as "1 2 3; 4 5 6; 7 8 9", or a file of rows. Padding never wins a max; an \
        average divides by the whole window, padding included (as PyTorch does by default).

        Example:
          tutor pool --input digit:3 --kernel 2 --mode max --steps
        """
    )

    @Option(parsing: .unconditional, help: ArgumentHelp("The input image.", valueName: "spec"))
    var input: String

    @Option(parsing: .unconditional, help: ArgumentHelp("The window size (K×K).", valueName: "k"), transform: CLICalculator.wholeNumber)
    var kernel: Int = 2

    @Option(parsing: .unconditional, help: ArgumentHelp("How far the window moves each step (default: the window size).", valueName: "n"), transform: CLICalculator.wholeNumber)
    var stride: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("Rings of padding around the input (at most half the window).", valueName: "n"), transform: CLICalculator.wholeNumber)
    var padding: Int = 0

    @Option(help: ArgumentHelp("max or avg.", valueName: "mode"))
    var mode: PoolingWalk.Mode = .max

    @Flag(help: "Show every window position with its values and result.")
    var steps = false

    @OptionGroup var output: CalculatorOutputOptions

    @Flag(help: "Also run the backward pass: where each window sends the upstream gradient --grad (ones when not given).")
    var backward = false

    @Option(parsing: .unconditional, help: ArgumentHelp("The upstream gradient dL/dY (implies --backward): ones, or a matrix of the output's size.", valueName: "spec"))
    var grad: String?

    func run() throws {
        let inputMatrix = try CLICalculator.matrix(input, flag: "--input")
        let walk: PoolingWalk
        do {
            walk = try PoolingWalk(input: inputMatrix, mode: mode, kernel: kernel, stride: stride, padding: padding)
        } catch {
            throw CLIOutput.fail("\(error)")
        }
        var gradient: PoolingGradientWalk?
        if backward || grad != nil {
            let upstream = try GradientReport.upstream(grad ?? "ones", rows: walk.output.rows, columns: walk.output.columns)
            do { gradient = try PoolingGradientWalk(forward: walk, upstream: upstream) } catch { throw CLIOutput.fail("\(error)") }
        }
        if output.json {
            var object = PoolingJSON(walk, includeSteps: steps)
            object.backward = gradient.map { PoolingGradientJSON($0, includeSteps: steps) }
            try CLICalculator.printJSON(object)
        } else {
            var lines = PoolCommand.report(walk, steps: steps, decimals: output.decimals)
            if let gradient { lines += GradientReport.pooling(gradient, steps: steps, decimals: output.decimals) }
            CLICalculator.emit(lines)
        }
    }

    /// The text report: settings, input, the steps if asked, the output and heatmaps.
    static func report(_ walk: PoolingWalk, steps: Bool, decimals: Int?) -> [String] {
        let inputPlaces = decimals ?? GridText.decimals(for: walk.input.values)
        let outputPlaces = decimals ?? GridText.decimals(for: walk.output.values)
        var lines = CLICalculator.grid("Input (\(walk.input.sizeDescription))", walk.input, decimals: inputPlaces)
        lines.append("")
        lines.append("\(walk.mode == .max ? "max" : "average") pooling, window \(walk.kernel)×\(walk.kernel), stride \(walk.stride), padding \(walk.padding)")
        lines.append("output rows:    \(walk.rowFormula)")
        lines.append("output columns: \(walk.columnFormula)")
        if walk.padding > 0 {
            lines.append(walk.mode == .max ? "padding is drawn as 0 below but never wins a max"
                                           : "padding counts as 0 and every average divides by \(walk.kernel * walk.kernel)")
        }
        if steps {
            let padded = walk.input.padded(by: walk.padding)
            let showGrid = padded.rows <= 16 && padded.columns <= 16
            let sumPlaces = max(inputPlaces, outputPlaces)
            for (index, step) in walk.steps.enumerated() {
                let rowEnd = step.originRow + walk.kernel - 1, columnEnd = step.originColumn + walk.kernel - 1
                lines.append("")
                lines.append("Step \(index + 1) of \(walk.steps.count): output[\(step.row), \(step.column)], window rows \(CLICalculator.span(step.originRow, rowEnd)), columns \(CLICalculator.span(step.originColumn, columnEnd))\(walk.padding > 0 ? " (padded coordinates)" : "")")
                if showGrid {
                    lines += GridText.numbers(padded, decimals: inputPlaces,
                                              window: (step.originRow..<(rowEnd + 1), step.originColumn..<(columnEnd + 1)))
                        .map { "  " + $0 }
                }
                let cells = step.window.flatMap { $0 }
                let texts = cells.map { $0.map { GridText.format($0, decimals: inputPlaces) } ?? "pad" }
                lines.append("  window values: " + texts.joined(separator: ", "))
                if walk.mode == .max, let r = step.maxRow, let c = step.maxColumn {
                    lines.append("  max = \(GridText.format(step.value, decimals: outputPlaces)) at window row \(r), column \(c)")
                } else {
                    let present = cells.map { $0 ?? 0 }
                    let sum = step.sum ?? present.reduce(0, +)
                    lines.append("  sum = " + CLICalculator.sumText(present, decimals: sumPlaces, total: sum))
                    lines.append("  average = \(GridText.format(sum, decimals: sumPlaces)) / \(walk.kernel * walk.kernel) = \(GridText.format(step.value, decimals: outputPlaces))")
                }
            }
        }
        lines += CLICalculator.outputAndHeatmaps(input: walk.input, output: walk.output, decimals: outputPlaces)
        return lines
    }
}

/// The machine-readable form of a pooling walk.
struct PoolingJSON: Encodable {
    struct Step: Encodable {
        var row, column, originRow, originColumn: Int
        var window: [[Float?]]
        var maxRow, maxColumn: Int?
        var value: Float
    }

    var input, output: [[Float]]
    var mode: String
    var kernel, stride, padding: Int
    var outputSize: [Int]
    var formula: [String: String]
    var steps: [Step]?
    /// With `--backward`: the input gradient.
    var backward: PoolingGradientJSON?

    init(_ walk: PoolingWalk, includeSteps: Bool) {
        input = walk.input.nested
        output = walk.output.nested
        mode = walk.mode.rawValue
        kernel = walk.kernel
        stride = walk.stride
        padding = walk.padding
        outputSize = [walk.output.rows, walk.output.columns]
        formula = ["rows": walk.rowFormula, "columns": walk.columnFormula]
        steps = includeSteps ? walk.steps.map {
            Step(row: $0.row, column: $0.column, originRow: $0.originRow, originColumn: $0.originColumn,
                 window: $0.window, maxRow: $0.maxRow, maxColumn: $0.maxColumn, value: $0.value)
        } : nil
    }
}

extension PoolingWalk.Mode: ExpressibleByArgument {}
