import Canvas
import Curriculum
import Foundation
import TestSupport
import Testing
import TutorApp
import TutorResources
import Widgets

/// The lesson reader: tabs, scrolling and its bounds, marking sections read, labs, the quiz key.
struct LessonReaderTests {
    let snapshots = ScreenSnapshot.directory(group: "screens", besides: #filePath)

    func reader(_ section: SectionKind = .preview, width: Int = 80, height: Int = 24, capabilities: Capabilities = .plain) throws -> (AppState, [Effect]) {
        var s = try LearnerFixture.state(width: width, height: height, capabilities: capabilities)
        let effects = reduce(&s, .lessonLinkOpened(lesson: "01-fixture-filters", section: section))
        return (s, effects)
    }

    /// The number of layout lines of the open section (read through the position line).
    func position(_ s: AppState) -> String {
        render(s).lines()[s.height - 3]
    }

    @Test func numberKeysTabAndHLSwitchSections() throws {
        var (s, _) = try reader()
        let steps: [(Key, SectionKind)] = [
            (.character("3"), .keypoint), (.character("1"), .preview), (.tab, .explain), (.tab, .keypoint), (.tab, .review),
            (.tab, .preview), (.backTab, .review), (.character("h"), .keypoint), (.character("l"), .review),
            (.left, .keypoint), (.right, .review), (.character("2"), .explain), (.character("4"), .review),
        ]
        for (key, expected) in steps {
            LearnerFixture.press([key], on: &s)
            #expect(s.reader?.section == expected, "after \(key)")
        }
        #expect(render(s).lines()[1].contains("[4 Review"))
    }

    @Test func eachSectionKeepsItsOwnScroll() throws {
        var (s, _) = try reader(.keypoint)
        LearnerFixture.press([.character("j"), .character("j"), .character("j")], on: &s)
        #expect(s.reader?.offset == 3)
        LearnerFixture.press([.character("2")], on: &s)
        #expect(s.reader?.offset == 0)
        LearnerFixture.press([.character("3")], on: &s)
        #expect(s.reader?.offset == 3)
    }

    @Test func scrollingStopsAtTheTopAndAtTheEnd() throws {
        for (width, height) in [(80, 24), (120, 40), (100, 30)] {
            var (s, _) = try reader(.keypoint, width: width, height: height)
            LearnerFixture.press([.character("k"), .up, .pageUp], on: &s)
            #expect(s.reader?.offset == 0, "at \(width)×\(height)")
            LearnerFixture.press(Array(repeating: .character("j"), count: 500), on: &s)
            let bottom = try #require(s.reader?.offset)
            #expect(bottom > 0, "the Keypoint section is longer than a \(height)-row window")
            LearnerFixture.press([.character("G"), .pageDown, .character(" "), .down], on: &s)
            #expect(s.reader?.offset == bottom, "at \(width)×\(height)")
            #expect(render(s).text.contains("KEYPOINT-END marks the last line."), "the end is on screen at \(width)×\(height)")
            #expect(position(s).contains("End"))
            LearnerFixture.press([.character("g")], on: &s)
            #expect(s.reader?.offset == 0)
            #expect(position(s).contains("Top"))
        }
    }

    @Test func pageKeysMoveByAlmostAWindow() throws {
        var (s, _) = try reader(.keypoint)
        let rows = 24 - 6
        LearnerFixture.press([.pageDown], on: &s)
        #expect(s.reader?.offset == rows - 2)
        LearnerFixture.press([.character(" ")], on: &s)
        #expect(s.reader?.offset == 2 * (rows - 2))
        LearnerFixture.press([.pageUp], on: &s)
        #expect(s.reader?.offset == rows - 2)
    }

    @Test func reachingTheEndMarksTheSectionReadOnce() throws {
        var (s, opened) = try reader(.keypoint)
        #expect(opened == [.saveLessonOpened(lesson: "01-fixture-filters", section: .keypoint)], "a long section is not read on opening")
        var effects = LearnerFixture.press([.pageDown], on: &s)
        #expect(!effects.contains(.saveSectionRead(lesson: "01-fixture-filters", section: .keypoint)))
        effects = LearnerFixture.press([.character("G")], on: &s)
        #expect(effects == [.saveSectionRead(lesson: "01-fixture-filters", section: .keypoint)])
        #expect(s.curriculum.progress.lesson("01-fixture-filters").sectionsRead == [.keypoint])
        #expect(s.status == "Keypoint marked read")
        #expect(LearnerFixture.press([.character("k"), .character("G")], on: &s).isEmpty, "saved only once")
        #expect(render(s).lines()[1].contains("3 Keypoint +"), "the tab shows the section is read")
    }

    @Test func aSectionThatFitsIsReadWhenShown() throws {
        let (s, effects) = try reader(.preview)
        #expect(effects == [.saveLessonOpened(lesson: "01-fixture-filters", section: .preview),
                            .saveSectionRead(lesson: "01-fixture-filters", section: .preview)])
        #expect(s.curriculum.progress.last?.section == .preview)
    }

    @Test func resizingRewrapsAndKeepsTheScrollInBounds() throws {
        var (s, _) = try reader(.explain, width: 80, height: 24)
        LearnerFixture.press([.character("G")], on: &s)
        let narrowEnd = try #require(s.reader?.offset)
        LearnerFixture.press([.character("g")], on: &s)
        let narrowItem = try #require(render(s).lines().first { $0.contains("The first point is a long line") })
        _ = reduce(&s, .windowResized(width: 160, height: 50))
        let wideEnd = try #require(s.reader?.offset)
        #expect(wideEnd < narrowEnd, "wider and taller shows more, so the end comes sooner")
        LearnerFixture.press([.character("g")], on: &s)
        let wideItem = try #require(render(s).lines().first { $0.contains("The first point is a long line") })
        #expect(wideItem.count > narrowItem.count, "re-wrapped wider: \(wideItem)")
        #expect(wideItem.count <= 2 + 100, "text is kept to a readable measure of 100 columns")
        _ = reduce(&s, .windowResized(width: 80, height: 24))
        #expect(render(s).lines().contains(narrowItem))
    }

    @Test func resizingKeepsTheSameTextAtTheTop() throws {
        // Lesson 2's Explain, scrolled into the middle at 120 columns, then narrowed to 80: the
        // line that was at the top is still on the first rows, not a paragraph earlier.
        var s = AppState(width: 120, height: 40, capabilities: .plain)
        let lessons = LessonLibrary(url: try #require(BundledContent.url(for: .lessons)))
        _ = reduce(&s, .curriculumLoaded(CurriculumContent(lessons: lessons, quizzes: QuizLibrary(url: nil), progress: ProgressData(),
                                                           source: "bundled", now: LearnerFixture.now, seed: 7)))
        _ = reduce(&s, .lessonLinkOpened(lesson: "02-convolutional-layers", section: .explain))
        for _ in 0..<44 { _ = reduce(&s, action(for: .character("j"), in: s)) }
        let readerTop = try #require(readerTopLine(render(s)))
        _ = reduce(&s, .windowResized(width: 80, height: 24))
        let words = readerTop.split(separator: " ").filter { $0.allSatisfy(\.isLetter) }.prefix(3).joined(separator: " ")
        let shown = render(s).lines().dropFirst(3).prefix(6).joined(separator: "\n")
        #expect(shown.contains(words), "\(words) should stay at the top after narrowing; the top was:\n\(shown)")
    }

    /// The first row of prose under the reader's tab bar and rule (not a box border or blank).
    private func readerTopLine(_ frame: Buffer) -> String? {
        frame.lines().dropFirst(3).prefix(3).first { $0.filter(\.isLetter).count > 12 }?.trimmingCharacters(in: .whitespaces)
    }

    @Test func markdownIsStyledAndCodeIsCutWithAMarker() throws {
        var (s, _) = try reader(.explain, capabilities: Capabilities(colorLevel: .indexed256, unicode: true))
        let frame = render(s)
        let lines = frame.lines()
        let asked = try #require(lines.firstIndex { $0.contains("asked: Explain filters and give an example") })
        #expect(frame[2, asked].style == s.theme.muted.adding(.italic), "the asked: line is dimmed")
        let paragraph = try #require(lines.firstIndex { $0.contains("A filter is a small grid of weights.") })
        let bold = try #require(lines[paragraph].range(of: "filter"))
        let column = lines[paragraph].distance(from: lines[paragraph].startIndex, to: bold.lowerBound)
        #expect(frame[column, paragraph].style.attributes.contains(.bold))
        let list = try #require(lines.firstIndex { $0.contains("• The first point is a long line") })
        #expect(lines[list + 1].hasPrefix("    "), "the wrapped list line hangs under the text, not the bullet")
        LearnerFixture.press([.character("G")], on: &s)
        let end = render(s).lines()
        let code = try #require(end.first { $0.contains("out[i][j] = sum(") })
        #expect(code.hasSuffix("…"), "a long code line is cut with a marker, not wrapped: \(code)")
        #expect(end.contains { $0.contains("│ size │ output │") })
        #expect(end.contains { $0.contains("│ A filter that matches the patch gives a large number.") })
    }

    @Test func enterOnALabBoxOpensThatLabWithTheBlocksSettings() throws {
        var (s, _) = try reader(.explain)
        LearnerFixture.press([.enter], on: &s)
        #expect(s.route == .lesson, "no lab box is on the first screen")
        #expect(s.status?.contains("no lab on screen") == true)
        LearnerFixture.press([.character("G")], on: &s)
        #expect(render(s).text.contains("press Enter to open this in the convolution lab"))
        LearnerFixture.press([.enter], on: &s)
        #expect(s.route == .convolutionLab)
        let lab = try #require(s.convolutionLab)
        #expect(lab.kernel.name == "sobel-x")
        #expect(lab.stride == 1 && lab.padding == 0)
        LearnerFixture.press([.escape], on: &s)
        #expect(s.route == .lesson, "leaving the lab returns to the lesson")
    }

    @Test func tStartsTheLessonsQuizAndEscComesBack() throws {
        var (s, _) = try reader(.review)
        LearnerFixture.press([.character("t")], on: &s)
        #expect(s.route == .quiz)
        #expect(s.quiz?.session.items.map(\.question.id) == ["filter-output", "output-width"])
        LearnerFixture.press([.escape, .character("y")], on: &s)
        #expect(s.route == .lesson)
    }

    @Test func helpListsTheReaderKeys() throws {
        var (s, _) = try reader()
        LearnerFixture.press([.character("?")], on: &s)
        let text = render(s).text
        for label in ["Preview, Explain, Keypoint, Review", "next section", "one page down", "top / end of the section", "open the lab box", "take this lesson's quiz, or go back to it", "Space PgDn ^F", "b PgUp ^B"] {
            #expect(text.contains(label), "help lacks \(label)")
        }
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func snapshot(width: Int, height: Int) throws {
        var (s, _) = try reader(.explain, width: width, height: height)
        if let problem = ScreenSnapshot.mismatch(render(s), named: "reader-explain-\(width)x\(height)", in: snapshots) { Issue.record("\(problem)") }
        LearnerFixture.press([.character("G")], on: &s)
        if let problem = ScreenSnapshot.mismatch(render(s), named: "reader-explain-end-\(width)x\(height)", in: snapshots) { Issue.record("\(problem)") }
        var (k, _) = try reader(.keypoint, width: width, height: height, capabilities: Capabilities(colorLevel: .indexed256, unicode: true))
        LearnerFixture.press([.character("j")], on: &k)
        if let problem = ScreenSnapshot.mismatch(render(k), named: "reader-keypoint-unicode-\(width)x\(height)", in: snapshots) { Issue.record("\(problem)") }
    }
}
