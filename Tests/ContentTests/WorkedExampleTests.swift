import Foundation
import Testing

/// Each worked example's result, as printed in its lesson, is what TinyCNN computes.
@Suite("Worked examples agree with TinyCNN")
struct WorkedExampleTests {
    @Test("the lesson prints the example and the project's code computes the same text",
          arguments: WorkedExamples.all)
    func example(_ example: WorkedExample) throws {
        let lesson = try #require(BundledLessons.lesson(example.lesson), "no lesson \(example.lesson)")
        let shown = BundledLessons.explainSource(of: lesson).contains(example.shown)
        #expect(shown, "\(lesson.id) Explain does not show: \(example.shown)")
        let computed = try example.compute()
        #expect(computed == example.shown, "\(lesson.id): the lesson shows\n\(example.shown)\nTinyCNN gives\n\(computed)")
    }

    @Test("the examples cover every lesson's Explain section")
    func everyLesson() {
        let numbers = Set(WorkedExamples.all.map(\.lesson))
        for lesson in BundledLessons.lessons {
            #expect(numbers.contains(String(lesson.id.prefix(2))), "\(lesson.id) has no recomputed worked example")
        }
        #expect(WorkedExamples.all.count >= 60, "only \(WorkedExamples.all.count) worked examples")
    }
}
