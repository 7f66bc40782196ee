import Canvas
import Curriculum
import Foundation
import TinyCNN
import Widgets

/// The pooling lab: a window stepping over an input, taking the maximum or the average.
///
/// Every number comes from TinyCNN's `PoolingWalk` (the same as `MaxPool2D`/`AvgPool2D` and
/// `tutor pool --steps`); the lab walks through its steps.
public struct PoolingLabState: Sendable {
    public enum Field: String, Hashable, Sendable, CaseIterable {
        case input, mode, kernel, stride, padding
    }

    public var input: LabGrid
    public var mode: PoolingWalk.Mode = .max
    public var kernel = 2
    public var stride = 2
    public var padding = 0
    public var focus: Field = .mode
    public var position = 0
    public var revealedThrough = 0
    public var autoplay = false
    public var lastAutoStep: Date?
    public var showNumbers: Bool?

    /// Whether the maps are drawn as numbers: as chosen with `v`, else numbers for a small
    /// matrix of whole numbers (a lesson's "1 2 0 1; ..." example reads as the textbook's
    /// figure, not as a few coloured squares), heatmaps for images and patterns.
    public var numbersShown: Bool {
        showNumbers ?? (input.rows <= 6 && input.columns <= 6 && input.values.allSatisfy { $0 == $0.rounded() })
    }
    /// Predict mode: each value is typed before it is shown, and graded.
    public var predicting = false
    public var answer = ""
    public var lastGrade: ConvolutionLabState.Grade?
    public var score = (right: 0, asked: 0)
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

    public var positionCount: Int { walk?.steps.count ?? 0 }

    /// Whether the current window's value is hidden, waiting for a prediction.
    public var awaitingPrediction: Bool { predicting && walk != nil && position > revealedThrough }

    /// Recomputes the walk after a change.
    public mutating func recompute() {
        do {
            walk = try PoolingWalk(input: input.matrix, mode: mode, kernel: kernel, stride: stride, padding: padding)
            error = nil
        } catch {
            walk = nil
            self.error = error.description
        }
        position = min(position, max(0, positionCount - 1))
        revealedThrough = min(revealedThrough, positionCount - 1)
        if !predicting { revealedThrough = max(revealedThrough, position) }
    }

    /// Moves the window; returns a status line when it cannot.
    mutating func step(by delta: Int) -> String? {
        guard error == nil else { return "no windows: \(error ?? "")" }
        if predicting && delta > 0 && awaitingPrediction { return "type your prediction for this window first, then Enter" }
        let target = position + delta
        guard target >= 0 else { position = 0; return "this is the first window" }
        guard target < positionCount else {
            position = positionCount - 1
            autoplay = false
            return "the output map is complete: r restarts"
        }
        position = target
        if !predicting { revealedThrough = max(revealedThrough, position) }
        return nil
    }

    mutating func apply(_ action: PoolingLabAction, samples: SampleBank) -> String? {
        switch action {
        case .nextWindowPressed: return step(by: 1)
        case .previousWindowPressed: return step(by: -1)
        case .rowMoved(let rows): return step(by: rows * max(1, walk?.output.columns ?? 1))
        case .restartPressed:
            position = 0
            revealedThrough = predicting ? -1 : 0
            autoplay = false
            lastGrade = nil
            answer = ""
            score = (0, 0)
        case .autoplayToggled:
            if predicting { return "autoplay is off in predict mode: type each value, then Enter" }
            autoplay.toggle()
            lastAutoStep = nil
            if autoplay && position >= positionCount - 1 { position = 0 }
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
            position = 0
            revealedThrough = predicting ? -1 : 0
            lastGrade = nil
            recompute()
            return error.map { "no output: \($0)" }
        case .valueViewToggled:
            showNumbers = !numbersShown
        case .ticked(let now):
            guard autoplay else { return nil }
            if let last = lastAutoStep, now.timeIntervalSince(last) < 0.5 { return nil }
            lastAutoStep = now
            return step(by: 1)
        case .predictModeToggled:
            predicting.toggle()
            autoplay = false
            answer = ""
            lastGrade = nil
            revealedThrough = predicting ? position - 1 : max(revealedThrough, position)
            return predicting ? "predict mode: type the pooled value of the highlighted window, then Enter" : "predict mode off"
        case .answerTyped(let ch):
            guard awaitingPrediction, answer.count < 12 else { return nil }
            if ch == "-" && !answer.isEmpty { return nil }
            if ch == "." && answer.contains(".") { return nil }
            answer.append(ch)
        case .answerErased:
            if !answer.isEmpty { answer.removeLast() }
        case .answerSubmitted:
            guard awaitingPrediction, let walk else { return step(by: 1) }
            guard let value = Float(answer) else { return "type a number such as 0.75, then Enter" }
            let truth = walk.steps[position].value
            let correct = abs(value - truth) <= 0.01 + 1e-4
            lastGrade = ConvolutionLabState.Grade(position: position, answer: value, truth: truth, correct: correct)
            score.asked += 1
            if correct { score.right += 1 }
            revealedThrough = position
            answer = ""
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
    if lab.awaitingPrediction {
        switch key {
        case .character(let c) where c.isNumber || c == "." || c == "-": return .answerTyped(c)
        case .backspace, .delete: return .answerErased
        case .enter: return .answerSubmitted
        case .character("p"), .escape: return .predictModeToggled
        default: break
        }
    }
    switch key {
    case .enter: return lab.predicting ? .answerSubmitted : .nextWindowPressed
    case .character("p"): return .predictModeToggled
    case .right, .character("n"): return .nextWindowPressed
    case .left, .character("N"): return .previousWindowPressed
    case .down: return .rowMoved(rows: 1)
    case .up: return .rowMoved(rows: -1)
    case .character(" "): return .autoplayToggled
    case .character("r"): return .restartPressed
    case .tab: return .nextFieldPressed
    case .backTab: return .previousFieldPressed
    case .character("+"), .character("="): return .increasePressed
    case .character("-"): return .decreasePressed
    case .character("v"): return .valueViewToggled
    default: return nil
    }
}
