import Curriculum
import Foundation
import Testing

/// The rules every quiz front end shares, on the session itself.
@Suite struct QuizSessionTests {
    static let width = Question(id: "w", prompt: "A 32x32 input, 5x5 kernel. Output width?", kind: .numeric(answer: 28, tolerance: 0),
                                explain: "(32 - 5) / 1 + 1 = 28.")
    static let bare = Question(id: "b", prompt: "How many?", kind: .numeric(answer: 6, tolerance: 0))
    static let pick = Question(id: "c", prompt: "Which?", kind: .choice(choices: ["One", "Two", "Three", "All of the above"], answer: 4))

    func session(_ questions: [Question], seed: UInt64 = 1) -> QuizSession {
        QuizSession(items: questions.map { QuizItem(lesson: "l", question: $0) }, seed: seed)
    }

    /// Misuse by a front end is an answer the learner sees, never a trap: a finished session
    /// records nothing more, and a generated question that was not instantiated is not graded.
    @Test func aFinishedQuizOrAnUninstantiatedQuestionIsNotATrap() {
        var s = session([Self.bare])
        #expect(s.answer("6").verdict == .correct && s.isFinished)
        let late = s.answer("6")
        #expect(late.verdict == .unreadable && late.note?.contains("finished") == true)
        #expect(s.selfGrade("y") == nil && s.results.count == 1)
        let raw = Grader.grade("28", for: Question(id: "g", prompt: "", kind: .generated(.convOutputSize)))
        #expect(raw.verdict == .unreadable && raw.note?.contains("made fresh") == true)
    }

    @Test func aFirstMissGetsTheHintAndOneRetryAtHalfCredit() {
        var s = session([Self.width])
        let miss = s.answer("27")
        #expect(miss.verdict == .wrong && miss.retryHint == "Start from: (32 - 5) / 1 + 1")
        #expect(s.results.isEmpty && s.isRetrying)
        let retry = s.answer("28")
        #expect(retry.verdict == .correctAfterHint)
        #expect(s.score == 0.5 && s.correctCount == 0 && s.afterHintCount == 1)
        let attempt = s.attempts(now: Date(timeIntervalSince1970: 0))["l"]
        #expect(attempt?.scoreText == "0.5/1" && attempt?.missed == ["w"])
    }

    @Test func aSecondMissOrAnEmptyRetryIsAMiss() {
        var s = session([Self.width, Self.width])
        _ = s.answer("27")
        #expect(s.answer("26").verdict == .wrong)
        var t = session([Self.width])
        _ = t.answer("27")
        #expect(t.answer("").verdict == .wrong, "giving up on the retry does not undo the miss")
    }

    @Test func noHintNoRetry() {
        var s = session([Self.bare])
        #expect(s.answer("5").verdict == .wrong)
        #expect(s.results.count == 1 && !s.isRetrying)
    }

    @Test func notANumberIsAskedOnceMore() {
        var s = session([Self.bare])
        let first = s.answer("lots")
        #expect(first.verdict == .unreadable && s.results.isEmpty)
        #expect(first.note?.hasPrefix("That is not a number: try again") == true)
        let second = s.answer("lots")
        #expect(second.verdict == .wrong && s.results.count == 1)
    }

    @Test func repeatsAreDroppedAndAllOfTheAboveStaysLast() {
        let same = Question(id: "other-id", prompt: "how many?", kind: .numeric(answer: 6, tolerance: 0))
        let s = session([Self.bare, Self.bare, same, Self.pick])
        #expect(s.items.map(\.question.id) == ["b", "c"])
        for seed in UInt64(0)..<50 {
            guard case .choice(let choices, let answer)? = session([Self.pick], seed: seed).items.first?.question.kind else { continue }
            #expect(choices.last == "All of the above" && answer == 4, "seed \(seed): \(choices)")
        }
    }

    @Test func oldFilesKeepSpacedReviewAttemptsOutOfBestAndLast() throws {
        let json = """
        {"version": 1, "lessons": {"l": {"sectionsRead": [], "attempts": [
          {"date": 0, "correct": 13, "total": 22, "asked": 22, "missed": []},
          {"date": 100, "correct": 3, "total": 3, "asked": 3, "missed": [], "spacedReview": true}]}}}
        """
        let data = try JSONDecoder().decode(ProgressData.self, from: Data(json.utf8))
        let lesson = data.lesson("l")
        #expect(lesson.best?.correct == 13 && lesson.last?.correct == 13)
        #expect(data.reviewSessions.isEmpty)
        var merged = data
        let session = ReviewSession(date: Date(timeIntervalSince1970: 5), correct: 2, total: 2, asked: 3, lessons: ["l"], missed: ["l/x"])
        merged.merge(ProgressData(reviewSessions: [session]))
        merged.merge(ProgressData(reviewSessions: [session]))
        #expect(merged.reviewSessions == [session], "merging twice keeps one copy")
        #expect(session.isPartial && session.scoreText == "2/2")
        let roundTrip = try JSONDecoder().decode(ProgressData.self, from: JSONEncoder().encode(merged))
        #expect(roundTrip.reviewSessions == [session])
    }
}
