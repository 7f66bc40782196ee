import ArgumentParser
import Foundation
import TinyCNN
import TutorResources
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
        Several channels: '|' between them, in --input and --kernel alike; the kernel
        needs one slice per input channel, and each output value is the sum of every
        channel's partial sum, plus the bias.
        The kernel is not flipped (cross-correlation, as in PyTorch).

        Examples:
          tutor convolve --input "1 2 0 1; 0 1 3 1; 2 0 1 0; 1 1 0 2" \\
                         --kernel sobel-x --steps
          tutor convolve --input digit:3 --kernel edge-h --padding 1
          tutor convolve --input "1 2; 3 4 | 0 1; 1 0" --kernel "1 0; 0 1 | 1 1; 0 0" \\
                         --bias -0.5 --steps
        """
    )

    @Option(parsing: .unconditional, help: ArgumentHelp("The input image ('|' between channels).", valueName: "spec"))
    var input: String

    @Option(parsing: .unconditional, help: ArgumentHelp("The kernel (one slice per input channel, '|' between them).", valueName: "spec"))
    var kernel: String

    @Option(parsing: .unconditional, help: ArgumentHelp("How far the window moves each step (at least 1).", valueName: "n"), transform: CLICalculator.wholeNumber)
    var stride: Int = 1

    @Option(parsing: .unconditional, help: ArgumentHelp("Rings of zeros around the input.", valueName: "n"), transform: CLICalculator.wholeNumber)
    var padding: Int = 0

    @Option(parsing: .unconditional, help: ArgumentHelp("Spacing between kernel taps (1 = ordinary convolution).", valueName: "n"), transform: CLICalculator.wholeNumber)
    var dilation: Int = 1

    @Option(parsing: .unconditional, help: ArgumentHelp("A number added to every output value.", valueName: "x"), transform: CLICalculator.number)
    var bias: Float = 0

    @Flag(help: "Apply a ReLU to every output value (negative values become 0).")
    var relu = false

    @Option(parsing: .unconditional, help: ArgumentHelp("Decimal places in the grids (default: 0 for whole numbers, else 2).", valueName: "n"), transform: CLICalculator.decimals)
    var decimals: Int?

    @Flag(help: "Show every window position: the patch, the products, their sum and the output value.")
    var steps = false

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    func run() throws {
        let inputs = try ConvolveCommand.channels(input, flag: "--input")
        let kernels = try ConvolveCommand.channels(kernel, flag: "--kernel")
        let walk: ConvolutionWalk
        do {
            walk = try ConvolutionWalk(inputs: inputs, kernels: kernels, stride: stride, padding: padding,
                                       dilation: dilation, bias: bias, relu: relu)
        } catch {
            throw CLIOutput.fail("\(error)")
        }
        if json {
            try CLICalculator.printJSON(ConvolutionJSON(walk, includeSteps: steps))
        } else {
            CLICalculator.emit(ConvolveCommand.report(walk, steps: steps, decimals: decimals))
        }
    }

    /// The channels a SPEC names (`|` between them), or exit 1 naming the flag and the problem.
    static func channels(_ spec: String, flag: String) throws -> [Matrix] {
        do {
            return try MatrixSource.channels(spec, dataDirectory: BundledContent.url(for: .data))
        } catch {
            throw CLIOutput.fail("\(flag): \(error)")
        }
    }

    /// The text report: settings, input and kernel, the steps if asked, the output and heatmaps.
    static func report(_ walk: ConvolutionWalk, steps: Bool, decimals: Int?) -> [String] {
        if walk.channelCount > 1 { return channelsReport(walk, steps: steps, decimals: decimals) }
        let inputPlaces = decimals ?? GridText.decimals(for: walk.input.values)
        let kernelPlaces = decimals ?? GridText.decimals(for: walk.kernel.values)
        let outputPlaces = decimals ?? GridText.decimals(for: walk.output.values)
        let f = { (v: Float) in GridText.format(v, decimals: outputPlaces) }
        var lines = CLICalculator.arrange([
            CLICalculator.grid("Input (\(walk.input.sizeDescription))", walk.input, decimals: inputPlaces),
            CLICalculator.grid("Kernel (\(walk.kernel.sizeDescription))", walk.kernel, decimals: kernelPlaces),
        ])
        lines.append("")
        lines += settingsLines(walk)
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
                lines.append("  sum + bias = \(GridText.format(step.sum, decimals: sumPlaces)) + \(GridText.format(step.bias, decimals: sumPlaces)) = \(f(step.preActivation))")
                if walk.relu { lines.append("  ReLU: max(0, \(f(step.preActivation))) = \(f(step.value))") }
            }
        }
        lines += CLICalculator.outputAndHeatmaps(input: walk.input, output: walk.output, decimals: outputPlaces)
        return lines
    }
}

/// The machine-readable form of a convolution walk. `inputs` and `kernels` hold every channel
/// (`[C][rows][columns]`); `input` and `kernel` repeat the one channel of a single-channel walk.
/// `partials[r][c]` are output cell (r, c)'s per-channel partial sums.
struct ConvolutionJSON: Encodable {
    struct Channel: Encodable {
        var patch, products: [[Float]]
        var partial: Float
    }

    struct Step: Encodable {
        var row, column, originRow, originColumn: Int
        var patch, products: [[Float]]?
        var channels: [Channel]
        var partials: [Float]
        var sum, bias, preActivation, value: Float
    }

    var input, kernel: [[Float]]?
    var inputs, kernels: [[[Float]]]
    var channels: Int
    var output: [[Float]]
    var partials: [[[Float]]]
    var stride, padding, dilation: Int
    var bias: Float
    var relu: Bool
    var outputSize: [Int]
    var formula: [String: String]
    var steps: [Step]?

    init(_ walk: ConvolutionWalk, includeSteps: Bool) {
        let single = walk.channelCount == 1
        input = single ? walk.input.nested : nil
        kernel = single ? walk.kernel.nested : nil
        inputs = walk.inputs.map(\.nested)
        kernels = walk.kernels.map(\.nested)
        channels = walk.channelCount
        output = walk.output.nested
        let columns = walk.output.columns
        partials = (0..<walk.output.rows).map { r in (0..<columns).map { c in walk.steps[r * columns + c].partials } }
        stride = walk.stride
        padding = walk.padding
        dilation = walk.dilation
        bias = walk.bias
        relu = walk.relu
        outputSize = [walk.output.rows, walk.output.columns]
        formula = ["rows": walk.rowFormula, "columns": walk.columnFormula]
        steps = includeSteps ? walk.steps.map {
            Step(row: $0.row, column: $0.column, originRow: $0.originRow, originColumn: $0.originColumn,
                 patch: single ? $0.patch.nested : nil, products: single ? $0.products.nested : nil,
                 channels: $0.channels.map { Channel(patch: $0.patch.nested, products: $0.products.nested, partial: $0.partial) },
                 partials: $0.partials, sum: $0.sum, bias: $0.bias, preActivation: $0.preActivation, value: $0.value)
        } : nil
    }
}
