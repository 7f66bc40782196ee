import Canvas
import Testing

struct BufferTests {
    @Test func textIsWrittenClippedAndReadBackAsLines() {
        var buffer = Buffer(width: 10, height: 3)
        buffer.put("hello world", x: 2, y: 0)
        buffer.put("ab", x: -1, y: 1)
        buffer.put("far", x: 8, y: 2)
        buffer.put("never", x: 0, y: 5)
        #expect(buffer.lines() == ["  hello wo", "b", "        fa"])
    }

    @Test func clipRectangleLimitsWriting() {
        var buffer = Buffer(width: 8, height: 2)
        buffer.put("abcdefgh", x: 0, y: 0, clip: Rect(x: 2, y: 0, width: 3, height: 1))
        buffer.put("abcdefgh", x: 0, y: 1, clip: Rect(x: 0, y: 0, width: 8, height: 1))
        #expect(buffer.lines() == ["  cde", ""])
    }

    @Test func wideCharactersTakeTwoCellsAndAreNeverHalved() {
        var buffer = Buffer(width: 5, height: 2)
        buffer.put("a漢b", x: 0, y: 0)
        #expect(buffer.lines() == ["a漢b", ""])
        #expect(buffer[2, 0].isContinuation)
        // A wide character that would straddle the right edge is dropped, not cut.
        buffer.put("xxxx漢", x: 0, y: 1)
        #expect(buffer.lines()[1] == "xxxx")
        // Overwriting the continuation cell blanks the wide glyph's first half.
        buffer.put("Z", x: 2, y: 0)
        #expect(buffer.lines()[0] == "a Zb")
    }

    @Test func controlCharactersAreShownAsQuestionMarks() {
        var buffer = Buffer(width: 6, height: 1)
        buffer.put("a\u{1}b\tc", x: 0, y: 0)
        #expect(buffer.lines() == ["a?b?c"])
    }

    @Test func fillAndStyleClipToTheBuffer() {
        var buffer = Buffer(width: 4, height: 2)
        buffer.fill(Rect(x: 2, y: 1, width: 10, height: 10), with: Cell("#"))
        buffer.setStyle(.bold, in: Rect(x: -3, y: -3, width: 4, height: 4))
        #expect(buffer.lines() == ["", "  ##"])
        #expect(buffer[0, 0].style == .bold)
        #expect(buffer[1, 1].style == .plain)
    }

    @Test func linesInitializerRoundTrips() {
        let buffer = Buffer(lines: ["ab", "", "cde"])
        #expect(buffer.width == 3)
        #expect(buffer.lines() == ["ab", "", "cde"])
        #expect(buffer.lines(trimmingTrailingSpaces: false) == ["ab ", "   ", "cde"])
    }

    @Test func tinyAndEmptyBuffersNeverTrap() {
        for (w, h) in [(0, 0), (1, 1), (0, 5), (5, 0)] {
            var buffer = Buffer(width: w, height: h)
            buffer.put("text", x: 0, y: 0)
            buffer.fill(Rect(x: 0, y: 0, width: 3, height: 3), with: Cell("x"))
            #expect(buffer.lines().count == h)
        }
    }
}

struct BufferDiffTests {
    @Test func diffListsExactlyTheChangedCells() {
        var before = Buffer(width: 6, height: 3)
        before.put("abcdef", x: 0, y: 0)
        before.put("ghijkl", x: 0, y: 1)
        var after = before
        after.put("X", x: 2, y: 0)
        after.put("Y", x: 5, y: 2)
        after.setStyle(.bold, in: Rect(x: 0, y: 1, width: 1, height: 1))
        let changes = after.diff(from: before)
        #expect(changes.map { [$0.x, $0.y] } == [[2, 0], [0, 1], [5, 2]])
        #expect(changes.map(\.cell.glyph) == ["X", "g", "Y"])
        #expect(changes[1].cell.style == .bold)
    }

    @Test func identicalFramesHaveNoChanges() {
        var frame = Buffer(width: 20, height: 5)
        frame.put("same", x: 3, y: 3, style: .bold)
        #expect(frame.diff(from: frame).isEmpty)
    }

    @Test func aResizedOrFirstFrameRedrawsEveryCell() {
        let frame = Buffer(lines: ["ab", "cd"])
        #expect(frame.diff(from: nil).count == 4)
        #expect(frame.diff(from: Buffer(width: 3, height: 2)).count == 4)
    }

    @Test func aChangedWideCharacterIsRedrawnFromItsFirstCell() {
        var before = Buffer(width: 4, height: 1)
        before.put("ab", x: 0, y: 0)
        var after = Buffer(width: 4, height: 1)
        after.put("a漢", x: 0, y: 0)
        let changes = after.diff(from: before)
        #expect(changes.map(\.x) == [1])
        #expect(changes.first?.cell.glyph == "漢")
    }

    @Test func applyingTheDiffToTheOldFrameGivesTheNewFrame() {
        // Walk a few random edits: old frame + diff == new frame, always.
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            var old = Buffer(width: 12, height: 4)
            old.put(String((0..<12).map { _ in "abc ".randomElement(using: &rng)! }), x: 0, y: 1)
            var new = old
            for _ in 0..<5 {
                new.put(String("xyz".randomElement(using: &rng)!), x: Int.random(in: 0..<12, using: &rng), y: Int.random(in: 0..<4, using: &rng))
            }
            var patched = old
            for change in new.diff(from: old) { patched[change.x, change.y] = change.cell }
            #expect(patched == new)
        }
    }
}

struct RectTests {
    @Test func splittingAndCentering() {
        let r = Rect(x: 0, y: 0, width: 80, height: 24)
        #expect(r.splitTop(1).top == Rect(x: 0, y: 0, width: 80, height: 1))
        #expect(r.splitBottom(2).bottom == Rect(x: 0, y: 22, width: 80, height: 2))
        #expect(r.splitLeft(100).rest.isEmpty)
        #expect(r.centered(width: 10, height: 4) == Rect(x: 35, y: 10, width: 10, height: 4))
        #expect(r.inset(dx: 50, dy: 50).isEmpty)
        #expect(r.intersection(Rect(x: 70, y: 20, width: 20, height: 20)) == Rect(x: 70, y: 20, width: 10, height: 4))
    }
}

struct ColorTests {
    @Test func indexedColoursDowngradeToTheNearestBasicColour() {
        #expect(Color.cube(5, 0, 0).downgraded(to: .basic16) == .basic(9))
        #expect(Color.cube(0, 0, 0).downgraded(to: .basic16) == .basic(0))
        #expect(Color.grey(23).downgraded(to: .basic16) == .basic(7))
        #expect(Color.cube(5, 5, 5).downgraded(to: .basic16) == .basic(15))
        #expect(Color.indexed(200).downgraded(to: .none) == .default)
        #expect(Color.indexed(200).downgraded(to: .indexed256) == .indexed(200))
    }
}
