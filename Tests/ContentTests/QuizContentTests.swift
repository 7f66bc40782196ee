import Foundation
import Testing
import Curriculum

/// The bundled quiz files: valid, big enough, varied, and graded right by the tutor's grader.
@Suite("Bundled quizzes")
struct QuizContentTests {
    @Test("tutor check finds no problem in the shipped lessons and quizzes")
    func contentCheckerIsClean() throws {
        let lessons = try #require(BundledLessons.lessonsURL)
        let quizzes = try #require(BundledLessons.quizzesURL)
        let report = ContentChecker.check(paths: [lessons.path, quizzes.path])
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics.map(\.description).joined(separator: "\n"))")
        #expect(report.lessons == BundledLessons.lessons.count)
        #expect(report.quizzes == BundledLessons.lessons.count)
    }

    @Test("every quiz file loads without diagnostics")
    func quizzesLoad() {
        #expect(BundledLessons.quizzes.diagnostics.isEmpty,
                "\(BundledLessons.quizzes.diagnostics.map(\.description).joined(separator: "\n"))")
    }

    @Test("every lesson has a quiz of at least 10 questions mixing choice, numeric or shape, short and open")
    func quizPerLesson() throws {
        for lesson in BundledLessons.lessons {
            let quiz = try #require(BundledLessons.quizzes.quiz(for: lesson.id), "\(lesson.id) has no quiz file")
            let kinds = Set(quiz.questions.map(\.kindName))
            #expect(quiz.questions.count >= 10, "\(lesson.id): \(quiz.questions.count) questions")
            #expect(kinds.contains("choice"), "\(lesson.id) has no choice question")
            #expect(kinds.contains("numeric") || kinds.contains("shape"), "\(lesson.id) has no numeric or shape question")
            #expect(kinds.contains("short"), "\(lesson.id) has no short question")
            #expect(kinds.contains("open"), "\(lesson.id) has no open question")
        }
    }

    @Test("the convolution and pooling lessons use the generators")
    func generators() throws {
        let wanted: [(lesson: String, generators: Set<QuestionGenerator>)] = [
            ("02", [.convOutputSize, .convDotProduct, .paramCount]),
            ("03", [.poolValues, .poolSize]),
        ]
        for (number, generators) in wanted {
            let lesson = try #require(BundledLessons.lesson(number))
            let quiz = try #require(BundledLessons.quizzes.quiz(for: lesson.id))
            let used = Set(quiz.questions.compactMap { q -> QuestionGenerator? in
                if case .generated(let g) = q.kind { return g }
                return nil
            })
            #expect(generators.isSubset(of: used), "\(lesson.id) uses \(used.map(\.rawValue)), wants \(generators.map(\.rawValue))")
        }
    }

    @Test("every question explains its answer (open questions carry a model answer)")
    func explanations() throws {
        for (lesson, q) in BundledLessons.questions {
            switch q.kind {
            case .open(let answer):
                #expect(answer.count >= 40, "\(lesson.id)/\(q.id): model answer too thin")
            case .generated:
                continue
            default:
                #expect((q.explain?.count ?? 0) >= 10, "\(lesson.id)/\(q.id) has no explain")
            }
        }
    }

    @Test("the grader accepts each question's own answer and rejects the other choices")
    func ownAnswersGradeCorrect() throws {
        for (lesson, q) in BundledLessons.questions {
            switch q.kind {
            case .choice(let choices, let answer):
                for index in 1...choices.count {
                    let verdict = Grader.grade(String(index), for: q).verdict
                    #expect(verdict == (index == answer ? .correct : .wrong), "\(lesson.id)/\(q.id) choice \(index)")
                }
            case .numeric(let answer, _):
                #expect(Grader.grade(Question.format(answer), for: q).isCorrect, "\(lesson.id)/\(q.id)")
            case .shape(let dims):
                #expect(Grader.grade(dims.map(String.init).joined(separator: " × "), for: q).isCorrect, "\(lesson.id)/\(q.id)")
            case .grid(let rows, _):
                #expect(Grader.grade(rows.map { $0.map(Question.format).joined(separator: " ") }.joined(separator: "; "), for: q).isCorrect,
                        "\(lesson.id)/\(q.id)")
            case .short(let accept, let keywords):
                #expect(!accept.isEmpty && !keywords.isEmpty, "\(lesson.id)/\(q.id): needs accept and keywords")
                for entry in accept {
                    #expect(Grader.grade(entry, for: q).isCorrect, "\(lesson.id)/\(q.id) rejects its own accept entry '\(entry)'")
                }
                #expect(!Grader.grade("I have no idea", for: q).isCorrect, "\(lesson.id)/\(q.id) accepts anything")
            case .open:
                #expect(Grader.grade("my answer", for: q).verdict == .needsSelfGrade)
            case .generated(let generator):
                for seed in UInt64(0)..<20 {
                    let instance = q.instantiated(seed: seed)
                    #expect(Grader.grade(instance.modelAnswer, for: instance).isCorrect,
                            "\(lesson.id)/\(q.id) (\(generator.rawValue)) seed \(seed)")
                }
            }
        }
    }

    @Test("short questions accept a typical paraphrase through their keyword groups")
    func shortKeywordGroupsAreReachable() throws {
        for (lesson, q) in BundledLessons.questions {
            guard case .short(_, let keywords) = q.kind else { continue }
            let sentence = "I think it is " + keywords.compactMap(\.first).joined(separator: " and ")
            #expect(Grader.grade(sentence, for: q).isCorrect, "\(lesson.id)/\(q.id): '\(sentence)'")
        }
    }
}
