import Foundation
import Testing
import Curriculum

/// The bundled quizzes as a learner takes them: each question once, the right option in no
/// telltale place, and the corrected facts of the lessons checked against their arithmetic.
@Suite("Bundled quiz sessions")
struct QuizSessionContentTests {
    static func items(_ lesson: Lesson) -> [QuizItem] {
        ReviewQuiz.items(for: lesson, quiz: BundledLessons.quizzes.quiz(for: lesson.id))
    }

    /// Terms of a prompt without numbers, for spotting the same question asked twice.
    static func promptTerms(_ prompt: String) -> Set<String> {
        Set(AnswerText.terms(prompt).filter { $0.count > 3 && $0.allSatisfy(\.isLetter) })
    }

    @Test("no bundled quiz session asks the same question twice")
    func noRepeats() throws {
        for lesson in BundledLessons.lessons {
            for seed in UInt64(0)..<5 {
                let session = QuizSession(items: Self.items(lesson), seed: seed)
                let keys = session.items.map(\.key)
                #expect(Set(keys).count == keys.count, "\(lesson.id) seed \(seed): a question id twice")
                let prompts = session.items.map { ReviewQuiz.normalisedPrompt($0.question.prompt) }
                #expect(Set(prompts).count == prompts.count, "\(lesson.id) seed \(seed): a prompt twice")
            }
            // Near repeats: two questions with the same model answer whose prompts share most
            // of their words are one question asked twice (a Review question a quiz question
            // should `replaces:`).
            let questions = QuizSession(items: Self.items(lesson), seed: 1).items.map(\.question)
            for (i, a) in questions.enumerated() {
                for b in questions[(i + 1)...] where a.modelAnswer == b.modelAnswer && a.kindName != "open" {
                    let (ta, tb) = (Self.promptTerms(a.prompt), Self.promptTerms(b.prompt))
                    let overlap = Double(ta.intersection(tb).count) / Double(max(1, min(ta.count, tb.count)))
                    #expect(overlap < 0.6, "\(lesson.id): \(a.id) and \(b.id) ask the same thing (\(a.modelAnswer))")
                }
            }
        }
    }

    @Test("every replaces: names one of the lesson's own Review questions")
    func replacesAreReal() throws {
        for lesson in BundledLessons.lessons {
            let quiz = try #require(BundledLessons.quizzes.quiz(for: lesson.id))
            let own = Set(lesson.reviewQuestions.map(\.id))
            for q in quiz.questions {
                for id in q.replaces { #expect(own.contains(id), "\(lesson.id)/\(q.id) replaces \(id), which the lesson lacks") }
            }
            let replaced = quiz.questions.flatMap(\.replaces)
            #expect(Set(replaced).count == replaced.count, "\(lesson.id): a Review question replaced twice")
        }
    }

    @Test("shuffled, the right option is in each position 20-30 % of 1,000 attempts")
    func rightOptionBalanced() throws {
        var position = [Int](repeating: 0, count: 4)
        var unshuffled = [Int](repeating: 0, count: 4)
        for lesson in BundledLessons.lessons {
            let items = Self.items(lesson)
            for item in items {
                if case .choice(let choices, let answer) = item.question.kind, choices.count == 4 { unshuffled[answer - 1] += 1 }
            }
            for seed in UInt64(0)..<1000 {
                for item in QuizSession(items: items, seed: seed).items {
                    guard case .choice(let choices, let answer) = item.question.kind, choices.count == 4 else { continue }
                    position[answer - 1] += 1
                }
            }
        }
        let total = position.reduce(0, +)
        #expect(total >= 1000 * 20, "only \(total) four-way choice questions asked")
        for (index, count) in position.enumerated() {
            let share = Double(count) / Double(max(1, total))
            #expect(share >= 0.20 && share <= 0.30, "option \(Question.choiceLetter(index)) is right \(Int(share * 100)) % of the time (\(position))")
        }
        // The files themselves favour b); the shuffle is what balances it.
        #expect(unshuffled.max() ?? 0 > (unshuffled.reduce(0, +) * 3) / 10, "file order: \(unshuffled)")
    }

    @Test("the shuffle keeps each question's answer and is the same for the same seed")
    func shuffleKeepsAnswers() throws {
        for lesson in BundledLessons.lessons {
            let items = Self.items(lesson)
            let a = QuizSession(items: items, seed: 42).items, b = QuizSession(items: items, seed: 42).items
            #expect(a.map(\.question) == b.map(\.question), "\(lesson.id): seed 42 gave two orders")
            for item in a {
                guard case .choice(let choices, let answer) = item.question.kind,
                      let original = items.first(where: { $0.key == item.key }),
                      case .choice(let before, let right) = original.question.kind else { continue }
                #expect(choices[answer - 1] == before[right - 1], "\(item.key): the right option changed")
                #expect(Set(choices) == Set(before), "\(item.key): options lost")
            }
        }
    }

    @Test("the pooling lesson's quiz draws pooling questions, never convolution ones")
    func poolingQuizGenerators() throws {
        let lesson = try #require(BundledLessons.lesson("03"))
        for seed in UInt64(0)..<50 {
            for item in QuizSession(items: Self.items(lesson), seed: seed).items where item.question.id.hasPrefix("gen-") {
                #expect(item.question.prompt.contains("pooling"), "seed \(seed): \(item.question.prompt)")
                #expect(!item.question.prompt.contains("kernel"), "seed \(seed): \(item.question.prompt)")
                if case .generated = item.question.kind { Issue.record("not instantiated") }
                if item.question.prompt.contains("4x4 input") {
                    guard case .grid(let rows, _) = item.question.kind else { Issue.record("pooled values must be a grid: \(item.question.kind)"); continue }
                    #expect(rows.count == 2 && rows.allSatisfy { $0.count == 2 })
                    #expect(item.question.modelAnswer.contains(";"), "shown as a grid, not a shape: \(item.question.modelAnswer)")
                }
            }
        }
    }

    // MARK: Corrected facts.

    /// Windows of a `k`×`k` kernel at stride 1 and padding `p` over an `n`×`n` input that
    /// cover pixel (`row`, `column`).
    static func windows(covering row: Int, _ column: Int, n: Int, k: Int, p: Int) -> Int {
        let out = n + 2 * p - k + 1
        var count = 0
        for top in 0..<out {
            for left in 0..<out {
                let (r, c) = (top - p, left - p)
                if row >= r, row < r + k, column >= c, column < c + k { count += 1 }
            }
        }
        return count
    }

    @Test("padding 1 with a 3x3 kernel: a corner pixel is in 4 windows, an edge pixel in 6, an interior one in 9")
    func paddingVisits() throws {
        #expect(Self.windows(covering: 0, 0, n: 8, k: 3, p: 1) == 4)
        #expect(Self.windows(covering: 0, 3, n: 8, k: 3, p: 1) == 6)
        #expect(Self.windows(covering: 4, 4, n: 8, k: 3, p: 1) == 9)
        let lesson = try #require(BundledLessons.lesson("02"))
        let text = BundledLessons.source(of: lesson)
        #expect(text.contains("a corner pixel lies in 4 windows, another edge pixel in 6, and an interior pixel in 9"))
        #expect(!text.contains("as often as central ones"))
        let quizURL = try #require(BundledLessons.quizzesURL).appendingPathComponent("02-convolutional-layers.yaml")
        let quiz = try String(contentsOf: quizURL, encoding: .utf8)
        #expect(!quiz.contains("as often as the centre"))
        #expect(quiz.contains("a corner in 4, an interior pixel in 9"))
    }

    @Test("int8 quantisation: 4 times smaller (3,658 parameters: 14,632 bytes to 3,658), speed not promised")
    func quantisation() throws {
        #expect(3658 * MemoryLayout<Float>.size == 14632)
        #expect(3658 * MemoryLayout<Int8>.size == 3658)
        let text = BundledLessons.source(of: try #require(BundledLessons.lesson("09")))
        #expect(text.contains("14,632 bytes as float32 and 3,658 bytes as int8"))
        #expect(!text.contains("4 times smaller and faster"))
    }

    @Test("the evaluation lesson's 3-class excerpt is not called a corner, and its sums add up")
    func confusionExcerpt() throws {
        let text = BundledLessons.source(of: try #require(BundledLessons.lesson("06")))
        #expect(!text.contains("3×3 corner"))
        let rows = [[31, 1, 2], [2, 44, 1], [3, 0, 27]]
        #expect(rows.map { $0.reduce(0, +) } == [34, 47, 30])
        #expect((0..<3).map { c in rows.map { $0[c] }.reduce(0, +) } == [36, 45, 30])
        #expect(text.contains("| column sum | 36 | 45 | 30 | 111 |"))
    }

    @Test("the lessons do not repeat the corrected claims")
    func correctedClaims() throws {
        let first = BundledLessons.source(of: try #require(BundledLessons.lesson("01")))
        #expect(!first.contains("CNNs learn by **supervised learning**"))
        #expect(first.contains("self-supervised"))
        let training = BundledLessons.source(of: try #require(BundledLessons.lesson("05")))
        #expect(!training.contains("96-97 %"))
        #expect(training.contains("about 98 % test accuracy"))
        #expect(training.contains("costs about twice the forward pass"))
        let architectures = BundledLessons.source(of: try #require(BundledLessons.lesson("08")))
        #expect(architectures.contains("**degradation problem**"))
        #expect(!architectures.contains("easing vanishing gradients"))
    }
}
