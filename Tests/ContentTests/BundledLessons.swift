import Foundation
import Curriculum
import TutorResources

/// The lessons and quizzes that ship with the tutor, loaded once with the tutor's own loaders.
enum BundledLessons {
    static let lessonsURL: URL? = BundledContent.url(for: .lessons)
    static let quizzesURL: URL? = BundledContent.url(for: .quizzes)
    static let dataURL: URL? = BundledContent.url(for: .data)

    static let library: LessonLibrary = lessonsURL.map { LessonLibrary(url: $0) } ?? LessonLibrary(lessons: [])
    static let quizzes: QuizLibrary = QuizLibrary(url: quizzesURL)

    /// Every bundled lesson, in the library's order.
    static var lessons: [Lesson] { library.lessons }

    /// Every question of the bundled quiz files with its lesson, in order (that each lesson has a
    /// quiz file is a test of its own).
    static var questions: [(lesson: Lesson, question: Question)] {
        lessons.flatMap { lesson in (quizzes.quiz(for: lesson.id)?.questions ?? []).map { (lesson, $0) } }
    }

    /// The lesson whose id starts with `number` and a dash, e.g. `"02"` → `02-convolutional-layers`.
    static func lesson(_ number: String) -> Lesson? {
        library.lessons.first { $0.id.hasPrefix(number + "-") }
    }

    /// The lesson file's text, exactly as shipped.
    static func source(of lesson: Lesson) -> String {
        (try? String(contentsOf: lesson.source, encoding: .utf8)) ?? ""
    }

    /// The raw Markdown between `## Explain` and the next `## ` heading.
    static func explainSource(of lesson: Lesson) -> String {
        let text = source(of: lesson)
        guard let start = text.range(of: "\n## Explain\n") else { return "" }
        let rest = text[start.upperBound...]
        let end = rest.range(of: "\n## ")?.lowerBound ?? rest.endIndex
        return String(rest[..<end])
    }

    /// The `###` headings of a lesson's Explain section, as the parser read them.
    static func explainHeadings(of lesson: Lesson) -> [String] {
        lesson.explain.blocks.compactMap { block in
            if case .heading(3, let text, _) = block { return text.plainText }
            return nil
        }
    }

    /// Items of the ordered lists in a section, counted over all its lists.
    static func orderedItemCount(in section: Section) -> Int {
        section.blocks.reduce(0) { count, block in
            if case .list(let list) = block, list.ordered { return count + list.items.count }
            return count
        }
    }

    /// Every lab block of a lesson, in order.
    static func labs(in lesson: Lesson) -> [LabSpec] {
        lesson.sections.flatMap(\.blocks).compactMap { block in
            if case .lab(let spec) = block { return spec }
            return nil
        }
    }
}
