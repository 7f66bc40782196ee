import Foundation
import TinyCNN

/// What the network view says about the network it shows.
public struct NetworkAbout: Sendable, Equatable {
    /// The weights this is about (the view recomputes the accuracy when they change).
    var network: [Float]
    /// When it was trained, when known.
    public var trained: Date?
    /// Its accuracy on the view's test set.
    public var accuracy: Double?
    /// `demo` (trained in the background), `live` (the training screen), `train`, `saved`.
    public var origin: String?
}

extension NetworkViewState {
    /// The layers the cursor visits, top to bottom: the input, conv1, pool1, conv2, pool2, the
    /// hidden dense layer and the outputs. Convolution and dense layers are shown after their
    /// ReLU (the values passed on); Enter explains the convolution or dense unit, ReLU included.
    public static let cursorLayers = [NetworkCell.input, 0, 2, 3, 5, 7, 9]

    /// The index into `activations` of the values drawn for cursor layer `layer` (its ReLU's
    /// for conv and hidden dense layers); nil for the input and the outputs (probabilities).
    static func shownActivation(_ layer: Int) -> Int? {
        switch layer {
        case 0, 3, 7: return layer + 1
        case NetworkCell.input, 9: return nil
        default: return layer
        }
    }

    /// The shape of cursor layer `layer` (`[C, H, W]` or `[n]`).
    func shape(of layer: Int) -> [Int] { architecture.shape(ofLayer: layer) }

    /// The values drawn for cursor layer `layer`, flattened channel-first (empty before the
    /// forward pass).
    func shownValues(_ layer: Int) -> [Float] {
        if layer == NetworkCell.input { return test.map { Array($0.image(at: min(sampleIndex, max(0, $0.count - 1)))) } ?? [] }
        if layer == 9 { return probabilities }
        guard let i = Self.shownActivation(layer), i < activations.count else { return [] }
        return activations[i].storage
    }

    /// The cursor's cell's value in the forward pass (before the ReLU for conv and dense cells).
    public var cursorValue: Float? {
        let values = cursor.layer == NetworkCell.input ? shownValues(NetworkCell.input)
            : cursor.layer < activations.count ? activations[cursor.layer].storage : []
        let i = architecture.flatIndex(of: cursor)
        return i < values.count ? values[i] : nil
    }

    /// Keeps the cursor on a cell of a cursor layer of this view's net.
    mutating func clampCursor() {
        if !Self.cursorLayers.contains(cursor.layer) { cursor.layer = 0 }
        let s = shape(of: cursor.layer)
        if s.count == 3 {
            cursor.channel = min(max(0, cursor.channel), s[0] - 1)
            cursor.row = min(max(0, cursor.row), s[1] - 1)
            cursor.column = min(max(0, cursor.column), s[2] - 1)
        } else {
            cursor.channel = 0
            cursor.row = 0
            cursor.column = min(max(0, cursor.column), s[0] - 1)
        }
    }

    /// Arrow keys: a row or column within the map. Past the map's last column `→` goes on to
    /// the next map (and `←` back), so every cell of a layer is reached along one strip; past
    /// the top or bottom row `↑` `↓` go to the layer above or below.
    mutating func moveCursor(rows: Int, columns: Int) {
        let s = shape(of: cursor.layer)
        if rows != 0 {
            let row = cursor.row + rows
            if s.count == 1 || row < 0 || row >= s[1] {
                changeLayer(by: rows > 0 ? 1 : -1)
                return
            }
            cursor.row = row
        }
        if columns != 0 {
            let width = s.count == 3 ? s[2] : s[0]
            var column = cursor.column + columns
            if s.count == 3 && column >= width && cursor.channel + 1 < s[0] {
                cursor.channel += 1
                column = 0
            } else if s.count == 3 && column < 0 && cursor.channel > 0 {
                cursor.channel -= 1
                column = width - 1
            }
            cursor.column = min(max(0, column), width - 1)
        }
        clampCursor()
    }

    /// Tab / Shift-Tab (and `↑` `↓` past a map's edge): the next or previous layer, at the
    /// same place as near as it has one (the same relative row and column, the same map).
    mutating func changeLayer(by delta: Int) {
        let layers = Self.cursorLayers
        let i = layers.firstIndex(of: cursor.layer) ?? 0
        let j = min(max(0, i + delta), layers.count - 1)
        guard j != i else { return }
        let from = shape(of: cursor.layer), to = shape(of: layers[j])
        func scaled(_ v: Int, _ n: Int, _ m: Int) -> Int { n <= 1 ? 0 : min(m - 1, v * m / n) }
        var next = cursor
        next.layer = layers[j]
        switch (from.count, to.count) {
        case (3, 3):
            next.row = scaled(cursor.row, from[1], to[1])
            next.column = scaled(cursor.column, from[2], to[2])
            next.channel = to[0] == 1 ? 0 : from[0] == 1 ? 0 : min(cursor.channel, to[0] - 1)
        case (3, _):
            next = NetworkCell(layer: layers[j], unit: 0)
        case (_, 3):
            next = NetworkCell(layer: layers[j], channel: 0, row: to[1] / 2, column: to[2] / 2)
        default:
            next = NetworkCell(layer: layers[j], unit: min(cursor.unit, to[0] - 1))
        }
        cursor = next
        clampCursor()
    }

    /// `]` `[`: the next or previous map of the cursor's layer (same row and column).
    mutating func changeMap(by delta: Int) -> String? {
        let s = shape(of: cursor.layer)
        guard s.count == 3, s[0] > 1 else { return "\(architecture.layerName(cursor.layer)) has \(s.count == 3 ? "one map" : "no maps (it is a row of units)")" }
        cursor.channel = (cursor.channel + delta + s[0]) % s[0]
        return nil
    }

    /// Where the cursor is, for the line above the maps: `conv2 map 5 (1, 0) = 1.2468, after
    /// ReLU 1.2468`.
    public var cursorDescription: String {
        let name = cursor.layer == 9 ? "output" : architecture.layerName(cursor.layer)
        let s = shape(of: cursor.layer)
        var text = s.count == 3
            ? "\(name)\(s[0] > 1 ? " map \(cursor.channel)" : "") row \(cursor.row), col \(cursor.column)"
            : cursor.layer == 9 ? "\(name) class \(cursor.unit)" : "\(name) unit \(cursor.unit)"
        guard let v = cursorValue else { return text }
        text += " = " + CellExplanation.text(v)
        switch cursor.layer {
        case 0, 3, 7: text += ", after ReLU " + CellExplanation.text(max(0, v))
        case 9 where cursor.unit < probabilities.count: text += " (logit), P = " + CellExplanation.text(probabilities[cursor.unit])
        default: break
        }
        return text
    }
}
