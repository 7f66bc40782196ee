import Canvas
import Widgets

/// A lesson as the home screen lists it.
public struct LessonSummary: Hashable, Sendable {
    public var id: String
    public var title: String
    public var sectionCount: Int

    public init(id: String, title: String, sectionCount: Int) {
        self.id = id
        self.title = title
        self.sectionCount = sectionCount
    }
}

/// A lab as the home screen lists it.
public struct LabEntry: Hashable, Sendable {
    public var name: String
    public var summary: String
    /// Why it cannot be opened yet, or nil when it can.
    public var unavailable: String?
}

/// One row of the home list.
public enum HomeItem: Hashable, Sendable {
    case lesson(LessonSummary)
    case lab(LabEntry)
}

public struct HomeState: Hashable, Sendable {
    public var lessons: [LessonSummary] = []
    public var labs: [LabEntry] = HomeState.defaultLabs
    public var selection = 0

    public init() {}

    public var items: [HomeItem] { lessons.map(HomeItem.lesson) + labs.map(HomeItem.lab) }

    static let defaultLabs: [LabEntry] = [
        LabEntry(name: "Convolution lab", summary: "slide a kernel window by window", unavailable: "coming soon"),
        LabEntry(name: "Pooling lab", summary: "max and average pooling, step by step", unavailable: "coming soon"),
        LabEntry(name: "Network view", summary: "a digit through every layer", unavailable: "coming soon"),
        LabEntry(name: "Live training", summary: "watch a CNN learn real digits", unavailable: "coming soon"),
    ]
}

public enum HomeAction: Hashable, Sendable {
    case nextItemPressed
    case previousItemPressed
    case firstItemPressed
    case lastItemPressed
    case openPressed
}

func reduceHome(_ state: inout AppState, _ action: HomeAction) -> [Effect] {
    let count = state.home.items.count
    switch action {
    case .nextItemPressed:
        state.home.selection = min(state.home.selection + 1, max(0, count - 1))
    case .previousItemPressed:
        state.home.selection = max(state.home.selection - 1, 0)
    case .firstItemPressed:
        state.home.selection = 0
    case .lastItemPressed:
        state.home.selection = max(0, count - 1)
    case .openPressed:
        guard state.home.selection < count else { return [] }
        switch state.home.items[state.home.selection] {
        case .lesson(let lesson):
            state.status = "\(lesson.title): the lesson reader arrives in a later version"
        case .lab(let lab):
            state.status = "\(lab.name): \(lab.unavailable ?? "opening")"
        }
    }
    return []
}

func homeAction(for key: Key, in state: AppState) -> Action? {
    switch key {
    case .down, .character("j"): return .home(.nextItemPressed)
    case .up, .character("k"): return .home(.previousItemPressed)
    case .home, .character("g"): return .home(.firstItemPressed)
    case .end, .character("G"): return .home(.lastItemPressed)
    case .enter: return .home(.openPressed)
    default: return nil
    }
}

let homeKeys: [KeyHint] = [
    KeyHint("↑↓ j k", "move"), KeyHint("g G", "first / last"), KeyHint("Enter", "open"),
    KeyHint("?", "help"), KeyHint("q Esc", "quit"),
]

func renderHome(_ state: AppState, in area: Rect, into buffer: inout Buffer) {
    let theme = state.theme, glyphs = state.glyphs
    var y = area.y + 1
    let x = area.x + 2
    let width = area.width - 4
    buffer.put("Learn convolutional neural networks by stepping through every multiply-add.", x: x, y: y, style: theme.muted, clip: area)
    y += 2
    let items = state.home.items
    // Rows available for the list; keep the selection visible.
    let lessonHeader = 1, labHeader = 2
    let rows = max(1, area.maxY - y - lessonHeader - labHeader)
    let first = max(0, min(state.home.selection - rows / 2, items.count - rows))
    var shownHeader = (lessons: false, labs: false)
    for (index, item) in items.enumerated() where index >= first {
        if y >= area.maxY { break }
        switch item {
        case .lesson(let lesson):
            if !shownHeader.lessons {
                buffer.put("Lessons", x: x, y: y, style: theme.heading, clip: area)
                y += 1
                shownHeader.lessons = true
            }
            let number = "\(index + 1)."
            let detail = "\(lesson.sectionCount) sections"
            let line = TextLayout.fit("\(number.padding(toLength: 4, withPad: " ", startingAt: 0))\(lesson.title)", to: max(0, width - 16))
                + TextLayout.fit(detail, to: 14)
            drawRow(line, selected: index == state.home.selection, x: x, y: y, width: width, state: state, into: &buffer, clip: area)
        case .lab(let lab):
            if !shownHeader.labs {
                if shownHeader.lessons { y += 1 }
                if state.home.lessons.isEmpty && !shownHeader.lessons {
                    buffer.put("No lessons found in \(state.contentSource)", x: x, y: y, style: theme.failure, clip: area)
                    y += 2
                }
                buffer.put("Labs", x: x, y: y, style: theme.heading, clip: area)
                y += 1
                shownHeader.labs = true
            }
            let tail = lab.unavailable.map { "(\($0))" } ?? ""
            let line = TextLayout.fit("\(glyphs.bullet)   \(lab.name)", to: 22) + TextLayout.fit(lab.summary, to: max(0, width - 38)) + TextLayout.fit(tail, to: 14)
            drawRow(line, selected: index == state.home.selection, x: x, y: y, width: width, state: state, into: &buffer, clip: area)
        }
        y += 1
    }
}

private func drawRow(_ text: String, selected: Bool, x: Int, y: Int, width: Int, state: AppState, into buffer: inout Buffer, clip: Rect) {
    let marker = selected ? state.glyphs.arrowRight : " "
    buffer.put(marker, x: x - 2, y: y, style: state.theme.accent, clip: clip)
    let style = selected ? state.theme.selection : state.theme.text
    buffer.put(TextLayout.fit(text, to: width, ellipsis: state.glyphs.ellipsis), x: x, y: y, style: style, clip: clip)
}
