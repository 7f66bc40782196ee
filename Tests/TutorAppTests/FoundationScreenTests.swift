import Canvas
import TestSupport
import Testing
import TutorApp
import Widgets

/// The home screen, help overlay and small-window screen, driven by keys without a terminal.
struct FoundationScreenTests {
    func state(width: Int = 80, height: Int = 24) -> AppState {
        // The two fixture lessons; `try!` is fine in a test helper.
        try! LearnerFixture.state(width: width, height: height)
    }

    /// Presses keys the way the run loop does: key → action → reduce.
    func press(_ keys: [Key], on s: inout AppState) -> [Effect] {
        var effects: [Effect] = []
        for key in keys { effects += reduce(&s, action(for: key, in: s)) }
        return effects
    }

    @Test func movingThroughTheHomeListStopsAtBothEnds() {
        var s = state()
        let count = s.homeItems.count
        #expect(count == 8)
        _ = press([.up, .character("k")], on: &s)
        #expect(s.home.selection == 0)
        _ = press([.down, .character("j"), .down], on: &s)
        #expect(s.home.selection == 3)
        _ = press(Array(repeating: .down, count: 20), on: &s)
        #expect(s.home.selection == count - 1)
        _ = press([.character("g")], on: &s)
        #expect(s.home.selection == 0)
        _ = press([.end], on: &s)
        #expect(s.home.selection == count - 1)
    }

    @Test func helpOpensAndClosesAndQuitComesFromHome() {
        var s = state()
        #expect(press([.character("?")], on: &s).isEmpty)
        #expect(s.showingHelp)
        // While help is shown, q and Esc close it rather than quitting.
        #expect(press([.escape], on: &s).isEmpty)
        #expect(!s.showingHelp)
        #expect(press([.character("q")], on: &s) == [.quit])
        var t = state()
        #expect(press([.escape], on: &t) == [.quit])
    }

    @Test func anUnusedKeySaysSoOnTheStatusLine() {
        var s = state()
        _ = press([.character("z")], on: &s)
        #expect(s.status?.contains("z does nothing here") == true)
        _ = press([.down], on: &s)
        #expect(s.status == nil)
    }

    @Test func homeFrameAt80x24() {
        var s = state()
        _ = press([.down], on: &s)
        let lines = render(s).lines()
        #expect(lines.count == 24)
        #expect(Array(lines.prefix(18)) == [
            " cnn-tutor  Home",
            "  Learn convolutional neural networks by stepping through every multiply-add.",
            "",
            "  Lessons                                           read      best    due",
            "  1.  Fixture Filters                               . . . .   -       -",
            "> 2.  Fixture Shapes                                . . . .   -       -",
            "",
            "  Review",
            "  *   Spaced review: take a lesson's quiz and missed questions come back here",
            "",
            "  Labs",
            "  *   Convolution lab   slide a kernel window by window",
            "  *   Pooling lab       max and average pooling, step by step",
            "  *   Network view      a digit through every layer",
            "  *   Live training     watch a CNN learn real digits",
            "  *   Gradient lab      backpropagation, one number at a time",
            "",
            "",
        ])
        #expect(lines[23] == " ↑↓ j k move  Enter open  / filter  ? help  q quit")
    }

    @Test func helpOverlayListsTheKeysOfTheScreen() {
        var s = state()
        _ = press([.character("?")], on: &s)
        let text = render(s).text
        for label in ["Keys: Home", "next item", "previous item", "first item", "last item", "open the selected lesson, review or lab", "show or hide this help", "quit"] {
            #expect(text.contains(label), "help lacks \(label)")
        }
        #expect(render(s).lines()[23] == " ? Esc close help")
    }

    @Test func smallWindowsShowTheEnlargeMessageAndNeverTrap() {
        for (w, h) in [(79, 24), (80, 23), (60, 20), (20, 5), (1, 1), (0, 0), (3, 1)] {
            var s = state(width: w, height: h)
            _ = press([.down, .character("?"), .enter], on: &s)
            let frame = render(s)
            #expect(frame.width == w && frame.height == h)
            if w >= 30 && h >= 3 {
                #expect(frame.text.contains("enlarge the window"), "at \(w)×\(h)")
                #expect(frame.text.contains("now \(w)×\(h), need 80×24"), "at \(w)×\(h)")
            }
        }
        var s = state(width: 60, height: 20)
        _ = reduce(&s, .windowResized(width: 100, height: 30))
        #expect(!render(s).text.contains("enlarge"))
        #expect(render(s).text.contains("Fixture Filters"))
    }

    @Test func framesFitLargerWindows() {
        let s = state(width: 120, height: 40)
        let lines = render(s).lines()
        #expect(lines.count == 40)
        #expect(lines[39].hasPrefix(" ↑↓ j k move"))
    }
}
