import Canvas
import Terminal
import Testing

/// Bracketed paste: the start marker is recognised, and pasted text is made safe to type.
struct PasteTests {
    @Test func thePasteStartMarkerIsRecognisedAndItsPrefixesWait() {
        #expect(EscapeSequence.match(Array("[200~")) == .pasteStart)
        for prefix in ["[2", "[20", "[200"] {
            #expect(EscapeSequence.match(Array(prefix)) == .incomplete, "\(prefix)")
        }
        #expect(EscapeSequence.match(Array("[201~")) == .none)
    }

    @Test func pastedTextLosesItsControlCharacters() {
        #expect(TerminalSession.pasteText("a\tb\r\nc\u{1B}]0;title\u{07}d\u{9B}2J") == "a b  c]0;titled2J")
    }

    @Test func aHugePasteIsCutAtTheLimit() {
        let huge = String(repeating: "x", count: 100_000)
        #expect(TerminalSession.pasteText(huge).count == TerminalSession.pasteLimit)
    }
}
