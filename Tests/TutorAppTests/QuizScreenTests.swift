import Canvas
import Curriculum
import Foundation
import TestSupport
import Testing
import TutorApp
import TutorResources
import Widgets

/// The quiz screen: each question kind's input, feedback, saving, leaving, the summary.
struct QuizScreenTests {
    let snapshots = ScreenSnapshot.directory(group: "screens", besides: #filePath)

    /// Lesson 1's quiz: a choice question (answer b) then a numeric one (answer 28).
    func quiz1(width: Int = 80, height: Int = 24) throws -> AppState {
        var s = try LearnerFixture.state(width: width, height: height)
        _ = reduce(&s, .quizLinkOpened(lesson: "01-fixture-filters"))
        return s
    }

    /// Lesson 2's quiz: its own review question (open), then shape, then short.
    func quiz2() throws -> AppState {
        var s = try LearnerFixture.state()
        _ = reduce(&s, .quizLinkOpened(lesson: "02-fixture-shapes"))
        return s
    }

    func feedback(_ s: AppState) -> QuizFeedback? {
        if case .feedback(let f)? = s.quiz?.phase { return f }
        return nil
    }

    /// Choices are shuffled per attempt: the 0-based place of the right option as shown.
    func rightIndex(_ s: AppState) -> Int {
        guard case .choice(_, let answer)? = s.quiz?.session.current?.question.kind else { return 0 }
        return answer - 1
    }

    /// The letter key of the right option as shown, and of a wrong one.
    func rightKey(_ s: AppState) -> Key { .character(Character(Question.choiceLetter(rightIndex(s)))) }
    func wrongKey(_ s: AppState) -> Key { .character(Character(Question.choiceLetter((rightIndex(s) + 1) % 3))) }

    /// The attempt record as the reducer sends it (the shell dates it).
    func attempt(correct: Int, total: Int, asked: Int, missed: [String]) -> QuizAttempt {
        QuizAttempt(date: Date(timeIntervalSince1970: 0), correct: correct, total: total, asked: asked, missed: missed)
    }

    @Test func choiceByLetterByDigitAndByArrows() throws {
        let r = rightIndex(try quiz1())
        let letter = Character(Question.choiceLetter(r)), digit = Character(String(r + 1))
        let wrongLetter = Character(Question.choiceLetter((r + 1) % 3)), wrongDigit = Character(String((r + 2) % 3 + 1))
        let downs = [Key](repeating: .down, count: r + 1)
        for (keys, correct) in [([Key.character(letter)], true), ([.character(Character(letter.uppercased()))], true), ([.character(digit)], true),
                                ([.character(wrongLetter)], false), ([.character(wrongDigit)], false),
                                (downs + [.enter], true), (downs + [.down, .down, .down, .enter], true), ([.up, .enter], r == 2)] {
            var s = try quiz1()
            let effects = LearnerFixture.press(keys, on: &s)
            let f = try #require(feedback(s), "keys \(keys)")
            #expect(f.grade.isCorrect == correct, "keys \(keys)")
            #expect(effects == [.saveAnswer(lesson: "01-fixture-filters", question: "filter-output", verdict: correct ? .correct : .wrong)], "keys \(keys)")
        }
    }

    @Test func aChoiceOutOfRangeSaysSoAndAnswersNothing() throws {
        var s = try quiz1()
        #expect(LearnerFixture.press([.character("d")], on: &s).isEmpty)
        #expect(s.quiz?.phase == .asking)
        #expect(s.status?.contains("only 3 choices") == true)
    }

    @Test func enterWithNothingPickedOnlySaysWhatToPress() throws {
        var s = try quiz1()
        #expect(LearnerFixture.press([.enter], on: &s).isEmpty)
        #expect(s.quiz?.phase == .asking && s.quiz?.answered == 0)
        #expect(render(s).text.contains("Nothing is picked yet: press a letter (a-c) or a number (1-3)"))
        LearnerFixture.press([.down], on: &s)
        #expect(!render(s).text.contains("Nothing is picked yet"), "moving the highlight clears the note")
        #expect(LearnerFixture.press([.enter], on: &s).count == 1, "with a choice highlighted Enter answers")
    }

    @Test func numericAnswersAreTypedEditedAndGraded() throws {
        var s = try quiz1()
        LearnerFixture.press([rightKey(s), .enter], on: &s)
        #expect(s.quiz?.phase == .asking)
        // q and ? are part of the answer here; editing keys work.
        LearnerFixture.type("q2", on: &s)
        LearnerFixture.press([.home, .delete, .end], on: &s)
        LearnerFixture.type("7", on: &s)
        #expect(s.quiz?.field.text == "27")
        #expect(s.route == .quiz)
        // A first miss: a hint and one more try, nothing recorded yet.
        #expect(LearnerFixture.press([.enter], on: &s).isEmpty)
        #expect(s.quiz?.phase == .asking && s.quiz?.session.isRetrying == true)
        let hinted = render(s).text
        #expect(hinted.contains("Not quite. Hint: Start from: (32 - 5 + 0) / 1 + 1"), "\(hinted)")
        #expect(hinted.contains("One more try: right now counts half."))
        #expect(s.quiz?.field.text == "", "the retry starts from an empty field")
        LearnerFixture.type("27", on: &s)
        let effects = LearnerFixture.press([.enter], on: &s)
        let f = try #require(feedback(s))
        #expect(f.grade.verdict == .wrong)
        #expect(f.given == "27")
        // The last answer also saves the attempt.
        #expect(effects == [.saveAnswer(lesson: "01-fixture-filters", question: "output-width", verdict: .wrong),
                            .saveQuizAttempt(lesson: "01-fixture-filters", attempt: attempt(correct: 1, total: 2, asked: 2, missed: ["output-width"]))])
        let text = render(s).text
        for expected in ["x Wrong.", "Your answer: 27", "Answer: 28", "Why: (32 - 5 + 0) / 1 + 1 = 28", "l reads what the lesson says about this"] {
            #expect(text.contains(expected), "feedback lacks \(expected)")
        }
        LearnerFixture.press([.enter], on: &s)
        #expect(s.quiz?.phase == .finished)
        let summary = render(s).text
        #expect(summary.contains("Score: 1 of 2 right (50%)"))
        #expect(summary.contains("Missed (1):"))
        #expect(summary.contains("A 32x32 input, 5x5 kernel"))
        #expect(summary.contains("Saved to your progress: 2 answers and this attempt."))
        LearnerFixture.press([.character("q")], on: &s)
        #expect(s.route == .home && s.quiz == nil)
    }

    @Test func rightAfterTheHintCountsHalf() throws {
        var s = try quiz1()
        LearnerFixture.press([rightKey(s), .enter], on: &s)
        LearnerFixture.type("27", on: &s)
        LearnerFixture.press([.enter], on: &s)
        LearnerFixture.type("(32-5)/1+1 = 28", on: &s)
        let effects = LearnerFixture.press([.enter], on: &s)
        #expect(feedback(s)?.grade.verdict == .correctAfterHint)
        #expect(render(s).text.contains("Right after the hint: counts half"))
        #expect(effects == [.saveAnswer(lesson: "01-fixture-filters", question: "output-width", verdict: .correctAfterHint),
                            .saveQuizAttempt(lesson: "01-fixture-filters",
                                             attempt: QuizAttempt(date: Date(timeIntervalSince1970: 0), correct: 1, total: 2, asked: 2,
                                                                  missed: ["output-width"], afterHint: 1))])
        LearnerFixture.press([.enter], on: &s)
        #expect(render(s).text.contains("Score: 1.5 of 2 right (75%), 1 right after a hint counting half"))
    }

    @Test func aReplyWithNoNumberIsAskedAgainNotMissed() throws {
        var s = try quiz1()
        LearnerFixture.press([rightKey(s), .enter], on: &s)
        LearnerFixture.type("no idea", on: &s)
        #expect(LearnerFixture.press([.enter], on: &s).isEmpty)
        #expect(s.quiz?.phase == .asking && s.quiz?.answered == 1)
        #expect(render(s).text.contains("That is not a number: try again"))
        LearnerFixture.press([.control("u")], on: &s)
        LearnerFixture.type("28", on: &s)
        LearnerFixture.press([.enter], on: &s)
        #expect(feedback(s)?.grade.verdict == .correct)
    }

    @Test func ctrlCOrAClosedTerminalSavesThePartialAttempt() throws {
        var s = try quiz1()
        LearnerFixture.press([rightKey(s), .enter], on: &s)
        let effects = reduce(&s, .quitSignalled)
        #expect(effects == [.saveQuizAttempt(lesson: "01-fixture-filters", attempt: attempt(correct: 1, total: 1, asked: 2, missed: []))])
        #expect(reduce(&s, .quitSignalled).isEmpty, "saved once")
        var fresh = try quiz1()
        #expect(reduce(&fresh, .quitSignalled).isEmpty, "nothing answered, nothing saved")
    }

    /// A learner may type the words of an option instead of its letter: a letter past the
    /// options starts the answer field, and Enter picks the option the words name.
    @Test func typingAnOptionsWordsPicksIt() throws {
        var s = try quiz1()
        LearnerFixture.type("feature mapp", on: &s)
        #expect(s.quiz?.field.text == "feature mapp")
        #expect(feedback(s) == nil, "typing does not answer")
        let typing = render(s).text
        #expect(typing.contains("feature mapp") && typing.contains("Enter picks the option these words name"), "\(typing)")
        LearnerFixture.press([.enter], on: &s)
        #expect(feedback(s)?.grade.verdict == .correct)
        #expect(render(s).text.contains(") One feature map"))

        var other = try quiz1()
        LearnerFixture.type("xylophone", on: &other)
        LearnerFixture.press([.enter], on: &other)
        #expect(feedback(other) == nil, "words that name no option are not an answer")
        #expect(render(other).text.contains("'xylophone' names none of the options"))
    }

    @Test func anEmptyAnswerIsSkippedNotWrong() throws {
        var s = try quiz1()
        #expect(LearnerFixture.press([.character("s")], on: &s).isEmpty, "s starts typing an option's words")
        var effects = LearnerFixture.press([.enter], on: &s)
        #expect(feedback(s)?.grade.verdict == .skipped, "s alone, then Enter, skips")
        #expect(effects == [.saveAnswer(lesson: "01-fixture-filters", question: "filter-output", verdict: .skipped)])
        LearnerFixture.press([.enter], on: &s)
        effects = LearnerFixture.press([.enter], on: &s)
        #expect(feedback(s)?.grade.verdict == .skipped)
        #expect(render(s).text.contains("- Skipped."))
    }

    @Test func openQuestionsRevealTheModelAnswerAndAskYesOrNo() throws {
        var s = try quiz2()
        #expect(s.quiz?.session.current?.question.id == "review-1")
        LearnerFixture.type("it has to fit", on: &s)
        #expect(LearnerFixture.press([.enter], on: &s).isEmpty, "nothing is saved before the self-grade")
        #expect(s.quiz?.phase == .selfGrading(given: "it has to fit"))
        let text = render(s).text
        #expect(text.contains("Model answer: The kernel must fit inside the input."))
        #expect(text.contains("Did you get it right?"))
        // A key other than y/n/s does nothing.
        #expect(LearnerFixture.press([.character("x")], on: &s).isEmpty)
        let effects = LearnerFixture.press([.character("y")], on: &s)
        #expect(effects == [.saveAnswer(lesson: "02-fixture-shapes", question: "review-1", verdict: .correct)])
        #expect(feedback(s)?.grade.verdict == .correct)
    }

    @Test func shapeAndShortAnswers() throws {
        var s = try quiz2()
        LearnerFixture.type("x", on: &s)
        LearnerFixture.press([.enter, .character("n"), .enter], on: &s)
        #expect(s.quiz?.session.current?.question.id == "output-shape")
        LearnerFixture.type("(26, 26, 64)", on: &s)
        LearnerFixture.press([.enter], on: &s)
        #expect(feedback(s)?.grade.verdict == .correct)
        // Shapes are shown with the × the questions use, x in ASCII.
        #expect(render(s).text.contains("Answer: 26x26x64"))
        var unicode = s
        unicode.capabilities = Capabilities(colorLevel: .none, unicode: true)
        #expect(render(unicode).text.contains("Answer: 26×26×64"))
        LearnerFixture.press([.enter], on: &s)
        LearnerFixture.type("the largest valu", on: &s)
        let effects = LearnerFixture.press([.enter], on: &s)
        #expect(feedback(s)?.grade.verdict == .correct, "one typo in a long word is forgiven")
        #expect(effects.contains(.saveQuizAttempt(lesson: "02-fixture-shapes", attempt: attempt(correct: 2, total: 3, asked: 3, missed: ["review-1"]))))
    }

    /// The spaced review mixes lessons: each question says where it comes from, and the session is
    /// saved as a review session of its own, never as a lesson's attempt (whose best and last it
    /// would otherwise overwrite).
    @Test func aSpacedReviewIsSavedAsAReviewSessionAndNamesEachLesson() throws {
        let due = ReviewState(due: LearnerFixture.now.addingTimeInterval(-60), lastReviewed: LearnerFixture.now.addingTimeInterval(-86_400))
        let lesson1 = LessonProgress(attempts: [QuizAttempt(date: LearnerFixture.now.addingTimeInterval(-86_400), correct: 1, total: 2, asked: 2, missed: ["output-width"])])
        let progress = ProgressData(lessons: ["01-fixture-filters": lesson1],
                                    reviews: ["01-fixture-filters/output-width": due, "02-fixture-shapes/output-shape": due])
        var s = try LearnerFixture.state(progress: progress)
        _ = reduce(&s, .quizLinkOpened(lesson: nil))
        let quiz = try #require(s.quiz)
        #expect(quiz.lessonID == nil && quiz.session.items.count == 2)
        let first = render(s).text
        let lessonTitle = quiz.session.current?.lesson == "01-fixture-filters" ? "Fixture Filters" : "Fixture Shapes"
        #expect(first.contains("From the lesson: \(lessonTitle)"), "\(first)")
        var effects: [Effect] = []
        while let current = s.quiz?.session.current {
            LearnerFixture.type(current.question.id == "output-width" ? "28" : "26x26x64", on: &s)
            effects += LearnerFixture.press([.enter], on: &s)
            if s.quiz?.session.isFinished == false { LearnerFixture.press([.enter], on: &s) }
        }
        let records = effects.filter { if case .curriculum(.saveAnswer) = $0 { return false } else { return true } }
        #expect(records.count == 1, "\(records)")
        guard case .curriculum(.saveReviewSession(let session))? = records.first else { Issue.record("not a review session: \(records)"); return }
        #expect((session.correct, session.total, session.asked) == (2, 2, 2))
        #expect(Set(session.lessons) == ["01-fixture-filters", "02-fixture-shapes"])
        LearnerFixture.press([.enter], on: &s)
        #expect(render(s).text.contains("Saved to your progress: 2 answers and this review session."))
        #expect(s.curriculum.progress.lesson("01-fixture-filters").best?.scoreText == "1/2", "the lesson's best is untouched")
    }

    @Test func anEmptyEnterSkipsAnOpenQuestion() throws {
        var s = try quiz2()
        let effects = LearnerFixture.press([.enter], on: &s)
        #expect(effects == [.saveAnswer(lesson: "02-fixture-shapes", question: "review-1", verdict: .skipped)])
        #expect(feedback(s)?.grade.verdict == .skipped)
    }

    @Test func lettersTypedBeforeTheRevealAreTheAnswerNotTheVerdict() throws {
        var s = try quiz2()
        // "conv" holds an n: before the reveal it is part of the answer, not a "no".
        #expect(LearnerFixture.type("conv", on: &s).isEmpty)
        #expect(s.quiz?.field.text == "conv" && s.quiz?.phase == .asking)
        LearnerFixture.press([.enter], on: &s)
        let text = render(s).text
        #expect(text.contains("You wrote: conv"))
        #expect(text.contains("Model answer: The kernel must fit inside the input."))
        #expect(LearnerFixture.press([.character("n")], on: &s).count == 1)
        #expect(feedback(s)?.grade.verdict == .wrong)
    }

    @Test func escAsksBeforeLeavingAndKeepsTheAnswersGiven() throws {
        var s = try quiz1()
        LearnerFixture.press([rightKey(s), .enter], on: &s)
        LearnerFixture.type("28", on: &s)
        #expect(LearnerFixture.press([.escape], on: &s).isEmpty)
        #expect(s.quiz?.confirmingLeave == true)
        #expect(render(s).text.contains("The answer given so far stays saved."))
        LearnerFixture.press([.character("n")], on: &s)
        #expect(s.quiz?.confirmingLeave == false && s.route == .quiz)
        #expect(s.quiz?.field.text == "28", "staying keeps what was typed")
        LearnerFixture.press([.escape], on: &s)
        let effects = LearnerFixture.press([.character("y")], on: &s)
        #expect(s.route == .home && s.quiz == nil)
        #expect(effects == [.saveQuizAttempt(lesson: "01-fixture-filters", attempt: attempt(correct: 1, total: 1, asked: 2, missed: []))])
        #expect(s.status?.contains("quiz left after 1 of 2 questions") == true)
    }

    @Test func leavingBeforeAnyAnswerSavesNothing() throws {
        var s = try quiz1()
        LearnerFixture.press([.character("q")], on: &s)
        #expect(s.quiz?.confirmingLeave == true)
        #expect(LearnerFixture.press([.character("y")], on: &s).isEmpty)
        #expect(s.route == .home)
    }

    @Test func aMissJumpsToTheLessonAndEscReturnsToTheQuiz() throws {
        var s = try quiz1()
        LearnerFixture.press([wrongKey(s)], on: &s)
        let effects = LearnerFixture.press([.character("l")], on: &s)
        #expect(s.route == .lesson)
        #expect(s.reader?.section == .explain)
        #expect(effects.first == .saveLessonOpened(lesson: "01-fixture-filters", section: .explain))
        LearnerFixture.press([.escape], on: &s)
        #expect(s.route == .quiz)
        #expect(feedback(s)?.item.question.id == "filter-output")
    }

    /// From the lesson a miss jumped to, t goes back to the quiz in progress (it used to start a
    /// fresh quiz over it, losing the place without asking), and the footer says so.
    @Test func tInTheLessonJumpedToGoesBackToTheQuiz() throws {
        var s = try quiz1()
        LearnerFixture.press([wrongKey(s), .character("l")], on: &s)
        #expect(s.route == .lesson)
        let footer = render(s).text.split(separator: "\n").last.map(String.init) ?? ""
        #expect(footer.contains("q Esc t back to the quiz"), "footer: \(footer)")
        #expect(!footer.contains("t quiz"), "footer: \(footer)")
        LearnerFixture.press([.character("t")], on: &s)
        #expect(s.route == .quiz)
        #expect(s.quiz?.answered == 1, "the answered question is still there")
        #expect(feedback(s)?.item.question.id == "filter-output")
    }

    @Test func aMissJumpsToWhereTheLessonTeachesIt() throws {
        // "Why do feature maps shrink without padding?" / "The kernel must fit inside the input."
        // shares shrink and kernel with Keypoint's "Shapes shrink by the kernel size minus one."
        var s = try quiz2()
        LearnerFixture.type("x", on: &s)
        LearnerFixture.press([.enter, .character("n"), .character("l")], on: &s)
        #expect(s.reader?.section == .keypoint)
        #expect(render(s).text.contains("Shapes shrink by the kernel size minus one."))
    }

    @Test func retakingStartsAgain() throws {
        var s = try quiz1()
        LearnerFixture.press([rightKey(s), .enter], on: &s)
        LearnerFixture.type("28", on: &s)
        LearnerFixture.press([.enter, .enter, .character("r")], on: &s)
        #expect(s.quiz?.phase == .asking && s.quiz?.answered == 0)
        #expect(s.routes == [.home, .quiz])
    }

    @Test func helpIsReachableWhileTyping() throws {
        var s = try quiz1()
        LearnerFixture.press([rightKey(s), .enter, .function(1)], on: &s)
        #expect(s.showingHelp)
        #expect(render(s).text.contains("clear before / after the cursor"))
        // Every editing key the field takes is listed, the Emacs-style ones included.
        for listed in ["move the cursor (or Ctrl-B F A E)", "delete before / at the cursor (or Ctrl-H D)"] {
            #expect(render(s).text.contains(listed), "help lacks \(listed)")
        }
        LearnerFixture.press([.escape], on: &s)
        #expect(!s.showingHelp && s.quiz?.confirmingLeave == false)
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func snapshot(width: Int, height: Int) throws {
        var s = try quiz1(width: width, height: height)
        LearnerFixture.press([.down], on: &s)
        if let problem = ScreenSnapshot.mismatch(render(s), named: "quiz-choice-\(width)x\(height)", in: snapshots) { Issue.record("\(problem)") }
        LearnerFixture.press([.enter, .enter], on: &s)
        LearnerFixture.type("27", on: &s)
        if let problem = ScreenSnapshot.mismatch(render(s), named: "quiz-numeric-\(width)x\(height)", in: snapshots) { Issue.record("\(problem)") }
        LearnerFixture.press([.enter], on: &s)
        if let problem = ScreenSnapshot.mismatch(render(s), named: "quiz-retry-\(width)x\(height)", in: snapshots) { Issue.record("\(problem)") }
        LearnerFixture.type("27", on: &s)
        LearnerFixture.press([.enter], on: &s)
        if let problem = ScreenSnapshot.mismatch(render(s), named: "quiz-feedback-\(width)x\(height)", in: snapshots) { Issue.record("\(problem)") }
        LearnerFixture.press([.enter], on: &s)
        if let problem = ScreenSnapshot.mismatch(render(s), named: "quiz-summary-\(width)x\(height)", in: snapshots) { Issue.record("\(problem)") }
        var o = try quiz2()
        _ = reduce(&o, .windowResized(width: width, height: height))
        LearnerFixture.type("it must fit", on: &o)
        LearnerFixture.press([.enter], on: &o)
        if let problem = ScreenSnapshot.mismatch(render(o), named: "quiz-open-\(width)x\(height)", in: snapshots) { Issue.record("\(problem)") }
    }
}

/// The answer the quiz screen shows for a short question is its first accepted answer; it must be
/// spelled as the question's own text spells it ("ReLU", not "relu"; "28×28", not "28x28").
@Test func shownShortAnswersKeepTheQuizzesOwnSpelling() throws {
    let quizzes = QuizLibrary(url: BundledContent.url(for: .quizzes))
    var checked = 0
    for (lesson, quiz) in quizzes.quizzes.sorted(by: { $0.key < $1.key }) {
        for question in quiz.questions {
            guard case .short(let accept, _) = question.kind, let shown = accept.first else { continue }
            let text = question.prompt + " " + (question.explain ?? "")
            guard let found = text.range(of: shown, options: .caseInsensitive) else { continue }
            checked += 1
            if text.contains(shown) { continue }
            // A capital only because the word opens a sentence is not a different spelling.
            let spelled = text[found]
            let before = text[..<found.lowerBound].trimmingCharacters(in: .whitespaces)
            let opensSentence = before.isEmpty || before.hasSuffix(".") || before.hasSuffix("?")
            let sameButCapitalised = spelled.dropFirst() == shown.dropFirst() && opensSentence
            #expect(sameButCapitalised, "\(lesson)/\(question.id) shows '\(shown)' but its text spells it '\(spelled)'")
        }
    }
    #expect(checked >= 10, "only \(checked) short answers were compared")
}

/// The tutor on its bundled lessons and quizzes, at the fixture's time and seed.
private func bundledState(width: Int, height: Int) throws -> AppState {
    let lessons = LessonLibrary(url: try #require(BundledContent.url(for: .lessons)))
    let quizzes = QuizLibrary(url: BundledContent.url(for: .quizzes))
    var s = AppState(width: width, height: height, capabilities: .plain)
    _ = reduce(&s, .curriculumLoaded(CurriculumContent(lessons: lessons, quizzes: quizzes, progress: ProgressData(), source: "bundled",
                                                       now: LearnerFixture.now, seed: 7)))
    return s
}

/// A score page with more misses than the window has rows: what was saved is on the first
/// screen, the misses scroll with j k Space g G, and every miss can be reached (the list used to
/// run off the bottom of an 80×24 window, taking the "Saved to your progress" line with it).
@Test func aLongScorePageScrollsToEveryMiss() throws {
    var s = try bundledState(width: 80, height: 24)
    LearnerFixture.press([.character("j"), .enter, .character("t")], on: &s)
    #expect(s.route == .quiz)
    // Skip or miss everything: Enter on an empty field skips, s skips a choice or a self-check.
    var steps = 0
    while let quiz = s.quiz, quiz.phase != .finished, steps < 500 {
        LearnerFixture.press([skipKey(quiz)], on: &s)
        steps += 1
    }
    let quiz = try #require(s.quiz)
    #expect(quiz.phase == .finished)
    let missed = quiz.session.missed
    #expect(missed.count > 10, "the quiz should leave many misses, left \(missed.count)")

    var text = render(s).text
    #expect(text.contains("Saved to your progress:"), "what was saved shows on the first screen")
    #expect(text.contains("j k Space scroll"))
    #expect(text.contains("lines 1-19 of "))
    // Scroll to the end one screen at a time: every miss's prompt start is seen on the way.
    var seen = text
    for _ in 0..<40 {
        LearnerFixture.press([.character(" ")], on: &s)
        seen += render(s).text
    }
    for result in missed {
        let start = String(ASCIIText.spelled(result.item.question.prompt).prefix(24))
        #expect(seen.contains(start), "never shown: \(start)")
    }
    text = render(s).text
    #expect(!text.contains("v more"), "at the end nothing is left below")
    LearnerFixture.press([.character("g")], on: &s)
    #expect(s.quiz?.summaryOffset == 0)
    LearnerFixture.press([.character("k")], on: &s)
    #expect(s.quiz?.summaryOffset == 0, "k stops at the top")
    LearnerFixture.press([.character("G"), .character("j")], on: &s)
    let end = s.quiz?.summaryOffset ?? 0
    LearnerFixture.press([.character("j")], on: &s)
    #expect(s.quiz?.summaryOffset == end, "j stops at the end")
}

/// Under --ascii the quiz spells symbols out like the reader: lesson 7's "λ = 0.01" reads
/// "lambda = 0.01", not the terminal's one-column "l = 0.01".
@Test func asciiQuizTextSpellsSymbolsOut() throws {
    var s = try bundledState(width: 100, height: 30)
    _ = reduce(&s, .quizLinkOpened(lesson: "07-overfitting"))
    var steps = 0
    while let quiz = s.quiz, quiz.phase != .finished, steps < 200 {
        if quiz.phase == .asking, quiz.session.current?.question.prompt.contains("L2 penalty") == true { break }
        LearnerFixture.press([skipKey(quiz)], on: &s)
        steps += 1
    }
    let text = render(s).text
    #expect(text.contains("With lambda = 0.01, what L2 penalty"), "\(text)")
    #expect(text.unicodeScalars.allSatisfy { $0.isASCII })
}

/// The key that skips (or, on feedback, moves past) the quiz's current step.
func skipKey(_ quiz: QuizScreenState) -> Key {
    if case .selfGrading = quiz.phase { return .character("s") }
    if quiz.phase == .asking, case .choice? = quiz.session.current?.question.kind {
        return quiz.field.isEmpty ? .character("s") : .enter
    }
    return .enter
}
