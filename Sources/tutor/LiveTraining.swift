import Foundation
import TinyCNN
import TutorApp

/// Starts a live training run for the training screen and relays its snapshots to the UI.
enum LiveTraining {
    /// What the live view asks of the trainer: at most one snapshot per 1/60 s of wall time
    /// (the screen draws at most one per 50 ms frame; a paced run gets one after every step),
    /// with the weighted layers for the filters, the sample predictions and the epoch's
    /// confusion matrix. Steps taken while paused (`.`) are always snapshotted by the trainer,
    /// so each press shows its batch.
    static let snapshotRequest = SnapshotRequest(every: 1, weightLayers: Set(DemoNetwork.weightedLayers), minimumInterval: 1.0 / 60)

    /// Loads the data, starts the trainer on its own thread and returns the actions to take now
    /// (the run's test set, or why it could not start). Everything later arrives via `inbox`.
    static func start(_ request: TrainingRequest, workers: LabWorkers, inbox: ActionInbox, dataFolder: URL?) -> [Action] {
        let s = request.settings
        guard let dataFolder else {
            return [.training(.runFailed(runID: request.runID, message: "the bundled data folder was not found"))]
        }
        let data: DigitsDataSet
        do {
            data = try DigitsDataSet.load(s.kind, from: dataFolder)
        } catch {
            return [.training(.runFailed(runID: request.runID, message: "could not load \(s.kind.rawValue): \(error)"))]
        }
        var configuration = s.configuration
        // A failure pauses the run: the learner reads the hint on the screen it happened on.
        configuration.onFailure = .pause
        let architecture = DemoArchitecture.forImages(side: data.train.width)
        let network = DemoNetwork(architecture: architecture, seed: s.seed)
        let control = TrainingControl(stepsPerSecond: request.stepsPerSecond)
        let relay = TrainingSnapshotRelay(runID: request.runID, architecture: architecture, test: data.test, control: control,
                                          clock: { ProcessInfo.processInfo.systemUptime }, post: inbox.post)
        _ = Trainer.start(
            // The trainer evaluates the test set at each epoch's end (the failure detector reads
            // it), and the relay passes that evaluation on.
            network: network, configuration: configuration, train: data.train, test: data.test, control: control,
            snapshots: snapshotRequest,
            onSnapshot: relay.snapshot, onEpoch: relay.epoch, onFailure: relay.failure,
            completion: { result in
                var diverged = false
                var outcome: String
                switch result.outcome {
                case .completed: outcome = "done"
                case .stopped: outcome = "stopped"
                case .earlyStopped(let best): outcome = "stopped early (best epoch \(best + 1))"
                case .diverged(let step, _, let loss): (outcome, diverged) = ("diverged at step \(step) (loss \(loss))", true)
                case .failed(let failure): (outcome, diverged) = (failure.summary, true)
                }
                relay.flush()
                // A run that failed once (even if resumed), or was stopped half way (r resets,
                // q leaves), is not kept.
                var stopped = false
                if case .stopped = result.outcome { stopped = true }
                let kept = diverged || stopped || result.failure != nil ? nil : result.network
                inbox.post(.training(.runEnded(runID: request.runID, outcome: outcome, diverged: diverged, network: kept)))
            })
        workers.adopt(control, relay: relay, dataset: s.dataset, test: data.test)
        return [.training(.runStarted(runID: request.runID, test: data.test))]
    }
}
