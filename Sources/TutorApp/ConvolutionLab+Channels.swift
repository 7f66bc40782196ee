import Canvas
import Foundation
import Widgets

/// The window of a convolution over several channels: one block per channel (its patch × its
/// kernel slice = products, and the channel's partial sum), as many side by side as fit and the
/// rest paged with `c`, then Σ partials + bias (→ ReLU) = value.
func renderChannelWindows(_ lab: ConvolutionLabState, _ state: AppState, in area: Rect, into buffer: inout Buffer) {
    guard let walk = lab.walk, lab.position < walk.steps.count, area.height > 0 else { return }
    let theme = state.theme, caps = state.capabilities
    let step = walk.steps[lab.position]
    let (i, j) = lab.outputCoordinates(of: lab.position)
    let count = lab.channelCount, rows = lab.kernel.rows, columns = lab.kernel.columns
    let whole = { (values: [Float]) in values.allSatisfy { $0 == $0.rounded() } }
    let patchDecimals = whole(step.channels.flatMap(\.patch.values)) ? 0 : 2
    let kernelDecimals = whole(lab.kernels.flatMap(\.values)) ? 0 : 3
    let productDecimals = whole(step.channels.flatMap(\.products.values)) ? 0 : max(patchDecimals, kernelDecimals == 0 ? 2 : 3)
    let partialDecimals = whole(step.partials) ? 0 : 2
    // While a prediction is awaited the products stay hidden, as with one channel.
    let hideProducts = lab.awaitingPrediction
    func grid(_ values: [Float], decimals: Int, hidden: Bool = false, marked: Set<Int> = []) -> Heatmap {
        var h = Heatmap(values: values, rows: rows, columns: columns, palette: .diverging, mode: .numbers)
        h.decimals = decimals
        h.hidden = hidden ? Set(values.indices) : []
        h.marked = marked
        return h
    }
    var kernelMarked: Set<Int> = []
    if case .kernel(let r, let c)? = lab.editing { kernelMarked = [r * columns + c] }
    let blocks = (0..<count).map { k in
        [grid(step.channels[k].patch.values, decimals: patchDecimals),
         grid(lab.kernels[k].values, decimals: kernelDecimals, marked: k == lab.channel ? kernelMarked : []),
         grid(step.channels[k].products.values, decimals: productDecimals, hidden: hideProducts)]
    }
    // Uniform blocks, so the page does not reflow as the window moves.
    let gap = 3
    let blockWidth = max(TextWidth.of("channel \(count) (selected)"), blocks.map { $0.map { $0.size(caps).width }.reduce(0, +) + 6 }.max() ?? 0)
    let blockHeight = rows + 2
    let available = area.height - 3   // the header, the sum line, the mode line
    let perRow = max(1, (area.width + gap) / (blockWidth + gap))
    let bands = max(1, (available + 1) / (blockHeight + 1))
    let perPage = min(count, perRow * bands)
    let first = (lab.channel / perPage) * perPage, last = min(count, first + perPage)
    let shown = last - first == 1 ? "channel \(first + 1)" : "channels \(first + 1)–\(last)"
    let header = "window \(windowCounter(lab.position, of: lab.positionCount)): each channel's patch × its slice; "
        + (last - first < count ? "\(shown) of \(count), c C: more" : "c C: select a channel")
    var y = area.y
    buffer.put(header, x: area.x, y: y, style: theme.heading, clip: area)
    y += 1
    var x = area.x
    for k in first..<last {
        if x > area.x && x + blockWidth > area.maxX {
            x = area.x
            y += blockHeight + 1
        }
        let selected = k == lab.channel
        buffer.put("channel \(k + 1)\(selected ? " (selected)" : "")", x: x, y: y, style: selected ? theme.accent : theme.muted, clip: area)
        var gx = x
        for (n, h) in blocks[k].enumerated() {
            let size = h.size(caps)
            h.render(in: Rect(x: gx, y: y + 1, width: size.width, height: size.height).intersection(area), into: &buffer, capabilities: caps)
            gx += size.width
            if n < 2 {
                buffer.put(n == 0 ? "×" : "=", x: gx + 1, y: y + 1 + (rows - 1) / 2, style: theme.text, clip: area)
                gx += 3
            }
        }
        let partialY = y + 1 + rows
        let partial = NumberText.fixed(step.partials[k], decimals: partialDecimals)
        if lab.awaitingPrediction {
            if lab.predictPartials, k < lab.partialGrades.count {
                let grade = lab.partialGrades[k]
                let mark = grade.correct ? state.glyphs.check : state.glyphs.cross
                buffer.put("partial \(partial) \(mark)", x: x, y: partialY, style: grade.correct ? theme.success : theme.failure, clip: area)
            } else if lab.awaitingPartial, k == lab.partialGrades.count {
                buffer.put("partial = ? \(lab.answer)_", x: x, y: partialY, style: theme.accent, clip: area)
            } else {
                buffer.put("partial = ?", x: x, y: partialY, style: theme.muted, clip: area)
            }
        } else {
            let end = buffer.put("partial = \(partial)", x: x, y: partialY, style: theme.text, clip: area)
            if k < lab.partialGrades.count, case let grade = lab.partialGrades[k], grade.position == lab.position {
                buffer.put(" " + (grade.correct ? state.glyphs.check : "\(state.glyphs.cross) you said \(NumberText.fixed(grade.answer, decimals: 2))"),
                                 x: end, y: partialY, style: grade.correct ? theme.success : theme.failure, clip: area)
            }
        }
        x += blockWidth + gap
    }
    let sumY = min(area.maxY - 1, y + blockHeight)
    let biasText = NumberText.fixed(lab.bias, decimals: 2)
    if lab.awaitingPartial {
        let k = lab.partialGrades.count
        buffer.put("channel \(k + 1): partial sum = its patch × slice, added up = ?   your prediction: \(lab.answer)_",
                   x: area.x, y: sumY, style: theme.accent, clip: area)
    } else if lab.awaitingPrediction {
        buffer.put("out[\(i),\(j)] = Σ partials + bias \(biasText)\(lab.relu ? ", then ReLU" : "") = ?   your prediction: \(lab.answer)_",
                   x: area.x, y: sumY, style: theme.accent, clip: area)
    } else {
        let z = NumberText.fixed(step.preActivation, decimals: 2)
        let terms = step.partials.map { NumberText.fixed($0, decimals: partialDecimals) }.joined(separator: " + ")
        let total = GridText.shownSum(step.partials, total: step.sum, termDecimals: partialDecimals, decimals: 2)
        var line = "out[\(i),\(j)] = Σ partials \(terms) = \(total), + bias \(biasText) = \(z)"
        let relu = lab.relu ? "   ReLU → \(NumberText.fixed(step.value, decimals: 2))" : ""
        if TextWidth.of(line + relu) > area.width {
            line = "out[\(i),\(j)] = Σ of \(count) partials \(total) + bias \(biasText) = \(z)"
        }
        let end = buffer.put(line + relu, x: area.x, y: sumY, style: theme.text, clip: area)
        if let grade = lab.lastGrade, grade.position == lab.position {
            let verdict = grade.correct ? "\(state.glyphs.check) right" : "\(state.glyphs.cross) you said \(NumberText.fixed(grade.answer, decimals: 2))"
            buffer.put("  " + verdict, x: end, y: sumY, style: grade.correct ? theme.success : theme.failure, clip: area)
        }
    }
    if lab.predicting || lab.autoplay {
        var mode: [String] = []
        if lab.predicting {
            mode.append("predict mode (\(lab.predictPartials ? "each partial, then the value" : "the value"); P changes): \(lab.score.right)/\(lab.score.asked) right")
        }
        if lab.autoplay { mode.append("autoplay \(NumberText.compact(ConvolutionLabState.speeds[lab.speedIndex]))/s") }
        buffer.put(mode.joined(separator: "  "), x: area.x, y: min(area.maxY - 1, sumY + 1), style: theme.accent, clip: area)
    }
}
