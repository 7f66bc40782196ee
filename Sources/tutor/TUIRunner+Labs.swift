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
    /// Performs one of the labs' effects; results come back as actions (now, or later through
    /// the inbox from the training thread).
    func performLab(_ effect: Effect) -> [Action] {
        switch effect {
        case .loadLabSamples:
            return [.labSamplesLoaded(SampleBank.load())]
        case .startTraining(let request):
            return LiveTraining.start(request, workers: labs, inbox: inbox, dataFolder: BundledContent.url(for: .data))
        case .pauseTraining:
            labs.currentControl?.pause()
        case .resumeTraining:
            labs.currentControl?.resume()
        case .stepTraining:
            labs.currentControl?.stepOnce()
        case .stopTraining:
            labs.stopAll()
        case .setTrainingLearningRate(let rate):
            labs.currentControl?.setLearningRate(rate)
        case .saveTrainedModel(let path):
            guard let network = labs.trainedNetwork else {
                return [.training(.modelSaved(path: path, error: "no trained network yet"))]
            }
            do {
                try network.save(to: URL(fileURLWithPath: path))
                return [.training(.modelSaved(path: path, error: nil))]
            } catch {
                return [.training(.modelSaved(path: path, error: "\(error)"))]
            }
        case .loadNetworkData(let dataset):
            let kind: DigitsDataSet.Kind = dataset == "digits" ? .digits : .mnist5k
            guard let folder = BundledContent.url(for: .data), let data = try? DigitsDataSet.load(kind, from: folder) else { return [] }
            return [.networkView(.dataLoaded(data.test))]
        case .quit, .loadLessons, .saveLessonOpened, .saveSectionRead, .saveAnswer, .saveQuizAttempt, .saveReviewSession:
            preconditionFailure("performLab(_:) takes only the labs' effects, not \(effect)")
        }
        return []
    }
}
