/// A terminal colour: the terminal's default, one of the 16 basic colours, or one of the 256
/// indexed colours (16-231 a 6×6×6 cube, 232-255 a grey ramp).
public enum Color: Hashable, Sendable {
    case `default`
    case basic(UInt8)
    case indexed(UInt8)

    public static let black = Color.basic(0), red = Color.basic(1), green = Color.basic(2)
    public static let yellow = Color.basic(3), blue = Color.basic(4), magenta = Color.basic(5)
    public static let cyan = Color.basic(6), white = Color.basic(7)
    public static let brightBlack = Color.basic(8), brightRed = Color.basic(9)
    public static let brightGreen = Color.basic(10), brightYellow = Color.basic(11)
    public static let brightBlue = Color.basic(12), brightMagenta = Color.basic(13)
    public static let brightCyan = Color.basic(14), brightWhite = Color.basic(15)

    /// A colour of the 6×6×6 cube, each component 0...5.
    public static func cube(_ r: Int, _ g: Int, _ b: Int) -> Color {
        precondition((0...5).contains(r) && (0...5).contains(g) && (0...5).contains(b), "cube components are 0...5")
        return .indexed(UInt8(16 + 36 * r + 6 * g + b))
    }

    /// A grey of the 24-step ramp, 0 (dark) ... 23 (light).
    public static func grey(_ level: Int) -> Color {
        .indexed(UInt8(232 + min(23, max(0, level))))
    }

    /// The same colour as the terminal can show it at `level`.
    public func downgraded(to level: ColorLevel) -> Color {
        switch (self, level) {
        case (.default, _): return .default
        case (_, .none): return .default
        case (.basic(let n), .basic16), (.basic(let n), .indexed256): return .basic(n)
        case (.indexed(let n), .indexed256): return .indexed(n)
        case (.indexed(let n), .basic16): return .basic(Color.nearestBasic(toIndexed: n))
        }
    }

    /// The basic colour closest to an indexed one, by its RGB value.
    static func nearestBasic(toIndexed n: UInt8) -> UInt8 {
        if n < 16 { return n }
        let (r, g, b) = rgb(ofIndexed: n)
        var best: UInt8 = 0
        var bestDistance = Int.max
        for (i, c) in basicRGB.enumerated() {
            let d = (r - c.0) * (r - c.0) + (g - c.1) * (g - c.1) + (b - c.2) * (b - c.2)
            if d < bestDistance { bestDistance = d; best = UInt8(i) }
        }
        return best
    }

    static func rgb(ofIndexed n: UInt8) -> (Int, Int, Int) {
        if n < 16 { return basicRGB[Int(n)] }
        if n >= 232 { let v = 8 + 10 * Int(n - 232); return (v, v, v) }
        let i = Int(n) - 16
        let steps = [0, 95, 135, 175, 215, 255]
        return (steps[i / 36], steps[(i / 6) % 6], steps[i % 6])
    }

    static let basicRGB: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]
}

/// How many colours the terminal can show.
public enum ColorLevel: Int, Comparable, Sendable, CaseIterable {
    /// No colour at all (`NO_COLOR`, a monochrome terminal): attributes only.
    case none
    /// The 8 or 16 basic colours.
    case basic16
    /// The 256 indexed colours.
    case indexed256

    public static func < (a: ColorLevel, b: ColorLevel) -> Bool { a.rawValue < b.rawValue }
}

/// Text attributes that survive on a monochrome terminal.
public struct Attributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = Attributes(rawValue: 1 << 0)
    public static let dim = Attributes(rawValue: 1 << 1)
    public static let italic = Attributes(rawValue: 1 << 2)
    public static let underline = Attributes(rawValue: 1 << 3)
    public static let reverse = Attributes(rawValue: 1 << 4)
}

/// Foreground, background and attributes of a cell.
public struct Style: Hashable, Sendable {
    public var foreground: Color
    public var background: Color
    public var attributes: Attributes

    public init(foreground: Color = .default, background: Color = .default, attributes: Attributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    public static let plain = Style()
    public static let bold = Style(attributes: .bold)
    public static let dim = Style(attributes: .dim)
    public static let reverse = Style(attributes: .reverse)

    /// This style with extra attributes.
    public func adding(_ extra: Attributes) -> Style {
        var s = self
        s.attributes.formUnion(extra)
        return s
    }

    /// This style with another foreground.
    public func foreground(_ color: Color) -> Style {
        var s = self
        s.foreground = color
        return s
    }

    /// This style with another background.
    public func background(_ color: Color) -> Style {
        var s = self
        s.background = color
        return s
    }
}
