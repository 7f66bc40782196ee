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
    let section = lesson.section(reader.section)
    return readerLayout(section, state: state, folding: section.kind == .review ? reader.revealedAnswers : nil)
}

/// What a folded answer shows instead of itself.
let foldedAnswerText = "(hidden: a shows it, A shows all)"

/// The Review section with each question's answer folded unless `revealed` holds its number
/// (0-based, in order): a learner can try the question before seeing the answer.
func foldingAnswers(_ blocks: [Block], revealed: Set<Int>) -> [Block] {
    var number = 0
    return blocks.map { block in
        guard case .list(var list) = block else { return block }
        list.items = list.items.map { item in
            var item = item
            guard let start = item.blocks.firstIndex(where: isAnswerParagraph) else { return item }
            defer { number += 1 }
            guard !revealed.contains(number) else { return item }
            item.blocks = Array(item.blocks[..<start]) + [.paragraph([.bold([.text("Answer:")]), .text(" " + foldedAnswerText)])]
            return item
        }
        return .list(list)
    }
}

/// The paragraph that opens a review answer (`**Answer:** …`, as the lesson parser writes it).
private func isAnswerParagraph(_ block: Block) -> Bool {
    guard case .paragraph(let inlines) = block, case .bold(let label)? = inlines.first else { return false }
    return label.plainText == "Answer:"
}

/// How many answers the Review section holds (folded or not).
func reviewAnswerCount(_ state: AppState) -> Int {
    guard let reader = state.reader, let lesson = state.curriculum.lessons.lesson(id: reader.lessonID) else { return 0 }
    return lesson.review.blocks.reduce(0) { count, block in
        guard case .list(let list) = block else { return count }
        return count + list.items.filter { $0.blocks.contains(where: isAnswerParagraph) }.count
    }
}

/// The number of the first folded answer with its line on screen, or nil.
func firstFoldedAnswerOnScreen(_ state: AppState) -> Int? {
    guard let reader = state.reader, reader.section == .review else { return nil }
    let lines = readerLayout(state).lines
    let visible = reader.offset..<min(lines.count, reader.offset + ReaderGeometry(state).textRows)
    guard let line = visible.first(where: { lines[$0].text.contains(foldedAnswerText) }) else { return nil }
    // The answers still folded, in order; the one on screen is the next after those above it.
    let foldedAbove = lines[..<line].filter { $0.text.contains(foldedAnswerText) }.count
    let folded = (0..<reviewAnswerCount(state)).filter { !reader.revealedAnswers.contains($0) }
    return foldedAbove < folded.count ? folded[foldedAbove] : nil
}

/// `section` laid out at the reader's width; with `revealed`, its answers folded except those
/// (see `foldingAnswers`).
func readerLayout(_ section: Section, state: AppState, folding revealed: Set<Int>? = nil) -> LessonLayout {
    let width = ReaderGeometry(state).textWidth, ascii = !state.capabilities.unicode
    if let cached = ReaderLayoutCache.shared.layout(of: section, folding: revealed, width: width, ascii: ascii) { return cached }
    var blocks = section.blocks
    if let revealed { blocks = foldingAnswers(blocks, revealed: revealed) }
    var layout = LessonTextLayout.layout(blocks, width: width, ascii: ascii)
    if layout.lines.isEmpty {
        layout.lines = [LayoutLine([LayoutSpan("This section is empty in the lesson document.", .dim)])]
    }
    ReaderLayoutCache.shared.store(layout, of: section, folding: revealed, width: width, ascii: ascii)
    return layout
}

/// Layouts already computed, by section, folded answers and width: a key press in the reader
/// (which asks for the layout to scroll, clamp, find lab boxes and draw) lays the text out once
/// per width and section, not several times per key. Entries are keyed by the lesson's own
/// section value, never a folded copy, so that a lookup compares arrays that share storage (a
/// pointer check) instead of walking a long Review section. A memo only: it holds values the
/// pure function `LessonTextLayout.layout` would return again, so it changes no behaviour.
final class ReaderLayoutCache: @unchecked Sendable {
    static let shared = ReaderLayoutCache()

    private struct Entry {
        var section: Section
        var revealed: Set<Int>?
        var width: Int
        var ascii: Bool
        var layout: LessonLayout
    }

    private let lock = NSLock()
    private var entries: [Entry] = []
    /// A lesson's four sections at two widths (a resize) fit.
    private let capacity = 8

    func layout(of section: Section, folding revealed: Set<Int>?, width: Int, ascii: Bool) -> LessonLayout? {
        lock.lock()
        defer { lock.unlock() }
        // Comparing sections is cheap when they share storage (the usual case: the same
        // lesson value); the full comparison runs only when a lesson was reloaded.
        guard let index = entries.firstIndex(where: {
            $0.width == width && $0.ascii == ascii && $0.section.kind == section.kind && $0.revealed == revealed && $0.section == section
        })
        else { return nil }
        let entry = entries.remove(at: index)
        entries.append(entry)
        return entry.layout
    }

    func store(_ layout: LessonLayout, of section: Section, folding revealed: Set<Int>?, width: Int, ascii: Bool) {
        lock.lock()
        defer { lock.unlock() }
        entries.append(Entry(section: section, revealed: revealed, width: width, ascii: ascii, layout: layout))
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
