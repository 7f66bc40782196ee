import Canvas

/// Escape sequences that arrive undecoded when `TERM` does not describe the terminal exactly
/// (e.g. `TERM=xterm-256color` inside tmux or screen, which send `ESC [ 1 ~` for Home where
/// xterm's terminfo says `ESC O H`). ncurses hands such bytes over one by one after an Esc.
public enum EscapeSequence {
    /// What the bytes after an Esc may still become.
    public enum Match: Equatable, Sendable {
        case key(Key)
        /// A prefix of a known sequence: read another character.
        case incomplete
        /// Not a sequence: the Esc was the Escape key, and these characters are keys of their own.
        case none
        /// `ESC [200~`: a bracketed paste starts; its text follows up to `ESC [201~`.
        case pasteStart
    }

    /// Matches the characters that followed an Esc.
    public static func match(_ tail: [Character]) -> Match {
        let text = String(tail)
        if let key = known[text] { return .key(key) }
        if text == pasteStart { return .pasteStart }
        if (known.keys.contains(where: { $0.hasPrefix(text) }) || pasteStart.hasPrefix(text)) && text.count < longest {
            return .incomplete
        }
        return .none
    }

    static let known: [String: Key] = [
        "[A": .up, "[B": .down, "[C": .right, "[D": .left,
        "OA": .up, "OB": .down, "OC": .right, "OD": .left,
        "[H": .home, "[F": .end, "OH": .home, "OF": .end,
        "[1~": .home, "[7~": .home, "[4~": .end, "[8~": .end,
        "[5~": .pageUp, "[6~": .pageDown, "[3~": .delete, "[Z": .backTab,
        "OP": .function(1), "OQ": .function(2), "OR": .function(3), "OS": .function(4),
        "[11~": .function(1), "[12~": .function(2), "[13~": .function(3), "[14~": .function(4),
        "[15~": .function(5), "[17~": .function(6), "[18~": .function(7), "[19~": .function(8),
        "[20~": .function(9), "[21~": .function(10), "[23~": .function(11), "[24~": .function(12),
    ]

    /// What follows the Esc that starts a bracketed paste.
    static let pasteStart = "[200~"

    static let longest = max(known.keys.map(\.count).max() ?? 0, pasteStart.count)
}
