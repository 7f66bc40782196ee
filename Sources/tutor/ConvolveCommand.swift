import ArgumentParser
import Foundation
import TinyCNN
import Widgets

/// `tutor convolve`: one 2-D convolution, printed as grids and a heatmap, optionally step by step.
struct ConvolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convolve",
        abstract: "Convolve a small input with a kernel and show every number.",
        discussion: """
        SPEC is a preset, an inline matrix or a file of rows:
          kernels  identity box-blur gaussian sharpen sobel-x sobel-y laplacian
                   edge-h edge-v
          inputs   checker cross ramp, digit:N (a bundled 8×8 digit of class N),
                   mnist:N (a bundled 28×28 digit)
          inline   "1 2 3; 4 5 6; 7 8 9" (';' between rows)
          file     one row per line, values separated by spaces or commas
        The kernel is not flipped (cross-correlation, as in PyTorch).

        Examples:
          tutor convolve --input "1 2 0 1; 0 1 3 1; 2 0 1 0; 1 1 0 2" \\
                         --kernel sobel-x --steps
          tutor convolve --input digit:3 --kernel edge-h --padding 1
        """
    )

    @Option(parsing: .unconditional, help: ArgumentHelp("The input image.", valueName: "spec"))
    var input: String

    @Option(parsing: .unconditional, help: ArgumentHelp("The kernel.", valueName: "spec"))
    var kernel: String

    @Option(parsing: .unconditional, help: ArgumentHelp("How far the window moves each step (at least 1).", valueName: "n"), transform: CLICalculator.wholeNumber)
    var stride: Int = 1

    @Option(parsing: .unconditional, help: ArgumentHelp("Rings of zeros around the input.", valueName: "n"), transform: CLICalculator.wholeNumber)
    var padding: Int = 0

    @Option(parsing: .unconditional, help: ArgumentHelp("Spacing between kernel taps (1 = ordinary convolution).", valueName: "n"), transform: CLICalculator.wholeNumber)
    var dilation: Int = 1

    @Option(parsing: .unconditional, help: ArgumentHelp("A number added to every output value.", valueName: "x"), transform: CLICalculator.number)
    var bias: Float = 0

    @Option(parsing: .unconditional, help: ArgumentHelp("Decimal places in the grids (default: 0 for whole numbers, else 2).", valueName: "n"), transform: CLICalculator.decimals)
    var decimals: Int?

    @Flag(help: "Show every window position: the patch, the products, their sum and the output value.")
    var steps = false

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    @Flag(help: "Also run the backward pass: dL/dW, dL/dX and dL/db for the upstream gradient --grad (ones when not given).")
    var backward = false

    @Option(parsing: .unconditional, help: ArgumentHelp("The upstream gradient dL/dY (implies --backward): ones, or a matrix of the output's size.", valueName: "spec"))
    var grad: String?

    func run() throws {
        let inputMatrix = try CLICalculator.matrix(input, flag: "--input")
        let kernelMatrix = try CLICalculator.matrix(kernel, flag: "--kernel")
        let walk: ConvolutionWalk
        do {
            walk = try ConvolutionWalk(input: inputMatrix, kernel: kernelMatrix, stride: stride, padding: padding,
                                       dilation: dilation, bias: bias)
        } catch {
            throw CLIOutput.fail("\(error)")
        }
        var gradient: ConvolutionGradientWalk?
        if backward || grad != nil {
            let upstream = try GradientReport.upstream(grad ?? "ones", rows: walk.output.rows, columns: walk.output.columns)
            do {
                gradient = try ConvolutionGradientWalk(input: [inputMatrix], kernel: [kernelMatrix], upstream: upstream,
                                                       stride: stride, padding: padding, dilation: dilation)
            } catch {
                throw CLIOutput.fail("\(error)")
            }
        }
        if json {
            var object = ConvolutionJSON(walk, includeSteps: steps)
            object.backward = gradient.map { ConvolutionGradientJSON($0, includeSteps: steps) }
            try CLICalculator.printJSON(object)
        } else {
            var lines = ConvolveCommand.report(walk, steps: steps, decimals: decimals)
            if let gradient { lines += GradientReport.convolution(gradient, steps: steps, decimals: decimals) }
            CLICalculator.emit(lines)
        }
    }

    /// The text report: settings, input and kernel, the steps if asked, the output and heatmaps.
    static func report(_ walk: ConvolutionWalk, steps: Bool, decimals: Int?) -> [String] {
        let inputPlaces = decimals ?? GridText.decimals(for: walk.input.values)
        let kernelPlaces = decimals ?? GridText.decimals(for: walk.kernel.values)
        let outputPlaces = decimals ?? GridText.decimals(for: walk.output.values)
        let f = { (v: Float) in GridText.format(v, decimals: outputPlaces) }
        var lines = CLICalculator.arrange([
            CLICalculator.grid("Input (\(walk.input.sizeDescription))", walk.input, decimals: inputPlaces),
            CLICalculator.grid("Kernel (\(walk.kernel.sizeDescription))", walk.kernel, decimals: kernelPlaces),
        ])
        lines.append("")
        lines.append("stride \(walk.stride), padding \(walk.padding), dilation \(walk.dilation), bias \(GridText.format(walk.bias, decimals: GridText.decimals(for: [walk.bias])))")
        lines.append("output rows:    \(walk.rowFormula)")
        lines.append("output columns: \(walk.columnFormula)")
        let padded = walk.paddedInput
        if steps {
            let showGrid = padded.rows <= 16 && padded.columns <= 16
            if walk.padding > 0 && showGrid {
                lines.append("")
                lines += GridText.titled("Padded input (\(padded.sizeDescription)); windows below are in these coordinates",
                                         GridText.numbers(padded, decimals: inputPlaces))
            }
            let productPlaces = decimals ?? GridText.decimals(for: walk.steps.flatMap(\.products.values))
            let sumPlaces = max(productPlaces, outputPlaces)
            for (index, step) in walk.steps.enumerated() {
                let rowEnd = step.originRow + walk.dilation * (walk.kernel.rows - 1)
                let columnEnd = step.originColumn + walk.dilation * (walk.kernel.columns - 1)
                lines.append("")
                lines.append("Step \(index + 1) of \(walk.steps.count): output[\(step.row), \(step.column)], window rows \(CLICalculator.span(step.originRow, rowEnd)), columns \(CLICalculator.span(step.originColumn, columnEnd))")
                if showGrid {
                    lines += GridText.numbers(padded, decimals: inputPlaces,
                                              window: (step.originRow..<(rowEnd + 1), step.originColumn..<(columnEnd + 1)))
                        .map { "  " + $0 }
                }
                // The operators sit on the middle row of the grids.
                let middle = 1 + (walk.kernel.rows - 1) / 2
                let times = Array(repeating: "", count: middle) + ["×"]
                let equals = Array(repeating: "", count: middle) + ["="]
                lines.append("")
                let block = GridText.sideBySide([
                    GridText.titled("patch", GridText.numbers(step.patch, decimals: inputPlaces)),
                    times,
                    GridText.titled("kernel", GridText.numbers(walk.kernel, decimals: kernelPlaces)),
                    equals,
                    GridText.titled("products", GridText.numbers(step.products, decimals: productPlaces)),
                ], gap: 3)
                lines += block.map { "  " + $0 }
                lines.append("  sum = " + CLICalculator.sumText(step.products.values, decimals: productPlaces, total: step.sum))
                lines.append("  sum + bias = \(GridText.format(step.sum, decimals: sumPlaces)) + \(GridText.format(step.bias, decimals: sumPlaces)) = \(f(step.value))")
            }
        }
        lines += CLICalculator.outputAndHeatmaps(input: walk.input, output: walk.output, decimals: outputPlaces)
        return lines
    }
}

/// The machine-readable form of a convolution walk.
struct ConvolutionJSON: Encodable {
    struct Step: Encodable {
        var row, column, originRow, originColumn: Int
        var patch, products: [[Float]]
        var sum, bias, value: Float
    }

    var input, kernel, output: [[Float]]
    var stride, padding, dilation: Int
    var bias: Float
    var outputSize: [Int]
    var formula: [String: String]
    var steps: [Step]?
    /// With `--backward`: the gradients.
    var backward: ConvolutionGradientJSON?

    init(_ walk: ConvolutionWalk, includeSteps: Bool) {
        input = walk.input.nested
        kernel = walk.kernel.nested
        output = walk.output.nested
        stride = walk.stride
        padding = walk.padding
        dilation = walk.dilation
        bias = walk.bias
        outputSize = [walk.output.rows, walk.output.columns]
        formula = ["rows": walk.rowFormula, "columns": walk.columnFormula]
        steps = includeSteps ? walk.steps.map {
            Step(row: $0.row, column: $0.column, originRow: $0.originRow, originColumn: $0.originColumn,
                 patch: $0.patch.nested, products: $0.products.nested, sum: $0.sum, bias: $0.bias, value: $0.value)
        } : nil
    }
}
