/// A key the user pressed, decoded by the terminal layer. Screens map keys to actions.
public enum Key: Hashable, Sendable, CustomStringConvertible {
    case character(Character)
    case control(Character)          // Ctrl-A ... Ctrl-Z, as the lower-case letter
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, backspace, delete, tab, backTab, escape
    case function(Int)

    public var description: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let c): return String(c)
        case .control(let c): return "Ctrl-\(c.uppercased())"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .backspace: return "Backspace"
        case .delete: return "Delete"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .escape: return "Esc"
        case .function(let n): return "F\(n)"
        }
    }
}
