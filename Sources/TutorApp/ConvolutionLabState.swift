import Foundation
import TinyCNN

/// The convolution lab: one input, one kernel, and a window stepping over the padded input.
///
/// Everything shown is computed by TinyCNN whenever a setting changes: `ConvolutionWalk` gives
/// each window's patch, products, sum and value (the same numbers as `Conv2D`'s forward pass
/// and `tutor convolve --steps`), and `ReLU` the activation. The lab only walks through them.
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

    public var input: LabGrid
    public var kernel: LabGrid
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
        self.input = input
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
        self.dilation = dilation
        self.bias = bias
        self.relu = relu
        output = .failed("not computed")
        recompute()
    }


    /// The output (row, column) of window `index`.
    public func outputCoordinates(of index: Int) -> (row: Int, column: Int) {
        (index / max(1, output.columns), index % max(1, output.columns))
    }

    /// The padded input: the input with `padding` zeros on every side.
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

    /// The input values under window `index` (zeros where it covers padding), in kernel order.
    public func patch(at index: Int) -> [Float] {
        walk.map { $0.steps[index].patch.values } ?? []
    }

    /// The elementwise products of the patch and the kernel.
    public func products(at index: Int) -> [Float] {
        walk.map { $0.steps[index].products.values } ?? []
    }

    /// The sum of the products of window `index` (before the bias).
    public func productSum(at index: Int) -> Float {
        walk.map { $0.steps[index].sum } ?? 0
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
            walk = try ConvolutionWalk(input: input.matrix, kernel: kernel.matrix, stride: stride, padding: padding, dilation: dilation, bias: bias)
        } catch {
            walk = nil
            output = .failed(error.description)
            stepper.fit(count: 0, columns: 1, unavailable: error.description)
            return
        }
        guard let walk else { return }
        let z = walk.output
        let shown = relu ? ReLU().forward(z.tensor, training: false).storage : z.values
        output = Output(rows: z.rows, columns: z.columns, preActivation: z.values, values: shown, error: nil)
        stepper.fit(count: z.rows * z.columns, columns: z.columns)
    }

    /// Whether `answer` counts as the output of window `index`: within 0.01 of the true value,
    /// or of the value worked out from the numbers as the screen shows them. Values that are not
    /// whole show rounded (a 28×28 digit's 0.3125 as 0.31, products to 2 or 3 decimals), and a
    /// learner who multiplies and adds those exactly must not be marked wrong for it.
    public func accepts(_ answer: Float, at index: Int) -> Bool {
        let patch = patch(at: index), weights = kernel.values, products = products(at: index)
        func shown(_ values: [Float], decimals: Int) -> [Float] {
            if values.allSatisfy({ $0 == $0.rounded() }) { return values }
            let scale = Float(pow(10, Double(decimals)))
            return values.map { ($0 * scale).rounded() / scale }
        }
        let kernelDecimals = weights.allSatisfy { $0 == $0.rounded() } ? 0 : 3
        let shownPatch = shown(patch, decimals: 2), shownWeights = shown(weights, decimals: kernelDecimals)
        func finish(_ sum: Float) -> Float {
            let z = sum + bias
            return relu ? max(0, z) : z
        }
        let candidates = [
            output.values[index],
            finish(zip(shownPatch, shownWeights).reduce(0) { $0 + $1.0 * $1.1 }),
            finish(shown(products, decimals: 2).reduce(0, +)),
            finish(shown(products, decimals: 3).reduce(0, +)),
        ]
        return candidates.contains { abs(answer - $0) <= 0.01 + 1e-4 }
    }

}
