import Curriculum
import Foundation
import TinyCNN
import TutorApp
import TutorResources

/// The labs' background work, owned by the run loop: the live training run (at most one),
/// started and steered by effects and always stopped when the tutor quits, and the demo
/// networks being trained in the background.
final class LabWorkers: @unchecked Sendable {
    private let lock = NSLock()
    private var control: TrainingControl?
    private var run: (relay: TrainingSnapshotRelay, dataset: String, test: DataSet)?

    /// The running training's control and relay, replacing (and stopping) any earlier run.
    func adopt(_ newControl: TrainingControl, relay: TrainingSnapshotRelay, dataset: String, test: DataSet) {
        lock.lock()
        let old = control
        control = newControl
        run = (relay, dataset, test)
        lock.unlock()
        old?.stop()
    }

    var currentControl: TrainingControl? {
        lock.lock(); defer { lock.unlock() }
        return control
    }

    /// The live run's network as of its latest snapshot, its data set and test set (what `w` saves).
    var currentRun: (network: DemoNetwork, dataset: String, test: DataSet)? {
        lock.lock()
        let run = self.run
        lock.unlock()
        guard let run, let network = run.relay.currentNetwork() else { return nil }
        return (network, run.dataset, run.test)
    }

    /// Stops the run (on quit, a signal, reset or leaving the screen).
    func stopAll() {
        lock.lock()
        let old = control
        control = nil
        lock.unlock()
        old?.stop()
    }
}

extension TUIRunner {
    /// Performs one of the labs' file reads; the result comes back as an action.
    func performLab(_ effect: LabEffect) -> [Action] {
        switch effect {
        case .loadSamples:
            return [.labSamplesLoaded(SampleBank.bundled())]
        case .loadNetworkData(let dataset):
            let kind: DigitsDataSet.Kind = dataset == "digits" ? .digits : .mnist5k
            guard let folder = BundledContent.url(for: .data) else {
                return [.networkView(.dataLoadFailed("the bundled data folder was not found"))]
            }
            do {
                return [.networkView(.dataLoaded(try DigitsDataSet.load(kind, from: folder).test))]
            } catch {
                return [.networkView(.dataLoadFailed("could not load \(kind.rawValue): \(error)"))]
            }
        case .loadSavedNetwork(let name, let dataset):
            do {
                let (network, info) = try ModelStore.load(ModelStore.resolve(name), name: name)
                guard info.dataset == dataset else {
                    return [.networkUnavailable(dataset: dataset, message: "\(name) is a \(info.dataset) network; open it with dataset=\(info.dataset)")]
                }
                return [.networkReady(KeptNetwork(network: network, info: info))]
            } catch {
                return [.networkUnavailable(dataset: dataset, message: "\(error)")]
            }
        case .prepareNetwork(let dataset):
            return DemoNetworks.prepare(dataset, store: modelStore, dataFolder: BundledContent.url(for: .data), inbox: inbox)
        }
    }

    /// The state directory's model store (`$TUTOR_HOME/models`, …).
    var modelStore: ModelStore { .standard }

    /// Performs one of the live training run's effects; results come back as actions (now, or
    /// later through the inbox from the training thread).
    func performTraining(_ effect: TrainingEffect) -> [Action] {
        switch effect {
        case .start(let request):
            return LiveTraining.start(request, workers: labs, inbox: inbox, dataFolder: BundledContent.url(for: .data))
        case .pause:
            labs.currentControl?.pause()
        case .resume:
            labs.currentControl?.resume()
        case .step:
            labs.currentControl?.stepOnce()
        case .stop:
            labs.stopAll()
        case .setLearningRate(let rate):
            labs.currentControl?.setLearningRate(rate)
        case .setSpeed(let stepsPerSecond):
            labs.currentControl?.setSpeed(stepsPerSecond)
        case .saveModel:
            guard let run = labs.currentRun else {
                return [.training(.modelSaved(path: "", error: "no trained network yet"))]
            }
            // The name says how good it is: the test set scored now, with these very weights.
            let accuracy = run.network.evaluate(run.test).accuracy
            do {
                let url = try modelStore.save(run.network, info: NetworkInfo(dataset: run.dataset, trainedAt: Date(),
                                                                             testAccuracy: accuracy, origin: "live"))
                return [.training(.modelSaved(path: url.path, error: nil))]
            } catch {
                return [.training(.modelSaved(path: "", error: "\(error)"))]
            }
        }
        return []
    }
}
