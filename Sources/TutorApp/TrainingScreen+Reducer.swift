import Canvas
import Foundation
import TinyCNN
import Widgets

/// What the learner did on the training screen, and what the training thread reported.
public enum TrainingScreenAction: Sendable {
    case startPressed
    case pausePressed
    case stepPressed
    case learningRateRaised
    case learningRateLowered
    case resetPressed
    case nextFieldPressed
    case previousFieldPressed
    case settingRaised
    case settingLowered
    case cellMoved(rows: Int, columns: Int)
    case savePressed
    case confusionToggled
    case leavePressed
    /// The run loaded its data: the test set, for drawing misclassified digits.
    case runStarted(runID: Int, test: DataSet)
    case runFailed(runID: Int, message: String)
    case updateReceived(TrainingUpdate)
    case epochFinished(EpochReport)
    /// The run ended: how, and the trained network (nil when it diverged).
    case runEnded(runID: Int, outcome: String, diverged: Bool, network: DemoNetwork?)
    case modelSaved(path: String, error: String?)
}

/// What the training screen asks of the app: keep the network a run finished with.
public enum TrainingScreenRequest: Sendable {
    /// A run ended well: the network view shows this network, the convolution lab offers
    /// `filters` (its first layer) as kernels, and `w` saves it.
    case networkKept(DemoNetwork, filters: [LabGrid])
}

/// What the training screen reads but does not change.
public struct TrainingContext: Sendable {
    /// Whether a trained network is kept (`w` has something to save).
    public var hasTrainedNetwork: Bool

    public init(hasTrainedNetwork: Bool) { self.hasTrainedNetwork = hasTrainedNetwork }
}

extension TrainingScreenState: ScreenFeature {
    /// The training screen's reducer.
    public mutating func reduce(_ action: TrainingScreenAction, context: TrainingContext) -> [Reply<TrainingScreenRequest>] {
        switch action {
        case .startPressed:
            switch phase {
            case .setup, .finished, .diverged:
                let nextRun = runID + 1
                self = TrainingScreenState(settings: settings)
                runID = nextRun
                phase = .starting
                focus = .learningRate
                return [.effect(.training(.start(TrainingRequest(runID: runID, settings: settings))))]
            case .starting, .running, .paused:
                return []
            }
        case .pausePressed:
            switch phase {
            case .running:
                phase = .paused
                return [.effect(.training(.pause))]
            case .paused:
                phase = .running
                return [.effect(.training(.resume))]
            case .setup:
                return [.status("Enter starts training; Space pauses it once it runs")]
            case .starting, .finished, .diverged:
                return []
            }
        case .stepPressed:
            guard phase == .paused else { return [.status("pause with Space first; then . takes one batch at a time")] }
            return [.effect(.training(.step))]
        case .learningRateRaised, .learningRateLowered:
            let up = { if case .learningRateRaised = action { return true } else { return false } }()
            guard isActive else { return reduceSetting(field: .learningRate, up: up) }
            return reduceTrainingRate(up: up)
        case .resetPressed:
            let wasActive = isActive
            let nextRun = runID + 1
            self = TrainingScreenState(settings: settings)
            runID = nextRun
            return [.status("reset: Enter trains again from seed \(settings.seed)")] + (wasActive ? [.effect(.training(.stop))] : [])
        case .nextFieldPressed, .previousFieldPressed:
            guard !isActive else { return [] }
            let all = TrainingScreenState.Field.allCases
            let i = all.firstIndex(of: focus) ?? 0
            let forward = { if case .nextFieldPressed = action { return true } else { return false } }()
            focus = all[(i + (forward ? 1 : all.count - 1)) % all.count]
            return []
        case .settingRaised, .settingLowered:
            let up = { if case .settingRaised = action { return true } else { return false } }()
            if isActive { return reduceTrainingRate(up: up) }
            return reduceSetting(field: focus, up: up)
        case .cellMoved(let dr, let dc):
            selectedCell = ((selectedCell.row + dr + 10) % 10, (selectedCell.column + dc + 10) % 10)
            return []
        case .confusionToggled:
            showConfusion.toggle()
            return showConfusion && lastEpoch == nil ? [.status("the confusion matrix appears at the end of the first epoch")] : []
        case .savePressed:
            guard context.hasTrainedNetwork else { return [.status("nothing to save yet: train a network first")] }
            return [.effect(.training(.saveModel(path: "cnn-tutor-\(settings.dataset).json")))]
        case .leavePressed:
            let wasActive = isActive
            phase = wasActive ? .finished("stopped") : phase
            return [.leave] + (wasActive ? [.effect(.training(.stop))] : [])
        case .runStarted(let runID, let test):
            guard runID == self.runID else { return [] }
            testSet = test
            if phase == .starting { phase = .running }
            return []
        case .runFailed(let runID, let message):
            guard runID == self.runID else { return [] }
            phase = .setup
            return [.status(message)]
        case .updateReceived(let update):
            guard update.runID == runID else { return [] }
            if phase == .starting { phase = .running }
            progress = update.progress
            append(update.points)
            if let filters = update.filters { self.filters = filters }
            if let samples = update.samples { self.samples = samples }
            return []
        case .epochFinished(let report):
            guard report.runID == runID else { return [] }
            lastEpoch = report
            testPoints.append((report.step, report.testLoss, report.testAccuracy))
            return []
        case .runEnded(let runID, let outcome, let diverged, let network):
            guard runID == self.runID else { return [] }
            phase = diverged ? .diverged(outcome) : .finished(outcome)
            guard let network else { return [] }
            let learned = filters.enumerated().map { i, f in LabGrid(name: "learned:\(i + 1)", rows: f.rows, columns: f.columns, values: f.values) }
            return [.delegate(.networkKept(network, filters: learned)),
                    .status("kept: the network view uses this network, the convolution lab offers its filters as kernels learned:1-\(learned.count); w saves it")]
        case .modelSaved(let path, let error):
            return [.status(error.map { "could not save: \($0)" } ?? "saved the trained network to \(path) (tutor eval --model \(path))")]
        }
    }

    /// Doubles or halves the running network's learning rate.
    private mutating func reduceTrainingRate(up: Bool) -> [Reply<TrainingScreenRequest>] {
        let current = liveLearningRate ?? progress?.learningRate ?? settings.learningRate
        let next = min(10, max(1e-5, up ? current * 2 : current / 2))
        liveLearningRate = next
        return [.status("learning rate now \(NumberText.compact(Double(next))) (from the next batch)"), .effect(.training(.setLearningRate(next)))]
    }

    private mutating func reduceSetting(field: TrainingScreenState.Field, up: Bool) -> [Reply<TrainingScreenRequest>] {
        var s = settings
        // The next listed value up or down; a value from a lab block that is not in the list
        // (lr=0.05, batch=100) moves to its nearest neighbour on that side, not to the list's start.
        func cycle<T: Comparable>(_ list: [T], _ value: T) -> T {
            if up { return list.first { $0 > value } ?? list[list.count - 1] }
            return list.last { $0 < value } ?? list[0]
        }
        switch field {
        case .dataset: s.dataset = s.dataset == "digits" ? "mnist" : "digits"
        case .learningRate: s.learningRate = cycle(TrainingSettings.learningRates, s.learningRate)
        case .batchSize: s.batchSize = cycle(TrainingSettings.batchSizes, s.batchSize)
        case .optimizer: s.optimizer = s.optimizer == "adam" ? "sgd" : "adam"
        case .epochs: s.epochs = min(100, max(1, s.epochs + (up ? 1 : -1)))   // the range lab blocks accept
        case .augment: s.augment.toggle()
        }
        if field == .optimizer { s.learningRate = s.optimizer == "sgd" ? 0.03 : 0.003 }
        if field == .dataset { s.epochs = s.dataset == "digits" ? 10 : 4 }
        settings = s
        return []
    }
}

func trainingKeyAction(for key: Key, in screen: TrainingScreenState) -> TrainingScreenAction? {
    switch key {
    case .enter: return .startPressed
    case .character(" "): return .pausePressed
    case .character("."): return .stepPressed
    case .character("+"), .character("="): return .settingRaised
    case .character("-"), .character("_"): return .settingLowered
    case .character("r"): return .resetPressed
    case .tab: return .nextFieldPressed
    case .backTab: return .previousFieldPressed
    case .up, .character("k"): return .cellMoved(rows: -1, columns: 0)
    case .down, .character("j"): return .cellMoved(rows: 1, columns: 0)
    case .left, .character("h"): return .cellMoved(rows: 0, columns: -1)
    case .right, .character("l"): return .cellMoved(rows: 0, columns: 1)
    case .character("w"): return .savePressed
    case .character("c"): return .confusionToggled
    default: return nil
    }
}
