import Curriculum

/// Where the reader draws, derived from the window size alone so that the reducer (scroll
/// bounds, "reached the end") and the render agree.
struct ReaderGeometry {
    /// Columns the text is wrapped to: the window less margins, at most a comfortable measure.
    let textWidth: Int
    /// Rows of text on screen: the window less the title, tab bar, rule, position line, status
    /// line and footer.
    let textRows: Int

    init(_ state: AppState) {
        textWidth = max(20, min(state.width - 4, 100))
        textRows = max(1, state.height - 6)
    }
}

/// The current section of the open lesson laid out at the reader's width.
func readerLayout(_ state: AppState) -> LessonLayout {
    guard let reader = state.reader, let lesson = state.curriculum.lessons.lesson(id: reader.lessonID) else { return LessonLayout() }
    return readerLayout(lesson.section(reader.section), state: state)
}

func readerLayout(_ section: Section, state: AppState) -> LessonLayout {
    var layout = LessonTextLayout.layout(section.blocks, width: ReaderGeometry(state).textWidth, ascii: !state.capabilities.unicode)
    if layout.lines.isEmpty {
        layout.lines = [LayoutLine([LayoutSpan("This section is empty in the lesson document.", .dim)])]
    }
    return layout
}

/// Where a lesson teaches what a quiz question asks: the section and layout line in Explain or
/// Keypoint whose neighbourhood shares the most significant words (five letters or more) with
/// the question, its model answer and its explanation. Nil when nothing shares at least two.
func teachingSpot(for question: Question, in lesson: Lesson, state: AppState) -> (section: SectionKind, line: Int)? {
    let words = significantWords(question.prompt + " " + question.modelAnswer + " " + (question.explain ?? ""))
    guard !words.isEmpty else { return nil }
    var best: (section: SectionKind, line: Int, score: Int)?
    for kind in [SectionKind.explain, .keypoint] {
        let lines = readerLayout(lesson.section(kind), state: state).lines.map { significantWords($0.text) }
        for start in lines.indices {
            // A window of three lines, so a sentence wrapped over two still counts whole.
            let window = lines[start..<min(lines.count, start + 3)].reduce(into: Set<String>()) { $0.formUnion($1) }
            let score = window.intersection(words).count
            if score > (best?.score ?? 1) { best = (kind, start, score) }
        }
    }
    return best.map { ($0.section, $0.line) }
}

/// Lower-cased words of five letters or more, plurals folded (`filters` → `filter`).
private func significantWords(_ text: String) -> Set<String> {
    Set(text.lowercased().split(whereSeparator: { !$0.isLetter }).filter { $0.count >= 5 }.map { word in
        word.hasSuffix("s") && !word.hasSuffix("ss") ? String(word.dropLast()) : String(word)
    })
}
