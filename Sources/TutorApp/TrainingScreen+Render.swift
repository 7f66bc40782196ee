import Canvas
import TinyCNN
import Widgets

func renderTraining(_ state: AppState, in area: Rect, into buffer: inout Buffer) {
    guard let screen = state.training else { return }
    let theme = state.theme, caps = state.capabilities
    var y = area.y
    // Setup line; the focused field is highlighted while it can be changed.
    var x = area.x + 1
    let s = screen.settings
    let fields: [(TrainingScreenState.Field, String)] = [
        (.dataset, "data \(s.dataset)"), (.learningRate, "lr \(NumberText.compact(Double(s.learningRate)))"),
        (.batchSize, "batch \(s.batchSize)"), (.optimizer, s.optimizer), (.epochs, "epochs \(s.epochs)"),
        (.augment, "augment \(s.augment ? "on" : "off")"),
    ]
    for (field, text) in fields {
        let focused = field == screen.focus && (!screen.isActive || field == .learningRate)
        x = buffer.put(text, x: x, y: y, style: focused ? theme.selection : theme.text, clip: area) + 2
    }
    let phase: (String, Style)
    switch screen.phase {
    case .setup: phase = ("ready: Enter trains", theme.accent)
    case .starting: phase = ("loading data", theme.muted)
    case .running: phase = ("\(state.glyphs.bullet) training", theme.success)
    case .paused: phase = ("paused", theme.accent)
    case .finished(let how): phase = (how, theme.success)
    case .diverged: phase = ("diverged", theme.failure)
    case .failed: phase = ("failed: paused", theme.failure)
    }
    buffer.put(phase.0, x: max(x, area.maxX - TextWidth.of(phase.0) - 1), y: y, style: phase.1, clip: area)
    y += 1
    // Progress and numbers.
    let progress = screen.progress
    let total = screen.totalSteps ?? 0
    let done = progress?.step ?? 0
    let epochText = progress.map { "epoch \($0.epoch + 1)/\(s.epochs)  step \($0.step)" } ?? "epoch 0/\(s.epochs)"
    ProgressBar(fraction: total > 0 ? Double(done) / Double(total) : 0, label: epochText,
                secondsRemaining: progress.flatMap { ProgressBar.eta(done: Double(done), total: Double(total), elapsed: $0.elapsed) })
        .render(in: Rect(x: area.x + 1, y: y, width: min(area.width - 2, 78), height: 1), into: &buffer, capabilities: caps)
    y += 1
    // The one current-rate readout: what the next step uses, and where it comes from.
    let rateSource = screen.liveLearningRate != nil ? "set by + -" : s.configuration.schedule.summary
    let rateText = "rate \(NumberText.compact(Double(screen.currentLearningRate))) (\(rateSource))"
    var metrics: [String] = []
    if let last = screen.points.last {
        metrics.append("loss \(NumberText.fixed(last.loss, decimals: 3))")
        metrics.append("train acc \(NumberText.fixed(last.accuracy * 100, decimals: 1))%")
    }
    if let epoch = screen.lastEpoch { metrics.append("test acc \(NumberText.fixed(epoch.testAccuracy * 100, decimals: 1))%") }
    metrics.append(rateText)
    metrics.append(screen.speedText)
    if let failure = screen.failure {
        // Failure as a lesson: what happened and what to try, in words, the moment it happens.
        buffer.put(" \(failure.summary)", x: area.x, y: y, style: theme.failure, clip: area)
        buffer.put(" hint: \(failure.hint); r resets", x: area.x, y: y + 1, style: theme.failure, clip: area)
    } else if case .diverged(let why) = screen.phase {
        buffer.put(" \(why)", x: area.x, y: y, style: theme.failure, clip: area)
        buffer.put(" the learning rate is too high: r resets, then - lowers it", x: area.x, y: y + 1, style: theme.failure, clip: area)
    } else if screen.phase == .setup {
        buffer.put(" \(s.optimizer), \(rateText), \(screen.speedText) (< > change the pace), seed \(s.seed)",
                   x: area.x, y: y, style: theme.muted, clip: area)
        buffer.put(" Tab chooses a setting, + - change it, Enter starts.", x: area.x, y: y + 1, style: theme.muted, clip: area)
    } else {
        buffer.put(" " + metrics.joined(separator: "  "), x: area.x, y: y, style: theme.text, clip: area)
    }
    y += 2
    let body = Rect(x: area.x + 1, y: y, width: area.width - 2, height: area.maxY - y)
    guard body.height >= 6 else { return }
    switch screen.panel {
    case .confusion where screen.lastEpoch != nil:
        renderConfusion(screen, state: state, in: body, into: &buffer)
        return
    case .mistakes where screen.lastEpoch != nil:
        renderMistakes(screen, state: state, in: body, into: &buffer)
        return
    case .filters, .confusion, .mistakes:
        break
    }
    let rightWidth = min(body.width / 2, 44)
    let left = Rect(x: body.x, y: body.y, width: body.width - rightWidth - 2, height: body.height)
    let right = Rect(x: left.maxX + 2, y: body.y, width: rightWidth, height: body.height)
    renderCurves(screen, state: state, in: left, into: &buffer)
    renderFiltersAndSamples(screen, state: state, in: right, into: &buffer)
}

/// Loss and accuracy: the train curve per step (smoothed, a line) and the test set at each
/// evaluation (points), told apart by shape as well as colour.
private func renderCurves(_ screen: TrainingScreenState, state: AppState, in left: Rect, into buffer: inout Buffer) {
    let caps = state.capabilities
    let total = screen.totalSteps ?? 0
    let lossHeight = left.height / 2
    let trainColor = Color.indexed(75), testColor = Color.indexed(214)
    let ema = "EMA \(SnapshotRequest.defaultSmoothing)"
    let xRange = total > 0 ? 0...Double(total) : nil
    let lossPlot = LinePlot(series: [PlotSeries(name: "train loss (\(ema))", points: screen.points.map { (Double($0.step), $0.loss) }, color: trainColor, marker: "*"),
                                     PlotSeries(name: "test", points: screen.testPoints.map { (Double($0.step), $0.loss) }, color: testColor, marker: "o",
                                                drawing: .points)],
                            xRange: xRange, xLabel: "steps")
    lossPlot.render(in: Rect(x: left.x, y: left.y, width: left.width, height: lossHeight), into: &buffer, capabilities: caps)
    let accPlot = LinePlot(series: [PlotSeries(name: "train acc (\(ema))", points: screen.points.map { (Double($0.step), $0.accuracy) }, color: trainColor, marker: "*"),
                                    PlotSeries(name: "test", points: screen.testPoints.map { (Double($0.step), $0.accuracy) }, color: testColor, marker: "o",
                                               drawing: .points)],
                           yRange: 0...1, xRange: xRange, xLabel: "steps",
                           yFormat: { "\(Int(($0 * 100).rounded()))%" })
    accPlot.render(in: Rect(x: left.x, y: left.y + lossHeight, width: left.width, height: left.height - lossHeight), into: &buffer, capabilities: caps)
}

private func renderFiltersAndSamples(_ screen: TrainingScreenState, state: AppState, in area: Rect, into buffer: inout Buffer) {
    let theme = state.theme, caps = state.capabilities
    var y = area.y
    buffer.put("conv1 filters (learning live)", x: area.x, y: y, style: theme.heading, clip: area)
    y += 1
    if screen.filters.isEmpty {
        buffer.put("appear once training starts", x: area.x, y: y, style: theme.muted, clip: area)
        y += 2
    } else {
        let perRow = max(1, (area.width + 1) / 7)
        for (i, filter) in screen.filters.enumerated() {
            let bx = area.x + (i % perRow) * 7, by = y + (i / perRow) * 4
            let map = Heatmap(values: filter.values, rows: filter.rows, columns: filter.columns, palette: .diverging, mode: .cells)
            map.render(in: Rect(x: bx, y: by, width: 6, height: 3).intersection(area), into: &buffer, capabilities: caps)
            buffer.put("\(i + 1)", x: bx + 2, y: by + 3, style: theme.muted, clip: area)
        }
        y += ((screen.filters.count + perRow - 1) / perRow) * 4
    }
    guard y + 2 < area.maxY else { return }
    buffer.put("test samples: true \(state.glyphs.arrowRight) predicted", x: area.x, y: y, style: theme.heading, clip: area)
    y += 1
    let perRow = max(1, (area.width + 1) / 7)
    for (i, sample) in screen.samples.enumerated() {
        let sx = area.x + (i % perRow) * 7, sy = y + i / perRow
        guard sy < area.maxY else { break }
        let right = sample.label == sample.predicted
        let mark = right ? state.glyphs.check : state.glyphs.cross
        buffer.put("\(sample.label)\(state.glyphs.arrowRight)\(sample.predicted)\(mark)", x: sx, y: sy, style: right ? theme.success : theme.failure.adding(.underline), clip: area)
    }
    if screen.samples.isEmpty { buffer.put("appear once training starts", x: area.x, y: y, style: theme.muted, clip: area) }
    let hintY = y + max(1, (screen.samples.count + perRow - 1) / perRow) + 1
    if screen.lastEpoch != nil {
        buffer.put("c: confusion matrix of the last epoch", x: area.x, y: hintY, style: theme.muted, clip: area)
    }
}

/// The last epoch's confusion matrix over the whole body, per-class precision and recall beside
/// it, and what the selected cell holds.
private func renderConfusion(_ screen: TrainingScreenState, state: AppState, in area: Rect, into buffer: inout Buffer) {
    guard let report = screen.lastEpoch else { return }
    let theme = state.theme, caps = state.capabilities
    buffer.put("confusion matrix after epoch \(report.epoch + 1): rows true, columns predicted", x: area.x, y: area.y, style: theme.heading, clip: area)
    let metrics = report.confusion.perClass
    let view = ConfusionMatrixView(counts: report.confusion.counts, precision: metrics.map(\.precision), recall: metrics.map(\.recall),
                                   selected: screen.selectedCell)
    let size = view.size
    view.render(in: Rect(x: area.x, y: area.y + 1, width: min(size.width, area.width), height: size.height), into: &buffer, capabilities: caps)
    // What the selected cell is, beside the matrix when there is room, else under it.
    let beside = area.width - size.width - 2 >= 18
    let x = beside ? area.x + size.width + 2 : area.x
    var y = beside ? area.y + 2 : area.y + 2 + size.height
    let width = area.maxX - x
    let cell = screen.selectedCell
    let mistakes = screen.selectedMistakes
    let noun = mistakes.count == 1 ? "sample" : "samples"
    let lines = [
        cell.row == cell.column ? "true \(cell.row), recognised:" : "true \(cell.row), predicted \(cell.column):",
        "\(mistakes.count) \(noun)",
        mistakes.isEmpty || cell.row == cell.column ? "" : "Enter draws them",
        "",
        "precision: of those",
        "predicted k, right",
        "recall: of the true",
        "k, found",
    ]
    for line in lines {
        guard y < area.maxY else { break }
        buffer.put(TextLayout.truncate(line, to: max(0, width), ellipsis: ""), x: x, y: y, style: line.hasPrefix("Enter") ? theme.accent : theme.text, clip: area)
        y += 1
    }
}

/// The selected cell's misclassified test digits, drawn, each with its test-set number and the
/// network's answer.
private func renderMistakes(_ screen: TrainingScreenState, state: AppState, in area: Rect, into buffer: inout Buffer) {
    let theme = state.theme, caps = state.capabilities
    let cell = screen.selectedCell
    let mistakes = screen.selectedMistakes
    let what = cell.row == cell.column ? "true \(cell.row), recognised" : "true \(cell.row), predicted \(cell.column)"
    buffer.put("\(what): \(mistakes.count) test sample\(mistakes.count == 1 ? "" : "s") (#n: test-set number)",
               x: area.x, y: area.y, style: theme.heading, clip: area)
    guard let test = screen.testSet, !mistakes.isEmpty else {
        buffer.put("none in this cell: arrows in the matrix pick another", x: area.x, y: area.y + 1, style: theme.muted, clip: area)
        return
    }
    // 28×28 digits are shrunk so that several fit an 80×24 screen (halved with half blocks,
    // quartered in ASCII, two columns and one row a pixel); 8×8 ones are drawn as they are.
    let factor = test.width >= 16 ? (caps.unicode ? 2 : 4) : 1
    let side = test.width / factor
    var x = area.x, y = area.y + 1
    var shown = 0
    for index in mistakes {
        let thumbnail = Heatmap(values: downsampled(Array(test.image(at: index)), side: test.width, factor: factor), rows: side, columns: side,
                                palette: .sequential, mode: .halfBlocks, range: 0...1)
        let size = thumbnail.size(caps)
        let width = max(size.width, 6)
        if x + width > area.maxX {
            x = area.x
            y += size.height + 2
        }
        guard y + size.height + 1 <= area.maxY else { break }
        thumbnail.render(in: Rect(x: x, y: y, width: size.width, height: size.height), into: &buffer, capabilities: caps)
        buffer.put("#\(index)", x: x, y: y + size.height, style: theme.muted, clip: area)
        x += width + 2
        shown += 1
    }
    if shown < mistakes.count {
        buffer.put("and \(mistakes.count - shown) more", x: area.x, y: area.maxY - 1, style: theme.muted, clip: area)
    }
}

/// An image shrunk by `factor` in each direction (mean of each factor×factor block).
private func downsampled(_ pixels: [Float], side: Int, factor: Int) -> [Float] {
    guard factor > 1 else { return pixels }
    let n = side / factor
    var out = [Float](repeating: 0, count: n * n)
    for r in 0..<n {
        for c in 0..<n {
            var sum: Float = 0
            for dy in 0..<factor { for dx in 0..<factor { sum += pixels[(r * factor + dy) * side + c * factor + dx] } }
            out[r * n + c] = sum / Float(factor * factor)
        }
    }
    return out
}
