import Canvas
import Foundation
import TinyCNN
import Widgets

/// The network view: which network and sample, the cell under the cursor, the input (and an
/// overlay) on the left, and one strip per layer on the right: conv1, pool1, conv2, pool2, the
/// hidden units and the outputs. Maps that do not fit side by side are paged, maps taller or
/// wider than their strip scroll to the cursor (or to the cursor's receptive field), so every
/// layer is on screen at 80×24 for both data sets.
func renderNetworkView(_ state: AppState, in area: Rect, into buffer: inout Buffer) {
    guard let view = state.networkView else { return }
    let theme = state.theme
    var y = area.y
    buffer.put(" " + networkLine(view), x: area.x, y: y, style: theme.heading, clip: area)
    y += 1
    guard let test = view.test else {
        if let error = view.loadError {
            buffer.put(" The \(view.dataset) test set could not be loaded:", x: area.x, y: y, style: theme.accent, clip: area)
            buffer.put(" " + error, x: area.x, y: y + 1, style: theme.text, clip: area)
            return
        }
        buffer.put(" loading the \(view.dataset) test set…", x: area.x, y: y, style: theme.muted, clip: area)
        return
    }
    let index = min(view.sampleIndex, test.count - 1)
    var head = " test sample \(index) of \(test.count) (0-\(test.count - 1)), true class \(test.labels[index])"
    if let p = view.predicted { head += ", predicted \(p) (\(NumberText.fixed(Double(view.probabilities[p]) * 100, decimals: 1))%)" }
    buffer.put(head, x: area.x, y: y, style: theme.text, clip: area)
    y += 1
    guard !view.activations.isEmpty else {
        buffer.put(" There is no trained \(view.dataset) network yet. Press t to train one (about a second on digits),", x: area.x, y: y + 1, style: theme.accent, clip: area)
        buffer.put(" The demo network is being trained in the background: it shows here as soon as it is ready.", x: area.x, y: y + 2, style: theme.accent, clip: area)
        return
    }
    let field = view.architecture.receptiveField(of: view.cursor)
    var info = " ▸ " + view.cursorDescription
    // The field is also stated under the input; here too when the line has room.
    if view.cursor.layer != NetworkCell.input, TextWidth.of(info + "; field: " + field.summary) <= area.width {
        info += "; field: " + field.summary
    }
    buffer.put(TextLayout.truncate(info, to: area.width, ellipsis: state.glyphs.ellipsis), x: area.x, y: y, style: theme.accent, clip: area)
    y += 1
    let body = Rect(x: area.x + 1, y: y, width: area.width - 2, height: area.maxY - y)
    guard body.height > 2, body.width > 20 else { return }
    NetworkViewLayout(view: view, field: field, capabilities: state.capabilities, theme: theme).draw(in: body, into: &buffer)
    if let panel = view.panel { renderExplanationPanel(panel, scroll: view.panelScroll, state: state, in: body, into: &buffer) }
}

/// `digits network, trained 17:52, test accuracy 97.8%  ·  d: show mnist`.
func networkLine(_ view: NetworkViewState) -> String {
    let other = view.dataset == "digits" ? "mnist" : "digits"
    guard view.network != nil else { return "\(view.dataset): no trained network yet  ·  d: show \(other)" }
    let kind = view.about?.origin == "demo" ? " demo" : view.about?.origin == "live" ? " live-trained" : ""
    var parts = ["\(view.dataset)\(kind) network"]
    if let date = view.about?.trained {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = Calendar.current.isDateInToday(date) ? "'trained' HH:mm" : "'trained' d MMM HH:mm"
        parts.append(f.string(from: date))
    }
    if let accuracy = view.about?.accuracy { parts.append("test accuracy \(NumberText.fixed(accuracy * 100, decimals: 1))%") }
    return parts.joined(separator: ", ") + "  ·  d: show \(other)"
}

/// The explanation of a dense unit or an output, in a box over the maps; ↑ ↓ scroll it.
func renderExplanationPanel(_ explanation: CellExplanation, scroll: Int, state: AppState, in area: Rect, into buffer: inout Buffer) {
    let lines = explanation.lines()
    let width = min(area.width, max(40, (lines.map { TextWidth.of($0) }.max() ?? 0) + 4))
    let box = Rect(x: area.x + max(0, (area.width - width) / 2), y: area.y, width: width, height: area.height)
    buffer.fill(box, with: Cell(" ", style: .plain))
    _ = Box(title: "How it was computed", style: state.theme.muted, titleStyle: state.theme.heading).render(in: box, into: &buffer, glyphs: state.glyphs)
    let inner = Rect(x: box.x + 2, y: box.y + 1, width: box.width - 4, height: box.height - 2)
    let top = min(scroll, max(0, lines.count - inner.height))
    for (i, line) in lines.dropFirst(top).prefix(inner.height).enumerated() {
        buffer.put(line, x: inner.x, y: inner.y + i, style: i + top == 0 ? state.theme.accent : state.theme.text, clip: inner)
    }
    let more = lines.count > inner.height ? " ↑↓ \(top + 1)-\(min(lines.count, top + inner.height))/\(lines.count) " : ""
    buffer.put(more + " Esc: back to the maps ", x: box.x + 2, y: box.maxY - 1, style: state.theme.muted, clip: box)
}

extension Heatmap {
    /// A heatmap of a `[H, W]` tensor.
    init(tensor2D t: Tensor, palette: HeatmapPalette, mode: Mode) {
        let h = t.rank >= 2 ? t.shape[t.rank - 2] : 1, w = t.shape[t.rank - 1]
        self.init(values: Array(t.storage.prefix(h * w)), rows: h, columns: w, palette: palette, mode: mode)
    }
}

/// The view's keys; footer and help are read from them. With the explanation panel open the
/// arrows scroll it.
let networkViewKeyMap = KeyMap<NetworkViewState, NetworkViewAction>(sections: [
    ("Pointing at a number", [
        KeyBinding([.left, .right, .up, .down], "←↑↓→", "move over the cells (on to the next map or layer at an edge)", footer: ("←↑↓→", "move", rank: 0)) { key, view in
            if view.panel != nil {
                return key == .up ? .panelScrolled(by: -1) : key == .down ? .panelScrolled(by: 1) : nil
            }
            switch key {
            case .left: return .cursorMoved(rows: 0, columns: -1)
            case .right: return .cursorMoved(rows: 0, columns: 1)
            case .up: return .cursorMoved(rows: -1, columns: 0)
            default: return .cursorMoved(rows: 1, columns: 0)
            }
        },
        KeyBinding([.tab, .backTab], "Tab Shift-Tab", "next / previous layer", footer: ("Tab", "layer", rank: 3)) { key, view in
            view.panel != nil ? nil : .layerChanged(by: key == .tab ? 1 : -1)
        },
        KeyBinding([.character("]"), .character("[")], "] [", "next / previous map of the layer (maps that do not fit are paged)") { key, view in
            view.panel != nil ? nil : .mapChanged(by: key == .character("]") ? 1 : -1)
        },
        KeyBinding([.pageDown, .pageUp], "PgDn PgUp", "scroll the explanation") { key, view in
            view.panel == nil ? nil : .panelScrolled(by: key == .pageDown ? 10 : -10)
        },
        KeyBinding([.enter], "Enter", "explain the cell: conv → convolution lab, pool → pooling lab, dense and outputs → their sums", footer: ("Enter", "explain", rank: 1)) { _, view in
            view.panel != nil ? .panelClosed : .explainPressed
        },
    ]),
    ("Network view", [
        KeyBinding([.character("n"), .character("N")], "n N", "next / previous test sample", footer: ("n N", "sample", rank: 4)) { key, _ in
            key == .character("n") ? .nextSamplePressed : .previousSamplePressed
        },
        KeyBinding([.character("d")], "d", "switch data set (digits ↔ mnist)", footer: ("d", "data set", rank: 5), .datasetSwitched),
        KeyBinding([.character("s")], "s", "saliency: |∂score/∂pixel|, bright = matters", footer: ("s o", "overlays", rank: 6), .saliencyToggled),
        KeyBinding([.character("o")], "o", "occlusion: how far P(class) falls with each square hidden, bright = matters", .occlusionToggled),
        KeyBinding([.character("t")], "t", "train a network (live training)", footer: ("t", "train", rank: 7), .trainPressed),
    ]),
], globalsRank: 2)

let networkViewKeys = networkViewKeyMap.footer

let networkViewHelp = networkViewKeyMap.help

func networkViewKeyAction(for key: Key, in view: NetworkViewState) -> NetworkViewAction? {
    networkViewKeyMap.action(for: key, in: view)
}
