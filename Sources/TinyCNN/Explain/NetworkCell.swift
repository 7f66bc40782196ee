/// One number of a demo network's forward pass: a pixel of the input, a cell of a layer's maps
/// (channel, row, column), or a unit of a vector layer (flatten, dense, the outputs).
///
/// Layers are named as `DemoArchitecture.layerNames` names them (`conv1` … `dense2`), plus
/// `input` for the image; `output` is another name for `dense2`. All indices are 0-based, as
/// PyTorch counts them.
public struct NetworkCell: Hashable, Sendable, Encodable, CustomStringConvertible {
    /// Index into `architecture.layers`; -1 is the input image.
    public var layer: Int
    /// The map (channel) for image-shaped layers; 0 for vector layers.
    public var channel: Int
    public var row: Int
    /// The column for image-shaped layers; the unit index for vector layers.
    public var column: Int

    /// The input layer's index.
    public static let input = -1

    /// A cell of an image-shaped layer (the input, conv, relu and pool layers).
    public init(layer: Int, channel: Int, row: Int, column: Int) {
        self.layer = layer
        self.channel = channel
        self.row = row
        self.column = column
    }

    /// A unit of a vector layer (flatten, dense, relu after dense).
    public init(layer: Int, unit: Int) {
        self.init(layer: layer, channel: 0, row: 0, column: unit)
    }

    /// For vector layers, the unit index.
    public var unit: Int { column }

    public var description: String { "layer \(layer) channel \(channel) (\(row), \(column))" }
}

extension DemoArchitecture {
    /// The shape of layer `layer`'s output (`[C, H, W]` or `[n]`); the input's for -1.
    public func shape(ofLayer layer: Int) -> [Int] {
        layer == NetworkCell.input ? [1, side, side] : layerOutputShapes[layer]
    }

    /// The layer index of a name: `input`, a layer name (`conv2`), or `output` (the last layer).
    public func layerIndex(named name: String) -> Int? {
        switch name.lowercased() {
        case "input": return NetworkCell.input
        case "output", "outputs", "logits": return layers.count - 1
        default: return layerNames.firstIndex(of: name.lowercased())
        }
    }

    /// The name shown for layer `layer` (`input` for -1).
    public func layerName(_ layer: Int) -> String {
        layer == NetworkCell.input ? "input" : layerNames[layer]
    }

    /// Whether `cell` lies inside its layer's output.
    public func contains(_ cell: NetworkCell) -> Bool {
        guard cell.layer >= NetworkCell.input, cell.layer < layers.count else { return false }
        let s = shape(ofLayer: cell.layer)
        if s.count == 3 {
            return (0..<s[0]).contains(cell.channel) && (0..<s[1]).contains(cell.row) && (0..<s[2]).contains(cell.column)
        }
        return cell.channel == 0 && cell.row == 0 && (0..<s[0]).contains(cell.column)
    }

    /// The index of `cell` in its layer's flattened output (channel-first, as PyTorch stores it).
    public func flatIndex(of cell: NetworkCell) -> Int {
        let s = shape(ofLayer: cell.layer)
        return s.count == 3 ? (cell.channel * s[1] + cell.row) * s[2] + cell.column : cell.column
    }
}
