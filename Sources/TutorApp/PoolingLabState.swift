import Canvas
import Curriculum
import Foundation
import TinyCNN
import Widgets

/// The pooling lab: a window stepping over an input, taking the maximum or the average.
///
/// Every number comes from TinyCNN's `PoolingWalk` (the same as `MaxPool2D`/`AvgPool2D` and
/// `tutor pool --steps`); the lab walks through its steps.
public struct PoolingLabState: Sendable, WindowStepping {
    public enum Field: String, Hashable, Sendable, CaseIterable {
        case input, mode, kernel, stride, padding
    }

    public var input: LabGrid
    public var mode: PoolingWalk.Mode = .max
    public var kernel = 2
    public var stride = 2
    public var padding = 0
    public var focus: Field = .mode
    /// The window, what it revealed, autoplay and predict mode.
    public var stepper = WindowStepper()
    public var showNumbers: Bool?

    /// Whether the maps are drawn as numbers: as chosen with `v`, else numbers for a small
    /// matrix of whole numbers (a lesson's "1 2 0 1; ..." example reads as the textbook's
    /// figure, not as a few coloured squares), heatmaps for images and patterns.
    public var numbersShown: Bool {
        showNumbers ?? (input.rows <= 6 && input.columns <= 6 && input.values.allSatisfy { $0 == $0.rounded() })
    }
    public private(set) var walk: PoolingWalk?
    public private(set) var error: String?

    public init(input: LabGrid, mode: PoolingWalk.Mode = .max, kernel: Int = 2, stride: Int? = nil, padding: Int = 0) {
        self.input = input
        self.mode = mode
        self.kernel = kernel
        self.stride = stride ?? kernel
        self.padding = padding
        recompute()
    }

    /// Recomputes the walk after a change.
    public mutating func recompute() {
        do {
            let walk = try PoolingWalk(input: input.matrix, mode: mode, kernel: kernel, stride: stride, padding: padding)
            self.walk = walk
            error = nil
            stepper.fit(count: walk.steps.count, columns: walk.output.columns)
        } catch {
            walk = nil
            self.error = error.description
            stepper.fit(count: 0, columns: 1, unavailable: error.description)
        }
    }

    mutating func apply(_ action: PoolingLabAction, samples: SampleBank) -> String? {
        switch action {
        case .nextWindowPressed: return stepper.step(by: 1)
        case .previousWindowPressed: return stepper.step(by: -1)
        case .rowMoved(let rows): return stepper.moveRows(rows)
        case .restartPressed: stepper.restart()
        case .autoplayToggled: return stepper.toggleAutoplay()
        case .nextFieldPressed, .previousFieldPressed:
            let all = Field.allCases
            let i = all.firstIndex(of: focus) ?? 0
            focus = all[(i + (action == .nextFieldPressed ? 1 : all.count - 1)) % all.count]
        case .increasePressed, .decreasePressed:
            let delta = action == .increasePressed ? 1 : -1
            switch focus {
            case .input:
                let choices = ConvolutionLabState.inputChoices(samples)
                let i = choices.firstIndex(of: input.name) ?? (delta > 0 ? -1 : 0)
                if let grid = try? LabPresets.input(choices[(i + delta + choices.count) % choices.count], samples: samples) { input = grid }
            case .mode: mode = mode == .max ? .avg : .max
            case .kernel: kernel = LabKind.pooling.clamp(.kernel, kernel + delta); padding = min(padding, kernel / 2)
            case .stride: stride = LabKind.pooling.clamp(.stride, stride + delta)
            case .padding: padding = min(kernel / 2, LabKind.pooling.clamp(.padding, padding + delta))
            }
            stepper.settingsChanged()
            recompute()
            return error.map { "no output: \($0)" }
        case .valueViewToggled:
            showNumbers = !numbersShown
        case .ticked(let now):
            return stepper.tick(now, interval: 0.5)
        case .predictModeToggled:
            return stepper.togglePredicting(what: "pooled value")
        case .answerTyped(let ch):
            stepper.type(ch)
        case .answerErased:
            stepper.erase()
        case .answerSubmitted:
            guard let walk else { return stepper.step(by: 1) }
            return stepper.submit(truth: { walk.steps[$0].value }, accepts: { abs($0 - walk.steps[$1].value) <= 0.01 + 1e-4 }, example: "0.75")
        }
        return nil
    }

    /// The lab for a block's settings: `input kernel stride mode padding` (see `LabKind.pooling`).
    static func make(settings pairs: [(String, String)], samples: SampleBank) -> (PoolingLabState, [LabSettingError]) {
        let (values, schemaErrors) = LabKind.pooling.read(pairs)
        var errors = schemaErrors
        var input = samples.sample(.digits, label: 7) ?? LabPresets.pattern(named: "checker") ?? LabGrid(name: "one", rows: 1, columns: 1, values: [0])
        if values.isGiven(.input), let spec = values[.input] {
            do { input = try LabPresets.input(spec, samples: samples) } catch { errors.append(error) }
        }
        let mode = values[.mode].flatMap(PoolingWalk.Mode.init(rawValue:)) ?? .max
        let kernel = values.integer(.kernel) ?? 2
        var padding = values.integer(.padding) ?? 0
        if padding > kernel / 2 {
            errors.append(LabSettingError(key: "padding", value: "\(padding)", reason: "padding is at most half the kernel (\(kernel / 2))"))
            padding = kernel / 2
        }
        return (PoolingLabState(input: input, mode: mode, kernel: kernel, stride: values.integer(.stride), padding: padding), errors)
    }
}

/// What the learner did in the pooling lab.
public enum PoolingLabAction: Hashable, Sendable {
    case nextWindowPressed
    case previousWindowPressed
    case rowMoved(rows: Int)
    case restartPressed
    case autoplayToggled
    case nextFieldPressed
    case previousFieldPressed
    case increasePressed
    case decreasePressed
    case valueViewToggled
    case predictModeToggled
    case answerTyped(Character)
    case answerErased
    case answerSubmitted
    /// Time passed: autoplay steps twice a second.
    case ticked(Date)
}

extension PoolingLabState: ScreenFeature {
    public mutating func reduce(_ action: PoolingLabAction, context: LabContext) -> [Reply<Never>] {
        apply(action, samples: context.samples).map { [.status($0)] } ?? []
    }
}

func poolingLabKeyAction(for key: Key, in lab: PoolingLabState) -> PoolingLabAction? {
    if lab.awaitingPrediction, let typing = PoolingLabAction.predictionAction(for: key) { return typing }
    return poolingLabKeyMap.action(for: key, in: lab)
}

/// The lab's keys outside typing a prediction; footer and help are read from them.
let poolingLabKeyMap = KeyMap<PoolingLabState, PoolingLabAction>(sections: [
    ("Stepping", PoolingLabAction.steppingBindings(in: PoolingLabState.self, rows: { .rowMoved(rows: $0) }, restartRank: 7)),
    ("Settings", PoolingLabAction.settingBindings(in: PoolingLabState.self, fields: "choose input, max/avg, window, stride, pad")),
], globalsRank: 5)

extension PoolingLabAction: SteppingLabAction {}
