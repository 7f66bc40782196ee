import Foundation
import Testing
import Curriculum

/// Every bundled lesson is a complete native-shape lesson: four sections with the sizes the
/// content spec asks for, read by the tutor's own loader.
@Suite("Bundled lessons")
struct LessonStructureTests {
    @Test("the lessons folder is found and loads without diagnostics")
    func loadsCleanly() throws {
        let url = try #require(BundledLessons.lessonsURL, "no bundled lessons folder")
        #expect(BundledLessons.library.diagnostics.isEmpty,
                "\(BundledLessons.library.diagnostics.map(\.description).joined(separator: "\n"))")
        #expect(BundledLessons.lessons.count >= 7, "only \(BundledLessons.lessons.count) lessons in \(url.path)")
        #expect(BundledLessons.library.lesson(id: "README") == nil, "README.md must not load as a lesson")
    }

    @Test("lessons are ordered by weight 1, 2, 3 ... with titles")
    func orderAndTitles() {
        for (index, lesson) in BundledLessons.lessons.enumerated() {
            #expect(lesson.weight == Double(index + 1), "\(lesson.id): weight \(String(describing: lesson.weight))")
            #expect(lesson.id.hasPrefix(String(format: "%02d-", index + 1)), "\(lesson.id) is out of order")
            #expect(!lesson.title.isEmpty && lesson.title != lesson.id, "\(lesson.id) has no front-matter title")
        }
    }

    @Test("every lesson is shape A with all four sections filled")
    func shapeA() {
        for lesson in BundledLessons.lessons {
            #expect(lesson.shape == .a, "\(lesson.id) read as shape \(lesson.shape.rawValue)")
            for section in lesson.sections {
                #expect(section.wordCount > 0, "\(lesson.id): \(section.kind.title) is empty")
            }
        }
    }

    @Test("Preview asks 4-6 questions")
    func previewQuestions() {
        for lesson in BundledLessons.lessons {
            let count = BundledLessons.orderedItemCount(in: lesson.preview)
            #expect((4...6).contains(count), "\(lesson.id): \(count) preview questions")
            let items = lesson.preview.blocks.flatMap { block -> [String] in
                guard case .list(let list) = block else { return [] }
                return list.items.map { $0.blocks.map(\.plainText).joined(separator: " ") }
            }
            for item in items {
                #expect(item.hasSuffix("?"), "\(lesson.id): preview item is not a question: \(item)")
            }
        }
    }

    @Test("Keypoint lists 6-10 numbered points")
    func keypoints() {
        for lesson in BundledLessons.lessons {
            let count = BundledLessons.orderedItemCount(in: lesson.keypoint)
            #expect((6...10).contains(count), "\(lesson.id): \(count) key points")
        }
    }

    @Test("Review has at least 5 questions, each with an answer")
    func reviewQuestions() {
        for lesson in BundledLessons.lessons {
            #expect(lesson.reviewQuestions.count >= 5, "\(lesson.id): \(lesson.reviewQuestions.count) review questions")
            for (index, question) in lesson.reviewQuestions.enumerated() {
                #expect(question.number == index + 1, "\(lesson.id): review question \(question.number) is out of sequence")
                #expect(question.prompt.hasSuffix("?"), "\(lesson.id) review-\(question.number): \(question.prompt)")
                #expect(!question.answer.isEmpty, "\(lesson.id) review-\(question.number) has no answer")
            }
        }
    }

    @Test("Explain is organised under ### subheadings")
    func explainHeadings() {
        for lesson in BundledLessons.lessons {
            let headings = BundledLessons.explainHeadings(of: lesson)
            #expect(headings.count >= 3, "\(lesson.id): \(headings.count) subheadings in Explain")
            #expect(Set(headings).count == headings.count, "\(lesson.id): repeated subheading")
        }
    }

    @Test("every lesson has at least one worked example that the content tests recompute")
    func workedExamples() {
        for lesson in BundledLessons.lessons {
            let number = String(lesson.id.prefix(2))
            let count = WorkedExamples.all.filter { $0.lesson == number }.count
            #expect(count >= 1, "\(lesson.id) has no recomputed worked example")
        }
    }

    @Test("at 80 columns the reader cuts no table or code line and nothing overflows")
    func layoutAt80Columns() {
        for lesson in BundledLessons.lessons {
            for section in lesson.sections {
                let layout = TextLayout.layout(section.blocks, width: 80)
                for (number, line) in layout.lines.enumerated() {
                    #expect(line.width <= 80, "\(lesson.id) \(section.kind.title) line \(number) is \(line.width) wide: \(line.text)")
                    let cut = line.spans.contains { $0.style.contains(.cutMarker) }
                    #expect(!cut, "\(lesson.id) \(section.kind.title) line \(number) is cut: \(line.text)")
                }
            }
        }
    }

    @Test("code blocks fit an 80-column reader")
    func widths() {
        for lesson in BundledLessons.lessons {
            for block in lesson.sections.flatMap(\.blocks) {
                switch block {
                case .code(let language, let lines) where language != "lab":
                    for line in lines {
                        #expect(line.count <= 76, "\(lesson.id): code line of \(line.count) columns: \(line)")
                    }
                default:
                    continue
                }
            }
        }
    }
}
