import Foundation
import TinyCNN
import TutorApp

/// Starts a live training run for the training screen and relays its snapshots to the UI.
enum LiveTraining {
    /// What the live view asks of the trainer: at most one snapshot per 1/60 s of training (the
    /// screen draws at most one per 50 ms frame), with the weighted layers for the filters, the
    /// sample predictions and the epoch's confusion matrix. Steps taken while paused (`.`) are
    /// always snapshotted by the trainer, so each press shows its batch.
    static let snapshotRequest = SnapshotRequest(every: 1, weightLayers: Set(DemoNetwork.weightedLayers), minimumInterval: 1.0 / 60)

    /// Loads the data, starts the trainer on its own thread and returns the actions to take now
    /// (the run's test set, or why it could not start). Everything later arrives via `inbox`.
    static func start(_ request: TrainingRequest, workers: LabWorkers, inbox: ActionInbox, dataFolder: URL?) -> [Action] {
        let s = request.settings
        let kind: DigitsDataSet.Kind = s.dataset == "digits" ? .digits : .mnist5k
        guard let dataFolder else {
            return [.training(.runFailed(runID: request.runID, message: "the bundled data folder was not found"))]
        }
        let data: DigitsDataSet
        do {
            data = try DigitsDataSet.load(kind, from: dataFolder)
        } catch {
            return [.training(.runFailed(runID: request.runID, message: "could not load \(kind.rawValue): \(error)"))]
        }
        var configuration = TrainingConfiguration.defaults(for: kind)
        configuration.epochs = s.epochs
        configuration.batchSize = s.batchSize
        configuration.learningRate = s.learningRate
        configuration.optimizer = s.optimizer == "sgd" ? .sgd(momentum: 0.9, nesterov: false) : .adamDefaults
        configuration.seed = s.seed
        configuration.augmentation = s.augment ? .standard : nil
        let architecture = DemoArchitecture.forImages(side: data.train.width)
        let network = DemoNetwork(architecture: architecture, seed: s.seed)
        let control = TrainingControl()
        let relay = TrainingSnapshotRelay(runID: request.runID, architecture: architecture, test: data.test, control: control,
                                          clock: { ProcessInfo.processInfo.systemUptime }, post: inbox.post)
        _ = Trainer.start(
            // The relay evaluates the test set at each epoch's end (it needs the confusion matrix
            // anyway), so the trainer is not asked to do it a second time.
            network: network, configuration: configuration, train: data.train, test: nil, control: control,
            snapshots: snapshotRequest,
            onSnapshot: relay.snapshot, onEpoch: relay.epoch,
            completion: { result in
                var diverged: Bool
                var outcome: String
                switch result.outcome {
                case .completed: (outcome, diverged) = ("done", false)
                case .stopped: (outcome, diverged) = ("stopped", false)
                case .earlyStopped(let best): (outcome, diverged) = ("stopped early (best epoch \(best + 1))", false)
                case .diverged(let step, _, let loss): (outcome, diverged) = ("diverged at step \(step) (loss \(loss))", true)
                }
                relay.flush()
                // A run that blew up and sits at chance is diverged too, and is not kept.
                if !diverged, let why = relay.blowUp { (outcome, diverged) = (why, true) }
                // A run stopped half way (r resets, q leaves) is not kept either: the screen
                // ignores a reset run's end (its run number is old), so keeping it here would
                // make w save a network other than the one the network view shows.
                var stopped = false
                if case .stopped = result.outcome { stopped = true }
                let kept = diverged || stopped ? nil : result.network
                if let kept { workers.trainedNetwork = kept }
                inbox.post(.training(.runEnded(runID: request.runID, outcome: outcome, diverged: diverged, network: kept)))
            })
        workers.adopt(control)
        return [.training(.runStarted(runID: request.runID, test: data.test))]
    }
}

