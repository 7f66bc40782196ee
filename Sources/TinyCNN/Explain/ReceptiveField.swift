/// The part of each earlier map that a demo-network cell depends on: its receptive field.
///
/// Traced back layer by layer: a 3×3 convolution with padding 1 widens a region by one cell on
/// every side (and reaches every channel below), a 2×2 pool doubles it (on its own channel), a
/// dense unit reaches all of the map below. `nominal` is the size the field would have on an
/// endless input; `rows`/`columns` are clipped to the map (a corner cell's field is cut by the
/// border, where the padding was).
public struct ReceptiveField: Sendable, Equatable {
    /// The field on one earlier map.
    public struct Region: Sendable, Equatable {
        /// The map's layer (-1: the input image).
        public var layer: Int
        /// The one channel the field lies on, or nil for all of the layer's channels.
        public var channel: Int?
        /// The rows and columns covered, clipped to the map.
        public var rows: ClosedRange<Int>
        public var columns: ClosedRange<Int>
        /// The size on an endless input (height, width), before clipping.
        public var nominal: (height: Int, width: Int)

        public var height: Int { rows.count }
        public var width: Int { columns.count }

        public static func == (a: Region, b: Region) -> Bool {
            a.layer == b.layer && a.channel == b.channel && a.rows == b.rows && a.columns == b.columns && a.nominal == b.nominal
        }

        /// Whether the region covers (`row`, `column`) of channel `channel` of its layer.
        public func covers(channel c: Int, row: Int, column: Int) -> Bool {
            (channel == nil || channel == c) && rows.contains(row) && columns.contains(column)
        }
    }

    /// The cell whose field this is.
    public let cell: NetworkCell
    /// One region per image-shaped layer below the cell, nearest first, ending with the input.
    public let regions: [Region]

    /// The region on the input image.
    public var input: Region? { regions.last { $0.layer == NetworkCell.input } }

    /// The region on layer `layer`, if the field reaches it.
    public func region(on layer: Int) -> Region? { regions.first { $0.layer == layer } }

    /// `5×5 pixels of the input`, with the nominal size when the border cut it:
    /// `6×6 pixels of the input (8×8 without the border)`.
    public var summary: String {
        guard let r = input else { return "" }
        let size = "\(r.height)×\(r.width) pixel\(r.height * r.width == 1 ? "" : "s") of the input"
        if r.height == r.nominal.height && r.width == r.nominal.width { return size }
        return size + " (\(r.nominal.height)×\(r.nominal.width) without the border)"
    }
}

extension DemoArchitecture {
    /// The receptive field of `cell` on the input and on every image-shaped layer between.
    /// - Precondition: `contains(cell)`.
    public func receptiveField(of cell: NetworkCell) -> ReceptiveField {
        precondition(contains(cell), "DemoArchitecture.receptiveField: \(cell) is outside the \(name) net")
        // The region on the current layer: unclipped bounds (for the nominal size) and clipped.
        var top = cell.row, bottom = cell.row, left = cell.column, right = cell.column
        var channel: Int? = cell.channel
        // A unit of a vector layer sees all of every map below: its field has no nominal size
        // beyond the maps themselves.
        let vector = shape(ofLayer: cell.layer).count == 1
        var whole = vector
        var regions: [ReceptiveField.Region] = []
        if cell.layer == NetworkCell.input {
            regions.append(ReceptiveField.Region(layer: cell.layer, channel: nil, rows: cell.row...cell.row,
                                                 columns: cell.column...cell.column, nominal: (1, 1)))
        }
        var layer = cell.layer
        while layer >= 0 {
            switch layers[layer] {
            case .conv:
                top -= 1; bottom += 1; left -= 1; right += 1
                channel = nil
            case .pool:
                top *= 2; bottom = 2 * bottom + 1; left *= 2; right = 2 * right + 1
            case .relu, .flatten, .dense:
                break
            }
            layer -= 1
            let s = shape(ofLayer: layer)
            guard s.count == 3 else { continue }
            if whole {
                // A dense unit (or anything after flatten) sees every cell of every map below.
                top = 0; bottom = s[1] - 1; left = 0; right = s[2] - 1
                channel = nil
                whole = false
            }
            // A ReLU's output has the same field as its input: report the first of a pair once.
            if layer >= 0, case .relu = layers[layer] { continue }
            let rows = max(0, top)...min(s[1] - 1, bottom), columns = max(0, left)...min(s[2] - 1, right)
            regions.append(ReceptiveField.Region(
                layer: layer, channel: s[0] == 1 ? nil : channel, rows: rows, columns: columns,
                nominal: vector ? (rows.count, columns.count) : (bottom - top + 1, right - left + 1)))
        }
        return ReceptiveField(cell: cell, regions: regions)
    }
}
