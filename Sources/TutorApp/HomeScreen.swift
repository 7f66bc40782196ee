import Canvas
import Curriculum
import Foundation
import Widgets

/// One row of the home list.
public enum HomeItem: Hashable, Sendable {
    /// A lesson, by its position in the library.
    case lesson(Int)
    /// The spaced-review quiz of the questions due now.
    case review(due: Int)
    /// A lab, named and summed up by the lab registry (`LabKind.screen`).
    case lab(LabKind)
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

extension HomeState {
    /// The rows of the home list, in order: the lessons matching the filter, the due review,
    /// the labs.
    func items(in curriculum: CurriculumContent) -> [HomeItem] {
        let needle = filter.text.lowercased()
        let lessons = curriculum.lessons.lessons.enumerated().filter { _, lesson in
            needle.isEmpty || lesson.title.lowercased().contains(needle)
        }.map { HomeItem.lesson($0.offset) }
        return lessons + [.review(due: curriculum.dueItems.count)] + LabKind.allCases.map(HomeItem.lab)
    }

    /// Selects "continue where you left off": the last opened lesson, else the first lesson not
    /// yet read through, else the first row.
    mutating func selectDefaultItem(in curriculum: CurriculumContent) {
        let items = items(in: curriculum)
        let lessons = curriculum.lessons.lessons
        let target = curriculum.continueLessonIndex ?? lessons.firstIndex { lesson in
            curriculum.progress.lesson(lesson.id).sectionsRead.count < SectionKind.allCases.count
        }
        selection = target.flatMap { t in items.firstIndex(of: .lesson(t)) } ?? 0
    }
}

extension CurriculumContent {
    /// The lesson to continue: the one last opened, if it still exists.
    var continueLessonIndex: Int? {
        guard let last = progress.last else { return nil }
        return lessons.lessons.firstIndex { $0.id == last.lesson }
    }
}

extension AppState {
    /// The rows of the home list (see `HomeState.items(in:)`).
    public var homeItems: [HomeItem] { home.items(in: curriculum) }
}

/// What the home screen asks of the app: to open what the learner picked.
public enum HomeRequest: Sendable {
    case openLesson(id: String, section: SectionKind)
    case startDueReview
    case openLab(LabKind)
}

extension HomeState: ScreenFeature {
    /// The home screen reads the lessons, quizzes and progress it lists.
    public mutating func reduce(_ action: HomeAction, context curriculum: CurriculumContent) -> [Reply<HomeRequest>] {
        let count = items(in: curriculum).count
        switch action {
        case .nextItemPressed:
            selection = min(selection + 1, max(0, count - 1))
        case .previousItemPressed:
            selection = max(selection - 1, 0)
        case .firstItemPressed:
            selection = 0
        case .lastItemPressed:
            selection = max(0, count - 1)
        case .filterPressed:
            isEditingFilter = true
        case .filterEdited(let edit):
            filter.apply(edit)
            selection = 0
        case .filterConfirmed:
            isEditingFilter = false
        case .filterCleared:
            isEditingFilter = false
            filter = TextFieldState()
            selectDefaultItem(in: curriculum)
        case .openPressed:
            let items = items(in: curriculum)
            guard selection < items.count else { return [] }
            switch items[selection] {
            case .lesson(let index):
                let lesson = curriculum.lessons.lessons[index]
                let last = curriculum.progress.last
                let section = last?.lesson == lesson.id ? last?.section ?? .preview : .preview
                return [.delegate(.openLesson(id: lesson.id, section: section))]
            case .review:
                return [.delegate(.startDueReview)]
            case .lab(let lab):
                return [.delegate(.openLab(lab))]
            }
        }
        return []
    }
}

/// The home screen's actions, with only its own state; what it opens, the app opens.
func reduceHome(_ state: inout AppState, _ action: HomeAction) -> [Effect] {
    state.scope(\.home, action, context: state.curriculum) { state, request in
        switch request {
        case .openLesson(let id, let section): return openLesson(&state, id: id, section: section)
        case .startDueReview: return startDueReview(&state)
        case .openLab(let kind): return openLab(&state, kind: kind, settings: [])
        }
    }
}

/// Keys the home screen takes before the global ones: everything while typing a filter, and Esc
/// clearing a filter rather than quitting.
func homeCapturedKeyAction(for key: Key, in state: AppState) -> Action? {
    if state.home.isEditingFilter { return homeFilterKeyMap.action(for: key, in: state.home).map(Action.home) }
    if key == .escape { return homeKeyMap.action(for: key, in: state.home).map(Action.home) }
    return nil
}

func homeAction(for key: Key, in state: AppState) -> Action? {
    homeKeyMap.action(for: key, in: state.home).map(Action.home)
}

/// The home list's keys; the footer and the help overlay are read from them.
let homeKeyMap = KeyMap<HomeState, HomeAction>(sections: [
    ("Home", [
        KeyBinding([.down, .character("j")], "↓ j", "next item", footer: ("↑↓ j k", "move", rank: 0), .nextItemPressed),
        KeyBinding([.up, .character("k")], "↑ k", "previous item", .previousItemPressed),
        KeyBinding([.home, .character("g")], "g Home", "first item", .firstItemPressed),
        KeyBinding([.end, .character("G")], "G End", "last item", .lastItemPressed),
        KeyBinding([.enter, .right, .character("l")], "Enter", "open the selected lesson, review or lab", footer: ("Enter", "open", rank: 1), .openPressed),
        KeyBinding([.character("/")], "/", "filter lessons by title (Esc clears)", footer: ("/", "filter", rank: 2), .filterPressed),
        KeyBinding.footerOnly(rank: 3) { _ in KeyHint("?", "help") },
        // Esc clears a filter; with none, it is the global "quit".
        KeyBinding([.escape], nil, nil, footerRank: 4, footer: { home in home.filter.isEmpty ? KeyHint("q", "quit") : KeyHint("Esc", "clear filter") },
                   action: { _, home in home.filter.isEmpty ? nil : .filterCleared }),
    ]),
    ("Columns", [KeyBinding.helpOnly("read", "sections read: P E K R, . not yet"), KeyBinding.helpOnly("best", "best quiz score"),
                 KeyBinding.helpOnly("due", "review questions due now")]),
], globalsRank: nil)

/// The keys while typing a title filter: every other key edits the filter.
let homeFilterKeyMap = KeyMap<HomeState, HomeAction>(sections: [
    ("Filter", [
        KeyBinding.footerOnly(rank: 0) { _ in KeyHint("type", "filter titles") },
        KeyBinding([.down], "↓", "next item", footer: ("↑↓", "move", rank: 1), .nextItemPressed),
        KeyBinding(hidden: [.up], .previousItemPressed),
        KeyBinding([.enter], "Enter", "keep the filter", footer: ("Enter", "keep filter", rank: 2), .filterConfirmed),
        KeyBinding([.escape], "Esc", "clear the filter", footer: ("Esc", "clear", rank: 3), .filterCleared),
    ]),
], globalsRank: nil, otherKeys: { key, _ in TextFieldState.edit(for: key).map(HomeAction.filterEdited) })

func homeFooterKeys(_ state: AppState) -> [KeyHint] {
    (state.home.isEditingFilter ? homeFilterKeyMap : homeKeyMap).footer(in: state.home)
}

let homeHelp = homeKeyMap.help
