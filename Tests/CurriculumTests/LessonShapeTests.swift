import Curriculum
import Foundation
import Testing

/// Each fixture document, one per shape, lands in the expected sections and questions.
@Suite struct LessonShapeTests {
    @Test func shapeAHugoPage() throws {
        let (lesson, diagnostics) = try FixtureFiles.load("shape-a-pooling.md")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(lesson.shape == .a)
        #expect(lesson.id == "shape-a-pooling")
        #expect(lesson.title == "Pooling Layers")
        #expect(lesson.weight == 3)

        #expect(lesson.preview.asked == ["give me five question about Pooling Layers"])
        let previewList = try #require(lesson.preview.blocks.lists.first)
        #expect(previewList.ordered)
        #expect(previewList.items.map(\.text) == [
            "Why would a network want smaller feature maps as it gets deeper?",
            "How is max pooling different from average pooling?",
            "Does a pooling layer learn anything during training?",
        ])

        let explain = lesson.explain.blocks
        #expect(lesson.explain.asked == ["Explain Pooling Layers and give an example"])
        // Mojibake repaired: â€™ → ’, â€” → —, â€œ … â€\u{9d} → “ … ”.
        #expect(explain.paragraphs.contains { $0.contains("The window’s size") })
        #expect(explain.paragraphs.contains { $0.contains("afterwards — only") })
        #expect(!explain.map(\.plainText).joined().contains("â€"))
        guard case .quote(let quoted)? = explain.first(where: { if case .quote = $0 { return true } else { return false } }) else {
            Issue.record("no block quote in Explain"); return
        }
        #expect(quoted.paragraphs == ["Pooling is sometimes called “down-sampling”: it keeps the gist and drops detail."])

        // Blank lines between items and a tab-indented nested list.
        let bullets = try #require(explain.lists.first { !$0.ordered })
        #expect(bullets.items.count == 3)
        #expect(bullets.items[0].text == "Max pooling keeps the largest value in the window.")
        let nested = try #require(bullets.items[1].blocks.lists.first)
        #expect(nested.items.map(\.text) == ["It smooths more than max pooling does.", "It was popular in early networks."])

        let table = try #require(explain.tables.first)
        #expect(table.header.map(\.plainText) == ["window", "stride", "6x6 input becomes"])
        #expect(table.alignments == [.left, .center, .right])
        #expect(table.rows.map { $0.map(\.plainText) } == [["2x2", "2", "3x3"], ["3x3", "3", "2x2"]])

        let code = try #require(explain.codeBlocks.first)
        #expect(code.language == "python")
        #expect(code.lines.count == 3)

        let lab = try #require(explain.labs.first)
        #expect(lab.kind == .pooling)
        #expect(lab.settings.map(\.key) == ["input", "kernel", "stride", "mode"])
        #expect(lab.settings.map(\.value) == ["checker", "2", "2", "max"])
        #expect(lab.line == (try FixtureFiles.line(of: "```lab", in: FixtureFiles.lessonURL("shape-a-pooling.md"))))

        // Key points separated by blank lines are still one list.
        let keypoints = try #require(lesson.keypoint.blocks.lists.first)
        #expect(keypoints.items.count == 3)
        #expect(keypoints.items[1].text == "A 2x2 window with stride 2 halves the width and the height.")

        let questions = lesson.reviewQuestions
        #expect(questions.count == 5)
        #expect(questions.map(\.id) == ["review-1", "review-2", "review-3", "review-4", "review-5"])
        #expect(questions[0].prompt == "What does max pooling keep from each window?")
        #expect(questions[0].answer == "The largest value in the window.")
        #expect(questions[0].line == (try FixtureFiles.line(of: "1. What does max pooling", in: FixtureFiles.lessonURL("shape-a-pooling.md"))))
        #expect(questions[1].answer == "3x3")
        #expect(questions[2].answer == "0")
        #expect(questions[3].answer == "It reduces computation for the layers that follow.\nIt also makes the network less sensitive to small translations.")
        // An answer may hold its own numbered list.
        #expect(questions[4].answer.hasPrefix("The steps are:\n1. Split the map"))
        #expect(questions[4].answer.hasSuffix("half as tall."))

        // Review questions are open unless the model answer is a number or a shape.
        let kinds = ReviewQuiz.questions(for: lesson, quiz: nil).map(\.kind)
        #expect(kinds[0] == .open(answer: "The largest value in the window."))
        #expect(kinds[1] == .shape([3, 3]))
        #expect(kinds[2] == .numeric(answer: 0, tolerance: 0))
        if case .open = kinds[3] {} else { Issue.record("review-4 should be open, got \(kinds[3])") }
    }

    @Test func shapeBArticleWithFAQ() throws {
        let (lesson, diagnostics) = try FixtureFiles.load("shape-b-pooling-article.markdown")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(lesson.shape == .b)
        #expect(lesson.title == "Pooling Layer")
        #expect(lesson.preview.blocks.paragraphs == [
            "Examples & Code",
            "Pooling layers shrink feature maps so that later layers see a wider part of the image for the same cost. They have no weights of their own.",
        ])
        let explain = lesson.explain.blocks
        #expect(explain.headings == ["Pooling Layer: Introduction", "Getting Started"])
        #expect(explain.tables.first?.header.map(\.plainText) == ["Domains", "Learning Methods", "Type"])
        #expect(explain.paragraphs.contains("Pooling usually follows a convolution and its activation. It’s a fixed operation."))
        #expect(explain.codeBlocks.map(\.lines) == [
            ["pooled = max_pool(feature_map, size=2, stride=2)", "print(pooled.shape)"],
            ["feature map 4x4  ->  pooled 2x2"],
        ])
        #expect(explain.contains(.embed(url: "https://example.com/pooling-explained", caption: "Pooling, explained with pictures")))
        // A GitBook hint's tags go; its text stays.
        #expect(explain.paragraphs.contains("Average pooling works the same way with the mean instead of the maximum."))
        #expect(!explain.map(\.plainText).joined().contains("{%"))

        #expect(lesson.keypoint.blocks.headings == ["Pooling Layer: ELI5"])
        #expect(lesson.keypoint.blocks.paragraphs.first?.contains("brightest spot in each square — you") == true)

        #expect(lesson.reviewQuestions.map(\.prompt) == [
            "What does pooling do?", "Does pooling have weights?",
            "Is pooling still used in modern networks?", "Why not pool with a very large window?",
        ])
        #expect(lesson.reviewQuestions[1].answer == "No. Pooling is a fixed rule, so there is nothing to learn.")
        #expect(lesson.reviewQuestions[2].answer == "Often, yes. Some designs replace it with strided convolutions instead.")
        let faqLine = try FixtureFiles.line(of: "### What does pooling do?", in: FixtureFiles.lessonURL("shape-b-pooling-article.markdown"))
        #expect(lesson.reviewQuestions[0].line == faqLine)
    }

    @Test func shapeCQuestionBullets() throws {
        let (lesson, diagnostics) = try FixtureFiles.load("shape-c-activation-notes.txt")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(lesson.shape == .c)
        #expect(lesson.title == "Shape c activation notes")
        let q = lesson.reviewQuestions
        #expect(q.map(\.prompt) == [
            "What is an activation function?", "Why do CNNs need non-linear activations?", "What does ReLU compute?",
            "Which activation turns scores into probabilities?", "What is a dying ReLU?",
        ])
        #expect(q[0].answer == "A function applied to each neuron’s output that adds non-linearity.")
        // Nested bullets flattened, the repeated first answer line dropped.
        #expect(q[1].answer == "Without them, stacked layers collapse into one linear map:\nA stack of linear layers equals a single linear layer.\nSo depth would add nothing.")
        #expect(q[2].answer == "It outputs max(0, x): negative inputs become zero.")
        #expect(q[1].line == 3)

        // Preview: no introduction of its own, so the questions it answers (not a copy of
        // question 1 and its answer).
        #expect(lesson.preview.blocks.paragraphs == ["These notes answer 5 questions:"])
        #expect(lesson.preview.blocks.lists.first?.items.map(\.text) == q.map(\.prompt))
        // Explain: every pair as a walk-through.
        #expect(lesson.explain.blocks.paragraphs.count == 5)
        // Keypoint: each answer's first sentence; a lead-in ending in ':' merged with what follows.
        #expect(lesson.keypoint.blocks.lists.first?.items.map(\.text) == [
            "A function applied to each neuron’s output that adds non-linearity.",
            "Without them, stacked layers collapse into one linear map: A stack of linear layers equals a single linear layer.",
            "It outputs max(0, x): negative inputs become zero.",
            "Softmax.",
            "A unit whose input is always negative, so its output and gradient stay at zero.",
        ])
    }

    @Test func shapeDFreeFormGuide() throws {
        let (lesson, diagnostics) = try FixtureFiles.load("shape-d-convolution-guide.md")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(lesson.shape == .d)
        #expect(lesson.title == "Convolution for Beginners")
        #expect(lesson.preview.blocks.paragraphs.first?.hasPrefix("Before we start") == true)
        #expect(lesson.preview.blocks.headings == ["Prerequisites:"])
        // Numbered headings of any level open Explain subsections; others stay inside them.
        #expect(lesson.explain.blocks.headings == ["1. What is convolution?", "2. How it works:", "3) Output size", "Why this matters"])
        let lab = try #require(lesson.explain.blocks.labs.first)
        #expect(lab.kind == .convolution)
        #expect(lab["input"] == "digit:3")
        #expect(lab["kernel"] == "sobel-x")
        // No Notes/Summary section: the bold lead-ins make the key points.
        #expect(lesson.keypoint.blocks.lists.first?.items.map(\.text) == [
            "Matrices: a grid of numbers with rows and columns.",
            "Dot product: multiply matching entries and add them up.",
            "Stride: how many pixels the kernel moves each step.",
            "Padding: extra zeros around the border so the kernel can reach the edges.",
        ])
        // No questions of its own: one cloze per key point, each blanking the bold term.
        #expect(lesson.ownQuestionCount == 0)
        #expect(lesson.reviewQuestions.map(\.answer) == ["Matrices", "Dot product", "Stride", "Padding"])
        #expect(lesson.reviewQuestions.allSatisfy { $0.isMade && $0.prompt.hasPrefix(NoteQuestions.promptPrefix) })
        #expect(lesson.review.blocks.headings == ["Made from your notes"])
        #expect(!lesson.review.blocks.paragraphs.contains(LessonParser.noQuestionsText))
    }

    @Test func shapeDSummarySectionBecomesKeypoint() {
        let text = "# Guide\n\nIntro.\n\n## 1. First\nBody one.\n\n## 2. Second\nBody two.\n\n## Summary\n- Short recap.\n"
        let (lesson, diagnostics) = LessonParser.parse(text: text, id: "guide")
        #expect(diagnostics.isEmpty)
        #expect(lesson.shape == .d)
        #expect(lesson.explain.blocks.headings == ["1. First", "2. Second"])
        #expect(lesson.keypoint.blocks.headings == ["Summary"])
        #expect(lesson.keypoint.blocks.lists.first?.items.map(\.text) == ["Short recap."])
    }

    @Test func documentFittingNoShapeOpensInExplain() throws {
        let url = FixtureFiles.broken.appendingPathComponent("no-shape.md")
        let (lesson, diagnostics) = LessonParser.parse(data: try Data(contentsOf: url), url: url, path: "no-shape.md")
        #expect(lesson.shape == .unknown)
        #expect(lesson.explain.blocks.paragraphs.count == 2)
        #expect(lesson.preview.blocks.isEmpty)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.line == 1)
        #expect(diagnostics.first?.description.hasPrefix("no-shape.md:1: fits no lesson shape") == true)
    }

    @Test func shapeAAlternativeHeadingsAndYAMLFrontMatter() {
        let text = "---\ntitle: Strides\nweight: 2\n---\n## preview\nP.\n## EXPLAIN\nE.\n## Key points\n- K.\n## Quiz\n1. What is 2+2?\nAnswer: 4\n"
        let (lesson, diagnostics) = LessonParser.parse(text: text, id: "strides")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(lesson.shape == .a)
        #expect(lesson.title == "Strides")
        #expect(lesson.weight == 2)
        #expect(lesson.keypoint.blocks.lists.first?.items.map(\.text) == ["K."])
        #expect(lesson.reviewQuestions.map(\.answer) == ["4"])
    }

    @Test func missingAnswerIsReportedWithItsLine() throws {
        let url = FixtureFiles.broken.appendingPathComponent("missing-answer.md")
        let (lesson, diagnostics) = LessonParser.parse(data: try Data(contentsOf: url), url: url, path: "m.md")
        #expect(lesson.reviewQuestions.count == 3)
        #expect(lesson.reviewQuestions[2].answer == "A small grid of weights.")
        #expect(diagnostics.map(\.description) == ["m.md:14: review question has no 'Answer:' line: What is padding?"])
    }
}

@Suite struct LessonLibraryTests {
    @Test func loadsFixtureFolderInOrderSkippingReadme() {
        let library = LessonLibrary(url: FixtureFiles.lessons)
        #expect(library.diagnostics.isEmpty, "\(library.diagnostics)")
        // Weighted first, then by file name; README.md (the coverage table) skipped.
        #expect(library.lessons.map(\.id) == ["shape-a-pooling", "shape-b-pooling-article", "shape-c-activation-notes", "shape-d-convolution-guide"])
        #expect(library.lessons.map(\.shape) == [.a, .b, .c, .d])
        #expect(library.find("shape-c")?.id == "shape-c-activation-notes")
        #expect(library.find("#2")?.id == "shape-b-pooling-article")
        // A bare number is never a position.
        #expect(library.find("2") == nil)
        #expect(library.find("shape") == nil)
    }

    @Test func ordersByWeightThenFileName() throws {
        let dir = try FileManager.default.url(for: .itemReplacementDirectory, in: .userDomainMask,
                                              appropriateFor: FileManager.default.temporaryDirectory, create: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let files = [
            ("b.md", "+++\nweight = \"10\"\n+++\n## Preview\nx\n## Explain\ny\n"),
            ("a.txt", "+++\nweight = 2\n+++\n## Preview\nx\n## Explain\ny\n"),
            ("c.markdown", "# C\n\n## 1. One\nx\n"),
            ("0-first.md", "# Z\n\n## 1. One\nx\n"),
            ("readme.MD", "# not a lesson"),
            ("notes.pdf", "not a lesson"),
        ]
        for (name, text) in files { try Data(text.utf8).write(to: dir.appendingPathComponent(name)) }
        let library = LessonLibrary(url: dir)
        #expect(library.lessons.map(\.id) == ["a", "b", "0-first", "c"])
        // A single file works too.
        #expect(LessonLibrary(url: dir.appendingPathComponent("c.markdown")).lessons.map(\.id) == ["c"])
        #expect(LessonLibrary(url: dir.appendingPathComponent("missing.md")).diagnostics.first?.message == "no such file or folder")
    }
}

@Suite struct FrontMatterTests {
    @Test func aLeadingRuleIsNotFrontMatter() {
        let text = "---\nSome opening words, not settings.\n---\n# Title\n\n## 1. Step\nBody.\n"
        let (lesson, _) = LessonParser.parse(text: text, id: "rule")
        #expect(lesson.title == "Title")
        #expect(lesson.preview.blocks.map(\.plainText).contains("Some opening words, not settings."))
    }

    @Test func tomlAndYamlFrontMatter() {
        let toml = LessonParser.parse(text: "+++\ntitle = \"T\"\nweight = \"7\"\ndraft = false\n+++\n## Preview\np\n## Explain\ne\n", id: "t").lesson
        #expect((toml.title, toml.weight) == ("T", 7))
        let yaml = LessonParser.parse(text: "---\ntitle: 'Y'\nweight: 1.5\n---\n## Preview\np\n## Review\n1. Q?\nAnswer: A\n", id: "y").lesson
        #expect((yaml.title, yaml.weight) == ("Y", 1.5))
        let (bad, diagnostics) = LessonParser.parse(text: "+++\nweight = \"soon\"\n+++\n## Preview\np\n## Explain\ne\n", id: "b", path: "b.md")
        #expect(bad.weight == nil)
        #expect(diagnostics.contains(Diagnostic(path: "b.md", line: 1, message: "weight 'soon' is not a number")))
    }
}
