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
