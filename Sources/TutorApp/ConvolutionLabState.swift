import Foundation
import TinyCNN

/// The convolution lab: an input of one or more channels, a kernel of as many slices, and a
/// window stepping over the padded input.
///
/// Everything shown is computed by TinyCNN whenever a setting changes: `ConvolutionWalk` gives
/// each window's patches, products, per-channel partial sums, their total and the value (the same
/// numbers as `Conv2D`'s forward pass and `tutor convolve --steps`), with the ReLU. The lab only
/// walks through them. With several channels, one of them is *selected*: its input map is drawn
/// with the window, and painting, editing and `+`/`-` on the input or kernel act on it.
public struct ConvolutionLabState: Sendable, WindowStepping {
    /// The setting that `+`/`-` change.
    public enum Field: String, Hashable, Sendable, CaseIterable {
        case input, kernel, stride, padding, dilation, bias, relu
    }

    /// What the arrow keys edit instead of stepping.
    public enum Editing: Hashable, Sendable {
        case input(row: Int, column: Int)
        case kernel(row: Int, column: Int)
    }

    /// The verdict on the last prediction.
    public typealias Grade = WindowStepper.Grade

    /// The input channels, all the same size.
    public var inputs: [LabGrid]
    /// The kernel's slices, one per input channel.
    public var kernels: [LabGrid]
    /// The selected channel (0-based).
    public var channel = 0
    /// In predict mode with several channels: type every channel's partial sum before the
    /// value (true), or only the value (false).
    public var predictPartials = false
    /// The partial sums typed for the current window so far, graded (predict mode, `predictPartials`).
    public var partialGrades: [WindowStepper.Grade] = []
    public var stride = 1
    public var padding = 0
    public var dilation = 1
    public var bias: Float = 0
    public var relu = false
    public var focus: Field = .stride
    /// The window, what it revealed, autoplay and predict mode.
    public var stepper = WindowStepper()
    /// Index into `speeds`.
    public var speedIndex = 2
    public var editing: Editing?
    /// Show the input and output as numbers (true) or as heatmaps (false); nil: whatever fits.
    public var showNumbers: Bool?

    /// Whether the maps are drawn as numbers: as chosen with `v`, else numbers for a small
    /// matrix of whole numbers (a lesson's "1 2 0 1; ..." example reads as the textbook's
    /// figure, not as a few coloured squares), heatmaps for images and patterns.
    public var numbersShown: Bool {
        showNumbers ?? (input.rows <= 6 && input.columns <= 6 && input.values.allSatisfy { $0 == $0.rounded() })
    }
    /// The output computed by TinyCNN for the current settings, or why there is none.
    public private(set) var output: Output
    /// TinyCNN's walk through every window, nil when the settings allow none.
    public private(set) var walk: ConvolutionWalk?

    /// Steps per second of autoplay.
    public static let speeds: [Double] = [0.5, 1, 2, 4, 8, 16]

    /// The convolution's output map: pre-activation `z = Σ products + bias` and the shown value
    /// (after ReLU when it is on).
    public struct Output: Sendable {
        public var rows: Int
        public var columns: Int
        public var preActivation: [Float]
        public var values: [Float]
        /// Why there is no output (a kernel larger than the padded input), else nil.
        public var error: String?

        static func failed(_ reason: String) -> Output {
            Output(rows: 0, columns: 0, preActivation: [], values: [], error: reason)
        }
    }

    public init(input: LabGrid, kernel: LabGrid, stride: Int = 1, padding: Int = 0, dilation: Int = 1, bias: Float = 0, relu: Bool = false) {
        self.init(inputs: [input], kernels: [kernel], stride: stride, padding: padding, dilation: dilation, bias: bias, relu: relu)
    }

    /// A lab on an explicit convolution of several channels: `inputs` (e.g. the eight maps
    /// below a second convolutional layer), one kernel slice per channel, the bias and ReLU of
    /// one filter; the window placed on output cell `window` (row, column) when given.
    ///
    /// Settings outside the lab's own ranges (a stride of 6) are kept as given, so that the lab
    /// shows a real layer's computation exactly; `+` and `-` bring them back into range.
    public init(inputs: [LabGrid], kernels: [LabGrid], stride: Int = 1, padding: Int = 0, dilation: Int = 1, bias: Float = 0,
                relu: Bool = false, window: (row: Int, column: Int)? = nil) {
        precondition(!inputs.isEmpty && !kernels.isEmpty, "The convolution lab needs at least one channel")
        self.inputs = inputs
        self.kernels = kernels
        self.stride = stride
        self.padding = padding
        self.dilation = dilation
        self.bias = bias
        self.relu = relu
        output = .failed("not computed")
        recompute()
        if let window, output.error == nil {
            let row = min(max(0, window.row), output.rows - 1), column = min(max(0, window.column), output.columns - 1)
            stepper.position = row * output.columns + column
            stepper.revealedThrough = stepper.position
        }
    }

    /// The selected channel of the input: what painting and `+`/`-` on the input change.
    public var input: LabGrid {
        get { inputs[channel] }
        set { inputs[channel] = newValue }
    }

    /// The selected channel's kernel slice.
    public var kernel: LabGrid {
        get { kernels[channel] }
        set { kernels[channel] = newValue }
    }

    /// The number of input channels (and kernel slices).
    public var channelCount: Int { inputs.count }


    /// The output (row, column) of window `index`.
    public func outputCoordinates(of index: Int) -> (row: Int, column: Int) {
        (index / max(1, output.columns), index % max(1, output.columns))
    }

    /// The selected channel with `padding` zeros on every side.
    public var paddedInput: LabGrid {
        let p = padding
        var grid = LabGrid(name: input.name, rows: input.rows + 2 * p, columns: input.columns + 2 * p,
                           values: Array(repeating: 0, count: (input.rows + 2 * p) * (input.columns + 2 * p)))
        for r in 0..<input.rows {
            for c in 0..<input.columns { grid[r + p, c + p] = input[r, c] }
        }
        return grid
    }

    /// The (row, column) in the padded input of each kernel element for window `index`, in
    /// kernel order (row by row).
    public func windowCells(of index: Int) -> [(row: Int, column: Int)] {
        let (i, j) = outputCoordinates(of: index)
        var cells: [(row: Int, column: Int)] = []
        for a in 0..<kernel.rows {
            for b in 0..<kernel.columns { cells.append((i * stride + a * dilation, j * stride + b * dilation)) }
        }
        return cells
    }

    /// The values of `channel` (the selected one when nil) under window `index` (zeros where it
    /// covers padding), in kernel order.
    public func patch(at index: Int, channel: Int? = nil) -> [Float] {
        walk.map { $0.steps[index].channels[channel ?? self.channel].patch.values } ?? []
    }

    /// The elementwise products of a channel's patch and its kernel slice.
    public func products(at index: Int, channel: Int? = nil) -> [Float] {
        walk.map { $0.steps[index].channels[channel ?? self.channel].products.values } ?? []
    }

    /// Every channel's partial sum at window `index`.
    public func partials(at index: Int) -> [Float] {
        walk.map { $0.steps[index].partials } ?? []
    }

    /// The sum of every product of window `index` (before the bias).
    public func productSum(at index: Int) -> Float {
        walk.map { $0.steps[index].sum } ?? 0
    }

    /// Whether a prediction of the current window waits for a partial sum (rather than the
    /// value): predict mode, partials asked for, and not all typed yet.
    public var awaitingPartial: Bool {
        awaitingPrediction && predictPartials && channelCount > 1 && partialGrades.count < channelCount
    }

    /// The output-size formula with this lab's numbers, for rows (`columns` false) or columns:
    /// TinyCNN's (`(8 − 3 + 2·1) / 1 + 1 = 8`), or the general form when no window fits.
    public func formula(columns: Bool) -> String {
        if let walk { return columns ? walk.columnFormula : walk.rowFormula }
        let n = columns ? input.columns : input.rows
        let k = columns ? kernel.columns : kernel.rows
        let out = columns ? output.columns : output.rows
        let result = output.error == nil ? "\(out)" : "none"
        return "⌊(\(n) + 2·\(padding) − \(dilation)·(\(k) − 1) − 1) / \(stride)⌋ + 1 = \(result)"
    }

    /// Recomputes the output with TinyCNN after a change and keeps the window in range.
    public mutating func recompute() {
        do {
            walk = try ConvolutionWalk(inputs: inputs.map(\.matrix), kernels: kernels.map(\.matrix), stride: stride, padding: padding,
                                       dilation: dilation, bias: bias, relu: relu)
        } catch {
            walk = nil
            output = .failed(error.description)
            stepper.fit(count: 0, columns: 1, unavailable: error.description)
            return
        }
        guard let walk else { return }
        let out = walk.output
        output = Output(rows: out.rows, columns: out.columns, preActivation: walk.steps.map(\.preActivation), values: out.values, error: nil)
        stepper.fit(count: out.rows * out.columns, columns: out.columns)
    }

    /// Whether `answer` counts as the output of window `index`: within 0.01 of the true value,
    /// or of the value worked out from the numbers as the screen shows them. Values that are not
    /// whole show rounded (a 28×28 digit's 0.3125 as 0.31, products to 2 or 3 decimals), and a
    /// learner who multiplies and adds those exactly must not be marked wrong for it.
    public func accepts(_ answer: Float, at index: Int) -> Bool {
        func finish(_ sum: Float) -> Float {
            let z = sum + bias
            return relu ? max(0, z) : z
        }
        // Each way of working it out, summed over the channels (element-wise: one way throughout).
        let ways = (0..<channelCount).map { partialCandidates(at: index, channel: $0) }
        let candidates = [output.values[index]] + (0..<(ways.first?.count ?? 0)).map { w in finish(ways.reduce(0) { $0 + $1[w] }) }
        return candidates.contains { abs(answer - $0) <= 0.01 + 1e-4 }
    }

    /// Whether `answer` counts as `channel`'s partial sum at window `index`, by the same rule as
    /// `accepts` (the true partial, or the partial worked out from the numbers as shown).
    public func acceptsPartial(_ answer: Float, at index: Int, channel: Int) -> Bool {
        partialCandidates(at: index, channel: channel).contains { abs(answer - $0) <= 0.01 + 1e-4 }
    }

    /// A channel's partial sum worked out four ways: exactly, from the patch and slice as
    /// shown, and from the products as shown (2 and 3 decimals).
    private func partialCandidates(at index: Int, channel: Int) -> [Float] {
        guard let step = walk?.steps[index] else { return [] }
        let part = step.channels[channel], weights = kernels[channel].values
        func shown(_ values: [Float], decimals: Int) -> [Float] {
            if values.allSatisfy({ $0 == $0.rounded() }) { return values }
            let scale = Float(pow(10, Double(decimals)))
            return values.map { ($0 * scale).rounded() / scale }
        }
        let kernelDecimals = weights.allSatisfy { $0 == $0.rounded() } ? 0 : 3
        let shownPatch = shown(part.patch.values, decimals: 2), shownWeights = shown(weights, decimals: kernelDecimals)
        return [
            part.partial,
            zip(shownPatch, shownWeights).reduce(0) { $0 + $1.0 * $1.1 },
            shown(part.products.values, decimals: 2).reduce(0, +),
            shown(part.products.values, decimals: 3).reduce(0, +),
        ]
    }

}
