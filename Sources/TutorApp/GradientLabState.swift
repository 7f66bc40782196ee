import Canvas
import Curriculum
import Foundation
import TinyCNN

/// The gradient lab: a convolution's backward pass, one number at a time.
///
/// The learner sets up a forward convolution (input, kernel, stride, padding, dilation) and an
/// upstream gradient `dL/dY`, then steps through four parts: every weight gradient `dL/dW` (one
/// kernel tap at a time: the input cells it touched, the upstream gradients they met), every
/// input gradient `dL/dX` (one input cell at a time: the windows that covered it), the bias
/// gradient, and one SGD step with the kernel before and after. Every number comes from
/// TinyCNN's `ConvolutionGradientWalk` (the same as `Conv2D.backward` and
/// `tutor convolve --backward --steps`).
public struct GradientLabState: Sendable, WindowStepping {
    /// The setting that `+`/`-` change.
    public enum Field: String, Hashable, Sendable, CaseIterable {
        case input, kernel, upstream, stride, padding, dilation, rate
    }

    /// The four parts the lab steps through, in order.
    public enum Part: Int, Hashable, Sendable, CaseIterable {
        case weights, inputs, bias, update

        public var title: String {
            switch self {
            case .weights: return "dL/dW, one kernel tap at a time"
            case .inputs: return "dL/dX, one input cell at a time"
            case .bias: return "dL/db"
            case .update: return "one SGD step"
            }
        }
    }

    /// Where `dL/dY` comes from.
    public enum Upstream: Hashable, Sendable {
        /// Every output cell 1 (as if the loss were the sum of the outputs).
        case ones
        /// Small whole numbers from −2 to 2, from a seed.
        case random(seed: UInt64)
        /// A grid given in a lesson block or `tutor lab` (kept when the size fits).
        case given(LabGrid)

        var name: String {
            switch self {
            case .ones: return "ones"
            case .random(let seed): return "random \(seed)"
            case .given(let grid): return grid.name
            }
        }
    }

    /// One input channel per grid (one kernel slice each).
    public var input: [LabGrid]
    public var kernel: [LabGrid]
    public var upstreamChoice: Upstream = .ones
    public var stride = 1
    public var padding = 0
    public var dilation = 1
    public var learningRate: Float = 0.1
    public var focus: Field = .upstream
    /// The window over the parts' items, what it revealed, autoplay and predict mode.
    public var stepper = WindowStepper()
    /// Whether the input-gradient part also shows the full correlation with the rotated kernel.
    public var showsFullCorrelation = false
    public var showNumbers: Bool?

    public private(set) var walk: ConvolutionGradientWalk?
    public private(set) var error: String?

    /// Learning rates `+`/`-` step through.
    public static let rates: [Float] = [0.01, 0.05, 0.1, 0.2, 0.5, 1]

    public init(input: [LabGrid], kernel: [LabGrid], upstream: Upstream = .ones, stride: Int = 1, padding: Int = 0,
                dilation: Int = 1, learningRate: Float = 0.1) {
        self.input = input
        self.kernel = kernel
        self.upstreamChoice = upstream
        self.stride = stride
        self.padding = padding
        self.dilation = dilation
        self.learningRate = learningRate
        recompute()
    }

    /// The lab on the training lesson's worked example: a 3×3 input, a 2×2 kernel, `dL/dY` all ones.
    public static var workedExample: GradientLabState {
        GradientLabState(input: [LabGrid(name: "example", matrix: Matrix([[1, 2, 0], [0, 1, 3], [2, 1, 1]]))],
                         kernel: [LabGrid(name: "example", matrix: Matrix([[1, -1], [0, 2]]))])
    }

    public var numbersShown: Bool {
        showNumbers ?? input.allSatisfy { $0.rows <= 8 && $0.columns <= 8 }
    }

    // MARK: Items

    /// Items per part: `C·KH·KW` taps, `C·H·W` cells, the bias, the update.
    public var partCounts: [Int] {
        guard let walk else { return [0, 0, 0, 0] }
        return [walk.weightTaps.count, walk.inputCells.count, 1, 1]
    }

    /// The part and the index within it of item `position`.
    public func locate(_ position: Int) -> (part: Part, index: Int) {
        var rest = position
        for (part, count) in zip(Part.allCases, partCounts) {
            if rest < count { return (part, rest) }
            rest -= count
        }
        return (.update, 0)
    }

    /// The first item of `part`.
    public func start(of part: Part) -> Int {
        partCounts.prefix(part.rawValue).reduce(0, +)
    }

    /// The value item `position` reveals: a tap's or a cell's gradient, the bias gradient, or the
    /// first weight after the update.
    public func value(at position: Int) -> Float {
        guard let walk else { return 0 }
        let (part, index) = locate(position)
        switch part {
        case .weights: return walk.weightTaps[index].value
        case .inputs: return walk.inputCells[index].value
        case .bias: return walk.biasGradient
        case .update: return walk.kernelAfterStep(learningRate: learningRate)[0].values[0]
        }
    }

    /// The terms of item `position` (none for the bias and the update).
    public func terms(at position: Int) -> [ConvolutionGradientWalk.Term] {
        guard let walk else { return [] }
        let (part, index) = locate(position)
        switch part {
        case .weights: return walk.weightTaps[index].terms
        case .inputs: return walk.inputCells[index].terms
        case .bias, .update: return []
        }
    }

    /// The input channel item `position` is about (0 for the bias and the update).
    public func channel(at position: Int) -> Int {
        guard let walk else { return 0 }
        let (part, index) = locate(position)
        switch part {
        case .weights: return walk.weightTaps[index].channel
        case .inputs: return walk.inputCells[index].channel
        case .bias, .update: return 0
        }
    }

    /// The upstream gradient for the current settings, of the output's size.
    func upstream(rows: Int, columns: Int) -> Matrix {
        switch upstreamChoice {
        case .ones:
            return Matrix(rows: rows, columns: columns, repeating: 1)
        case .random(let seed):
            var generator = SplitMix64(seed: seed)
            return Matrix(rows: rows, columns: columns, values: (0..<(rows * columns)).map { _ in Float(Int(generator.next() % 5) - 2) })
        case .given(let grid):
            return grid.rows == rows && grid.columns == columns ? grid.matrix : Matrix(rows: rows, columns: columns, repeating: 1)
        }
    }

    /// Recomputes the walk after a change.
    public mutating func recompute() {
        do {
            let (rows, columns) = try ConvolutionGradientWalk.outputSize(input: input.map(\.matrix), kernel: kernel.map(\.matrix),
                                                                         stride: stride, padding: padding, dilation: dilation)
            let walk = try ConvolutionGradientWalk(input: input.map(\.matrix), kernel: kernel.map(\.matrix),
                                                   upstream: upstream(rows: rows, columns: columns),
                                                   stride: stride, padding: padding, dilation: dilation)
            self.walk = walk
            error = nil
            let counts = partCounts
            stepper.fit(count: counts.reduce(0, +), columns: kernel[0].columns)
        } catch {
            walk = nil
            self.error = error.description
            stepper.fit(count: 0, columns: 1, unavailable: error.description)
        }
    }

    /// The status line for a setting the upstream gradient no longer fits.
    private var upstreamNote: String? {
        guard case .given(let grid) = upstreamChoice, let walk, walk.upstream.rows != grid.rows || walk.upstream.columns != grid.columns else { return nil }
        return "the given dL/dY is \(grid.rows)×\(grid.columns) but the output is now \(walk.upstream.rows)×\(walk.upstream.columns): using ones"
    }

    /// Whether `answer` counts as item `position`'s value: within 0.01 of it (or 1 % of a large one).
    public func accepts(_ answer: Float, at position: Int) -> Bool {
        let truth = value(at: position)
        return abs(answer - truth) <= max(0.01, 0.01 * abs(truth)) + 1e-4
    }

    mutating func apply(_ action: GradientLabAction, samples: SampleBank) -> String? {
        switch action {
        case .nextWindowPressed: return stepper.step(by: 1)
        case .previousWindowPressed: return stepper.step(by: -1)
        case .rowMoved(let rows):
            // A row of the kernel (taps) or of the input (cells).
            let (part, _) = locate(stepper.position)
            let width = part == .inputs ? (input.first?.columns ?? 1) : part == .weights ? (kernel.first?.columns ?? 1) : 1
            return stepper.step(by: rows * width)
        case .partMoved(let delta):
            let (part, _) = locate(stepper.position)
            let target = Part(rawValue: min(max(0, part.rawValue + delta), Part.allCases.count - 1)) ?? part
            guard target != part else { return delta > 0 ? "this is the last part: r restarts" : "this is the first part" }
            return stepper.step(by: start(of: target) - stepper.position)
        case .restartPressed: stepper.restart()
        case .autoplayToggled: return stepper.toggleAutoplay()
        case .fullCorrelationToggled:
            showsFullCorrelation.toggle()
            return showsFullCorrelation ? "dL/dX also as a full correlation of the stretched dL/dY with the kernel rotated 180°" : nil
        case .nextFieldPressed, .previousFieldPressed:
            let all = Field.allCases
            let i = all.firstIndex(of: focus) ?? 0
            focus = all[(i + (action == .nextFieldPressed ? 1 : all.count - 1)) % all.count]
        case .increasePressed, .decreasePressed:
            change(focus, by: action == .increasePressed ? 1 : -1, samples: samples)
            stepper.settingsChanged()
            recompute()
            return error.map { "no output: \($0)" } ?? upstreamNote
        case .valueViewToggled:
            showNumbers = !numbersShown
        case .ticked(let now):
            return stepper.tick(now, interval: 0.5)
        case .predictModeToggled:
            return stepper.togglePredicting(what: "gradient")
        case .answerTyped(let ch):
            stepper.type(ch)
        case .answerErased:
            stepper.erase()
        case .answerSubmitted:
            let lab = self
            return stepper.submit(truth: { lab.value(at: $0) }, accepts: { lab.accepts($0, at: $1) }, example: "-1.5")
        }
        return nil
    }

    private mutating func change(_ field: Field, by delta: Int, samples: SampleBank) {
        func cycle(_ names: [String], from name: String) -> String {
            let i = names.firstIndex(of: name) ?? (delta > 0 ? -1 : 0)
            return names[(i + delta + names.count) % names.count]
        }
        switch field {
        case .input:
            let choices = ["example"] + ConvolutionLabState.inputChoices(samples)
            let next = cycle(choices, from: input[0].name)
            let grid = next == "example" ? Self.workedExample.input[0] : try? LabPresets.input(next, samples: samples)
            if let grid { input = [grid]; kernel = [kernel[0]] }
        case .kernel:
            let choices = ["example"] + LabPresets.kernelNames
            let next = cycle(choices, from: kernel[0].name)
            if let grid = next == "example" ? Self.workedExample.kernel[0] : LabPresets.kernel(named: next) {
                kernel = Array(repeating: grid, count: input.count)
            }
        case .upstream:
            let choices: [Upstream] = [.ones, .random(seed: 1), .random(seed: 2), .random(seed: 3)]
            let i = choices.firstIndex(of: upstreamChoice) ?? (delta > 0 ? -1 : 0)
            upstreamChoice = choices[(i + delta + choices.count) % choices.count]
        case .stride: stride = LabKind.gradient.clamp(.stride, stride + delta)
        case .padding: padding = LabKind.gradient.clamp(.padding, padding + delta)
        case .dilation: dilation = LabKind.gradient.clamp(.dilation, dilation + delta)
        case .rate:
            let i = Self.rates.firstIndex { $0 >= learningRate } ?? 2
            learningRate = Self.rates[min(max(0, i + delta), Self.rates.count - 1)]
        }
    }

    /// The lab for a block's settings (see `LabKind.gradient`).
    static func make(settings pairs: [(String, String)], samples: SampleBank) -> (GradientLabState, [LabSettingError]) {
        let (values, schemaErrors) = LabKind.gradient.read(pairs)
        var errors = schemaErrors
        let example = workedExample
        var input = example.input[0], kernel = example.kernel[0]
        if values.isGiven(.input), let spec = values[.input] {
            do { input = try LabPresets.input(spec, samples: samples) } catch { errors.append(error) }
        }
        if values.isGiven(.kernel), let spec = values[.kernel] {
            if let grid = LabPresets.kernel(named: spec) ?? LabPresets.matrix(spec) { kernel = grid } else {
                errors.append(LabSettingError(key: "kernel", value: spec, reason: "not a kernel preset or a matrix"))
            }
        }
        var upstream: Upstream = .ones
        if values.isGiven(.grad), let spec = values[.grad] {
            switch spec {
            case "ones": upstream = .ones
            case "random": upstream = .random(seed: 1)
            default:
                if let grid = LabPresets.matrix(spec, name: "given") { upstream = .given(grid) } else {
                    errors.append(LabSettingError(key: "grad", value: spec, reason: "dL/dY must be ones, random or a matrix such as \"1 0; -1 2\""))
                }
            }
        }
        let rate = values.number(.lr).map { Float($0) } ?? 0.1
        var lab = GradientLabState(input: [input], kernel: [kernel], upstream: upstream, stride: values.integer(.stride) ?? 1,
                                   padding: values.integer(.padding) ?? 0, dilation: values.integer(.dilation) ?? 1, learningRate: rate)
        if let note = lab.upstreamNote, let spec = values[.grad] {
            errors.append(LabSettingError(key: "grad", value: spec, reason: note))
            lab.upstreamChoice = .ones
            lab.recompute()
        }
        lab.focus = .upstream
        return (lab, errors)
    }
}

/// What the learner did in the gradient lab.
public enum GradientLabAction: Hashable, Sendable {
    case nextWindowPressed
    case previousWindowPressed
    case rowMoved(rows: Int)
    /// `]` and `[`: the next or previous part (dW, dX, db, the update).
    case partMoved(Int)
    case restartPressed
    case autoplayToggled
    case fullCorrelationToggled
    case nextFieldPressed
    case previousFieldPressed
    case increasePressed
    case decreasePressed
    case valueViewToggled
    case predictModeToggled
    case answerTyped(Character)
    case answerErased
    case answerSubmitted
    case ticked(Date)
}

extension GradientLabState: ScreenFeature {
    public mutating func reduce(_ action: GradientLabAction, context: LabContext) -> [Reply<Never>] {
        apply(action, samples: context.samples).map { [.status($0)] } ?? []
    }
}

func gradientLabKeyAction(for key: Key, in lab: GradientLabState) -> GradientLabAction? {
    if lab.awaitingPrediction, let typing = GradientLabAction.predictionAction(for: key) { return typing }
    return gradientLabKeyMap.action(for: key, in: lab)
}

/// The lab's keys outside typing a prediction; footer and help are read from them.
let gradientLabKeyMap = KeyMap<GradientLabState, GradientLabAction>(sections: [
    ("Stepping", GradientLabAction.steppingBindings(in: GradientLabState.self, rows: { .rowMoved(rows: $0) }, restartRank: 8) + [
        KeyBinding([.character("]"), .character("[")], "] [", "the next or previous part: dW, dX, db, the SGD step",
                   footer: ("] [", "part", rank: 1)) { key, _ in .partMoved(key == .character("]") ? 1 : -1) },
        KeyBinding([.character("f")], "f", "dX also as a full correlation with the rotated kernel", footer: ("f", "flip view", rank: 7),
                   .fullCorrelationToggled),
    ]),
    ("Settings", GradientLabAction.settingBindings(in: GradientLabState.self, fields: "choose input, kernel, dL/dY, stride, pad, dilation, rate")),
], globalsRank: 5)

extension GradientLabAction: SteppingLabAction {}
