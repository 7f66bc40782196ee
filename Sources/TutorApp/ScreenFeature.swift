import Foundation

/// What a screen's reducer hands back to its parent, besides the changes to its own state.
///
/// A screen sees only its own state (and a read-only context); whatever lies outside it (the
/// status line, the route stack, another screen) it asks for with a reply, and the parent
/// (`AppState.scope`) carries the reply out.
public enum Reply<Delegate: Sendable>: Sendable {
    /// Work for the shell.
    case effect(Effect)
    /// A one-line message above the footer, until the next key.
    case status(String)
    /// Close this screen: back to the one below it.
    case leave
    /// Something only the parent can do (open another screen, keep a trained network).
    case delegate(Delegate)
}

/// One reducer shape for every screen (the Composable Architecture's `Reducer`, bubbletea's
/// per-model `Update`): the screen's own state changes in place, the rest is asked for.
public protocol ScreenFeature: Sendable {
    associatedtype ScreenAction: Sendable
    /// What the screen may read but not change (the bundled samples, the trained network).
    associatedtype Context = Void
    associatedtype Delegate: Sendable = Never

    mutating func reduce(_ action: ScreenAction, context: Context) -> [Reply<Delegate>]
}

extension ScreenFeature where Context == Void {
    mutating func reduce(_ action: ScreenAction) -> [Reply<Delegate>] { reduce(action, context: ()) }
}

extension AppState {
    /// Routes `action` to the screen state at `path` with only that state, and carries out its
    /// replies; an action for a screen that is not open is ignored (and said so in debug builds).
    mutating func scope<F: ScreenFeature>(_ path: WritableKeyPath<AppState, F?>, _ action: F.ScreenAction, context: F.Context,
                                          delegate: (inout AppState, F.Delegate) -> [Effect]) -> [Effect] {
        guard var feature = self[keyPath: path] else { return ignored(action, screen: F.self) }
        let replies = feature.reduce(action, context: context)
        self[keyPath: path] = feature
        return carryOut(replies, delegate: delegate)
    }

    /// `scope` for a screen that is always open (home, at the bottom of the route stack).
    mutating func scope<F: ScreenFeature>(_ path: WritableKeyPath<AppState, F>, _ action: F.ScreenAction, context: F.Context,
                                          delegate: (inout AppState, F.Delegate) -> [Effect]) -> [Effect] {
        let replies = self[keyPath: path].reduce(action, context: context)
        return carryOut(replies, delegate: delegate)
    }

    /// `scope` for a screen that asks nothing of its parent but status lines, leaving and effects.
    mutating func scope<F: ScreenFeature>(_ path: WritableKeyPath<AppState, F?>, _ action: F.ScreenAction, context: F.Context) -> [Effect] where F.Delegate == Never {
        scope(path, action, context: context) { _, never in switch never {} }
    }

    /// Applies a screen's replies: status lines and leaving here, delegates by `delegate`, and
    /// the effects returned for the shell.
    mutating func carryOut<D>(_ replies: [Reply<D>], delegate: (inout AppState, D) -> [Effect]) -> [Effect] {
        var effects: [Effect] = []
        for reply in replies {
            switch reply {
            case .effect(let effect): effects.append(effect)
            case .status(let message): status = message
            case .leave: if routes.count > 1 { routes.removeLast() }
            case .delegate(let request): effects += delegate(&self, request)
            }
        }
        return effects
    }

    /// An action for a screen that is not open: nothing changes. Debug builds say so on the status
    /// line, so that a key map or an effect routed to the wrong screen shows up when tried.
    mutating func ignored<A, S>(_ action: A, screen: S.Type) -> [Effect] {
        #if DEBUG
        let name = Mirror(reflecting: action).children.first?.label ?? String(describing: action)
        status = "debug: \(name) ignored, no \(S.self) is open"
        #endif
        return []
    }
}
