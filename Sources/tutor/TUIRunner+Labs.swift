import Foundation
import TinyCNN
import TutorApp
import TutorResources

/// The labs' background work, owned by the run loop: the live training run (at most one),
/// started and steered by effects and always stopped when the tutor quits.
final class LabWorkers: @unchecked Sendable {
    private let lock = NSLock()
    private var control: TrainingControl?
    private var network: DemoNetwork?

    /// The running training's control, replacing (and stopping) any earlier one.
    func adopt(_ newControl: TrainingControl) {
        lock.lock()
        let old = control
        control = newControl
        lock.unlock()
        old?.stop()
    }

    var currentControl: TrainingControl? {
        lock.lock(); defer { lock.unlock() }
        return control
    }

    /// The network the last run finished with (what `w` saves).
    var trainedNetwork: DemoNetwork? {
        get { lock.lock(); defer { lock.unlock() }; return network }
        set { lock.lock(); network = newValue; lock.unlock() }
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
        }
    }

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
        case .saveModel(let path):
            guard let network = labs.trainedNetwork else {
                return [.training(.modelSaved(path: path, error: "no trained network yet"))]
            }
            do {
                try network.save(to: URL(fileURLWithPath: path))
                return [.training(.modelSaved(path: path, error: nil))]
            } catch {
                return [.training(.modelSaved(path: path, error: "\(error)"))]
            }
        }
        return []
    }
}
