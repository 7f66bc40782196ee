import Curriculum
import Foundation
import TinyCNN
import TutorApp

/// The demo networks every screen that needs a trained network falls back on: one per data set,
/// trained once with the shared defaults (`TrainingConfiguration.defaults`) and seed 1, saved
/// in the state directory's model store as `demo-digits` / `demo-mnist`, and loaded from there
/// on every later start.
enum DemoNetworks {
    /// The run that makes the demo network of `kind`: the shared defaults, seed 1, full speed.
    static func configuration(for kind: DigitsDataSet.Kind) -> TrainingConfiguration {
        TrainingConfiguration.defaults(for: kind)
    }

    /// Loads `dataset`'s demo network from `store` (answered at once), or starts training it on a
    /// background thread (answered now by `.networkPreparing`, later through `inbox` by
    /// `.networkReady` or `.networkUnavailable`).
    static func prepare(_ dataset: String, store: ModelStore, dataFolder: URL?, inbox: ActionInbox) -> [Action] {
        let name = ModelStore.demoName(dataset)
        if store.url(named: name) != nil {
            do {
                let (network, info) = try store.load(named: name)
                return [.networkReady(KeptNetwork(network: network, info: info))]
            } catch {
                // A damaged file is rebuilt below (it is the tutor's own file).
            }
        }
        let kind: DigitsDataSet.Kind = dataset == "digits" ? .digits : .mnist5k
        guard let dataFolder else {
            return [.networkUnavailable(dataset: dataset, message: "the bundled data folder was not found")]
        }
        let thread = Thread {
            inbox.post(train(kind, dataset: dataset, store: store, dataFolder: dataFolder, onEpoch: inbox.post))
        }
        thread.name = "cnn-tutor demo network"
        thread.start()
        return [.networkPreparing(dataset: dataset)]
    }

    /// Trains and saves the demo network (on the calling thread); the action says how it went.
    static func train(_ kind: DigitsDataSet.Kind, dataset: String, store: ModelStore, dataFolder: URL,
                      onEpoch: (Action) -> Void = { _ in }) -> Action {
        let data: DigitsDataSet
        do {
            data = try DigitsDataSet.load(kind, from: dataFolder)
        } catch {
            return .networkUnavailable(dataset: dataset, message: "could not load \(kind.rawValue): \(error)")
        }
        let configuration = configuration(for: kind)
        let network = DemoNetwork(architecture: .forImages(side: data.train.width), seed: configuration.seed)
        let trainer = Trainer(network: network, configuration: configuration, train: data.train, test: data.test)
        // Each epoch's network is shown at once (a screen waiting for one has it within a
        // second even on a loaded machine); the finished one follows as `.networkReady`.
        let result = trainer.run(snapshots: SnapshotRequest(every: 1_000_000, weightLayers: Set(DemoNetwork.weightedLayers)),
                                 onSnapshot: { snapshot in
                                     guard snapshot.stepInEpoch == snapshot.stepsPerEpoch, snapshot.epoch + 1 < configuration.epochs,
                                           let current = DemoNetwork(architecture: network.architecture,
                                                                     layers: DemoNetwork.weightedLayers.compactMap { snapshot.weights[$0] }) else { return }
                                     let info = NetworkInfo(dataset: dataset, trainedAt: nil, testAccuracy: nil, origin: "demo")
                                     onEpoch(.networkTraining(KeptNetwork(network: current, info: info), epoch: snapshot.epoch + 1, epochs: configuration.epochs))
                                 })
        var info = NetworkInfo(dataset: dataset, trainedAt: Date(), testAccuracy: result.test?.accuracy, origin: "demo",
                               name: ModelStore.demoName(dataset))
        do {
            try store.saveDemo(result.network, info: info)
        } catch {
            // Still usable this session; it is trained again next time.
            info.name = nil
        }
        return .networkReady(KeptNetwork(network: result.network, info: info))
    }
}

extension ModelStore {
    /// The state directory's store (`$TUTOR_HOME/models`, …), where the live screen saves.
    static var standard: ModelStore { ModelStore(stateDirectory: ProgressStore.defaultDirectory()) }

    /// The file `model` names: a path when one exists there, else a name in the standard store,
    /// else the path as given (so that the error names what the learner typed).
    static func resolve(_ model: String) -> URL {
        if FileManager.default.fileExists(atPath: model) { return URL(fileURLWithPath: model) }
        return standard.url(named: model) ?? URL(fileURLWithPath: model)
    }
}
