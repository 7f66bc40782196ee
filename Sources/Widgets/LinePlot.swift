import Canvas

/// One line of a plot: its name (for the legend), its points and how it is drawn.
public struct PlotSeries: Sendable {
    public var name: String
    /// (x, y) points in drawing order; non-finite points break the line.
    public var points: [(x: Double, y: Double)]
    public var color: Color
    /// The character that draws this series in ASCII mode (`*`, `o`, ...).
    public var marker: Character
    /// How the series is drawn: a line through its points, or its points alone (one glyph a
    /// point, `●` with Unicode, the marker in ASCII), so that two series differ in shape as
    /// well as colour.
    public var drawing: Drawing

    public enum Drawing: Sendable, Equatable {
        case line, points
    }

    public init(name: String, points: [(x: Double, y: Double)], color: Color, marker: Character, drawing: Drawing = .line) {
        self.name = name
        self.points = points
        self.color = color
        self.marker = marker
        self.drawing = drawing
    }

    /// A series of `values` at x = 0, 1, 2, ...
    public init(name: String, values: [Double], color: Color, marker: Character) {
        self.init(name: name, points: values.enumerated().map { (Double($0.offset), $0.element) }, color: color, marker: marker)
    }
}

/// A line plot with a y axis on the left, the x range underneath and a legend on top.
///
/// With Unicode the lines are drawn in braille dots (2×4 per cell); in ASCII each series uses
/// its marker character at cell resolution, so series stay apart without colour.
public struct LinePlot: Sendable {
    public var series: [PlotSeries]
    /// The y range; nil fits the data (with a little headroom).
    public var yRange: ClosedRange<Double>?
    /// The x range; nil fits the data.
    public var xRange: ClosedRange<Double>?
    /// Shown after the x range, e.g. `steps`.
    public var xLabel: String
    /// How the y labels print (e.g. as a percentage).
    public var yFormat: @Sendable (Double) -> String

    public init(series: [PlotSeries], yRange: ClosedRange<Double>? = nil, xRange: ClosedRange<Double>? = nil,
                xLabel: String = "", yFormat: @escaping @Sendable (Double) -> String = { NumberText.compact($0) }) {
        self.series = series
        self.yRange = yRange
        self.xRange = xRange
        self.xLabel = xLabel
        self.yFormat = yFormat
    }

    /// The ranges actually drawn.
    public func ranges() -> (x: ClosedRange<Double>, y: ClosedRange<Double>) {
        var xlo = Double.infinity, xhi = -Double.infinity, ylo = Double.infinity, yhi = -Double.infinity
        for s in series {
            for p in s.points where p.x.isFinite && p.y.isFinite {
                xlo = min(xlo, p.x); xhi = max(xhi, p.x)
                ylo = min(ylo, p.y); yhi = max(yhi, p.y)
            }
        }
        var x = xRange ?? (xlo <= xhi ? xlo...max(xhi, xlo + 1) : 0...1)
        if x.lowerBound == x.upperBound { x = x.lowerBound...(x.lowerBound + 1) }
        var y: ClosedRange<Double>
        if let yRange {
            y = yRange
        } else if ylo <= yhi {
            // Values that cannot go negative (losses, rates) keep zero as the floor.
            let pad = max((yhi - ylo) * 0.05, 1e-6)
            y = (ylo >= 0 ? max(0, ylo - pad) : ylo - pad)...(yhi + pad)
        } else {
            y = 0...1
        }
        if y.lowerBound == y.upperBound { y = y.lowerBound...(y.lowerBound + 1) }
        return (x, y)
    }

    /// Draws into `area`: legend row, plot rows, x-range row.
    public func render(in area: Rect, into buffer: inout Buffer, capabilities: Capabilities) {
        guard area.width >= 12, area.height >= 4 else { return }
        let theme = capabilities.theme
        let (xr, yr) = ranges()
        // Legend.
        var lx = area.x
        for s in series {
            let mark = s.drawing == .points ? Self.pointGlyph(s, capabilities) : capabilities.unicode ? "━━" : "\(s.marker)\(s.marker)"
            lx = buffer.put(mark, x: lx, y: area.y, style: seriesStyle(s, capabilities), clip: area)
            lx = buffer.put(" \(s.name)  ", x: lx, y: area.y, style: theme.muted, clip: area)
        }
        let top = yFormat(yr.upperBound), bottom = yFormat(yr.lowerBound)
        let labelWidth = max(top.count, bottom.count)
        let plot = Rect(x: area.x + labelWidth + 1, y: area.y + 1, width: area.width - labelWidth - 1, height: area.height - 2)
        guard plot.width > 1, plot.height > 0 else { return }
        buffer.put(String(repeating: " ", count: labelWidth - top.count) + top, x: area.x, y: plot.y, style: theme.muted, clip: area)
        buffer.put(String(repeating: " ", count: labelWidth - bottom.count) + bottom, x: area.x, y: plot.maxY - 1, style: theme.muted, clip: area)
        let axis = capabilities.unicode ? "│" : "|"
        for y in plot.y..<plot.maxY { buffer.put(axis, x: plot.x - 1, y: y, style: theme.border, clip: area) }
        let canvas = plot
        let xText = "\(NumberText.compact(xr.lowerBound))"
        let xEnd = "\(NumberText.compact(xr.upperBound))\(xLabel.isEmpty ? "" : " " + xLabel)"
        buffer.put(xText, x: canvas.x, y: area.maxY - 1, style: theme.muted, clip: area)
        buffer.put(xEnd, x: max(canvas.x + xText.count + 1, canvas.maxX - xEnd.count), y: area.maxY - 1, style: theme.muted, clip: area)
        if capabilities.unicode {
            drawBraille(in: canvas, x: xr, y: yr, into: &buffer, capabilities: capabilities)
        } else {
            drawMarkers(in: canvas, x: xr, y: yr, into: &buffer, capabilities: capabilities)
        }
        drawPoints(in: canvas, x: xr, y: yr, into: &buffer, capabilities: capabilities)
    }

    /// The glyph of a point series: `●` with Unicode, else its marker.
    static func pointGlyph(_ s: PlotSeries, _ capabilities: Capabilities) -> String {
        capabilities.unicode ? "●" : String(s.marker)
    }

    /// Point series, one glyph a point at cell resolution, over the lines.
    private func drawPoints(in canvas: Rect, x xr: ClosedRange<Double>, y yr: ClosedRange<Double>, into buffer: inout Buffer, capabilities: Capabilities) {
        for s in series where s.drawing == .points {
            let cell = Cell(Self.pointGlyph(s, capabilities), style: seriesStyle(s, capabilities))
            for case let (dx, dy)? in dotPath(s, x: xr, y: yr, dotsX: canvas.width, dotsY: canvas.height) {
                buffer[canvas.x + dx, canvas.y + dy] = cell
            }
        }
    }

    private func seriesStyle(_ s: PlotSeries, _ capabilities: Capabilities) -> Style {
        capabilities.colorLevel == .none ? .bold : Style(foreground: s.color.downgraded(to: capabilities.colorLevel))
    }

    /// Each series' points in dot coordinates of a `dotsX`×`dotsY` grid (y down), with nil
    /// where the line breaks.
    private func dotPath(_ s: PlotSeries, x xr: ClosedRange<Double>, y yr: ClosedRange<Double>, dotsX: Int, dotsY: Int) -> [(Int, Int)?] {
        s.points.map { p in
            guard p.x.isFinite, p.y.isFinite else { return nil }
            let fx = (p.x - xr.lowerBound) / (xr.upperBound - xr.lowerBound)
            let fy = (p.y - yr.lowerBound) / (yr.upperBound - yr.lowerBound)
            let dx = Int((fx * Double(dotsX - 1)).rounded())
            let dy = dotsY - 1 - Int((fy * Double(dotsY - 1)).rounded())
            return (min(dotsX - 1, max(0, dx)), min(dotsY - 1, max(0, dy)))
        }
    }

    private func drawBraille(in canvas: Rect, x xr: ClosedRange<Double>, y yr: ClosedRange<Double>, into buffer: inout Buffer, capabilities: Capabilities) {
        let dotsX = canvas.width * 2, dotsY = canvas.height * 4
        var bits = [UInt8](repeating: 0, count: canvas.width * canvas.height)
        var owner = [Int](repeating: -1, count: canvas.width * canvas.height)
        let dotBit: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]
        for (k, s) in series.enumerated() where s.drawing == .line {
            var last: (Int, Int)?
            for point in dotPath(s, x: xr, y: yr, dotsX: dotsX, dotsY: dotsY) {
                guard let p = point else { last = nil; continue }
                Self.line(from: last ?? p, to: p) { dx, dy in
                    let cell = (dy / 4) * canvas.width + dx / 2
                    bits[cell] |= dotBit[dx % 2][dy % 4]
                    owner[cell] = k
                }
                last = p
            }
        }
        for cy in 0..<canvas.height {
            for cx in 0..<canvas.width {
                let i = cy * canvas.width + cx
                guard bits[i] != 0, let scalar = Unicode.Scalar(0x2800 + UInt32(bits[i])) else { continue }
                buffer[canvas.x + cx, canvas.y + cy] = Cell(String(Character(scalar)), style: seriesStyle(series[owner[i]], capabilities))
            }
        }
    }

    private func drawMarkers(in canvas: Rect, x xr: ClosedRange<Double>, y yr: ClosedRange<Double>, into buffer: inout Buffer, capabilities: Capabilities) {
        for s in series where s.drawing == .line {
            var last: (Int, Int)?
            let style = seriesStyle(s, capabilities)
            for point in dotPath(s, x: xr, y: yr, dotsX: canvas.width, dotsY: canvas.height) {
                guard let p = point else { last = nil; continue }
                Self.line(from: last ?? p, to: p) { dx, dy in
                    buffer[canvas.x + dx, canvas.y + dy] = Cell(String(s.marker), style: style)
                }
                last = p
            }
        }
    }

    /// Bresenham's line between two dots, both ends included.
    static func line(from a: (Int, Int), to b: (Int, Int), _ plot: (Int, Int) -> Void) {
        var (x0, y0) = a
        let (x1, y1) = b
        let dx = abs(x1 - x0), sx = x0 < x1 ? 1 : -1
        let dy = -abs(y1 - y0), sy = y0 < y1 ? 1 : -1
        var err = dx + dy
        while true {
            plot(x0, y0)
            if x0 == x1 && y0 == y1 { return }
            let e2 = 2 * err
            if e2 >= dy { err += dy; x0 += sx }
            if e2 <= dx { err += dx; y0 += sy }
        }
    }
}
