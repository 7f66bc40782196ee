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
        (.dataset, "data \(s.dataset)"), (.learningRate, "lr \(NumberText.compact(Double(screen.liveLearningRate ?? s.learningRate)))"),
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
    var metrics: [String] = []
    if let last = screen.points.last {
        metrics.append("loss \(NumberText.fixed(last.loss, decimals: 3))")
        metrics.append("train acc \(NumberText.fixed(last.accuracy * 100, decimals: 1))%")
    }
    if let epoch = screen.lastEpoch { metrics.append("test acc \(NumberText.fixed(epoch.testAccuracy * 100, decimals: 1))%") }
    if let p = progress, p.elapsed > 0 {
        metrics.append("\(Int(Double(p.step * s.batchSize) / p.elapsed)) samples/s")
        metrics.append("lr \(NumberText.compact(Double(p.learningRate)))")
    }
    // The hint gets the line under the reason, so that it survives an 80-column screen.
    let rateHint = " the learning rate is too high: r resets, then - lowers it"
    if case .diverged(let why) = screen.phase {
        buffer.put(" \(why)", x: area.x, y: y, style: theme.failure, clip: area)
        buffer.put(rateHint, x: area.x, y: y + 1, style: theme.failure, clip: area)
    } else if screen.phase == .setup {
        buffer.put(" Tab chooses a setting, + - change it, Enter starts. The \(s.dataset) net learns from seed \(s.seed).", x: area.x, y: y, style: theme.muted, clip: area)
    } else if let blow = screen.blowUp, let last = screen.points.last, last.accuracy < 0.2 {
        // Blown up and not recovering: say so while it runs, not only once it has ended.
        let peak = NumberText.compact(blow.loss)
        buffer.put(" loss blew up to \(peak) at step \(blow.step) and is not coming down", x: area.x, y: y, style: theme.failure, clip: area)
        buffer.put(" the learning rate is too high: - lowers it now, r resets", x: area.x, y: y + 1, style: theme.failure, clip: area)
    } else {
        buffer.put(" " + metrics.joined(separator: "   "), x: area.x, y: y, style: theme.text, clip: area)
    }
    y += 2
    let body = Rect(x: area.x + 1, y: y, width: area.width - 2, height: area.maxY - y)
    guard body.height >= 6 else { return }
    let showConfusion = screen.showConfusion && screen.lastEpoch != nil
    let rightWidth = showConfusion ? min(body.width - 30, 48) : min(body.width / 2, 44)
    let left = Rect(x: body.x, y: body.y, width: body.width - rightWidth - 2, height: body.height)
    let right = Rect(x: left.maxX + 2, y: body.y, width: rightWidth, height: body.height)
    // Plots: loss and accuracy, train (running) and test (per epoch).
    let lossHeight = left.height / 2
    let trainColor = Color.indexed(75), testColor = Color.indexed(214)
    let lossPlot = LinePlot(series: [PlotSeries(name: "train loss", points: screen.points.map { (Double($0.step), $0.loss) }, color: trainColor, marker: "*"),
                                     PlotSeries(name: "test loss", points: screen.testPoints.map { (Double($0.step), $0.loss) }, color: testColor, marker: "o")],
                            xRange: total > 0 ? 0...Double(total) : nil, xLabel: "steps")
    lossPlot.render(in: Rect(x: left.x, y: left.y, width: left.width, height: lossHeight), into: &buffer, capabilities: caps)
    let accPlot = LinePlot(series: [PlotSeries(name: "train acc", points: screen.points.map { (Double($0.step), $0.accuracy) }, color: trainColor, marker: "*"),
                                    PlotSeries(name: "test acc", points: screen.testPoints.map { (Double($0.step), $0.accuracy) }, color: testColor, marker: "o")],
                           yRange: 0...1, xRange: total > 0 ? 0...Double(total) : nil, xLabel: "steps",
                           yFormat: { "\(Int(($0 * 100).rounded()))%" })
    accPlot.render(in: Rect(x: left.x, y: left.y + lossHeight, width: left.width, height: left.height - lossHeight), into: &buffer, capabilities: caps)
    if showConfusion {
        renderConfusion(screen, state: state, in: right, into: &buffer)
    } else {
        renderFiltersAndSamples(screen, state: state, in: right, into: &buffer)
    }
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

private func renderConfusion(_ screen: TrainingScreenState, state: AppState, in area: Rect, into buffer: inout Buffer) {
    guard let report = screen.lastEpoch else { return }
    let theme = state.theme, caps = state.capabilities
    buffer.put("confusion, epoch \(report.epoch + 1) (arrows pick a cell)", x: area.x, y: area.y, style: theme.heading, clip: area)
    let metrics = report.confusion.perClass
    let view = ConfusionMatrixView(counts: report.confusion.counts, precision: metrics.map(\.precision), recall: metrics.map(\.recall),
                                   selected: screen.selectedCell)
    view.render(in: Rect(x: area.x, y: area.y + 1, width: area.width, height: view.size.height), into: &buffer, capabilities: caps)
    var y = area.y + 2 + view.size.height
    let mistakes = screen.selectedMistakes
    let cell = screen.selectedCell
    let noun = mistakes.count == 1 ? "sample" : "samples"
    let what = cell.row == cell.column ? "true \(cell.row), recognised: \(mistakes.count) \(noun)"
        : "true \(cell.row), predicted \(cell.column): \(mistakes.count) \(noun)"
    buffer.put(what + (mistakes.isEmpty ? "" : ":"), x: area.x, y: y, style: theme.text, clip: area)
    y += 1
    guard let test = screen.testSet, !mistakes.isEmpty else { return }
    var x = area.x
    for index in mistakes {
        let thumbnail = Heatmap(values: Array(test.image(at: index)), rows: test.height, columns: test.width,
                                palette: .sequential, mode: .halfBlocks, range: 0...1)
        let size = thumbnail.size(caps)
        guard x + size.width <= area.maxX, y + size.height <= area.maxY else { break }
        thumbnail.render(in: Rect(x: x, y: y, width: size.width, height: size.height), into: &buffer, capabilities: caps)
        x += size.width + 1
    }
}

let trainingKeys: [KeyHint] = [
    KeyHint("Enter", "start"), KeyHint("Space", "pause"), KeyHint(".", "step"), KeyHint("+ -", "rate"),
    KeyHint("c", "matrix"), KeyHint("?", "help"), KeyHint("q", "leave"), KeyHint("r", "reset"), KeyHint("w", "save"),
]

let trainingHelp: [(heading: String, hints: [KeyHint])] = [
    ("Before a run", [KeyHint("Tab Shift-Tab", "choose a setting (data ... augment)"), KeyHint("+ -", "change the chosen setting"),
                      KeyHint("Enter", "start training")]),
    ("While training", [KeyHint("Space", "pause or resume"), KeyHint(".", "one batch while paused"), KeyHint("+ -", "double or halve the learning rate"),
                        KeyHint("r", "stop and reset to the seed"), KeyHint("c", "confusion matrix of the last epoch"),
                        KeyHint("arrows h j k l", "pick a confusion cell: its digits show"), KeyHint("w", "save the trained network")]),
]
