import Canvas
import TinyCNN
import Widgets

/// Where the network view's maps go: the input (and an overlay) in a column on the left, one
/// strip per layer on the right. Each strip gets its maps' natural height when everything fits
/// and a fair share of the rows when not; maps that do not fit side by side are paged (the
/// page holding the cursor, or the receptive field's channel, is shown, with `5-8/16` saying
/// which), and a map larger than its room scrolls to the cursor or to the receptive field.
struct NetworkViewLayout {
    let view: NetworkViewState
    let field: ReceptiveField
    let capabilities: Capabilities
    let theme: Theme

    /// The strips' layers, top to bottom (the cursor layers after the input).
    static let stripLayers = Array(NetworkViewState.cursorLayers.dropFirst())
    /// Columns of a strip's label (`dense1 `).
    static let labelWidth = 7

    func draw(in body: Rect, into buffer: inout Buffer) {
        let left = drawInputColumn(in: body, into: &buffer)
        let right = Rect(x: left.maxX + 2, y: body.y, width: body.maxX - left.maxX - 2, height: body.height)
        guard right.width > Self.labelWidth + 4 else { return }
        let natural = Self.stripLayers.map { naturalHeight($0) }
        let gaps = natural.reduce(0, +) + natural.count - 1 <= right.height ? 1 : 0
        let heights = Self.share(natural, rows: right.height - gaps * (natural.count - 1))
        var y = right.y
        for (layer, height) in zip(Self.stripLayers, heights) where height > 0 {
            drawStrip(layer, in: Rect(x: right.x, y: y, width: right.width, height: height), into: &buffer)
            y += height + gaps
        }
    }

    /// Heights for strips of `natural` heights in `rows` rows: all natural when they fit, else
    /// the largest cap that fits (every strip at least one row while rows last).
    static func share(_ natural: [Int], rows: Int) -> [Int] {
        guard natural.reduce(0, +) > rows else { return natural }
        var cap = natural.max() ?? 0
        while cap > 1 && natural.reduce(0, { $0 + min($1, cap) }) > rows { cap -= 1 }
        var heights = natural.map { min($0, cap) }
        // Rows the cap left over go to the tallest maps, top first.
        var spare = rows - heights.reduce(0, +)
        for i in heights.indices where spare > 0 && heights[i] < natural[i] {
            heights[i] += 1
            spare -= 1
        }
        // Too few rows for one each: the last strips go.
        var used = 0
        return heights.map { h in
            let shown = used + h <= rows ? h : 0
            used += shown
            return shown
        }
    }

    // MARK: The input column

    /// Draws the input (and the overlay, under it or in its place) and returns the column.
    private func drawInputColumn(in body: Rect, into buffer: inout Buffer) -> Rect {
        let side = view.architecture.side
        let image = view.shownValues(NetworkCell.input)
        let input = mapHeatmap(image, rows: side, columns: side, range: 0...1)
        let natural = input.size(capabilities)
        let width = min(max(19, natural.width), max(19, body.width * 2 / 5))
        let column = Rect(x: body.x, y: body.y, width: width, height: body.height)
        var y = column.y
        let overlay: (title: String, map: Tensor)? = view.overlayMap.map {
            (view.overlay == .saliency ? "saliency" : "occlusion", $0)
        }
        let overlayNeeds = overlay == nil ? 0 : 2 + natural.height
        if overlay == nil || 1 + natural.height + 1 + overlayNeeds <= column.height {
            buffer.put("input \(side)×\(side)", x: column.x, y: y, style: inputStyle, clip: column)
            let h = min(natural.height, column.maxY - y - 1)
            drawMap(input, layer: NetworkCell.input, channel: 0, in: Rect(x: column.x, y: y + 1, width: column.width, height: h), into: &buffer)
            y += h + 1
            // The cursor's receptive field, outlined on the maps, in words under the input.
            if let r = field.input, view.cursor.layer != NetworkCell.input {
                let cut = r.height != r.nominal.height || r.width != r.nominal.width
                let room = column.maxY - y - (overlay == nil ? 0 : overlayNeeds + 1)
                if room >= 1 {
                    buffer.put("field: \(r.height)×\(r.width) pixels", x: column.x, y: y, style: theme.accent, clip: column)
                    y += 1
                }
                if cut && room >= 2 {
                    buffer.put("(\(r.nominal.height)×\(r.nominal.width) in the middle)", x: column.x, y: y, style: theme.muted, clip: column)
                    y += 1
                }
            }
            y += 1
        }
        if let overlay {
            buffer.put(overlay.title, x: column.x, y: y, style: theme.heading, clip: column)
            buffer.put("bright = matters", x: column.x, y: y + 1, style: theme.muted, clip: column)
            let values = overlay.map.storage
            let map = mapHeatmap(values, rows: side, columns: side, range: nil)
            drawMap(map, layer: NetworkCell.input, channel: 0,
                    in: Rect(x: column.x, y: y + 2, width: column.width, height: max(0, min(natural.height, column.maxY - y - 2))), into: &buffer)
        }
        return column
    }

    private var inputStyle: Style { view.cursor.layer == NetworkCell.input ? theme.accent : theme.heading }

    // MARK: Strips

    /// The rows a layer's maps need in full.
    private func naturalHeight(_ layer: Int) -> Int {
        let s = view.shape(of: layer)
        guard s.count == 3 else { return 1 }
        return mapHeatmap([Float](repeating: 0, count: s[1] * s[2]), rows: s[1], columns: s[2], range: 0...1).size(capabilities).height
    }

    private func drawStrip(_ layer: Int, in strip: Rect, into buffer: inout Buffer) {
        let a = view.architecture
        let s = view.shape(of: layer)
        let values = view.shownValues(layer)
        let here = view.cursor.layer == layer
        // The outputs are the class probabilities, in per cent.
        let name = layer == 9 ? "P(class) %" : a.layerName(layer)
        buffer.put(name, x: strip.x, y: strip.y, style: here ? theme.accent : theme.heading, clip: strip)
        let indent = max(Self.labelWidth, TextWidth.of(name) + 1)
        let maps = Rect(x: strip.x + indent, y: strip.y, width: strip.width - indent, height: strip.height)
        guard values.count == s.reduce(1, *), maps.width > 0 else { return }
        if s.count == 1 {
            drawUnits(layer, values: values, in: maps, into: &buffer)
            return
        }
        let (channels, rows, columns) = (s[0], s[1], s[2])
        let range = HeatmapPalette.sequential.autoRange(of: values)
        let natural = mapHeatmap([Float](repeating: 0, count: rows * columns), rows: rows, columns: columns, range: range).size(capabilities)
        let mapWidth = min(natural.width, maps.width)
        var perPage = max(1, (maps.width + 1) / (mapWidth + 1))
        var indicatorInLabel = strip.height >= 2
        if channels > perPage && !indicatorInLabel {
            perPage = max(1, (maps.width - 9 + 1) / (mapWidth + 1))
        }
        indicatorInLabel = indicatorInLabel || perPage == 0
        // The page holding the cursor; on another layer, the one holding the field's channel.
        let focusChannel = here ? view.cursor.channel : (field.region(on: layer)?.channel ?? 0)
        let first = (focusChannel / perPage) * perPage
        let shown = first..<min(channels, first + perPage)
        for (i, c) in shown.enumerated() {
            let map = mapHeatmap(Array(values[(c * rows * columns)..<((c + 1) * rows * columns)]), rows: rows, columns: columns, range: range)
            drawMap(map, layer: layer, channel: c,
                    in: Rect(x: maps.x + i * (mapWidth + 1), y: maps.y, width: mapWidth, height: strip.height), into: &buffer)
        }
        if channels > shown.count {
            let text = shown.count == 1 ? "\(shown.lowerBound + 1)/\(channels)" : "\(shown.lowerBound + 1)-\(shown.upperBound)/\(channels)"
            if indicatorInLabel {
                buffer.put(text, x: strip.x, y: strip.y + 1, style: theme.muted, clip: strip)
            } else {
                buffer.put("‹" + text + "›", x: maps.x + shown.count * (mapWidth + 1), y: strip.y, style: theme.muted, clip: strip)
            }
        }
    }

    /// A row of units: the hidden layer as colours, the outputs as percentages.
    private func drawUnits(_ layer: Int, values: [Float], in area: Rect, into buffer: inout Buffer) {
        var map: Heatmap
        if layer == 9 {
            map = Heatmap(values: values.map { ($0 * 100).rounded() }, rows: 1, columns: values.count, palette: .sequential, mode: .numbers, range: 0...100)
            map.decimals = 0
        } else {
            map = Heatmap(values: values, rows: 1, columns: values.count, palette: .sequential,
                          mode: capabilities.unicode ? .halfBlocks : .cells, range: HeatmapPalette.sequential.autoRange(of: values))
        }
        drawMap(map, layer: layer, channel: 0, in: Rect(x: area.x, y: area.y, width: area.width, height: 1), into: &buffer)
    }

    /// A map as the view draws it: half blocks (two rows a line) where the terminal has them.
    private func mapHeatmap(_ values: [Float], rows: Int, columns: Int, range: ClosedRange<Float>?) -> Heatmap {
        Heatmap(values: values, rows: rows, columns: columns, palette: .sequential, mode: .halfBlocks, range: range)
    }

    /// Draws the part of `map` that fits `area`, scrolled to the cursor (on this map) or to the
    /// receptive field; the field's cells are marked, the cursor's cell stands out.
    private func drawMap(_ map: Heatmap, layer: Int, channel: Int, in area: Rect, into buffer: inout Buffer) {
        guard area.width > 0, area.height > 0, map.rows > 0, map.columns > 0 else { return }
        let mode = map.effectiveMode(capabilities)
        let rowsPerLine = mode == .halfBlocks ? 2 : 1
        let columnWidth = map.columnWidth(capabilities)
        let visibleRows = min(map.rows, area.height * rowsPerLine), visibleColumns = min(map.columns, max(1, area.width / columnWidth))
        let isCursorMap = view.cursor.layer == layer && (view.shape(of: layer).count == 1 || view.cursor.channel == channel)
        let region = field.region(on: layer)
        let regionShown = region.map { r in r.covers(channel: channel, row: r.rows.lowerBound, column: r.columns.lowerBound)
            && (r.height < map.rows || r.width < map.columns) } ?? false
        let focus: (row: Int, column: Int)
        if isCursorMap {
            focus = (view.cursor.row, view.cursor.column)
        } else if let r = region, regionShown {
            focus = ((r.rows.lowerBound + r.rows.upperBound) / 2, (r.columns.lowerBound + r.columns.upperBound) / 2)
        } else {
            focus = (0, 0)
        }
        var top = min(max(0, focus.row - visibleRows / 2), map.rows - visibleRows)
        if rowsPerLine == 2 && top % 2 == 1 && top + visibleRows < map.rows { top += 1 } else if rowsPerLine == 2 && top % 2 == 1 { top -= 1 }
        top = max(0, top)
        let leftColumn = min(max(0, focus.column - visibleColumns / 2), map.columns - visibleColumns)
        var part = map
        part.rows = min(visibleRows, map.rows - top)
        part.columns = visibleColumns
        part.values = (top..<(top + part.rows)).flatMap { r in map.values[(r * map.columns + leftColumn)..<(r * map.columns + leftColumn + visibleColumns)] }
        part.marked = []
        part.emphasized = []
        if let r = region, regionShown {
            for row in r.rows where row >= top && row < top + part.rows {
                for column in r.columns where column >= leftColumn && column < leftColumn + visibleColumns {
                    part.marked.insert((row - top) * visibleColumns + column - leftColumn)
                }
            }
        }
        let cursorIndex: Int? = isCursorMap && view.cursor.row >= top && view.cursor.row < top + part.rows
            && view.cursor.column >= leftColumn && view.cursor.column < leftColumn + visibleColumns
            ? (view.cursor.row - top) * visibleColumns + view.cursor.column - leftColumn : nil
        if let i = cursorIndex, mode != .halfBlocks {
            part.marked.remove(i)
            part.emphasized.insert(i)
        }
        part.render(in: area, into: &buffer, capabilities: capabilities)
        // Half blocks cannot underline one of their two values: the cursor's half is drawn in
        // magenta instead (the field's cells are tinted yellow).
        if let i = cursorIndex, mode == .halfBlocks {
            let x = area.x + i % visibleColumns, y = area.y + (i / visibleColumns) / 2
            guard area.contains(x: x, y: y), buffer.area.contains(x: x, y: y) else { return }
            var cell = buffer[x, y]
            let color: Color = capabilities.colorLevel == .indexed256 ? .indexed(201) : .brightMagenta
            if (i / visibleColumns) % 2 == 0 { cell.style.foreground = color } else { cell.style.background = color }
            buffer[x, y] = cell
        }
    }
}
