import Foundation

extension LessonParser.Builder {
    // MARK: Shape B: article with an FAQ

    mutating func readShapeB(faq: LessonDocument.Heading) {
        lesson.shape = .b
        let d = document
        let title = d.firstTitleHeading
        if lesson.title.isEmpty, let title { lesson.title = title.text }
        let sectionLevel = faq.level
        let sections = d.headings.filter { $0.level == sectionLevel && $0.index != title?.index }
        let firstSection = sections.first?.index ?? d.body.count
        // Everything before the first section except the title line (text above the title too).
        var preview = blocks(0..<firstSection).filter { if case .heading(1, _, _) = $0 { return false } else { return true } }

        let keypointHeading = sections.first {
            $0.index != faq.index && ($0.section == .keypoint || LessonDocument.isSummaryName($0.text))
        }
        var explain: [Block] = []
        var explainParts: [[Block]] = []
        for heading in sections where heading.index != faq.index && heading.index != keypointHeading?.index {
            let part = blocks(heading.index..<d.end(after: heading, level: sectionLevel))
            explain.append(contentsOf: part)
            explainParts.append(part)
        }
        if preview.isEmpty, let firstParagraph = explain.first(where: { if case .paragraph = $0 { return true } else { return false } }) {
            preview = [firstParagraph]
        }
        setSection(.preview, preview, line: d.body.first?.number ?? 0)
        setSection(.explain, explain, line: sections.first?.line ?? 0)

        if let keypointHeading {
            setSection(.keypoint, blocks(keypointHeading.index..<d.end(after: keypointHeading, level: sectionLevel)), line: keypointHeading.line)
        } else {
            setSection(.keypoint, LessonParser.firstSentences(explainParts), line: 0)
        }

        // Each deeper heading under the FAQ is a question; the text under it is the answer.
        let faqEnd = d.end(after: faq, level: faq.level)
        let questionHeadings = d.headings.filter { $0.index > faq.index && $0.index < faqEnd && $0.level > faq.level }
        let questionLevel = questionHeadings.map(\.level).min() ?? faq.level + 1
        var questions: [(prompt: String, answer: String, line: Int)] = []
        for q in questionHeadings where q.level == questionLevel {
            let end = min(d.end(after: q, level: q.level), faqEnd)
            let answer = blocks((q.index + 1)..<end).map(\.plainText).filter { !$0.isEmpty }.joined(separator: "\n")
            if answer.isEmpty {
                problems.append(Diagnostic(path: "", line: q.line, message: "FAQ question has no answer under it: \(ReviewExtractor.shorten(q.text))"))
            }
            questions.append((q.text, answer, q.line))
        }
        if questions.isEmpty {
            problems.append(Diagnostic(path: "", line: faq.line, message: "FAQ section has no '###' questions"))
            setSection(.review, blocks((faq.index + 1)..<faqEnd), line: faq.line)
        } else {
            let intro = blocks((faq.index + 1)..<(questionHeadings.first?.index ?? faqEnd))
            setReview(questions, intro: intro, line: faq.line)
        }
    }

    // MARK: Shape C: question / answer bullets

    /// Mostly bullets, and some of them questions.
    func isQuestionBulletList() -> Bool {
        var bullets = 0, questions = 0, other = 0
        for (index, line) in document.body.enumerated() where !document.inFence.contains(index) {
            let t = MarkdownParser.trimmed(line.text)
            if t.isEmpty || MarkdownParser.headingLevel(line.text) != nil { continue }
            if let mk = MarkdownParser.marker(line.text) {
                bullets += 1
                if ReviewExtractor.plain(mk.text).hasSuffix("?") { questions += 1 }
            } else {
                other += 1
            }
        }
        return questions >= 1 && bullets > questions && bullets >= 2 * other
    }

    mutating func readShapeC() {
        lesson.shape = .c
        let d = document
        var intro: [SourceLine] = []
        var bullets: [(text: String, line: Int, indent: Int)] = []
        for (index, line) in d.body.enumerated() {
            let t = MarkdownParser.trimmed(line.text)
            if t.isEmpty { continue }
            if d.inFence.contains(index) {
                if !bullets.isEmpty, MarkdownParser.fence(line.text) == nil { bullets[bullets.count - 1].text += " " + t }
                continue
            }
            if let level = MarkdownParser.headingLevel(line.text) {
                let text = InlineParser.parse(MarkdownParser.headingText(line.text)).plainText
                if level == 1, lesson.title.isEmpty { lesson.title = text }
                continue
            }
            if let mk = MarkdownParser.marker(line.text) {
                bullets.append((mk.text, line.number, mk.indent))
            } else if bullets.isEmpty {
                intro.append(line)
            } else {
                bullets[bullets.count - 1].text += " " + t
            }
        }
        var pairs: [QAPair] = []
        var lead: [String] = []
        for bullet in bullets {
            let plain = ReviewExtractor.plain(bullet.text)
            if plain.hasSuffix("?") {
                pairs.append(QAPair(question: bullet.text, line: bullet.line, answers: []))
            } else if plain.isEmpty || plain == ":" {
                continue
            } else if pairs.isEmpty {
                lead.append(bullet.text)
            } else if !pairs[pairs.count - 1].answers.contains(where: { $0.text == bullet.text }) {
                // An exact repeat of an answer line is a copy-paste slip: dropped.
                pairs[pairs.count - 1].answers.append((bullet.text, bullet.indent))
            }
        }
        for pair in pairs where pair.grouped.isEmpty {
            problems.append(Diagnostic(path: "", line: pair.line, message: "question bullet has no answer bullets after it: \(ReviewExtractor.shorten(ReviewExtractor.plain(pair.question)))"))
        }
        if lesson.title.isEmpty {
            let fromName = LessonDocument.title(fromFileName: id)
            lesson.title = fromName.isEmpty ? (pairs.first.map { LessonParser.topic(of: ReviewExtractor.plain($0.question)) } ?? id) : fromName
        }
        // Preview: the document's own introduction, else the questions it answers.
        var preview = MarkdownParser.parse(intro).blocks
        if !lead.isEmpty {
            preview.append(.list(ListBlock(ordered: false, start: 0, items: lead.map { ListItem(blocks: [.paragraph(InlineParser.parse($0))], line: 0) })))
        }
        if preview.isEmpty, !pairs.isEmpty {
            let n = pairs.count
            preview = [.paragraph([.text("These notes answer \(n) question\(n == 1 ? "" : "s"):")]),
                       .list(ListBlock(ordered: true, start: 1, items: pairs.map { ListItem(blocks: [.paragraph(InlineParser.parse($0.question))], line: $0.line) }))]
        }
        setSection(.preview, preview, line: d.body.first?.number ?? 0)
        setSection(.explain, pairs.flatMap(\.walkthrough), line: pairs.first?.line ?? 0)
        var seen = Set<String>()
        let keypoints = pairs.compactMap { pair -> ListItem? in
            guard let point = pair.keyPoint, seen.insert(LessonParser.sentenceKey(point)).inserted else { return nil }
            return ListItem(blocks: [.paragraph(InlineParser.parse(point))], line: pair.line)
        }
        setSection(.keypoint, keypoints.isEmpty ? [] : [.list(ListBlock(ordered: false, start: 0, items: keypoints))], line: 0)
        let answered = pairs.filter { !$0.grouped.isEmpty }
        setReview(answered.map { (ReviewExtractor.plain($0.question), $0.answerText, $0.line) },
                  intro: [], line: pairs.first?.line ?? 0)
    }

    // MARK: Shape D: free-form guide

    mutating func readShapeD() {
        lesson.shape = .d
        let d = document
        let title = d.firstTitleHeading
        if lesson.title.isEmpty, let title { lesson.title = title.text }
        let boundaries = d.headings.filter {
            $0.level >= 2 && (LessonDocument.isNumbered($0.text) || LessonDocument.isKeypointName($0.text))
        }
        let firstBoundary = boundaries.first?.index ?? d.body.count
        let preview = blocks(0..<firstBoundary).filter { if case .heading(1, _, _) = $0 { return false } else { return true } }
        var explain: [Block] = []
        var explainParts: [[Block]] = []
        var keypoint: [Block] = []
        var keypointLine = 0
        for (n, heading) in boundaries.enumerated() {
            let end = n + 1 < boundaries.count ? boundaries[n + 1].index : d.body.count
            let part = blocks(heading.index..<end)
            if LessonDocument.isNumbered(heading.text) {
                explain.append(contentsOf: part)
                explainParts.append(part)
            } else {
                keypoint.append(contentsOf: part)
                if keypointLine == 0 { keypointLine = heading.line }
            }
        }
        setSection(.preview, preview, line: d.body.first?.number ?? 0)
        setSection(.explain, explain, line: boundaries.first?.line ?? 0)
        if keypoint.isEmpty {
            let leadIns = LessonParser.boldLeadIns(preview + explain)
            keypoint = leadIns.isEmpty ? LessonParser.firstSentences(explainParts)
                : [.list(ListBlock(ordered: false, start: 0, items: LessonParser.distinct(leadIns)))]
        }
        setSection(.keypoint, keypoint, line: keypointLine)
        setSection(.review, [.paragraph([.text(LessonParser.noQuestionsText)])], line: 0)
    }
}
