import Curriculum
import Testing

/// Each generator: 1,000 seeded instances whose answers are recomputed here, independently.
@Suite struct GeneratorTests {
    static let instances = 1_000

    func answer(_ q: GeneratedQuestion) -> [Int] {
        switch q.answer {
        case .number(let n): return [n]
        case .integers(let values): return values
        case .grid(let rows): return rows.flatMap { $0 }
        }
    }

    @Test func convOutputSize() {
        for seed in 0..<UInt64(Self.instances) {
            let q = QuestionGenerator.convOutputSize.make(seed: seed)
            guard case .convOutputSize(let n, let k, let s, let p) = q.parameters else { Issue.record("seed \(seed): \(q.parameters)"); continue }
            // Count the window positions directly instead of using the formula.
            var positions = 0
            var start = -p
            while start + k <= n + p { positions += 1; start += s }
            #expect(answer(q) == [positions], "seed \(seed): N=\(n) K=\(k) S=\(s) P=\(p)")
            #expect(q.prompt.contains("\(n)x\(n) input") && q.prompt.contains("\(k)x\(k) kernel") && q.prompt.contains("stride \(s)") && q.prompt.contains("padding \(p)"), "seed \(seed)")
            #expect(q.explanation.hasSuffix("\(positions)."), "seed \(seed): \(q.explanation)")
            #expect(positions >= 1)
        }
    }

    @Test func convDotProduct() {
        for seed in 0..<UInt64(Self.instances) {
            let q = QuestionGenerator.convDotProduct.make(seed: seed)
            guard case .convDotProduct(let patch, let kernel) = q.parameters else { Issue.record("seed \(seed)"); continue }
            let flatPatch = patch.flatMap { $0 }, flatKernel = kernel.flatMap { $0 }
            #expect(flatPatch.count == flatKernel.count && [4, 9].contains(flatPatch.count), "seed \(seed)")
            #expect(flatPatch.allSatisfy { (0...9).contains($0) } && flatKernel.allSatisfy { (-2...2).contains($0) }, "seed \(seed)")
            let expected = zip(flatPatch, flatKernel).reduce(0) { $0 + $1.0 * $1.1 }
            #expect(answer(q) == [expected], "seed \(seed)")
            // The prompt shows the numbers the learner needs, row by row.
            let shownPatch = "[" + patch.map { $0.map(String.init).joined(separator: " ") }.joined(separator: "; ") + "]"
            #expect(q.prompt.contains(shownPatch), "seed \(seed)")
            #expect(q.explanation.hasSuffix("= \(expected)."), "seed \(seed)")
        }
    }

    @Test func poolOutput() {
        var shapes = 0, values = 0
        for seed in 0..<UInt64(Self.instances) {
            let q = QuestionGenerator.poolOutput.make(seed: seed)
            switch q.parameters {
            case .poolShape(let size, let channels, let window, let stride):
                shapes += 1
                var out = 0
                var start = 0
                while start + window <= size { out += 1; start += stride }
                #expect(answer(q) == [out, out, channels], "seed \(seed)")
                #expect(q.prompt.contains("\(size)x\(size)x\(channels)"), "seed \(seed)")
            case .poolValues(let input):
                values += 1
                let expected = [(0, 0), (0, 2), (2, 0), (2, 2)].map { r, c in
                    max(max(input[r][c], input[r][c + 1]), max(input[r + 1][c], input[r + 1][c + 1]))
                }
                #expect(answer(q) == expected, "seed \(seed)")
            default:
                Issue.record("seed \(seed): unexpected \(q.parameters)")
            }
            // A shape is graded by its integers in order; pooled values are a grid, row by row.
            let asQuestion = Question(id: "p", prompt: "", kind: .generated(.poolOutput)).instantiated(seed: seed)
            switch asQuestion.kind {
            case .shape(let dims):
                #expect(dims == answer(q), "seed \(seed)")
                #expect(Grader.grade(dims.map(String.init).joined(separator: " x "), for: asQuestion).verdict == .correct)
            case .grid(let rows, _):
                #expect(rows.flatMap { $0 }.map { Int($0) } == answer(q), "seed \(seed)")
                let typed = rows.map { $0.map { String(Int($0)) }.joined(separator: " ") }.joined(separator: "; ")
                #expect(Grader.grade(typed, for: asQuestion).verdict == .correct, "seed \(seed): \(typed)")
                #expect(Grader.grade(answer(q).map(String.init).joined(separator: "x"), for: asQuestion).verdict != .correct,
                        "seed \(seed): a grid typed as a shape is not right")
                #expect(asQuestion.modelAnswer.contains(";"), "seed \(seed): shown as rows, not as \(asQuestion.modelAnswer)")
            default:
                Issue.record("seed \(seed): \(asQuestion.kind)")
            }
        }
        #expect(shapes > 300 && values > 300, "both variants appear: \(shapes) shapes, \(values) value grids")
    }

    @Test func paramCount() {
        var conv = 0, dense = 0
        for seed in 0..<UInt64(Self.instances) {
            let q = QuestionGenerator.paramCount.make(seed: seed)
            switch q.parameters {
            case .convParams(let k, let cin, let cout):
                conv += 1
                var count = 0
                for _ in 0..<cout { count += k * k * cin + 1 }
                #expect(answer(q) == [count], "seed \(seed)")
                #expect(q.prompt.contains("\(cout) filters of size \(k)x\(k)") && q.prompt.contains("\(cin)-channel"), "seed \(seed)")
            case .denseParams(let inputs, let outputs):
                dense += 1
                #expect(answer(q) == [(inputs + 1) * outputs], "seed \(seed)")
            default:
                Issue.record("seed \(seed): unexpected \(q.parameters)")
            }
        }
        #expect(conv > 300 && dense > 300)
    }

    @Test func sameSeedSameQuestionDifferentSeedsVary() {
        for generator in QuestionGenerator.allCases {
            #expect(generator.make(seed: 99) == generator.make(seed: 99))
            let prompts = Set((0..<50).map { generator.make(seed: UInt64($0)).prompt })
            #expect(prompts.count > 10, "\(generator.rawValue) made only \(prompts.count) distinct prompts")
        }
    }
}
