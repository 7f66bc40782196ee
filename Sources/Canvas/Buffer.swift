/// A grid of cells that a screen is drawn into before the terminal layer shows it.
///
/// Every drawing call clips to the buffer (and to an optional clip rectangle), so a render can
/// never write outside its area or trap on a small window.
public struct Buffer: Hashable, Sendable {
    public private(set) var width: Int
    public private(set) var height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, filler: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: filler, count: self.width * self.height)
    }

    /// A buffer holding the given lines (for tests): each line padded with blanks to `width`.
    public init(lines: [String], width: Int? = nil) {
        let w = width ?? lines.map { TextWidth.of($0) }.max() ?? 0
        self.init(width: w, height: lines.count)
        for (y, line) in lines.enumerated() { put(line, x: 0, y: y) }
    }

    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get {
            guard x >= 0, y >= 0, x < width, y < height else { return .blank }
            return cells[y * width + x]
        }
        set {
            guard x >= 0, y >= 0, x < width, y < height else { return }
            cells[y * width + x] = newValue
        }
    }

    /// Sets the style of every cell in `rect` (keeping the glyphs).
    public mutating func setStyle(_ style: Style, in rect: Rect) {
        let r = rect.intersection(area)
        guard !r.isEmpty else { return }
        for y in r.y..<r.maxY {
            for x in r.x..<r.maxX { cells[y * width + x].style = style }
        }
    }

    /// Fills `rect` with one cell.
    public mutating func fill(_ rect: Rect, with cell: Cell = .blank) {
        let r = rect.intersection(area)
        guard !r.isEmpty else { return }
        for y in r.y..<r.maxY {
            for x in r.x..<r.maxX { cells[y * width + x] = cell }
        }
    }

    /// Writes `text` on one row from `x`, clipped to `clip` (default: the whole buffer). Control
    /// characters are shown as `?`; a wide character that would straddle the clip edge is dropped.
    /// Returns the column after the last one written (or that would have been written).
    @discardableResult
    public mutating func put(_ text: some StringProtocol, x: Int, y: Int, style: Style = .plain, clip: Rect? = nil) -> Int {
        let bounds = (clip ?? area).intersection(area)
        var col = x
        guard y >= bounds.y, y < bounds.maxY else { return x + TextWidth.of(text) }
        for ch in text {
            var glyph = String(ch)
            var w = TextWidth.of(ch)
            if w == 0 {
                if ch.unicodeScalars.allSatisfy({ $0.value < 0x20 || ($0.value >= 0x7F && $0.value < 0xA0) }) {
                    glyph = "?"
                    w = 1
                } else {
                    continue
                }
            }
            if col >= bounds.x, col + w <= bounds.maxX {
                // Overwriting half of a wide character leaves a blank, not half a glyph.
                if cells[y * width + col].isContinuation, col > 0 {
                    cells[y * width + col - 1] = Cell(" ", style: cells[y * width + col - 1].style)
                }
                cells[y * width + col] = Cell(glyph, style: style)
                if w == 2 { cells[y * width + col + 1] = .continuation }
            }
            col += w
            if col >= bounds.maxX { break }
        }
        return col
    }

    /// Copies another buffer in at (`x`, `y`), clipped.
    public mutating func blit(_ other: Buffer, x: Int, y: Int) {
        for oy in 0..<other.height {
            for ox in 0..<other.width { self[x + ox, y + oy] = other[ox, oy] }
        }
    }

    /// The text of each row (continuation cells skipped), trailing blanks trimmed unless asked.
    public func lines(trimmingTrailingSpaces trim: Bool = true) -> [String] {
        (0..<height).map { y in
            var s = ""
            for x in 0..<width {
                let c = cells[y * width + x]
                if !c.isContinuation { s += c.glyph }
            }
            if trim { while s.last == " " { s.removeLast() } }
            return s
        }
    }

    /// The whole buffer as text, one row a line.
    public var text: String { lines().joined(separator: "\n") }

    /// One changed cell: where, and what it is now.
    public struct Change: Hashable, Sendable {
        public var x: Int
        public var y: Int
        public var cell: Cell
    }

    /// The cells of `self` that differ from `previous`, row by row, left to right. When the sizes
    /// differ every cell is a change (the terminal was cleared).
    public func diff(from previous: Buffer?) -> [Change] {
        var changes: [Change] = []
        guard let previous, previous.width == width, previous.height == height else {
            changes.reserveCapacity(cells.count)
            for y in 0..<height {
                for x in 0..<width where !cells[y * width + x].isContinuation {
                    changes.append(Change(x: x, y: y, cell: cells[y * width + x]))
                }
            }
            return changes
        }
        for i in 0..<cells.count where cells[i] != previous.cells[i] {
            let x = i % width, y = i / width
            if cells[i].isContinuation {
                // The wide glyph to its left covers it; make sure that glyph is redrawn.
                if x > 0, changes.last.map({ $0.x != x - 1 || $0.y != y }) ?? true {
                    changes.append(Change(x: x - 1, y: y, cell: cells[i - 1]))
                }
                continue
            }
            changes.append(Change(x: x, y: y, cell: cells[i]))
        }
        return changes
    }
}
