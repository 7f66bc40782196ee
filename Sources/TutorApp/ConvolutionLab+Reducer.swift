import Canvas
import Curriculum
import Foundation
import Widgets

/// What the learner did in the convolution lab.
public enum ConvolutionLabAction: Hashable, Sendable {
    case nextWindowPressed
    case previousWindowPressed
    case restartPressed
    case autoplayToggled
    case fasterPressed
    case slowerPressed
    case nextFieldPressed
    case previousFieldPressed
    case increasePressed
    case decreasePressed
    case predictModeToggled
    case answerTyped(Character)
    case answerErased
    case answerSubmitted
    case editPressed
    case editFinished
    case cursorMoved(rows: Int, columns: Int)
    /// Space while painting: a cell flips between 0 and the input's maximum.
    case cellPainted
    /// `0` while painting or editing: the cell under the cursor becomes 0.
    case cellCleared
    case valueViewToggled
    /// `c` / `C`: the next or previous input channel becomes the selected one.
    case nextChannelPressed
    case previousChannelPressed
    /// `P`: predict mode asks for each channel's partial sum, or only for the value.
    case predictPartialsToggled
    /// Time passed: autoplay steps at the chosen speed.
    case ticked(Date)
}

/// What the labs read but do not change: the bundled samples and a trained network's filters.
public struct LabContext: Sendable {
    public var samples: SampleBank
    public var learned: [LabGrid]

    public init(samples: SampleBank = SampleBank(), learned: [LabGrid] = []) {
        self.samples = samples
        self.learned = learned
    }
}

extension ConvolutionLabState: ScreenFeature {
    public mutating func reduce(_ action: ConvolutionLabAction, context: LabContext) -> [Reply<Never>] {
        apply(action, samples: context.samples, learned: context.learned).map { [.status($0)] } ?? []
    }
}

extension ConvolutionLabState {
    /// The inputs `+`/`-` cycle through: the bundled samples, then the toy patterns.
    static func inputChoices(_ samples: SampleBank) -> [String] { samples.specs + LabPresets.patternNames }

    /// The kernels `+`/`-` cycle through: the presets, then the trained network's filters.
    static func kernelChoices(learned: [LabGrid]) -> [String] { LabPresets.kernelNames + learned.map(\.name) }

    /// Applies one action; `now` is the time of the last tick (autoplay), `samples` the bundled
    /// inputs and `learned` the first-layer filters of a trained network. The partial sums typed
    /// for a window are forgotten when the window moves.
    mutating func apply(_ action: ConvolutionLabAction, samples: SampleBank, learned: [LabGrid]) -> String? {
        let window = stepper.position
        let status = applyToState(action, samples: samples, learned: learned)
        if stepper.position != window {
            partialGrades = []
            // Partial sums are asked channel by channel from the first.
            if awaitingPartial { channel = 0 }
        }
        return status
    }

    private mutating func applyToState(_ action: ConvolutionLabAction, samples: SampleBank, learned: [LabGrid]) -> String? {
        switch action {
        case .nextWindowPressed:
            return stepper.step(by: 1)
        case .previousWindowPressed:
            return stepper.step(by: -1)
        case .restartPressed:
            stepper.restart()
            partialGrades = []
        case .autoplayToggled:
            return stepper.toggleAutoplay()
        case .fasterPressed:
            speedIndex = min(Self.speeds.count - 1, speedIndex + 1)
            return "autoplay: \(NumberText.compact(Self.speeds[speedIndex])) windows a second"
        case .slowerPressed:
            speedIndex = max(0, speedIndex - 1)
            return "autoplay: \(NumberText.compact(Self.speeds[speedIndex])) windows a second"
        case .nextFieldPressed, .previousFieldPressed:
            let all = Field.allCases
            let i = all.firstIndex(of: focus) ?? 0
            focus = all[(i + (action == .nextFieldPressed ? 1 : all.count - 1)) % all.count]
        case .increasePressed:
            return change(by: 1, samples: samples, learned: learned)
        case .decreasePressed:
            return change(by: -1, samples: samples, learned: learned)
        case .predictModeToggled:
            partialGrades = []
            if predictPartials { channel = 0 }
            let what = predictPartials && channelCount > 1 ? "partial sum of channel 1" : "output value"
            return stepper.togglePredicting(what: what)
        case .predictPartialsToggled:
            predictPartials.toggle()
            partialGrades = []
            guard channelCount > 1 else { return "one channel: predict mode asks for the output value (with several channels P chooses)" }
            return predictPartials ? "predict mode asks for each channel's partial sum, then the value" : "predict mode asks only for the value"
        case .nextChannelPressed, .previousChannelPressed:
            guard channelCount > 1 else { return "this input has one channel" }
            channel = (channel + (action == .nextChannelPressed ? 1 : channelCount - 1)) % channelCount
            return "channel \(channel + 1) of \(channelCount)"
        case .answerTyped(let ch):
            stepper.type(ch)
        case .answerErased:
            stepper.erase()
        case .answerSubmitted:
            if awaitingPartial { return submitPartial() }
            let lab = self
            return stepper.submit(truth: { lab.output.values[$0] }, accepts: { lab.accepts($0, at: $1) }, example: "1.25 or -3")
        case .editPressed:
            switch focus {
            case .kernel: editing = .kernel(row: 0, column: 0)
            case .input, .stride, .padding, .dilation, .bias, .relu: editing = .input(row: 0, column: 0)
            }
            stepper.autoplay = false
            return focus == .kernel ? "editing the kernel: arrows move, + - change by 1, 0 clears, e or Esc ends"
                : "painting the input: arrows move, Space paints or erases, e or Esc ends"
        case .editFinished:
            editing = nil
        case .cursorMoved(let dr, let dc):
            switch editing {
            case .input(let r, let c)?:
                editing = .input(row: min(input.rows - 1, max(0, r + dr)), column: min(input.columns - 1, max(0, c + dc)))
            case .kernel(let r, let c)?:
                editing = .kernel(row: min(kernel.rows - 1, max(0, r + dr)), column: min(kernel.columns - 1, max(0, c + dc)))
            case nil:
                return dr == 0 ? stepper.step(by: dc) : stepper.moveRows(dr)
            }
        case .cellPainted:
            if case .input(let r, let c)? = editing {
                let ink = max(1, input.values.max() ?? 1)
                input[r, c] = input[r, c] == 0 ? ink : 0
                input.name = "painted"
                recompute()
            } else if case .kernel(let r, let c)? = editing {
                kernel[r, c] = 0
                kernel.name = "custom"
                recompute()
            }
        case .cellCleared:
            switch editing {
            case .input(let r, let c)?:
                input[r, c] = 0
                input.name = "painted"
            case .kernel(let r, let c)?:
                kernel[r, c] = 0
                kernel.name = "custom"
            case nil:
                return nil
            }
            recompute()
        case .valueViewToggled:
            showNumbers = !numbersShown
        case .ticked(let now):
            return stepper.tick(now, interval: 1 / Self.speeds[speedIndex])
        }
        return nil
    }

    /// `+`/`-` on the focused field (or on the kernel cell being edited).
    mutating func change(by delta: Int, samples: SampleBank, learned: [LabGrid]) -> String? {
        if case .kernel(let r, let c)? = editing {
            kernel[r, c] += Float(delta)
            kernel.name = "custom"
            recompute()
            return nil
        }
        switch focus {
        case .input:
            // With several channels a channel can only become an input of the others' size.
            let choices = Self.inputChoices(samples).filter { name in
                channelCount == 1 || (try? LabPresets.input(name, samples: samples)).map { $0.rows == input.rows && $0.columns == input.columns } == true
            }
            guard !choices.isEmpty else { return "no preset input is \(input.rows)×\(input.columns) like the other channels: paint this one with e" }
            let i = choices.firstIndex(of: input.name) ?? (delta > 0 ? -1 : 0)
            let name = choices[(i + delta + choices.count) % choices.count]
            if let grid = try? LabPresets.input(name, samples: samples) { input = grid }
        case .kernel:
            let all = Self.kernelChoices(learned: learned)
            func grid(_ name: String) -> LabGrid? { learned.first(where: { $0.name == name }) ?? LabPresets.kernel(named: name) }
            let choices = all.filter { name in channelCount == 1 || grid(name).map { $0.rows == kernel.rows && $0.columns == kernel.columns } == true }
            guard !choices.isEmpty else { return "no preset kernel is \(kernel.rows)×\(kernel.columns) like the other slices: edit this one with e" }
            let i = choices.firstIndex(of: kernel.name) ?? (delta > 0 ? -1 : 0)
            let name = choices[(i + delta + choices.count) % choices.count]
            if let next = grid(name) { kernel = next }
        case .stride: stride = LabKind.convolution.clamp(.stride, stride + delta)
        case .padding: padding = LabKind.convolution.clamp(.padding, padding + delta)
        case .dilation: dilation = LabKind.convolution.clamp(.dilation, dilation + delta)
        case .bias: bias = Float(LabKind.convolution.clamp(.bias, Double(bias + Float(delta) * 0.5)))
        case .relu: relu.toggle()
        }
        stepper.settingsChanged()
        recompute()
        return output.error.map { "no output: \($0)" }
    }
}

extension ConvolutionLabState {
    /// Enter on a typed partial sum: graded against the next channel's, then the next is asked.
    mutating func submitPartial() -> String? {
        guard let value = Float(stepper.answer) else { return "type a number such as 1.25 or -3, then Enter" }
        let index = partialGrades.count, truth = partials(at: position)[index]
        let correct = acceptsPartial(value, at: position, channel: index)
        partialGrades.append(WindowStepper.Grade(position: position, answer: value, truth: truth, correct: correct))
        stepper.score.asked += 1
        if correct { stepper.score.right += 1 }
        stepper.answer = ""
        if index + 1 < channelCount { channel = index + 1 }
        let verdict = correct ? "right" : "it is \(NumberText.fixed(truth, decimals: 2))"
        let next = index + 1 < channelCount ? "now channel \(index + 2)'s partial sum" : "now the output value"
        return "channel \(index + 1)'s partial sum: \(verdict); \(next)"
    }
}

func convolutionLabKeyAction(for key: Key, in lab: ConvolutionLabState) -> ConvolutionLabAction? {
    if lab.editing != nil {
        switch key {
        case .up, .character("k"): return .cursorMoved(rows: -1, columns: 0)
        case .down, .character("j"): return .cursorMoved(rows: 1, columns: 0)
        case .left, .character("h"): return .cursorMoved(rows: 0, columns: -1)
        case .right, .character("l"): return .cursorMoved(rows: 0, columns: 1)
        case .character(" "): return .cellPainted
        case .character("0"): return .cellCleared
        case .character("+"), .character("="): return .increasePressed
        case .character("-"): return .decreasePressed
        case .character("e"), .escape, .enter: return .editFinished
        default: return nil
        }
    }
    if lab.awaitingPrediction, let typing = ConvolutionLabAction.predictionAction(for: key) { return typing }
    return convolutionLabKeyMap.action(for: key, in: lab)
}

/// The lab's keys outside painting and typing a prediction; footer and help are read from them.
let convolutionLabKeyMap = KeyMap<ConvolutionLabState, ConvolutionLabAction>(sections: [
    ("Stepping", ConvolutionLabAction.steppingBindings(in: ConvolutionLabState.self, rows: { .cursorMoved(rows: $0, columns: 0) }, autoplayKeys: "Space [ ]", autoplayHelp: "autoplay on/off, slower / faster", restartRank: 8) + [
        KeyBinding(hidden: [.character("]")], .fasterPressed),
        KeyBinding(hidden: [.character("[")], .slowerPressed),
    ]),
    ("Settings and modes", ConvolutionLabAction.settingBindings(in: ConvolutionLabState.self, fields: "choose a setting (input ... ReLU)") + [
        KeyBinding([.character("e")], "e", "paint the input / edit the chosen kernel", footer: ("e", "edit", rank: 7), .editPressed),
        KeyBinding([.character("c"), .character("C")], "c C", "next / previous input channel (several channels)") { key, _ in
            key == .character("c") ? .nextChannelPressed : .previousChannelPressed
        },
        KeyBinding([.character("P")], "P", "predict each channel's partial sum first, or only the value", .predictPartialsToggled),
        .helpOnly("Space 0 Esc", "painting: paint, set 0, stop"),
    ]),
], globalsRank: 5)

/// Keys that must reach the lab before the global ones (Esc ends painting or predicting
/// rather than leaving the screen).
func convolutionLabCapturesKey(_ key: Key, in lab: ConvolutionLabState) -> Bool {
    key == .escape && (lab.editing != nil || lab.awaitingPrediction)
}

extension ConvolutionLabAction: SteppingLabAction {}
