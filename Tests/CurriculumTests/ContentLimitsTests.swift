import Curriculum
import Testing

/// Quiz files that nest deeper than the YAML parser can recurse are refused before parsing,
/// in one linear pass; ordinary quizzes are far below the limit (issue 14).
struct ContentLimitsTests {
    @Test func anOrdinaryQuizNestsOnlyAFewLevels() {
        let quiz = """
        lesson: pooling
        # a comment with [[[[ brackets ]]]]
        questions:
          - id: q1
            kind: choice
            prompt: "What does [max] pooling keep? {not a mapping}"
            choices: [the maximum, the mean, 'the [first] value']
            answer: 1
          - id: q2
            kind: short
            accept:
              - the maximum
        """
        #expect(ContentLimits.yamlNesting(quiz) <= 6)
    }

    @Test(arguments: [
        String(repeating: "[", count: 5_000),
        String(repeating: "{a: ", count: 40),
        String(repeating: "- ", count: 40) + "x",
        (0..<40).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\n"),
    ])
    func deepNestingIsOverTheLimit(text: String) {
        #expect(ContentLimits.yamlNesting("questions:\n" + text) > ContentLimits.yamlDepth)
    }

    @Test func aDeepQuizFileIsOneDiagnosticNotACrash() {
        let (quiz, diagnostics) = QuizFile.parse(text: "lesson: x\nquestions: " + String(repeating: "[", count: 5_000), path: "deep.yaml")
        #expect(quiz == nil)
        #expect(diagnostics.map(\.message) == ["collections nest more than 32 levels deep (the limit for a quiz file)"])
    }
}
