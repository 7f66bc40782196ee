import Curriculum
import Foundation

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
    let width = ReaderGeometry(state).textWidth, ascii = !state.capabilities.unicode
    if let cached = ReaderLayoutCache.shared.layout(of: section, width: width, ascii: ascii) { return cached }
    var layout = LessonTextLayout.layout(section.blocks, width: width, ascii: ascii)
    if layout.lines.isEmpty {
        layout.lines = [LayoutLine([LayoutSpan("This section is empty in the lesson document.", .dim)])]
    }
    ReaderLayoutCache.shared.store(layout, of: section, width: width, ascii: ascii)
    return layout
}

/// Layouts already computed, by section and width: a key press in the reader (which asks for
/// the layout to scroll, clamp, find lab boxes and draw) lays the text out once per width and
/// section, not several times per key. A memo only: it holds values the pure function
/// `LessonTextLayout.layout` would return again, so it changes no behaviour.
final class ReaderLayoutCache: @unchecked Sendable {
    static let shared = ReaderLayoutCache()

    private struct Entry {
        var section: Section
        var width: Int
        var ascii: Bool
        var layout: LessonLayout
    }

    private let lock = NSLock()
    private var entries: [Entry] = []
    /// A lesson's four sections at two widths (a resize) fit.
    private let capacity = 8

    func layout(of section: Section, width: Int, ascii: Bool) -> LessonLayout? {
        lock.lock()
        defer { lock.unlock() }
        // Comparing sections is cheap when they share storage (the usual case: the same
        // lesson value); the full comparison runs only when a lesson was reloaded.
        guard let index = entries.firstIndex(where: { $0.width == width && $0.ascii == ascii && $0.section.kind == section.kind && $0.section == section })
        else { return nil }
        let entry = entries.remove(at: index)
        entries.append(entry)
        return entry.layout
    }

    func store(_ layout: LessonLayout, of section: Section, width: Int, ascii: Bool) {
        lock.lock()
        defer { lock.unlock() }
        entries.append(Entry(section: section, width: width, ascii: ascii, layout: layout))
        if entries.count > capacity { entries.removeFirst(entries.count - capacity) }
    }
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

/// How many lines the open section has at the reader's width (for `tutor bench-lessons`).
public func readerLineCount(_ state: AppState) -> Int { readerLayout(state).lines.count }
