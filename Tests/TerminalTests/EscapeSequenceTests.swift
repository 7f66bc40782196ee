import Canvas
import Terminal
import Testing

/// Escape sequences ncurses leaves undecoded when TERM does not match the terminal.
struct EscapeSequenceTests {
    @Test(arguments: [
        ("[1~", Key.home), ("[7~", .home), ("[H", .home), ("OH", .home),
        ("[4~", .end), ("[8~", .end), ("[F", .end), ("OF", .end),
        ("[A", .up), ("OB", .down), ("[C", .right), ("OD", .left),
        ("[5~", .pageUp), ("[6~", .pageDown), ("[3~", .delete), ("[Z", .backTab), ("OP", .function(1)), ("[24~", .function(12)),
    ])
    func knownSequencesDecode(sequence: String, key: Key) {
        #expect(EscapeSequence.match(Array(sequence)) == .key(key))
    }

    @Test func prefixesAskForMore() {
        for prefix in ["[", "O", "[1", "[2", "[24"] {
            #expect(EscapeSequence.match(Array(prefix)) == .incomplete, "\(prefix)")
        }
    }

    @Test func anythingElseIsAPlainEscape() {
        // Esc then q (leaving a screen quickly), Esc then j: the keys stay keys of their own.
        for tail in ["q", "j", "[9", "[1x", "Ox", "[99~"] {
            #expect(EscapeSequence.match(Array(tail)) == .none, "\(tail)")
        }
    }
}
