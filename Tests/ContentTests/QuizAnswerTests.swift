import Foundation
import Testing
import Curriculum

/// Every numeric and shape answer the learner is graded against is recomputed with the
/// project's code and must grade as correct.
@Suite("Quiz answers agree with TinyCNN")
struct QuizAnswerTests {
    /// Every question graded exactly: quiz numeric/shape questions and review questions whose
    /// model answer is a bare number or shape, keyed `NN/id`.
    static func exactQuestions() -> [(key: String, question: Question)] {
        var out: [(String, Question)] = []
        for lesson in BundledLessons.lessons {
            let number = String(lesson.id.prefix(2))
            // The lesson's Review questions all count, also those a quiz question replaces:
            // the Review tab still shows them with their answers.
            let quiz = BundledLessons.quizzes.quiz(for: lesson.id)
            for q in ReviewQuiz.questions(for: lesson, quiz: nil) + (quiz?.questions ?? []) {
                switch q.kind {
                case .numeric, .shape: out.append(("\(number)/\(q.id)", q))
                default: continue
                }
            }
        }
        return out
    }

    @Test("every exactly graded answer has a recomputation")
    func everyAnswerIsCovered() {
        let keys = Set(Self.exactQuestions().map(\.key))
        let missing = keys.subtracting(AnswerOracle.answers.keys).sorted()
        let stale = Set(AnswerOracle.answers.keys).subtracting(keys).sorted()
        #expect(missing.isEmpty, "answers nobody recomputes: \(missing)")
        #expect(stale.isEmpty, "recomputations for questions that are not numeric/shape or do not exist: \(stale)")
        #expect(keys.count >= 70, "only \(keys.count) exactly graded questions")
    }

    @Test("the recomputed answer grades as correct", arguments: exactQuestions().map(\.key))
    func recomputedAnswerIsCorrect(key: String) throws {
        let question = try #require(Self.exactQuestions().first { $0.key == key }?.question)
        let recompute = try #require(AnswerOracle.answers[key], "no recomputation for \(key)")
        let computed = try recompute()
        let grade = Grader.grade(computed.typed, for: question)
        #expect(grade.isCorrect, "\(key): content says \(question.modelAnswer), TinyCNN computes \(computed)")
    }
}
