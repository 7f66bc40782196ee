import Canvas
import Curriculum
import Foundation
import Widgets

/// A lab as the home screen lists it.
public struct LabEntry: Hashable, Sendable {
    public var name: String
    public var summary: String
    /// The lab kind a lesson's lab block names (`convolution`, `pooling`, `network`, `training`).
    public var kind: String
}

/// One row of the home list.
public enum HomeItem: Hashable, Sendable {
    /// A lesson, by its position in the library.
    case lesson(Int)
    /// The spaced-review quiz of the questions due now.
    case review(due: Int)
    case lab(LabEntry)
}

/// The home screen: lessons with progress at a glance, the due review, the labs.
public struct HomeState: Hashable, Sendable {
    /// Index into the visible items.
    public var selection = 0
    /// The title filter (`/`); lessons whose title contains it (ignoring case) are listed.
    public var filter = TextFieldState()
    /// Keys go to the filter field while true.
    public var isEditingFilter = false

    public init() {}

    static let labs: [LabEntry] = [
        LabEntry(name: "Convolution lab", summary: "slide a kernel window by window", kind: "convolution"),
        LabEntry(name: "Pooling lab", summary: "max and average pooling, step by step", kind: "pooling"),
        LabEntry(name: "Network view", summary: "a digit through every layer", kind: "network"),
        LabEntry(name: "Live training", summary: "watch a CNN learn real digits", kind: "training"),
    ]
}

/// What the user did on the home screen.
public enum HomeAction: Hashable, Sendable {
    case nextItemPressed
    case previousItemPressed
    case firstItemPressed
    case lastItemPressed
    case openPressed
    /// `/`: start typing a title filter.
    case filterPressed
    case filterEdited(TextFieldEdit)
    /// Enter while typing the filter: keep it and go back to moving through the list.
    case filterConfirmed
    /// Esc while filtering: show every lesson again.
    case filterCleared
}

extension AppState {
    /// The rows of the home list, in order: the lessons matching the filter, the due review,
    /// the labs.
    public var homeItems: [HomeItem] {
        let needle = home.filter.text.lowercased()
        let lessons = curriculum.lessons.lessons.enumerated().filter { _, lesson in
            needle.isEmpty || lesson.title.lowercased().contains(needle)
        }.map { HomeItem.lesson($0.offset) }
        return lessons + [.review(due: curriculum.dueItems.count)] + HomeState.labs.map(HomeItem.lab)
    }

    /// The lesson to continue: the one last opened, if it still exists.
    var continueLessonIndex: Int? {
        guard let last = curriculum.progress.last else { return nil }
        return curriculum.lessons.lessons.firstIndex { $0.id == last.lesson }
    }
}

/// Selects "continue where you left off": the last opened lesson, else the first lesson not yet
/// read through, else the first row.
func selectDefaultHomeItem(_ state: inout AppState) {
    let items = state.homeItems
    let lessons = state.curriculum.lessons.lessons
    let target = state.continueLessonIndex ?? lessons.firstIndex { lesson in
        state.curriculum.progress.lesson(lesson.id).sectionsRead.count < SectionKind.allCases.count
    }
    state.home.selection = target.flatMap { t in items.firstIndex(of: .lesson(t)) } ?? 0
}

func reduceHome(_ state: inout AppState, _ action: HomeAction) -> [Effect] {
    let count = state.homeItems.count
    switch action {
    case .nextItemPressed:
        state.home.selection = min(state.home.selection + 1, max(0, count - 1))
    case .previousItemPressed:
        state.home.selection = max(state.home.selection - 1, 0)
    case .firstItemPressed:
        state.home.selection = 0
    case .lastItemPressed:
        state.home.selection = max(0, count - 1)
    case .filterPressed:
        state.home.isEditingFilter = true
    case .filterEdited(let edit):
        state.home.filter.apply(edit)
        state.home.selection = 0
    case .filterConfirmed:
        state.home.isEditingFilter = false
    case .filterCleared:
        state.home.isEditingFilter = false
        state.home.filter = TextFieldState()
        selectDefaultHomeItem(&state)
    case .openPressed:
        let items = state.homeItems
        guard state.home.selection < items.count else { return [] }
        switch items[state.home.selection] {
        case .lesson(let index):
            let lesson = state.curriculum.lessons.lessons[index]
            let last = state.curriculum.progress.last
            let section = last?.lesson == lesson.id ? last?.section ?? .preview : .preview
            return openLesson(&state, id: lesson.id, section: section)
        case .review:
            return startDueReview(&state)
        case .lab(let lab):
            return requestLab(&state, kind: lab.kind, settings: [])
        }
    }
    return []
}

/// Keys the home screen takes before the global ones: everything while typing a filter, and Esc
/// clearing a filter rather than quitting.
func homeCapturedKeyAction(for key: Key, in state: AppState) -> Action? {
    if state.home.isEditingFilter {
        switch key {
        case .enter: return .home(.filterConfirmed)
        case .escape: return .home(.filterCleared)
        case .down: return .home(.nextItemPressed)
        case .up: return .home(.previousItemPressed)
        default: return TextFieldState.edit(for: key).map { .home(.filterEdited($0)) }
        }
    }
    if key == .escape, !state.home.filter.isEmpty { return .home(.filterCleared) }
    return nil
}

func homeAction(for key: Key, in state: AppState) -> Action? {
    switch key {
    case .down, .character("j"): return .home(.nextItemPressed)
    case .up, .character("k"): return .home(.previousItemPressed)
    case .home, .character("g"): return .home(.firstItemPressed)
    case .end, .character("G"): return .home(.lastItemPressed)
    case .enter, .right, .character("l"): return .home(.openPressed)
    case .character("/"): return .home(.filterPressed)
    default: return nil
    }
}

func homeFooterKeys(_ state: AppState) -> [KeyHint] {
    if state.home.isEditingFilter {
        return [KeyHint("type", "filter titles"), KeyHint("↑↓", "move"), KeyHint("Enter", "keep filter"), KeyHint("Esc", "clear")]
    }
    return [KeyHint("↑↓ j k", "move"), KeyHint("Enter", "open"), KeyHint("/", "filter"), KeyHint("?", "help"),
            KeyHint(state.home.filter.isEmpty ? "q" : "Esc", state.home.filter.isEmpty ? "quit" : "clear filter")]
}

let homeHelp: [(heading: String, hints: [KeyHint])] = [
    ("Home", [KeyHint("↓ j", "next item"), KeyHint("↑ k", "previous item"), KeyHint("g Home", "first item"),
              KeyHint("G End", "last item"), KeyHint("Enter", "open the selected lesson, review or lab"),
              KeyHint("/", "filter lessons by title (Esc clears)")]),
    ("Columns", [KeyHint("read", "sections read: P E K R, . not yet"), KeyHint("best", "best quiz score"),
                 KeyHint("due", "review questions due now")]),
]
