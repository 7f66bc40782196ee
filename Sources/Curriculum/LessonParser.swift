import Foundation

/// Reads one study-notes file into a `Lesson`, whatever its shape (see LESSONS.md).
///
/// Never throws on content: a document that fits no shape opens with everything under
/// Explain, and the returned diagnostics say which shape rules could not apply.
public enum LessonParser {
    /// Parses a file's bytes. `id` defaults to the file name's stem; `path` is how
    /// diagnostics name the file.
    public static func parse(data: Data, url: URL, id: String? = nil, path: String? = nil) -> (lesson: Lesson, diagnostics: [Diagnostic]) {
        let id = id ?? url.deletingPathExtension().lastPathComponent
        return parse(lines: SourceText.lines(from: data), id: id, url: url, path: path ?? url.path)
    }

    /// Parses text (for tests and in-memory documents).
    public static func parse(text: String, id: String, url: URL? = nil, path: String? = nil) -> (lesson: Lesson, diagnostics: [Diagnostic]) {
        let url = url ?? URL(fileURLWithPath: id + ".md")
        return parse(lines: SourceText.lines(from: text), id: id, url: url, path: path ?? url.path)
    }

    static func parse(lines: [SourceLine], id: String, url: URL, path: String) -> (lesson: Lesson, diagnostics: [Diagnostic]) {
        var builder = Builder(document: LessonDocument(lines: lines), id: id, url: url)
        builder.build()
        let diagnostics = builder.problems.map { Diagnostic(path: path, line: $0.line, message: $0.message) }
        return (builder.lesson, diagnostics.sorted())
    }

    /// Shared state while a shape reader maps the document.
    struct Builder {
        let document: LessonDocument
        let id: String
        let url: URL
        var problems: [Diagnostic] = []
        var lesson: Lesson

        init(document: LessonDocument, id: String, url: URL) {
            self.document = document
            self.id = id
            self.url = url
            let empty = { (kind: SectionKind) in Section(kind: kind, blocks: []) }
            var weight: Double?
            if let w = document.frontMatter["weight"] { weight = Double(w) }
            lesson = Lesson(id: id, title: document.frontMatter["title"] ?? "", weight: weight, shape: .unknown, source: url,
                            preview: empty(.preview), explain: empty(.explain), keypoint: empty(.keypoint),
                            review: empty(.review), reviewQuestions: [])
            if let w = document.frontMatter["weight"], weight == nil {
                problems.append(Diagnostic(path: "", line: document.frontMatterLine ?? 1, message: "weight '\(w)' is not a number"))
            }
        }

        /// Parses body lines into blocks, keeping any problems (malformed lab blocks).
        mutating func blocks(_ range: Range<Int>) -> [Block] {
            let (blocks, found) = MarkdownParser.parse(document.lines(range))
            problems.append(contentsOf: found)
            return blocks
        }

        mutating func build() {
            let d = document
            let sectionHeadings = d.headings.filter { $0.level <= 3 && $0.section != nil }
            let distinct = Set(sectionHeadings.compactMap(\.section))
            let faq = d.headings.first { $0.level <= 2 && LessonDocument.isFAQName($0.text) }
            if distinct.count >= 2 || (d.frontMatterLine != nil && !distinct.isEmpty) {
                readShapeA(sectionHeadings)
            } else if let faq {
                readShapeB(faq: faq)
            } else if isQuestionBulletList() {
                readShapeC()
            } else if d.headings.contains(where: { $0.level >= 2 && LessonDocument.isNumbered($0.text) }) {
                readShapeD()
            } else {
                readUnknown()
            }
            if lesson.title.isEmpty {
                lesson.title = d.firstTitleHeading?.text ?? LessonDocument.title(fromFileName: id)
            }
            // A name that is only a number and a hash: the first heading, else the first question.
            if lesson.title.isEmpty {
                lesson.title = d.headings.first?.text ?? lesson.reviewQuestions.first?.prompt ?? String(LessonLibrary.stem(id))
            }
            if lesson.weight == nil, let w = d.frontMatter["weight"] { lesson.weight = Double(w) }
            addNoteQuestions()
        }

        /// When the document asks fewer than five questions, cloze questions made from its key
        /// points follow its own, under "Made from your notes" in Review.
        mutating func addNoteQuestions() {
            let own = lesson.reviewQuestions.count
            guard own < NoteQuestions.minimumOwn else { return }
            let made = NoteQuestions.make(keypoint: lesson.keypoint.blocks)
            guard !made.isEmpty else { return }
            for (k, cloze) in made.enumerated() {
                lesson.reviewQuestions.append(ReviewQuestion(number: own + k + 1, prompt: NoteQuestions.promptPrefix + cloze.prompt,
                                                             answer: cloze.term, line: cloze.line, made: cloze))
            }
            var blocks = lesson.review.blocks.filter { $0 != .paragraph([.text(LessonParser.noQuestionsText)]) }
            blocks.append(.heading(level: 3, text: [.text("Made from your notes")], line: 0))
            blocks.append(.paragraph([.text(own == 0
                ? "This document asks no questions of its own, so these blank out a term from its key points."
                : "This document asks only \(own) question\(own == 1 ? "" : "s"), so these blank out a term from its key points.")]))
            blocks.append(.list(ListBlock(ordered: true, start: own + 1, items: made.map { cloze in
                ListItem(blocks: [.paragraph([.text(cloze.prompt)]),
                                  .paragraph([.bold([.text("Answer:")]), .text(" " + cloze.term)])], line: cloze.line)
            })))
            lesson.review = Section(kind: .review, blocks: blocks, line: lesson.review.line)
        }

        // MARK: Shape A

        mutating func readShapeA(_ headings: [LessonDocument.Heading]) {
            lesson.shape = .a
            let d = document
            guard let first = headings.first else { return }
            // Text before the first section heading: a `#` title, and anything else goes first
            // into Preview.
            var leading: [Block] = []
            for block in blocks(0..<first.index) {
                if case .heading(1, let text, _) = block, lesson.title.isEmpty {
                    lesson.title = text.plainText
                } else {
                    leading.append(block)
                }
            }
            var contents: [SectionKind: [Block]] = [.preview: leading]
            var starts: [SectionKind: Int] = [:]
            var reviewLines: [SourceLine] = []
            var furtherReading: [Block] = []
            for (n, heading) in headings.enumerated() {
                guard let kind = heading.section else { continue }
                let end = n + 1 < headings.count ? headings[n + 1].index : d.body.count
                var range = (heading.index + 1)..<end
                // A heading after the questions (`## References`) ends Review; what follows
                // is further reading, kept with its links at the end of Explain.
                if kind == .review, let cut = d.headings[d.firstHeading(after: heading.index)...].prefix(while: { $0.index < end }).first(where: {
                    $0.level <= heading.level || LessonDocument.isFurtherReadingName($0.text)
                }) {
                    range = (heading.index + 1)..<cut.index
                    furtherReading.append(contentsOf: blocks(cut.index..<end))
                }
                contents[kind, default: []].append(contentsOf: blocks(range))
                if starts[kind] == nil { starts[kind] = heading.line }
                if kind == .review { reviewLines.append(contentsOf: d.lines(range)) }
            }
            for kind in SectionKind.allCases where starts[kind] == nil {
                problems.append(Diagnostic(path: "", line: first.line, message: "shape A lesson has no '## \(kind.title)' section"))
            }
            setSection(.preview, contents[.preview] ?? [], line: starts[.preview] ?? 0)
            setSection(.explain, (contents[.explain] ?? []) + furtherReading, line: starts[.explain] ?? 0)
            setSection(.keypoint, contents[.keypoint] ?? [], line: starts[.keypoint] ?? 0)
            if let reviewLine = starts[.review] {
                let found = ReviewExtractor.extract(reviewLines)
                problems.append(contentsOf: found.problems)
                if found.questions.isEmpty {
                    problems.append(Diagnostic(path: "", line: reviewLine, message: "Review section has no numbered questions with 'Answer:' lines"))
                    setSection(.review, contents[.review] ?? [], line: reviewLine)
                } else {
                    setReview(found.questions, intro: introBlocks(contents[.review] ?? []), line: reviewLine)
                }
            }
        }

        /// The blocks of a Review section before its first numbered question (asked prompts
        /// and any introduction).
        func introBlocks(_ blocks: [Block]) -> [Block] {
            var intro: [Block] = []
            for block in blocks {
                if case .list(let list) = block, list.ordered { break }
                intro.append(block)
            }
            return intro
        }

        mutating func setSection(_ kind: SectionKind, _ blocks: [Block], line: Int) {
            let section = Section(kind: kind, blocks: blocks, line: line)
            switch kind {
            case .preview: lesson.preview = section
            case .explain: lesson.explain = section
            case .keypoint: lesson.keypoint = section
            case .review: lesson.review = section
            }
        }

        /// Records review questions and shows them as a numbered list of question + answer.
        mutating func setReview(_ questions: [(prompt: String, answer: String, line: Int)], intro: [Block], line: Int) {
            lesson.reviewQuestions = questions.enumerated().map { n, q in
                ReviewQuestion(number: n + 1, prompt: q.prompt, answer: q.answer, line: q.line)
            }
            let items = questions.map { q -> ListItem in
                var blocks: [Block] = [.paragraph(InlineParser.parse(q.prompt))]
                let answerLines = q.answer.split(separator: "\n").map(String.init)
                if let firstLine = answerLines.first {
                    blocks.append(.paragraph([.bold([.text("Answer:")]), .text(" ")] + InlineParser.parse(firstLine)))
                    for more in answerLines.dropFirst() { blocks.append(.paragraph(InlineParser.parse(more))) }
                }
                return ListItem(blocks: blocks, line: q.line)
            }
            var blocks = intro
            if !items.isEmpty { blocks.append(.list(ListBlock(ordered: true, start: 1, items: items))) }
            setSection(.review, blocks, line: line)
        }

        // MARK: No shape

        mutating func readUnknown() {
            lesson.shape = .unknown
            let all = blocks(0..<document.body.count)
            var explain = all
            if lesson.title.isEmpty, case .heading(1, let text, _)? = all.first {
                lesson.title = text.plainText
                explain.removeFirst()
            }
            setSection(.explain, explain, line: document.body.first?.number ?? 1)
            setSection(.review, [.paragraph([.text(LessonParser.noQuestionsText)])], line: 0)
            let line = document.body.first { !$0.text.isEmpty }?.number ?? 1
            problems.append(Diagnostic(path: "", line: line, message:
                "fits no lesson shape, so everything is under Explain: no Preview/Explain/Keypoint/Review headings (A), "
                + "no FAQ section (B), no question bullets ending in '?' (C), no numbered headings like '## 1.' (D)"))
        }
    }

    /// What the Review section says when a document brings no questions.
    public static let noQuestionsText = "No review questions came with this document; quizzes/ may add some."
}
