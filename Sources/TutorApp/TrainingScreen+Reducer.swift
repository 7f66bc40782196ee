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
    /// `>` and `<`: the next pace up or down (`StepPacer.levels`).
    case fasterPressed
    case slowerPressed
    case cellMoved(rows: Int, columns: Int)
    case savePressed
    case confusionToggled
    /// Enter in the confusion matrix: draw the selected cell's digits (again: back to the matrix).
    case mistakesToggled
    /// Esc in the matrix or its digits: back one panel.
    case panelClosed
    case leavePressed
    /// The run loaded its data: the test set, for drawing misclassified digits.
    case runStarted(runID: Int, test: DataSet)
    case runFailed(runID: Int, message: String)
    case updateReceived(TrainingUpdate)
    case epochFinished(EpochReport)
    /// The failure detector saw the loss explode or the network collapse; the run is paused.
    case failureDetected(runID: Int, summary: String, hint: String)
    /// The run ended: how, and the trained network (nil when it diverged or failed).
    case runEnded(runID: Int, outcome: String, diverged: Bool, network: DemoNetwork?)
    case modelSaved(path: String, error: String?)
}

/// What the training screen asks of the app: keep the network a run finished with.
public enum TrainingScreenRequest: Sendable {
    /// A run ended well: the network view shows this network (for its data set), the
    /// convolution lab offers `filters` (its first layer) as kernels.
    case networkKept(DemoNetwork, filters: [LabGrid], dataset: String, testAccuracy: Double?)
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
                let level = speedLevel
                self = TrainingScreenState(settings: settings)
                speedLevel = level
                runID = nextRun
                phase = .starting
                focus = .learningRate
                return [.effect(.training(.start(TrainingRequest(runID: runID, settings: settings, stepsPerSecond: stepsPerSecond))))]
            case .starting, .running, .paused, .failed:
                return []
            }
        case .pausePressed:
            switch phase {
            case .running:
                phase = .paused
                return [.effect(.training(.pause))]
            case .paused, .failed:
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
        case .fasterPressed, .slowerPressed:
            let up = { if case .fasterPressed = action { return true } else { return false } }()
            speedLevel = min(max(0, speedLevel + (up ? 1 : -1)), StepPacer.levels.count - 1)
            return [.status("pace: \(speedText)")] + (isActive ? [.effect(.training(.setSpeed(stepsPerSecond)))] : [])
        case .resetPressed:
            let wasActive = isActive
            let nextRun = runID + 1
            let level = speedLevel
            self = TrainingScreenState(settings: settings)
            speedLevel = level
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
            guard lastEpoch != nil else {
                return [.status("the confusion matrix appears at the end of the first epoch")]
            }
            panel = panel == .filters ? .confusion : .filters
            return []
        case .mistakesToggled:
            guard lastEpoch != nil else { return [] }
            panel = panel == .mistakes ? .confusion : .mistakes
            return []
        case .panelClosed:
            panel = panel == .mistakes ? .confusion : .filters
            return []
        case .savePressed:
            if let failure { return [.status("this run failed (\(failure.summary)): its network is not kept; r resets")] }
            if phase == .running { return [.status("pause with Space (or let the run finish), then w saves it")] }
            guard canSave else { return [.status("nothing to save yet: Enter trains a network")] }
            return [.effect(.training(.saveModel))]
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
        case .failureDetected(let runID, let summary, let hint):
            guard runID == self.runID else { return [] }
            failure = (summary, hint)
            if isActive { phase = .failed(summary: summary, hint: hint) }
            return []
        case .runEnded(let runID, let outcome, let diverged, let network):
            guard runID == self.runID else { return [] }
            if let failure {
                phase = .diverged(failure.summary)
                return []
            }
            phase = diverged ? .diverged(outcome) : .finished(outcome)
            guard let network else { return [] }
            let learned = filters.enumerated().map { i, f in LabGrid(name: "learned:\(i + 1)", rows: f.rows, columns: f.columns, values: f.values) }
            return [.delegate(.networkKept(network, filters: learned, dataset: settings.dataset, testAccuracy: lastEpoch?.testAccuracy)),
                    .status("kept: the network view uses this network, the convolution lab offers its filters as kernels learned:1-\(learned.count); w saves it")]
        case .modelSaved(let path, let error):
            return [.status(error.map { "could not save: \($0)" } ?? "saved to \(path) (tutor eval --model NAME takes its name)")]
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
        // A new data set or optimiser brings its own default rate (and a data set its epochs).
        if field == .optimizer || field == .dataset { s.learningRate = TrainingSettings(dataset: s.dataset, optimizer: s.optimizer).learningRate }
        if field == .dataset { s.epochs = TrainingSettings(dataset: s.dataset).epochs }
        settings = s
        return []
    }
}

func trainingKeyAction(for key: Key, in screen: TrainingScreenState) -> TrainingScreenAction? {
    trainingKeyMap(for: screen).action(for: key, in: screen)
}

/// The bindings of the training screen, by what they are for. The key map of a moment (and so
/// its footer) is the sections that apply to the screen's mode (`trainingKeyMap(for:)`); the
/// help overlay lists them all.
enum TrainingKeys {
    typealias Binding = KeyBinding<TrainingScreenState, TrainingScreenAction>

    static let start = Binding([.enter], "Enter", "start training", footer: ("Enter", "start", rank: 0), .startPressed)
    static let fields = Binding([.tab], "Tab Shift-Tab", "choose a setting (data ... augment)", footer: ("Tab", "setting", rank: 1), .nextFieldPressed)
    static let fieldsBack = Binding(hidden: [.backTab], .previousFieldPressed)
    static let change = Binding([.character("+"), .character("=")], "+ -", "change the chosen setting",
                                footer: ("+ -", "change", rank: 2), .settingRaised)
    static let changeDown = Binding(hidden: [.character("-"), .character("_")], .settingLowered)
    static let rate = Binding([.character("+"), .character("=")], "+ -", "double or halve the learning rate (from the next batch)",
                              footer: ("+ -", "rate", rank: 2), .settingRaised)
    static let speed = Binding([.character(">")], "< >", "slower / faster: 1, 3, 10, 30, 100 steps/s, full speed",
                               footer: ("< >", "speed", rank: 3), .fasterPressed)
    static let slower = Binding(hidden: [.character("<")], .slowerPressed)
    static let pause = Binding([.character(" ")], "Space", "pause or resume", footer: ("Space", "pause", rank: 0), .pausePressed)
    static let resume = Binding([.character(" ")], "Space", "resume", footer: ("Space", "resume", rank: 0), .pausePressed)
    static let step = Binding([.character(".")], ".", "one batch while paused", footer: (".", "one batch", rank: 1), .stepPressed)
    static let reset = Binding([.character("r")], "r", "stop and reset to the seed", footer: ("r", "reset", rank: 6), .resetPressed)
    static let save = Binding([.character("w")], "w", "save a paused or finished run under the state directory's models/",
                              footer: ("w", "save", rank: 5), .savePressed)
    static let matrix = Binding([.character("c")], "c", "confusion matrix of the last epoch", footer: ("c", "matrix", rank: 4), .confusionToggled)
    static let cells = Binding([.up, .character("k")], "arrows h j k l", "pick a cell of the matrix", footer: ("arrows", "cell", rank: 1),
                               .cellMoved(rows: -1, columns: 0))
    static let cellKeys: [Binding] = [
        Binding(hidden: [.down, .character("j")], .cellMoved(rows: 1, columns: 0)),
        Binding(hidden: [.left, .character("h")], .cellMoved(rows: 0, columns: -1)),
        Binding(hidden: [.right, .character("l")], .cellMoved(rows: 0, columns: 1)),
    ]
    static let drill = Binding([.enter], "Enter", "draw the chosen cell's misclassified digits (again: back)",
                               footer: ("Enter", "digits", rank: 0), .mistakesToggled)
    static let back = Binding([.escape, .character("c")], "c Esc", "back to the filters (from the digits: to the matrix)",
                              footer: ("Esc", "back", rank: 7), .panelClosed)

    typealias Section = (heading: String, bindings: [Binding])
    static let setup: Section = ("Before a run", [start, fields, fieldsBack, change, changeDown, speed, slower])
    static let running: Section = ("While training", [pause, step, rate, changeDown, speed, slower, matrix, save, reset])
    static let paused: Section = ("While training", [resume, step, rate, changeDown, speed, slower, matrix, save, reset])
    static let finished: Section = ("After a run", [matrix, save, reset])
    static let confusion: Section = ("Confusion matrix", [drill, cells] + cellKeys + [back, pause, save])
}

/// The key map of the screen's mode: setup, a run (paused or not), a finished run, or the
/// confusion matrix and its digits. The footer is generated from it, so it follows the mode.
func trainingKeyMap(for screen: TrainingScreenState) -> KeyMap<TrainingScreenState, TrainingScreenAction> {
    if screen.panel != .filters {
        return KeyMap(sections: [TrainingKeys.confusion], globalsRank: 8)
    }
    switch screen.phase {
    case .running, .starting: return KeyMap(sections: [TrainingKeys.running], globalsRank: 8)
    case .paused, .failed: return KeyMap(sections: [TrainingKeys.paused], globalsRank: 8)
    case .setup, .finished, .diverged: break
    }
    let afterRun = screen.progress != nil
    return KeyMap(sections: [TrainingKeys.setup] + (afterRun ? [TrainingKeys.finished] : []), globalsRank: 8)
}

/// Every binding of the screen, for the help overlay.
let trainingHelpKeyMap = KeyMap<TrainingScreenState, TrainingScreenAction>(sections: [
    ("Before a run", [TrainingKeys.fields, TrainingKeys.change, TrainingKeys.start]),
    ("While training", [TrainingKeys.pause, TrainingKeys.step, TrainingKeys.rate, TrainingKeys.speed, TrainingKeys.reset, TrainingKeys.save]),
    ("Confusion matrix (c)", [.helpOnly("arrows Enter Esc", "pick a cell, draw its misclassified digits, back")]),
], globalsRank: 8)
