import Foundation
import TutorApp

/// The labs' background work, owned by the run loop: started and stopped by effects, always
/// stopped when the tutor quits.
final class LabWorkers: @unchecked Sendable {
    private let lock = NSLock()
    private var stops: [() -> Void] = []

    /// Registers a way to stop a worker.
    func adopt(stop: @escaping () -> Void) {
        lock.lock()
        stops.append(stop)
        lock.unlock()
    }

    /// Stops every worker (on quit or a signal).
    func stopAll() {
        lock.lock()
        let all = stops
        stops.removeAll()
        lock.unlock()
        for stop in all { stop() }
    }
}

extension TUIRunner {
    /// Performs one of the labs' effects; results come back as actions.
    func performLab(_ effect: Effect) -> [Action] {
        switch effect {
        case .loadLabSamples:
            return [.labSamplesLoaded(SampleBank.load())]
        case .quit, .loadLessons:
            return []
        }
    }
}
