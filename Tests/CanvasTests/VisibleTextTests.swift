import Canvas
import Testing

/// Text from files is shown with its control characters made visible, never sent (issue 14).
struct VisibleTextTests {
    @Test func escapeSequencesBecomeVisible() {
        #expect(VisibleText.line("a\u{1B}]0;title\u{07}b") == "a^[]0;title^Gb")
        #expect(VisibleText.line("x\u{1B}]52;c;SGk=\u{07}") == "x^[]52;c;SGk=^G")
        #expect(VisibleText.line("\u{7F}\u{9B}31m") == "^?<U+009B>31m")
        #expect(VisibleText.line("two\nlines") == "two^Jlines")
    }

    @Test func tabsNewlinesAndUnicodeStay() {
        #expect(VisibleText.multiline("a\tb\nc → ∑ é") == "a\tb\nc → ∑ é")
        #expect(VisibleText.multiline("ok\u{1B}[2J") == "ok^[[2J")
    }
}
