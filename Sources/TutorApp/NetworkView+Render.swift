import Canvas
import TinyCNN
import Widgets

func renderNetworkView(_ state: AppState, in area: Rect, into buffer: inout Buffer) {
    guard let view = state.networkView else { return }
    let theme = state.theme, caps = state.capabilities
    var y = area.y
    guard let test = view.test else {
        if let error = view.loadError {
            buffer.put(" The \(view.dataset) test set could not be loaded:", x: area.x, y: y, style: theme.accent, clip: area)
            buffer.put(" " + error, x: area.x, y: y + 1, style: theme.text, clip: area)
            return
        }
        buffer.put(" loading the \(view.dataset) test set…", x: area.x, y: y, style: theme.muted, clip: area)
        return
    }
    let label = test.labels[min(view.sampleIndex, test.count - 1)]
    var head = " \(view.dataset) test sample \(view.sampleIndex + 1)/\(test.count), true class \(label)"
    if let p = view.predicted { head += ", predicted \(p) (\(NumberText.fixed(Double(view.probabilities[p]) * 100, decimals: 1))%)" }
    buffer.put(head, x: area.x, y: y, style: theme.text, clip: area)
    y += 1
    guard !view.activations.isEmpty else {
        buffer.put(" There is no trained \(view.dataset) network yet. Press t to train one (about a second on digits),", x: area.x, y: y + 1, style: theme.accent, clip: area)
        buffer.put(" then come back here: the network view uses the last trained network.", x: area.x, y: y + 2, style: theme.accent, clip: area)
        return
    }
    y += 1
    let body = Rect(x: area.x + 1, y: y, width: area.width - 2, height: area.maxY - y)
    let chartWidth = min(30, body.width / 3)
    let left = Rect(x: body.x, y: body.y, width: body.width - chartWidth - 2, height: body.height)
    let right = Rect(x: left.maxX + 2, y: body.y, width: chartWidth, height: body.height)
    // Input and overlay.
    let image = Array(test.image(at: view.sampleIndex))
    var panels = [heatmapPanel("input", Heatmap(values: image, rows: test.height, columns: test.width, palette: .sequential, mode: .halfBlocks, range: 0...1), caps)]
    if let map = view.overlayMap {
        let title = view.overlay == .saliency ? "saliency |∂score/∂pixel|" : "occlusion: P(class), squares hidden"
        panels.append(heatmapPanel(title, Heatmap(tensor2D: map, palette: .sequential, mode: .halfBlocks), caps, legend: true))
    }
    var bottom = LabFlow.layout(panels, in: left, into: &buffer, theme: theme)
    // Feature maps of the convolutional stages, as many as fit.
    let names = view.architecture.layerNames
    for layer in [1, 2, 4, 5] where layer < view.activations.count {
        let a = view.activations[layer]
        guard a.rank == 3, bottom + 2 < left.maxY else { continue }
        let channels = a.shape[0], h = a.shape[1], w = a.shape[2]
        let range = HeatmapPalette.sequential.autoRange(of: a.storage)
        var maps: [LabPanel] = []
        for c in 0..<channels {
            let values = Array(a.storage[(c * h * w)..<((c + 1) * h * w)])
            maps.append(heatmapPanel(c == 0 ? "\(names[layer]) \(formatShape(a.shape))" : "", Heatmap(values: values, rows: h, columns: w, palette: .sequential, mode: .halfBlocks, range: range), caps))
        }
        let band = Rect(x: left.x, y: bottom + 1, width: left.width, height: left.maxY - bottom - 1)
        let mapWidth = max(1, maps.first.map { $0.width } ?? 1)
        let fit = max(1, (band.width + 1) / (mapWidth + 1))
        let shown = Array(maps.prefix(fit))
        // One row of maps per stage; titles only on the first.
        var x = band.x
        for (i, panel) in shown.enumerated() {
            if i == 0 { buffer.put(panel.title, x: x, y: band.y, style: theme.heading, clip: band) }
            panel.draw(Rect(x: x, y: band.y + 1, width: panel.width, height: panel.height).intersection(band), &buffer)
            x += panel.width + 1
        }
        if shown.count < maps.count {
            buffer.put("+\(maps.count - shown.count)", x: min(x, band.maxX - 4), y: band.y, style: theme.muted, clip: band)
        }
        bottom = band.y + 1 + (shown.first?.height ?? 0)
    }
    // The hidden dense layer, one cell per unit.
    if view.activations.count > 8, bottom + 2 < left.maxY {
        let hidden = view.activations[8]
        buffer.put("\(names[8]) (dense) \(hidden.count) units", x: left.x, y: bottom + 1, style: theme.heading, clip: left)
        Heatmap(values: hidden.storage, rows: 1, columns: hidden.count, palette: .sequential, mode: .cells)
            .render(in: Rect(x: left.x, y: bottom + 2, width: left.width, height: 1), into: &buffer, capabilities: caps)
    }
    // Class probabilities.
    buffer.put("P(class)", x: right.x, y: right.y, style: theme.heading, clip: right)
    let bars = view.probabilities.enumerated().map { BarChart.Bar("\($0.offset)", Double($0.element)) }
    BarChart(bars: bars, maximum: 1, highlighted: view.predicted)
        .render(in: Rect(x: right.x, y: right.y + 1, width: right.width, height: 10), into: &buffer, capabilities: caps)
}

extension Heatmap {
    /// A heatmap of a `[H, W]` tensor.
    init(tensor2D t: Tensor, palette: HeatmapPalette, mode: Mode) {
        let h = t.rank >= 2 ? t.shape[t.rank - 2] : 1, w = t.shape[t.rank - 1]
        self.init(values: Array(t.storage.prefix(h * w)), rows: h, columns: w, palette: palette, mode: mode)
    }
}

/// The view's keys; footer and help are read from them.
let networkViewKeyMap = KeyMap<Void, NetworkViewAction>(sections: [
    ("Network view", [
        KeyBinding([.right, .character("n"), .enter], "→ n Enter", "next test sample", footer: ("→ n", "next", rank: 0), .nextSamplePressed),
        KeyBinding([.left, .character("N")], "← N", "previous test sample", footer: ("← N", "back", rank: 1), .previousSamplePressed),
        KeyBinding([.character("s")], "s", "saliency: pixels the predicted score reacts to", footer: ("s", "saliency", rank: 2), .saliencyToggled),
        KeyBinding([.character("o")], "o", "occlusion: P(class) with each square hidden", footer: ("o", "occlusion", rank: 3), .occlusionToggled),
        KeyBinding([.character("t")], "t", "train a network (live training)", footer: ("t", "train", rank: 4), .trainPressed),
    ]),
], globalsRank: 5)

let networkViewKeys = networkViewKeyMap.footer

let networkViewHelp = networkViewKeyMap.help

func networkViewKeyAction(for key: Key) -> NetworkViewAction? {
    networkViewKeyMap.action(for: key, in: ())
}
