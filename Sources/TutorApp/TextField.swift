import Canvas
import Widgets

/// A one-line text field: what was typed and where the cursor is.
///
/// The text is kept as grapheme clusters so the cursor never lands inside one (an accented
/// letter typed as two scalars, an emoji). Editing follows readline: Home/End (and Ctrl-A /
/// Ctrl-E) jump, Backspace and Delete remove one character, Ctrl-U removes everything before
/// the cursor, Ctrl-K everything after it.
public struct TextFieldState: Hashable, Sendable {
    public private(set) var characters: [Character] = []
    /// 0 ... `characters.count`: the cursor sits before `characters[cursor]`.
    public private(set) var cursor = 0
    /// Longest text accepted; more typing is ignored (a pasted megabyte never slows the screen).
    public static let maximumLength = 2_000

    public init(_ text: String = "") {
        characters = Array(text.prefix(TextFieldState.maximumLength))
        cursor = characters.count
    }

    public var text: String { String(characters) }
    public var isEmpty: Bool { characters.isEmpty }

    /// Applies one edit.
    public mutating func apply(_ edit: TextFieldEdit) {
        switch edit {
        case .typed(let character):
            guard characters.count < TextFieldState.maximumLength else { return }
            // Control characters never enter the text; they would draw as `?`.
            guard !character.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return }
            characters.insert(character, at: cursor)
            cursor += 1
        case .backspacePressed:
            guard cursor > 0 else { return }
            characters.remove(at: cursor - 1)
            cursor -= 1
        case .deletePressed:
            guard cursor < characters.count else { return }
            characters.remove(at: cursor)
        case .leftPressed:
            cursor = max(0, cursor - 1)
        case .rightPressed:
            cursor = min(characters.count, cursor + 1)
        case .homePressed:
            cursor = 0
        case .endPressed:
            cursor = characters.count
        case .clearBeforeCursorPressed:
            characters.removeFirst(cursor)
            cursor = 0
        case .clearAfterCursorPressed:
            characters.removeLast(characters.count - cursor)
        }
    }

    /// The edit a key means in a text field, or nil when the key is not an edit.
    public static func edit(for key: Key) -> TextFieldEdit? {
        switch key {
        case .character(let c): return .typed(c)
        case .backspace, .control("h"): return .backspacePressed
        case .delete, .control("d"): return .deletePressed
        case .left, .control("b"): return .leftPressed
        case .right, .control("f"): return .rightPressed
        case .home, .control("a"): return .homePressed
        case .end, .control("e"): return .endPressed
        case .control("u"): return .clearBeforeCursorPressed
        case .control("k"): return .clearAfterCursorPressed
        default: return nil
        }
    }

    /// Draws the field on one row of `area`: the text scrolled sideways so the cursor stays in
    /// view, the cursor cell in reverse video (visible without colour), `<` / `>` marking text
    /// hidden to the left or right.
    public func render(in area: Rect, into buffer: inout Buffer, style: Style, cursorStyle: Style, focused: Bool = true) {
        let row = area.row(0)
        guard row.width >= 3 else { return }
        buffer.fill(row, with: Cell(" ", style: style))
        let widths = characters.map { TextWidth.of($0) }
        let room = row.width - 2  // one column each side for the scroll markers
        // First visible character: scroll just enough for the cursor (and one cell after it).
        var first = 0
        var used = 1  // the cursor cell at the end
        var i = cursor - 1
        while i >= 0, used + max(1, widths[i]) <= room {
            used += max(1, widths[i])
            i -= 1
        }
        first = i + 1
        if first > 0 { buffer.put("<", x: row.x, y: row.y, style: style.adding(.dim), clip: row) }
        var x = row.x + 1
        var index = first
        while index <= characters.count {
            let isCursor = focused && index == cursor
            if index == characters.count {
                if isCursor { buffer.put(" ", x: x, y: row.y, style: cursorStyle, clip: row) }
                break
            }
            let w = max(1, widths[index])
            if x + w > row.x + 1 + room {
                buffer.put(">", x: row.maxX - 1, y: row.y, style: style.adding(.dim), clip: row)
                break
            }
            buffer.put(String(characters[index]), x: x, y: row.y, style: isCursor ? cursorStyle : style, clip: row)
            x += w
            index += 1
        }
    }
}

/// What the user did to a text field.
public enum TextFieldEdit: Hashable, Sendable {
    case typed(Character)
    case backspacePressed
    case deletePressed
    case leftPressed
    case rightPressed
    case homePressed
    case endPressed
    /// Ctrl-U.
    case clearBeforeCursorPressed
    /// Ctrl-K.
    case clearAfterCursorPressed
}
