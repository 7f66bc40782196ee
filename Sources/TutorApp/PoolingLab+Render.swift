import Canvas
import TinyCNN
import Widgets

func renderPoolingLab(_ state: AppState, in area: Rect, into buffer: inout Buffer) {
    guard let lab = state.poolingLab else { return }
    let theme = state.theme, caps = state.capabilities
    var y = area.y
    drawSettingsBar([
        (.input, "input \(lab.input.name)"), (.mode, "\(lab.mode == .max ? "max" : "average") pooling"),
        (.kernel, "window \(lab.kernel)×\(lab.kernel)"), (.stride, "stride \(lab.stride)"), (.padding, "pad \(lab.padding)"),
    ], focus: lab.focus, y: y, in: area, into: &buffer, theme: theme)
    if lab.autoplay { buffer.put("autoplay", x: area.maxX - 9, y: y, style: theme.accent, clip: area) }
    y += 1
    guard let walk = lab.walk else {
        buffer.put(" no output: \(lab.error ?? "")", x: area.x, y: y + 1, style: theme.failure, clip: area)
        return
    }
    var formula = " output \(walk.output.rows)×\(walk.output.columns): rows \(walk.rowFormula)"
    if walk.input.rows != walk.input.columns { formula += ", columns \(walk.columnFormula)" }
    buffer.put(asciiFloor(formula, caps), x: area.x, y: y, style: theme.muted, clip: area)
    y += 1
    let body = Rect(x: area.x + 1, y: y, width: area.width - 2, height: area.maxY - y)
    let step = walk.steps[lab.position]
    let padded = walk.input.padded(by: lab.padding)
    var inputMap = Heatmap(values: padded.values, rows: padded.rows, columns: padded.columns, palette: .sequential)
    let big = padded.rows > 16 || padded.columns > 24
    inputMap.mode = lab.numbersShown ? .numbers : (big ? .halfBlocks : .cells)
    var marked = Set<Int>()
    for i in 0..<lab.kernel {
        for j in 0..<lab.kernel {
            let r = step.originRow + i, c = step.originColumn + j
            if r < padded.rows && c < padded.columns { marked.insert(r * padded.columns + c) }
        }
    }
    inputMap.marked = marked
    // The maximum is highlighted once the value is shown (in predict mode it would give it away).
    if let mr = step.maxRow, let mc = step.maxColumn, !lab.awaitingPrediction {
        inputMap.emphasized = [(step.originRow + mr) * padded.columns + step.originColumn + mc]
    }
    var outputMap = Heatmap(values: walk.output.values, rows: walk.output.rows, columns: walk.output.columns, palette: .sequential)
    outputMap.mode = lab.numbersShown ? .numbers : (walk.output.rows > 16 ? .halfBlocks : .cells)
    outputMap.marked = [lab.position]
    outputMap.hidden = Set((lab.revealedThrough + 1)..<max(lab.revealedThrough + 1, lab.positionCount))
    let mapHeight = max(3, body.height - lab.kernel - 5)
    let widths = mapWidths(input: inputMap, output: outputMap, available: body.width - 6, caps)
    let (shownInput, inputNote) = fitted(inputMap, focus: (step.originRow + lab.kernel / 2, step.originColumn + lab.kernel / 2),
                                         maxWidth: widths.input, maxHeight: mapHeight, caps)
    let (shownOutput, outputNote) = fitted(outputMap, focus: (step.row, step.column), maxWidth: widths.output, maxHeight: mapHeight, caps)
    let maps = [
        heatmapPanel(inputNote.map { "input \(padded.rows)×\(padded.columns) \($0)" } ?? "input\(lab.padding > 0 ? " (padded)" : "") \(padded.rows)×\(padded.columns)", shownInput, caps, legend: true),
        heatmapPanel("output \(walk.output.rows)×\(walk.output.columns)" + (outputNote.map { " \($0)" } ?? ""), shownOutput, caps, legend: true),
    ]
    let mapsBottom = LabFlow.layout(maps, in: body, into: &buffer, theme: theme, gap: 6)
    // The window's values; padding shows as `pad` (it never wins a max, and counts 0 in an average).
    let values = step.window.flatMap { $0.map { $0 ?? 0 } }
    var window = Heatmap(values: values, rows: lab.kernel, columns: lab.kernel, palette: .sequential, mode: .numbers)
    window.decimals = values.allSatisfy { $0 == $0.rounded() } ? 0 : 2
    window.hidden = Set(step.window.flatMap { $0 }.enumerated().compactMap { $0.element == nil ? $0.offset : nil })
    window.hiddenText = "pad"
    if let mr = step.maxRow, let mc = step.maxColumn, !lab.awaitingPrediction { window.emphasized = [mr * lab.kernel + mc] }
    let windowArea = Rect(x: body.x, y: mapsBottom, width: body.width, height: body.maxY - mapsBottom)
    let bottom = LabFlow.layout([heatmapPanel("window \(windowCounter(lab.position, of: lab.positionCount))", window, caps)], in: windowArea, into: &buffer, theme: theme)
    let value = NumberText.fixed(step.value, decimals: 2)
    var line: String
    let sumY = min(body.maxY - 1, bottom + 1)
    // The score goes under the sum line (right-aligned on the formula line it covered long formulas).
    if lab.predicting {
        buffer.put("predict mode: \(lab.score.right)/\(lab.score.asked) right", x: body.x, y: min(body.maxY - 1, sumY + 1), style: theme.accent, clip: body)
    }
    if lab.awaitingPrediction {
        let what = lab.mode == .max ? "max of the window" : "average of the window"
        buffer.put("out[\(step.row),\(step.column)] = \(what) = ?   your prediction: \(lab.answer)_", x: body.x, y: sumY, style: theme.accent, clip: body)
        return
    }
    if lab.mode == .max, let mr = step.maxRow, let mc = step.maxColumn {
        line = "out[\(step.row),\(step.column)] = max of the window = \(value)  (window row \(mr), column \(mc))"
    } else {
        let n = lab.kernel * lab.kernel
        line = "out[\(step.row),\(step.column)] = sum \(NumberText.fixed(step.sum ?? 0, decimals: 2)) / \(n) = \(value)  (padding counts 0)"
    }
    if let grade = lab.lastGrade, grade.position == lab.position {
        line += grade.correct ? "  \(state.glyphs.check) right" : "  \(state.glyphs.cross) you said \(NumberText.fixed(grade.answer, decimals: 2))"
    }
    buffer.put(line, x: body.x, y: sumY, style: theme.text, clip: body)
}

let poolingLabKeys = poolingLabKeyMap.footer

let poolingLabHelp = poolingLabKeyMap.help
