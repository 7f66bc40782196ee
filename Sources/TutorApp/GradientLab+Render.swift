import Canvas
import TinyCNN
import Widgets

/// `2.5` or `−1` or `(−1)` inside a product: the number as the lab's grids show it.
private func gradientNumber(_ v: Float, parenthesised: Bool = false) -> String {
    let text = v == v.rounded() && abs(v) < 1e6 ? String(Int(v)) : NumberText.fixed(v, decimals: 2)
    return parenthesised && v < 0 ? "(\(text))" : text
}

/// A learning rate as typed: `0.1`, not `0.1000`.
private func rateText(_ rate: Float) -> String { String(format: "%g", Double(rate)) }

/// `1·2 + 1·0 + (−1)·3 = −1`, shortened to its count when it would not fit `width`.
func gradientSumLine(_ name: String, terms: [ConvolutionGradientWalk.Term], value: Float, width: Int) -> String {
    guard !terms.isEmpty else { return "\(name) = 0: no window covered this cell, so it had no effect on the output" }
    let products = terms.map { "\(gradientNumber($0.upstream, parenthesised: true))·\(gradientNumber($0.factor, parenthesised: true))" }
    let full = "\(name) = \(products.joined(separator: " + ")) = \(gradientNumber(value))"
    if TextWidth.of(full) <= width { return full }
    return "\(name) = sum of \(terms.count) products dL/dY·\(name.hasPrefix("dW") ? "x" : "w") = \(gradientNumber(value))"
}

func renderGradientLab(_ state: AppState, in area: Rect, into buffer: inout Buffer) {
    guard let lab = state.gradientLab else { return }
    let theme = state.theme, caps = state.capabilities
    var x = area.x + 1
    let fields: [(GradientLabState.Field, String)] = [
        (.input, "input \(lab.input[0].name)"), (.kernel, "kernel \(lab.kernel[0].name)"),
        (.upstream, "dL/dY \(lab.upstreamChoice.name)"), (.stride, "stride \(lab.stride)"), (.padding, "pad \(lab.padding)"),
        (.dilation, "dil \(lab.dilation)"), (.rate, "rate \(rateText(lab.learningRate))"),
    ]
    for (field, text) in fields {
        x = buffer.put(text, x: x, y: area.y, style: field == lab.focus ? theme.selection : theme.text, clip: area) + 2
    }
    guard let walk = lab.walk else {
        buffer.put(" no output: \(lab.error ?? "")", x: area.x, y: area.y + 2, style: theme.failure, clip: area)
        return
    }
    let (part, index) = lab.locate(lab.position)
    let counts = lab.partCounts
    let partLine = " part \(part.rawValue + 1) of 4: \(part.title)" + (counts[part.rawValue] > 1 ? ", \(index + 1)/\(counts[part.rawValue])" : "")
    buffer.put(partLine, x: area.x, y: area.y + 1, style: theme.heading, clip: area)
    let body = Rect(x: area.x + 1, y: area.y + 2, width: area.width - 2, height: area.maxY - area.y - 2)

    let channel = lab.channel(at: lab.position), channels = walk.input.count
    let channelNote = channels > 1 ? " (channel \(channel + 1) of \(channels))" : ""
    let padded = walk.input[channel].padded(by: walk.padding)
    let terms = lab.terms(at: lab.position)
    let hidden = lab.awaitingPrediction
    // Touched cells: on the padded input, on dL/dY and on the kernel.
    var inputMarked = Set<Int>(), upstreamMarked = Set<Int>(), kernelMarked = Set<Int>()
    for t in terms {
        let (py, px) = (t.inputRow + walk.padding, t.inputColumn + walk.padding)
        if py >= 0, py < padded.rows, px >= 0, px < padded.columns { inputMarked.insert(py * padded.columns + px) }
        upstreamMarked.insert(t.outputRow * walk.upstream.columns + t.outputColumn)
        kernelMarked.insert(t.tapRow * walk.kernel[channel].columns + t.tapColumn)
    }
    if part == .inputs {
        let cell = walk.inputCells[index]
        inputMarked = [(cell.row + walk.padding) * padded.columns + cell.column + walk.padding]
    }
    if part == .bias { upstreamMarked = Set(0..<walk.upstream.values.count) }
    let decimals = { (values: [Float]) in values.allSatisfy { $0 == $0.rounded() } ? 0 : 2 }
    func grid(_ title: String, _ m: Matrix, marked: Set<Int>, hidden: Set<Int> = []) -> LabPanel {
        numbersPanel(title, values: m.values, rows: m.rows, columns: m.columns, decimals: decimals(m.values),
                     marked: marked, hidden: hidden, caps)
    }
    var panels: [LabPanel] = []
    switch part {
    case .weights, .inputs, .bias:
        panels.append(grid("input\(walk.padding > 0 ? " (padded)" : "")\(channelNote)", padded, marked: part == .bias ? [] : inputMarked))
        panels.append(grid("dL/dY \(walk.upstream.rows)×\(walk.upstream.columns)", walk.upstream, marked: upstreamMarked))
        if part != .bias { panels.append(grid("kernel\(channelNote)", walk.kernel[channel], marked: kernelMarked)) }
        // The gradient being built, its unrevealed values hidden.
        let base = lab.start(of: part)
        if part == .weights {
            let first = channel * walk.kernel[0].values.count
            let shown = Set((0..<walk.kernel[0].values.count).filter { base + first + $0 > lab.revealedThrough })
            panels.append(grid("dL/dW\(channelNote)", walk.weightGradient[channel], marked: [index - first], hidden: shown))
        } else if part == .inputs {
            let first = channel * walk.input[0].values.count
            let shown = Set((0..<walk.input[0].values.count).filter { base + first + $0 > lab.revealedThrough })
            panels.append(grid("dL/dX\(channelNote)", walk.inputGradient[channel], marked: [index - first], hidden: shown))
            if lab.showsFullCorrelation {
                let full = walk.fullCorrelation
                panels.append(grid("stretched dL/dY", full.stretchedUpstream, marked: []))
                panels.append(grid("kernel rotated 180°", full.flippedKernel[channel], marked: []))
            }
        }
    case .update:
        let after = walk.kernelAfterStep(learningRate: lab.learningRate)
        panels.append(grid("kernel before\(channelNote)", walk.kernel[0], marked: [0]))
        panels.append(grid("dL/dW", walk.weightGradient[0], marked: [0]))
        panels.append(grid("after W − \(rateText(lab.learningRate))·dL/dW", after[0], marked: [0],
                           hidden: hidden ? [0] : []))
    }
    let bottom = LabFlow.layout(panels, in: body, into: &buffer, theme: theme)

    // The sum, under the grids.
    var lines: [String] = []
    let width = body.width
    let prefix = channels > 1 ? "c\(channel + 1) " : ""
    switch part {
    case .weights:
        let tap = walk.weightTaps[index]
        lines.append("weight (\(tap.row),\(tap.column)) met one input cell in each window, times that window's dL/dY:")
        lines.append(hidden ? "\(prefix)dW[\(tap.row),\(tap.column)] = ?   your prediction: \(lab.answer)_"
                            : gradientSumLine("\(prefix)dW[\(tap.row),\(tap.column)]", terms: tap.terms, value: tap.value, width: width))
    case .inputs:
        let cell = walk.inputCells[index]
        lines.append(cell.terms.isEmpty ? "input (\(cell.row),\(cell.column)) was in no window"
                     : "input (\(cell.row),\(cell.column)) was in \(cell.terms.count) window\(cell.terms.count == 1 ? "" : "s"): each adds dL/dY × the weight on it:")
        lines.append(hidden ? "\(prefix)dX[\(cell.row),\(cell.column)] = ?   your prediction: \(lab.answer)_"
                            : gradientSumLine("\(prefix)dX[\(cell.row),\(cell.column)]", terms: cell.terms, value: cell.value, width: width))
    case .bias:
        lines.append("the bias is added to every output, so its gradient is the sum of all of dL/dY:")
        let sum = walk.upstream.values.map { gradientNumber($0, parenthesised: true) }.joined(separator: " + ")
        let full = "db = \(sum) = \(gradientNumber(walk.biasGradient))"
        lines.append(hidden ? "db = ?   your prediction: \(lab.answer)_" : TextWidth.of(full) <= width ? full : "db = sum of \(walk.upstream.values.count) values = \(gradientNumber(walk.biasGradient))")
    case .update:
        let w = walk.kernel[0].values[0], g = walk.weightGradient[0].values[0]
        let rate = rateText(lab.learningRate)
        lines.append("SGD moves every weight against its gradient: W ← W − rate · dL/dW (rate \(rate))")
        lines.append(hidden ? "W[0,0] = \(gradientNumber(w)) − \(rate)·\(gradientNumber(g, parenthesised: true)) = ?   your prediction: \(lab.answer)_"
                            : "W[0,0] = \(gradientNumber(w)) − \(rate)·\(gradientNumber(g, parenthesised: true)) = \(NumberText.fixed(lab.value(at: lab.position), decimals: 3))")
    }
    if let grade = lab.lastGrade, grade.position == lab.position {
        lines.append(grade.correct ? "\(state.glyphs.check) right" : "\(state.glyphs.cross) you said \(gradientNumber(grade.answer))")
    }
    if lab.predicting { lines.append("predict mode: \(lab.score.right)/\(lab.score.asked) right") }
    var y = min(bottom + 1, max(body.y, body.maxY - lines.count))
    for (n, line) in lines.enumerated() where y < body.maxY {
        buffer.put(line, x: body.x, y: y, style: n == 1 ? (hidden ? theme.accent : theme.text) : theme.muted, clip: body)
        y += 1
    }
}

let gradientLabKeys = gradientLabKeyMap.footer

let gradientLabHelp = gradientLabKeyMap.help
