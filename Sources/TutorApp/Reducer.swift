import Canvas
import Foundation

/// Applies an action to the state and returns the work the shell must do.
public func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
    if case .windowResized = action {} else if case .ticked = action {} else { state.status = nil }
    switch action {
    case .windowResized(let width, let height):
        state.width = max(0, width)
        state.height = max(0, height)
        return []
    case .ticked:
        return []
    case .helpPressed:
        state.showingHelp.toggle()
        return []
    case .backPressed:
        if state.showingHelp {
            state.showingHelp = false
            return []
        }
        if state.routes.count > 1 {
            state.routes.removeLast()
            return []
        }
        return [.quit]
    case .unboundKeyPressed(let key):
        state.status = "\(key) does nothing here; press ? for the keys of this screen"
        return []
    case .home(let homeAction):
        return reduceHome(&state, homeAction)
    case .lessonsLoaded(let lessons, let source):
        state.home.lessons = lessons
        state.contentSource = source
        state.home.selection = min(state.home.selection, max(0, state.home.items.count - 1))
        return []
    }
}

/// The action a key means on the current screen, or nil for none.
public func action(for key: Key, in state: AppState) -> Action {
    if state.showingHelp {
        switch key {
        case .character("?"), .character("q"), .escape, .enter: return .backPressed
        default: return .unboundKeyPressed(key)
        }
    }
    switch key {
    case .character("?"): return .helpPressed
    case .character("q"), .escape: return .backPressed
    default: break
    }
    if state.isTooSmall { return .unboundKeyPressed(key) }
    switch state.route {
    case .home: return homeAction(for: key, in: state) ?? .unboundKeyPressed(key)
    }
}
