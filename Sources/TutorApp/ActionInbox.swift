import Foundation

/// Actions posted from other threads (a training run's snapshots, a finished load) for the run
/// loop to take on its next turn. The UI never blocks on the poster, nor the poster on the UI.
public final class ActionInbox: @unchecked Sendable {
    private let lock = NSLock()
    private var actions: [Action] = []

    public init() {}

    /// Queues an action; safe from any thread.
    public func post(_ action: Action) {
        lock.lock()
        actions.append(action)
        lock.unlock()
    }

    /// Takes every queued action, oldest first.
    public func drain() -> [Action] {
        lock.lock()
        defer { lock.unlock() }
        let taken = actions
        actions.removeAll(keepingCapacity: true)
        return taken
    }
}
