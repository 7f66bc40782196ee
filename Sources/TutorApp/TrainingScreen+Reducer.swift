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

extension AppState {
    /// The training screen's reducer.
    mutating func reduceTraining(_ action: TrainingScreenAction) -> [Effect] {
        guard var screen = training else { return [] }
        defer { training = screen }
        switch action {
        case .startPressed:
            switch screen.phase {
            case .setup, .finished, .diverged:
                let settings = screen.settings
                let runID = screen.runID + 1
                screen = TrainingScreenState(settings: settings)
                screen.runID = runID
                screen.phase = .starting
                screen.focus = .learningRate
                return [.startTraining(TrainingRequest(runID: runID, settings: settings))]
            case .starting, .running, .paused:
                return []
            }
        case .pausePressed:
            switch screen.phase {
            case .running:
                screen.phase = .paused
                return [.pauseTraining]
            case .paused:
                screen.phase = .running
                return [.resumeTraining]
            case .setup:
                status = "Enter starts training; Space pauses it once it runs"
                return []
            case .starting, .finished, .diverged:
                return []
            }
        case .stepPressed:
            guard screen.phase == .paused else {
                status = "pause with Space first; then . takes one batch at a time"
                return []
            }
            return [.stepTraining]
        case .learningRateRaised, .learningRateLowered:
            let up = { if case .learningRateRaised = action { return true } else { return false } }()
            guard screen.isActive else { return reduceSetting(&screen, field: .learningRate, up: up) }
            return reduceTrainingRate(&screen, up: up)
        case .resetPressed:
            let wasActive = screen.isActive
            let runID = screen.runID + 1
            screen = TrainingScreenState(settings: screen.settings)
            screen.runID = runID
            status = "reset: Enter trains again from seed \(screen.settings.seed)"
            return wasActive ? [.stopTraining] : []
        case .nextFieldPressed, .previousFieldPressed:
            guard !screen.isActive else { return [] }
            let all = TrainingScreenState.Field.allCases
            let i = all.firstIndex(of: screen.focus) ?? 0
            let forward = { if case .nextFieldPressed = action { return true } else { return false } }()
            screen.focus = all[(i + (forward ? 1 : all.count - 1)) % all.count]
            return []
        case .settingRaised, .settingLowered:
            let up = { if case .settingRaised = action { return true } else { return false } }()
            if screen.isActive { return reduceTrainingRate(&screen, up: up) }
            return reduceSetting(&screen, field: screen.focus, up: up)
        case .cellMoved(let dr, let dc):
            screen.selectedCell = ((screen.selectedCell.row + dr + 10) % 10, (screen.selectedCell.column + dc + 10) % 10)
            return []
        case .confusionToggled:
            screen.showConfusion.toggle()
            if screen.showConfusion && screen.lastEpoch == nil { status = "the confusion matrix appears at the end of the first epoch" }
            return []
        case .savePressed:
            guard trainedNetwork != nil else {
                status = "nothing to save yet: train a network first"
                return []
            }
            return [.saveTrainedModel(path: "cnn-tutor-\(screen.settings.dataset).json")]
        case .leavePressed:
            let wasActive = screen.isActive
            screen.phase = wasActive ? .finished("stopped") : screen.phase
            if routes.count > 1 { routes.removeLast() }
            return wasActive ? [.stopTraining] : []
        case .runStarted(let runID, let test):
            guard runID == screen.runID else { return [] }
            screen.testSet = test
            if screen.phase == .starting { screen.phase = .running }
            return []
        case .runFailed(let runID, let message):
            guard runID == screen.runID else { return [] }
            screen.phase = .setup
            status = message
            return []
        case .updateReceived(let update):
            guard update.runID == screen.runID else { return [] }
            if screen.phase == .starting { screen.phase = .running }
            screen.progress = update.progress
            screen.append(update.points)
            if let filters = update.filters { screen.filters = filters }
            if let samples = update.samples { screen.samples = samples }
            return []
        case .epochFinished(let report):
            guard report.runID == screen.runID else { return [] }
            screen.lastEpoch = report
            screen.testPoints.append((report.step, report.testLoss, report.testAccuracy))
            return []
        case .runEnded(let runID, let outcome, let diverged, let network):
            guard runID == screen.runID else { return [] }
            screen.phase = diverged ? .diverged(outcome) : .finished(outcome)
            if let network {
                trainedNetwork = network
                learnedFilters = screen.filters.enumerated().map { i, f in LabGrid(name: "learned:\(i + 1)", rows: f.rows, columns: f.columns, values: f.values) }
                status = "kept: the network view uses this network, the convolution lab offers its filters as kernels learned:1-\(learnedFilters.count); w saves it"
            }
            return []
        case .modelSaved(let path, let error):
            status = error.map { "could not save: \($0)" } ?? "saved the trained network to \(path) (tutor eval --model \(path))"
            return []
        }
    }

    /// Doubles or halves the running network's learning rate.
    private mutating func reduceTrainingRate(_ screen: inout TrainingScreenState, up: Bool) -> [Effect] {
        let current = screen.liveLearningRate ?? screen.progress?.learningRate ?? screen.settings.learningRate
        let next = min(10, max(1e-5, up ? current * 2 : current / 2))
        screen.liveLearningRate = next
        status = "learning rate now \(NumberText.compact(Double(next))) (from the next batch)"
        return [.setTrainingLearningRate(next)]
    }

    private mutating func reduceSetting(_ screen: inout TrainingScreenState, field: TrainingScreenState.Field, up: Bool) -> [Effect] {
        var s = screen.settings
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
        screen.settings = s
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
