import TinyCNN
import Widgets

/// The report of a convolution over several channels: each channel's patch × slice = products
/// and partial sum, then Σ partials + bias (→ ReLU) = value.
extension ConvolveCommand {
    /// The stride, padding, dilation, bias and ReLU, and the output-size formulas.
    static func settingsLines(_ walk: ConvolutionWalk) -> [String] {
        let bias = GridText.format(walk.bias, decimals: GridText.decimals(for: [walk.bias]))
        return [
            "stride \(walk.stride), padding \(walk.padding), dilation \(walk.dilation), bias \(bias)\(walk.relu ? ", then ReLU" : "")",
            "output rows:    \(walk.rowFormula)",
            "output columns: \(walk.columnFormula)",
        ]
    }

    static func channelsReport(_ walk: ConvolutionWalk, steps: Bool, decimals: Int?) -> [String] {
        let c = walk.channelCount
        let inputPlaces = decimals ?? GridText.decimals(for: walk.inputs.flatMap(\.values))
        let kernelPlaces = decimals ?? GridText.decimals(for: walk.kernels.flatMap(\.values))
        let outputPlaces = decimals ?? GridText.decimals(for: walk.output.values + walk.steps.map(\.preActivation))
        let size = walk.input.sizeDescription, slice = walk.kernel.sizeDescription
        var lines = ["Input: \(c) channels of \(size)"]
        lines += CLICalculator.arrange(walk.inputs.enumerated().map { index, m in
            CLICalculator.grid("channel \(index + 1)", m, decimals: inputPlaces)
        })
        lines.append("")
        lines.append("Kernel: \(c) slices of \(slice), one per input channel")
        lines += CLICalculator.arrange(walk.kernels.enumerated().map { index, m in
            CLICalculator.grid("slice \(index + 1)", m, decimals: kernelPlaces)
        })
        lines.append("")
        lines += settingsLines(walk)
        if steps {
            let productPlaces = decimals ?? GridText.decimals(for: walk.steps.flatMap { $0.channels.flatMap(\.products.values) })
            let sumPlaces = max(productPlaces, outputPlaces)
            let f = { (v: Float) in GridText.format(v, decimals: sumPlaces) }
            if walk.padding > 0 {
                lines.append("")
                lines.append("Windows are in padded coordinates (\(walk.padding) ring\(walk.padding == 1 ? "" : "s") of zeros around every channel).")
            }
            let middle = 1 + (walk.kernel.rows - 1) / 2
            let times = Array(repeating: "", count: middle) + ["×"], equals = Array(repeating: "", count: middle) + ["="]
            for (index, step) in walk.steps.enumerated() {
                let rowEnd = step.originRow + walk.dilation * (walk.kernel.rows - 1)
                let columnEnd = step.originColumn + walk.dilation * (walk.kernel.columns - 1)
                lines.append("")
                lines.append("Step \(index + 1) of \(walk.steps.count): output[\(step.row), \(step.column)], window rows \(CLICalculator.span(step.originRow, rowEnd)), columns \(CLICalculator.span(step.originColumn, columnEnd))")
                for (ch, part) in step.channels.enumerated() {
                    lines.append("  channel \(ch + 1):")
                    lines += GridText.sideBySide([
                        GridText.titled("patch", GridText.numbers(part.patch, decimals: inputPlaces)),
                        times,
                        GridText.titled("slice \(ch + 1)", GridText.numbers(walk.kernels[ch], decimals: kernelPlaces)),
                        equals,
                        GridText.titled("products", GridText.numbers(part.products, decimals: productPlaces)),
                    ], gap: 3).map { "    " + $0 }
                    lines.append("    partial \(ch + 1) = " + CLICalculator.sumText(part.products.values, decimals: productPlaces, total: part.partial))
                }
                let partials = step.partials
                let sumLine = CLICalculator.sumText(partials, decimals: productPlaces, total: step.sum)
                lines.append("  Σ partials = " + (partials.count <= 16 ? sumLine : "sum of \(partials.count) partials = \(f(step.sum))"))
                lines.append("  Σ partials + bias = \(f(step.sum)) + \(f(step.bias)) = \(f(step.preActivation))")
                if walk.relu { lines.append("  ReLU: max(0, \(f(step.preActivation))) = \(f(step.value))") }
            }
        }
        lines.append("")
        lines += CLICalculator.grid("Output (\(walk.output.sizeDescription))", walk.output, decimals: outputPlaces)
        lines.append("")
        lines.append("Heatmaps (each scaled from its lowest value ' ' to its highest '@')")
        lines += CLICalculator.arrange(walk.inputs.enumerated().map { index, m in
            GridText.titled("channel \(index + 1)", GridText.heatmap(m))
        } + [GridText.titled("output", GridText.heatmap(walk.output))])
        return lines
    }
}
