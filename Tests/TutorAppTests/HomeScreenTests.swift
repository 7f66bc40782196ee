import Canvas
import Curriculum
import Foundation
import TestSupport
import Testing
import TutorApp
import TutorResources
import Widgets

/// The home screen: lessons with progress, continue where you left off, filtering, opening.
struct HomeScreenTests {
    let snapshots = ScreenSnapshot.directory(group: "screens", besides: #filePath)

    /// Some progress: lesson 2 last opened at Explain, lesson 1 partly read with a quiz taken and
    /// one question due.
    static func progress() -> ProgressData {
        let now = LearnerFixture.now
        var data = ProgressData()
        data.lessons["01-fixture-filters"] = LessonProgress(sectionsRead: [.preview, .explain], attempts: [
            QuizAttempt(date: now.addingTimeInterval(-86_400), correct: 1, total: 2, asked: 2, missed: ["output-width"]),
        ])
        data.reviews["01-fixture-filters/output-width"] = ReviewState(box: 1, due: now.addingTimeInterval(-60), lastReviewed: now.addingTimeInterval(-86_400), timesWrong: 1)
        data.reviews["01-fixture-filters/filter-output"] = ReviewState(box: 2, due: now.addingTimeInterval(86_400), lastReviewed: now.addingTimeInterval(-86_400), timesCorrect: 1)
        data.last = Position(lesson: "02-fixture-shapes", section: .explain, date: now.addingTimeInterval(-3_600))
        return data
    }

    @Test func listsLessonsThenReviewThenLabs() throws {
        let s = try LearnerFixture.state()
        let items = s.homeItems
        #expect(items.count == 2 + 1 + 5)
        #expect(items[0] == .lesson(0) && items[1] == .lesson(1))
        #expect(items[2] == .review(due: 0))
    }

    @Test func continueWhereYouLeftOffIsTheDefaultSelection() throws {
        let fresh = try LearnerFixture.state()
        #expect(fresh.home.selection == 0, "with no progress the first lesson is selected")
        let returning = try LearnerFixture.state(progress: Self.progress())
        #expect(returning.homeItems[returning.home.selection] == .lesson(1))
        let text = render(returning).text
        #expect(text.contains("2.  Fixture Shapes  < continue: Explain"))
    }

    /// A title too long to share its row with the continue note is shortened with an ellipsis,
    /// never overwritten by the note (it was: "9.  Applications, Limits, Tre< continue: Review").
    @Test func continueNoteNeverOverwritesTheTitle() throws {
        let lessons = LessonLibrary(url: try #require(BundledContent.url(for: .lessons)))
        let quizzes = QuizLibrary(url: BundledContent.url(for: .quizzes))
        for (number, lesson) in lessons.lessons.enumerated() {
            for width in [80, 100, 120] {
                var progress = ProgressData()
                progress.last = Position(lesson: lesson.id, section: .review, date: LearnerFixture.now)
                let content = CurriculumContent(lessons: lessons, quizzes: quizzes, progress: progress, source: "bundled", now: LearnerFixture.now, seed: 7)
                var s = AppState(width: width, height: 24, capabilities: .plain)
                _ = reduce(&s, .curriculumLoaded(content))
                let prefix = "\(number + 1).  "
                let row = try #require(render(s).text.split(separator: "\n").first { $0.contains(prefix) && $0.contains("continue") },
                                       "lesson \(number + 1) at width \(width)")
                let title = try #require(row.components(separatedBy: "  < continue: Review").first, "lesson \(number + 1) at width \(width): \(row)")
                let shown = String(title.drop { $0 != "." }.dropFirst(3))
                let mark = s.glyphs.ellipsis
                #expect(shown == lesson.title || (shown.hasSuffix(mark) && lesson.title.hasPrefix(String(shown.dropLast(mark.count)))),
                        "lesson \(number + 1) at width \(width): title overwritten: \(row)")
            }
        }
    }

    @Test func enterOpensTheLessonWhereItWasLeft() throws {
        var s = try LearnerFixture.state(progress: Self.progress())
        let effects = LearnerFixture.press([.enter], on: &s)
        #expect(s.route == .lesson)
        #expect(s.reader?.lessonID == "02-fixture-shapes")
        #expect(s.reader?.section == .explain)
        #expect(effects.contains(.saveLessonOpened(lesson: "02-fixture-shapes", section: .explain)))
        // Back to home with q.
        LearnerFixture.press([.character("q")], on: &s)
        #expect(s.route == .home)
    }

    @Test func movingStopsAtBothEnds() throws {
        var s = try LearnerFixture.state()
        let count = s.homeItems.count
        LearnerFixture.press([.up, .character("k")], on: &s)
        #expect(s.home.selection == 0)
        LearnerFixture.press([.down, .character("j")], on: &s)
        #expect(s.home.selection == 2)
        LearnerFixture.press(Array(repeating: .down, count: 20), on: &s)
        #expect(s.home.selection == count - 1)
        LearnerFixture.press([.character("g")], on: &s)
        #expect(s.home.selection == 0)
        LearnerFixture.press([.character("G")], on: &s)
        #expect(s.home.selection == count - 1)
    }

    @Test func slashFiltersLessonsByTitleAndEscClears() throws {
        var s = try LearnerFixture.state()
        LearnerFixture.press([.character("/")], on: &s)
        #expect(s.home.isEditingFilter)
        // While typing, q and ? are letters, not quit and help.
        LearnerFixture.type("SHAq", on: &s)
        #expect(s.home.filter.text == "SHAq")
        #expect(!s.showingHelp && s.route == .home)
        LearnerFixture.press([.backspace], on: &s)
        #expect(s.homeItems.first == .lesson(1))
        #expect(s.homeItems.filter { if case .lesson = $0 { return true } else { return false } }.count == 1)
        LearnerFixture.press([.enter], on: &s)
        #expect(!s.home.isEditingFilter)
        #expect(render(s).text.contains("Filter: SHA"))
        // Enter now opens the filtered lesson.
        LearnerFixture.press([.enter], on: &s)
        #expect(s.reader?.lessonID == "02-fixture-shapes")
        LearnerFixture.press([.escape], on: &s)
        // Esc clears the filter rather than quitting.
        #expect(LearnerFixture.press([.escape], on: &s).isEmpty)
        #expect(s.home.filter.isEmpty)
        #expect(s.homeItems.count == 8)
        #expect(LearnerFixture.press([.escape], on: &s) == [.quit])
    }

    @Test func aFilterMatchingNothingSaysSo() throws {
        var s = try LearnerFixture.state()
        LearnerFixture.press([.character("/")], on: &s)
        LearnerFixture.type("zzz", on: &s)
        #expect(render(s).text.contains("No lesson title contains \"zzz\"; Esc shows them all"))
    }

    @Test func theDueReviewStartsAQuizOfTheDueQuestions() throws {
        var s = try LearnerFixture.state(progress: Self.progress())
        #expect(s.homeItems.contains(.review(due: 1)))
        s.home.selection = try #require(s.homeItems.firstIndex(of: .review(due: 1)))
        LearnerFixture.press([.enter], on: &s)
        #expect(s.route == .quiz)
        #expect(s.quiz?.title == "Spaced review")
        #expect(s.quiz?.session.items.map(\.question.id) == ["output-width"])
    }

    @Test func nothingDueIsAStatusNotAnEmptyQuiz() throws {
        var s = try LearnerFixture.state()
        s.home.selection = 2
        LearnerFixture.press([.enter], on: &s)
        #expect(s.route == .home)
        #expect(s.status?.contains("nothing is due for review") == true)
    }

    @Test func enterOnALabRowOpensTheLabAndQComesBack() throws {
        var s = try LearnerFixture.state()
        s.home.selection = 3
        LearnerFixture.press([.enter], on: &s)
        #expect(s.route == .convolutionLab)
        #expect(render(s).lines().first?.contains("Convolution lab") == true)
        #expect(LearnerFixture.press([.character("q")], on: &s).isEmpty, "q leaves the lab, it does not quit")
        #expect(s.route == .home)
    }

    @Test func helpListsTheHomeKeys() throws {
        var s = try LearnerFixture.state()
        LearnerFixture.press([.character("?")], on: &s)
        let text = render(s).text
        for label in ["Keys: Home", "next item", "filter lessons by title", "sections read", "review questions due now"] {
            #expect(text.contains(label), "help lacks \(label)")
        }
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func snapshot(width: Int, height: Int) throws {
        let s = try LearnerFixture.state(width: width, height: height, progress: Self.progress())
        if let problem = ScreenSnapshot.mismatch(render(s), named: "home-\(width)x\(height)", in: snapshots) { Issue.record("\(problem)") }
        var fresh = try LearnerFixture.state(width: width, height: height)
        LearnerFixture.press([.character("/")], on: &fresh)
        LearnerFixture.type("filt", on: &fresh)
        if let problem = ScreenSnapshot.mismatch(render(fresh), named: "home-filter-\(width)x\(height)", in: snapshots) { Issue.record("\(problem)") }
    }
}
