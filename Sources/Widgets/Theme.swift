import Canvas

/// What the terminal can show, decided once by the terminal layer and carried in the app state.
public struct Capabilities: Hashable, Sendable {
    public var colorLevel: ColorLevel
    public var unicode: Bool

    public init(colorLevel: ColorLevel = .indexed256, unicode: Bool = true) {
        self.colorLevel = colorLevel
        self.unicode = unicode
    }

    /// Pure ASCII and no colour: what tests and `NO_COLOR=1 tutor --ascii` use.
    public static let plain = Capabilities(colorLevel: .none, unicode: false)

    public var glyphs: Glyphs { unicode ? .unicode : .ascii }
    public var theme: Theme { Theme(level: colorLevel) }
}

/// The styles screens draw with, by meaning. On a monochrome terminal every distinction that
/// matters is still carried by an attribute (bold, reverse, underline) or by text, never by
/// colour alone.
public struct Theme: Hashable, Sendable {
    public let level: ColorLevel

    public init(level: ColorLevel) { self.level = level }

    private func colored(_ color: Color, _ attributes: Attributes = []) -> Style {
        level == .none ? Style(attributes: attributes) : Style(foreground: color.downgraded(to: level), attributes: attributes)
    }

    public var text: Style { .plain }
    public var title: Style { colored(level == .indexed256 ? .indexed(75) : .brightCyan, .bold) }
    public var heading: Style { colored(level == .indexed256 ? .indexed(111) : .cyan, .bold) }
    public var accent: Style { colored(level == .indexed256 ? .indexed(214) : .yellow, .bold) }
    public var muted: Style { level == .none ? Style(attributes: .dim) : colored(level == .indexed256 ? .grey(12) : .brightBlack) }
    public var border: Style { level == .none ? .plain : colored(level == .indexed256 ? .grey(9) : .brightBlack) }
    public var code: Style { colored(level == .indexed256 ? .indexed(180) : .yellow) }
    public var success: Style { colored(level == .indexed256 ? .indexed(77) : .green, .bold) }
    public var failure: Style { colored(level == .indexed256 ? .indexed(203) : .red, .bold) }
    public var keyName: Style { colored(level == .indexed256 ? .indexed(215) : .yellow, .bold) }
    /// The selected row of a list: reverse video reads on every terminal.
    public var selection: Style { Style(attributes: [.reverse, .bold]) }
    public var highlight: Style {
        level == .none ? Style(attributes: [.reverse]) : Style(foreground: .black, background: (level == .indexed256 ? Color.indexed(220) : .yellow).downgraded(to: level), attributes: .bold)
    }
}
