import Canvas
import Testing

/// The one width table (Canvas's `TextWidth`, which Curriculum's lesson layout also reads) and the
/// one ASCII table (`ASCIIFallback`, in its one-column and spelled-out forms).
struct TextWidthTests {
    @Test(arguments: [
        ("a", 1), ("漢", 2), ("한", 2), ("Ａ", 2), ("ｱ", 1), ("👍", 2), ("✓", 1),
        // Emoji presentation (U+FE0F) widens a one-column symbol: ❤ is one column, ❤️ two.
        ("\u{2764}", 1), ("\u{2764}\u{FE0F}", 2), ("1\u{FE0F}\u{20E3}", 2), ("\u{2122}\u{FE0F}", 2),
        // Text presentation (U+FE0E) does not.
        ("\u{2764}\u{FE0E}", 1),
        // Combining marks, zero-width and format characters take no column of their own.
        ("e\u{301}", 1), ("\u{301}", 0), ("\u{200B}", 0), ("\u{FEFF}", 0), ("\u{2060}", 0), ("\u{00AD}", 1),
        // A family joined with ZWJ is one grapheme, two columns.
        ("👨\u{200D}👩\u{200D}👧", 2),
        ("\u{7}", 0), ("\u{9B}", 0),
    ])
    func oneGraphemeHasTheWidthATerminalGivesIt(text: String, columns: Int) {
        #expect(TextWidth.of(text) == columns, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
    }

    @Test func stringsAddTheirGraphemes() {
        #expect(TextWidth.of("漢字 ok") == 7)
        #expect(TextWidth.of("I ❤️ CNNs") == 9)
        #expect(TextWidth.of("plain ascii") == 11)
        #expect(TextWidth.of("a\u{7}b") == 2)
    }

    @Test func theBufferGivesAnEmojiPresentationTwoCells() {
        var buffer = Buffer(width: 6, height: 1)
        let end = buffer.put("a\u{2764}\u{FE0F}b", x: 0, y: 0)
        #expect(end == 4)
        #expect(buffer[1, 0].glyph == "\u{2764}\u{FE0F}" && buffer[2, 0].isContinuation && buffer[3, 0].glyph == "b")
    }

    @Test func everyStandInIsOneColumnASCIIAndSpellingsAreWider() {
        for glyph in ["×", "’", "—", "…", "→", "←", "²", "≤", "η", "Σ", "█", "é", "▀", "│", "⌊", "⌋", "∞", "漢", "❤️"] {
            let cell = ASCIIFallback.cell(for: glyph)
            #expect(cell.count == 1 && cell.unicodeScalars.allSatisfy(\.isASCII), "\(glyph) → \(cell)")
            #expect(Glyphs.asciiFallback(for: glyph) == cell)
        }
        #expect(ASCIIFallback.cell(for: "a") == "a" && ASCIIFallback.cell(for: "") == "")
        // One table, two forms: the terminal's one column and the layout's spelling.
        #expect(ASCIIFallback.cell(for: "²") == "2" && ASCIIFallback.spelled("x²") == "x^2")
        #expect(ASCIIFallback.cell(for: "←") == "<" && ASCIIFallback.spelled("w ← w − η·g") == "w <- w - eta*g")
        // Symbols with no spelling are left for the terminal's stand-in.
        #expect(ASCIIFallback.spelled("• done ✓") == "• done ✓")
        #expect(ASCIIFallback.spelled("plain") == "plain")
    }

    /// The ASCII glyph set is the Unicode one through the same table, and every glyph is one
    /// column of ASCII.
    @Test func theASCIIGlyphsAreTheUnicodeOnesThroughTheTable() {
        let g = Glyphs.ascii
        #expect([g.horizontal, g.vertical, g.topLeft, g.teeRight, g.bullet, g.arrowRight, g.arrowLeft, g.arrowUp, g.arrowDown]
            == ["-", "|", "+", "+", "*", ">", "<", "^", "v"])
        #expect([g.ellipsis, g.times, g.check, g.cross, g.upperHalf, g.fullBlock, g.lightShade] == [">", "x", "+", "x", "#", "#", "."])
        #expect(g.barEighths == [" ", " ", " ", " ", "#", "#", "#", "#", "#"] && g.isASCII && !Glyphs.unicode.isASCII)
    }
}
