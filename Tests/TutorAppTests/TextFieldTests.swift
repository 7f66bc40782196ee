import Canvas
import Testing
import TutorApp

/// The one-line text field: editing keys, cursor movement, Unicode, and drawing.
struct TextFieldTests {
    func edited(_ start: String = "", _ edits: [TextFieldEdit]) -> TextFieldState {
        var field = TextFieldState(start)
        for edit in edits { field.apply(edit) }
        return field
    }

    @Test func typingInsertsAtTheCursor() {
        let field = edited("", [.typed("a"), .typed("c"), .leftPressed, .typed("b")])
        #expect(field.text == "abc")
        #expect(field.cursor == 2)
    }

    @Test func backspaceAndDeleteRemoveEitherSideOfTheCursor() {
        var field = edited("hello", [.leftPressed, .leftPressed, .backspacePressed])
        #expect(field.text == "helo" && field.cursor == 2)
        field.apply(.deletePressed)
        #expect(field.text == "heo" && field.cursor == 2)
        // At the ends they do nothing rather than trap.
        field = edited("ab", [.homePressed, .backspacePressed, .endPressed, .deletePressed])
        #expect(field.text == "ab" && field.cursor == 2)
        field = edited("", [.backspacePressed, .deletePressed, .leftPressed, .rightPressed])
        #expect(field.text == "" && field.cursor == 0)
    }

    @Test func cursorMovesAndStopsAtBothEnds() {
        let cases: [([TextFieldEdit], Int)] = [
            ([.homePressed], 0), ([.endPressed], 4), ([.leftPressed, .leftPressed], 2),
            (Array(repeating: .leftPressed, count: 9), 0), ([.homePressed] + Array(repeating: .rightPressed, count: 9), 4),
            ([.homePressed, .rightPressed], 1),
        ]
        for (edits, cursor) in cases {
            #expect(edited("abcd", edits).cursor == cursor, "after \(edits)")
        }
    }

    @Test func controlUAndControlKClearEitherSide() {
        #expect(edited("26x26x64", [.leftPressed, .leftPressed, .clearBeforeCursorPressed]).text == "64")
        #expect(edited("26x26x64", [.leftPressed, .leftPressed, .clearBeforeCursorPressed]).cursor == 0)
        #expect(edited("26x26x64", [.clearBeforeCursorPressed]).text == "")
        #expect(edited("26x26x64", [.homePressed, .rightPressed, .rightPressed, .clearAfterCursorPressed]).text == "26")
    }

    @Test func unicodeIsEditedByWholeCharacters() {
        // "é" typed as e + combining acute is one grapheme; 猫 is wide; 👍🏽 is two scalars.
        let field = edited("", [.typed("\u{65}\u{301}"), .typed("猫"), .typed("👍🏽"), .backspacePressed, .leftPressed, .typed("x")])
        #expect(field.text == "\u{65}\u{301}x猫")
        #expect(field.characters.count == 3)
        #expect(field.cursor == 2)
    }

    @Test func controlCharactersAreNotInserted() {
        #expect(edited("", [.typed("\u{7}"), .typed("\u{1b}"), .typed("a")]).text == "a")
    }

    @Test func keysMapToEdits() {
        #expect(TextFieldState.edit(for: .character("q")) == .typed("q"))
        #expect(TextFieldState.edit(for: .backspace) == .backspacePressed)
        #expect(TextFieldState.edit(for: .delete) == .deletePressed)
        #expect(TextFieldState.edit(for: .home) == .homePressed)
        #expect(TextFieldState.edit(for: .control("a")) == .homePressed)
        #expect(TextFieldState.edit(for: .end) == .endPressed)
        #expect(TextFieldState.edit(for: .control("u")) == .clearBeforeCursorPressed)
        #expect(TextFieldState.edit(for: .enter) == nil)
        #expect(TextFieldState.edit(for: .escape) == nil)
    }

    @Test func aLongPasteIsCappedAndStillEditable() {
        var field = TextFieldState()
        for _ in 0..<(TextFieldState.maximumLength + 50) { field.apply(.typed("7")) }
        #expect(field.characters.count == TextFieldState.maximumLength)
        field.apply(.backspacePressed)
        #expect(field.characters.count == TextFieldState.maximumLength - 1)
    }

    /// Drawing: the text scrolls so the cursor (reverse video) stays in view; `<` marks hidden text.
    @Test func drawingKeepsTheCursorInView() {
        let cursorStyle = Style(attributes: .reverse)
        for (text, lefts, expected, cursorX) in [
            ("abc", 0, " abc", 4),
            ("abc", 1, " abc", 3),
            ("abcdefghijkl", 0, "<fghijkl", 8),
            ("abcdefghijkl", 12, " abcdefgh>", 1),
        ] {
            var field = TextFieldState(text)
            for _ in 0..<lefts { field.apply(.leftPressed) }
            var buffer = Buffer(width: 10, height: 1)
            field.render(in: Rect(x: 0, y: 0, width: 10, height: 1), into: &buffer, style: .plain, cursorStyle: cursorStyle)
            #expect(buffer.lines()[0] == expected, "\(text) with the cursor \(lefts) from the end")
            #expect(buffer[cursorX, 0].style == cursorStyle, "\(text): cursor cell at \(cursorX)")
        }
    }
}
