import Canvas
import Curriculum
import TestSupport
import Testing
import TutorApp

/// The Review tab folds each answer, so reading it just before the quiz does not give the quiz
/// away; `a` shows the answer on screen, `A` all of them.
@Suite struct ReviewFoldTests {
    func review() throws -> AppState {
        var s = try LearnerFixture.state()
        _ = reduce(&s, .lessonLinkOpened(lesson: "02-fixture-shapes", section: .review))
        return s
    }

    @Test func answersAreFoldedUntilAShowsThem() throws {
        var s = try review()
        var text = render(s).text
        #expect(text.contains("Why do feature maps shrink without padding?"))
        #expect(text.contains("Answer: (hidden: a shows it, A shows all)"))
        #expect(!text.contains("The kernel must fit inside the input."))
        #expect(text.contains("a A show answer(s)"), "the footer names the keys")
        LearnerFixture.press([.character("a")], on: &s)
        text = render(s).text
        #expect(text.contains("Answer: The kernel must fit inside the input."))
        #expect(!text.contains("hidden: a shows it"))
        LearnerFixture.press([.character("a")], on: &s)
        #expect(s.status == "no folded answer on screen")
    }

    @Test func capitalAShowsEveryAnswerAndOtherTabsSaySo() throws {
        var s = try review()
        LearnerFixture.press([.character("A")], on: &s)
        #expect(render(s).text.contains("Answer: The kernel must fit inside the input."))
        LearnerFixture.press([.character("1"), .character("a")], on: &s)
        #expect(s.status?.contains("answers are folded in Review") == true)
    }

    @Test func theQuizStillGradesTheFoldedQuestion() throws {
        var s = try review()
        LearnerFixture.press([.character("t")], on: &s)
        #expect(s.route == .quiz)
        #expect(s.quiz?.session.current?.question.modelAnswer == "The kernel must fit inside the input.")
    }
}
