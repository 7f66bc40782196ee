import Curriculum
import Foundation
import Testing
import TestSupport

/// A folder of real-looking notes (Fixtures/notes): numbered and hashed file names, titles with
/// digits, a References heading after Review, a nested folder, lead-in bullets and guides
/// without questions. Each opens by its own id with a meaningful title, key points and a Review.
@Suite struct NotesFolderTests {
    static let notes = FixtureFiles.root.appendingPathComponent("notes")
    let library = LessonLibrary(url: NotesFolderTests.notes)

    @Test func everyFileIsReadRecursivelyWithSubfolderIdsInPathOrder() {
        #expect(library.diagnostics.isEmpty, "\(library.diagnostics)")
        #expect(library.lessons.map(\.id) == [
            "000_8f3a1c2e9b7d4f60", "001_3d-convolutions", "002_1x1-convolutions", "003_4a0c862b4b9b2981",
            "004_stride-and-padding", "cnn/layers/receptive-field", "cnn/pooling",
        ])
        #expect(library.filesRead.map(\.lastPathComponent).sorted() == [
            "000_8f3a1c2e9b7d4f60.txt", "001_3d-convolutions.md", "002_1x1-convolutions.md", "003_4a0c862b4b9b2981.txt",
            "004_stride-and-padding.md", "pooling.md", "receptive-field.md",
        ])
        #expect(library.lessons.map(\.shape) == [.c, .a, .b, .d, .d, .a, .a])
    }

    @Test func idsResolveExactlyThenByStemThenByUniquePrefix() throws {
        // A number is a file-name prefix, never a list position.
        for (query, id) in [("000", "000_8f3a1c2e9b7d4f60"), ("001", "001_3d-convolutions"), ("002", "002_1x1-convolutions"),
                            ("003", "003_4a0c862b4b9b2981"), ("004", "004_stride-and-padding"),
                            ("#1", "000_8f3a1c2e9b7d4f60"), ("#7", "cnn/pooling"),
                            // A number also names the file whose ordering prefix has its value.
                            ("1", "001_3d-convolutions"), ("2", "002_1x1-convolutions"), ("02", "002_1x1-convolutions"),
                            ("3", "003_4a0c862b4b9b2981"),
                            ("cnn/pooling", "cnn/pooling"), ("pooling", "cnn/pooling"), ("POOL", "cnn/pooling"),
                            ("receptive", "cnn/layers/receptive-field"), ("3d", "001_3d-convolutions"),
                            ("1x1-conv", "002_1x1-convolutions"), ("cnn/l", "cnn/layers/receptive-field")] {
            #expect(try library.resolve(query).get().id == id, "\(query)")
        }
        guard case .failure(let ambiguous) = library.resolve("00") else { Issue.record("'00' resolved"); return }
        #expect(ambiguous.description == "'00' matches 5 lessons: 000_8f3a1c2e9b7d4f60, 001_3d-convolutions, "
            + "002_1x1-convolutions, 003_4a0c862b4b9b2981, 004_stride-and-padding; type more of the id")
        guard case .failure(let unknown) = library.resolve("005") else { Issue.record("'005' resolved"); return }
        #expect(unknown.description.hasPrefix("no lesson '005'; lessons are: 000_8f3a1c2e9b7d4f60, 001_3d-convolutions"))
        guard case .failure(let position) = library.resolve("#8") else { Issue.record("'#8' resolved"); return }
        #expect(position.description == "no lesson '#8': positions run from #1 to #7")
        #expect(library.find("cnn") == nil)
        #expect(library.find("") == nil)
    }

    @Test func aFolderWithOnlyFileZeroDoesNotOpenItForOne() throws {
        let dir = try CurriculumTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(at: Self.notes.appendingPathComponent("000_8f3a1c2e9b7d4f60.txt"),
                                          to: dir.appendingPathComponent("000_8f3a1c2e9b7d4f60.txt"))
        let one = LessonLibrary(url: dir)
        #expect(one.find("001") == nil)
        #expect(one.find("000")?.id == "000_8f3a1c2e9b7d4f60")
    }

    @Test func titlesKeepDigitsAndFallBackToTheTopic() {
        #expect(library.lessons.map(\.title) == [
            // Only a number and a hash: the first question's topic.
            "Convolutional neural network",
            "3D convolutions", "1x1 convolutions",
            // Only a number and a hash, with a heading: the heading.
            "Reading a training curve",
            "Stride and padding", "The receptive field", "Pooling layers",
        ])
        for (name, title) in [("3d-convolutions", "3D convolutions"), ("1x1-convolutions", "1x1 convolutions"),
                              ("01-pooling_layers", "Pooling layers"), ("000_4a0c862b4b9b2981", ""),
                              ("12-ResNet-blocks-9f8e7d6c5b", "ResNet blocks"), ("007", "")] {
            #expect(LessonParser.parse(text: "plain text", id: name).lesson.title == (title.isEmpty ? name : title), "\(name)")
        }
    }

    @Test func aHeadingAfterReviewEndsItAndItsLinksGoToExplain() throws {
        let lesson = try #require(library.lesson(id: "001_3d-convolutions"))
        #expect(lesson.ownQuestionCount == 2)
        #expect(lesson.reviewQuestions[1].answer == "27")
        #expect(!lesson.reviewQuestions.map(\.answer).joined().contains("References"))
        #expect(!lesson.review.blocks.map(\.plainText).joined().contains("survey"))
        #expect(lesson.explain.blocks.headings == ["References"])
        let links = lesson.explain.blocks.lists.last?.items.flatMap { item in
            item.blocks.flatMap { block -> [String] in
                guard case .paragraph(let inlines) = block else { return [] }
                return inlines.compactMap { if case .link(_, let url) = $0 { return url } else { return nil } }
            }
        }
        #expect(links == ["https://example.org/3d-cnn-survey", "https://example.org/video-notes"])
    }

    @Test func questionBulletsGetRealKeyPointsAndPreview() throws {
        let lesson = try #require(library.lesson(id: "000_8f3a1c2e9b7d4f60"))
        let points = try #require(lesson.keypoint.blocks.lists.first).items.map(\.text)
        #expect(points == [
            "A convolutional neural network (CNN) is a network that learns small filters and slides them over an image.",
            // The lead-in merged with its sub-bullets.
            "The main prerequisites include: Linear algebra: vectors, matrices and dot products; Calculus: derivatives and the chain rule; Python programming.",
            "Pooling shrinks each feature map, which cuts computation and makes the output less sensitive to small shifts.",
            "A CNN is trained with backpropagation: the loss gradient flows back through every layer.",
            "ReLU keeps positive values and replaces negative values with 0.",
        ])
        // Preview lists the questions answered; it is not a copy of question 1's answer.
        #expect(lesson.preview.blocks.paragraphs == ["These notes answer 5 questions:"])
        #expect(!lesson.preview.blocks.map(\.plainText).joined().contains("learns small filters"))
        // The empty `Math Skills:` bullet is gone, and no sentence appears twice in a section.
        for section in lesson.sections {
            let text = section.blocks.map(\.plainText).joined(separator: " ")
            #expect(!text.contains("Math Skills"), "\(section.kind)")
            let sentence = "A convolutional neural network (CNN) is a network that learns small filters"
            #expect(text.components(separatedBy: sentence).count <= 2, "\(section.kind)")
        }
        #expect(lesson.reviewQuestions.count == 5 && lesson.reviewQuestions.allSatisfy { !$0.isMade })
    }

    @Test func aGuideWithoutQuestionsGetsQuestionsMadeFromItsNotes() throws {
        let lesson = try #require(library.lesson(id: "003_4a0c862b4b9b2981"))
        #expect(lesson.ownQuestionCount == 0)
        let made = lesson.reviewQuestions
        #expect(made.map(\.answer) == ["Learning rate", "Early stopping"])
        #expect(made.map(\.prompt) == [
            NoteQuestions.promptPrefix + "_____: too high makes the loss jump around; too low makes it crawl.",
            NoteQuestions.promptPrefix + "_____: stop when validation loss has not improved for 3 epochs.",
        ])
        #expect(lesson.review.blocks.headings == ["Made from your notes"])
        // Stable: the same document gives the same ids, and they are not positional.
        let again = LessonLibrary(url: Self.notes).lesson(id: lesson.id)
        #expect(again?.reviewQuestions.map(\.id) == made.map(\.id))
        #expect(made.allSatisfy { $0.id.hasPrefix("note-") && $0.id.count == 21 })
    }

    @Test func madeQuestionsBlankATermOfTheKeyPointAndGradeAsShortAnswers() throws {
        for lesson in library.lessons {
            let keyText = lesson.keypoint.blocks.map(\.plainText).joined(separator: " ")
                + lesson.explain.blocks.map(\.plainText).joined(separator: " ")
            let made = lesson.reviewQuestions.filter(\.isMade)
            #expect(made.count <= NoteQuestions.limit)
            if lesson.ownQuestionCount < NoteQuestions.minimumOwn { #expect(!made.isEmpty, "\(lesson.id)") }
            let questions = ReviewQuiz.questions(for: lesson, quiz: nil)
            for rq in made {
                let cloze = try #require(rq.made)
                // The answer is a term present in the key point, and the prompt is the key
                // sentence with exactly that term blanked.
                #expect(keyText.contains(cloze.sentence), "\(lesson.id): \(cloze.sentence)")
                #expect(cloze.sentence.contains(cloze.term))
                #expect(cloze.prompt.replacingOccurrences(of: NoteQuestions.blank, with: cloze.term) == cloze.sentence)
                let question = try #require(questions.first { $0.id == rq.id })
                #expect(Grader.grade(cloze.term, for: question).verdict == .correct)
                #expect(Grader.grade("  \(cloze.term.uppercased()) ", for: question).verdict == .correct)
                #expect(Grader.grade("convolution", for: question).verdict == .wrong || cloze.term == "convolution")
                #expect(question.explain == "From your notes: \(cloze.sentence)")
            }
        }
        // Typo tolerance on a long term, another term rejected.
        let guide = try #require(library.lesson(id: "003_4a0c862b4b9b2981"))
        let first = try #require(ReviewQuiz.questions(for: guide, quiz: nil).first)
        #expect(Grader.grade("lerning rate", for: first).verdict == .correct)
        #expect(Grader.grade("early stopping", for: first).verdict == .wrong)
        #expect(Grader.grade("", for: first).verdict == .skipped)
    }

    @Test func clozeTermsPreferBoldThenDefinitionsThenNumbers() {
        func made(_ keypoint: String) -> [String] {
            let text = "## Preview\nx\n## Explain\ny\n## Keypoint\n\(keypoint)\n## Review\nNone yet.\n"
            return LessonParser.parse(text: text, id: "k").lesson.reviewQuestions.map(\.answer)
        }
        #expect(made("- Max pooling keeps the **largest** value of each window.") == ["largest"])
        #expect(made("- `softmax` turns scores into probabilities that add to one.") == ["softmax"])
        #expect(made("- A kernel is a small grid of weights slid over the input.") == ["kernel"])
        #expect(made("- It keeps 2 of every 4 values in the window.") == ["2"])
        // Nothing to blank: a pronoun subject, no bold, no number.
        #expect(made("- It keeps what matters and drops what does not.").isEmpty)
        // At most ten, one per key point.
        let many = (1...14).map { "- Layer number \($0) has its own **weights\($0)** to learn." }.joined(separator: "\n")
        #expect(made(many).count == NoteQuestions.limit)
    }

    @Test func checkListsEveryFileOfANestedFolder() throws {
        let binary = try #require(CurriculumTestSupport.tutorBinary(), "build the tutor binary first (swift build)")
        let home = try CurriculumTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: home) }
        let run = try CurriculumTestSupport.run(binary, ["check", "notes"], environment: ["TUTOR_HOME": home.path], directory: FixtureFiles.root)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let read = run.stdout.split(separator: "\n").filter { $0.hasPrefix("read ") }
        #expect(read.count == 7)
        #expect(read.contains("read notes/cnn/layers/receptive-field.md: lesson 'cnn/layers/receptive-field', shape A, 1 review question + 2 made from notes"))
        #expect(run.stdout.hasSuffix("7 lessons (11 review questions) and 0 quizzes (0 questions): no problems found\n"))

        // Ids from the command line: a number is never a position; unknown ids list candidates.
        let show = try CurriculumTestSupport.run(binary, ["show", "002", "--lessons", "notes", "--section", "preview"],
                                                 environment: ["TUTOR_HOME": home.path], directory: FixtureFiles.root)
        #expect(show.status == 0)
        #expect(show.stdout.hasPrefix("1x1 convolutions\n"))
        let unknown = try CurriculumTestSupport.run(binary, ["show", "005", "--lessons", "notes"],
                                                    environment: ["TUTOR_HOME": home.path], directory: FixtureFiles.root)
        #expect(unknown.status == 1)
        #expect(unknown.stdout.isEmpty)
        #expect(unknown.stderr.hasPrefix("tutor: no lesson '005'; lessons are: 000_8f3a1c2e9b7d4f60,") && unknown.stderr.split(separator: "\n").count == 1)
    }
}
