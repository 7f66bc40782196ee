/// A convolution of one output channel laid out step by step, for teaching.
///
/// Shapes: `C` input channels of `H×W` each, a kernel of `C` slices of `KH×KW` (one slice per
/// input channel), one output map. For every output position in reading order: where the
/// window sits on the zero-padded input, and for each channel the values under it (sampled every
/// `dilation` cells), their products with that channel's slice and their sum (the channel's
/// *partial sum*); then the sum over every channel, the bias, and the value (after a ReLU when
/// asked). The numbers are computed exactly as `Conv2D.forward` computes them (cross-correlation,
/// Float arithmetic, the products added one by one channel after channel as its matrix product
/// does), and tests hold the two equal for every small size, stride, padding and dilation.
///
/// A single-channel walk (`init(input:kernel:…)`) is the case `C = 1`; its `patch` and
/// `products` are the one channel's.
public struct ConvolutionWalk: Sendable, Equatable {
    /// One channel's part of one window: `patch ⊙ slice`, summed.
    public struct Channel: Sendable, Equatable {
        /// The input values under the kernel's cells (0 where the window covers padding).
        public var patch: Matrix
        /// `patch ⊙ slice`.
        public var products: Matrix
        /// The sum of the products (row by row).
        public var partial: Float
    }

    /// One output position.
    public struct Step: Sendable, Equatable {
        /// The output cell (0-based).
        public var row: Int
        public var column: Int
        /// The window's top-left cell in padded coordinates (padding rows/columns count).
        public var originRow: Int
        public var originColumn: Int
        /// Every input channel's patch, products and partial sum, in channel order.
        public var channels: [Channel]
        /// The sum of every product of every channel, added in the layer's order. It equals
        /// the sum of the partials up to Float rounding (exactly, for one channel).
        public var sum: Float
        /// The bias added.
        public var bias: Float
        /// `sum + bias`: the value before any ReLU.
        public var preActivation: Float
        /// The output value: `preActivation`, or `max(0, preActivation)` with a ReLU.
        public var value: Float

        /// The first channel's patch: for a single-channel walk, the window's values.
        public var patch: Matrix { channels[0].patch }
        /// The first channel's products: for a single-channel walk, all of them.
        public var products: Matrix { channels[0].products }
        /// Each channel's partial sum, in channel order.
        public var partials: [Float] { channels.map(\.partial) }
    }

    /// The input channels, all the same size.
    public let inputs: [Matrix]
    /// The kernel's slices, one per input channel, all the same size.
    public let kernels: [Matrix]
    public let stride: Int
    public let padding: Int
    public let dilation: Int
    public let bias: Float
    /// Whether a ReLU follows (`value = max(0, sum + bias)`).
    public let relu: Bool
    /// The output, `outputRows × outputColumns` (after the ReLU when there is one).
    public let output: Matrix
    /// Every output position, in reading order.
    public let steps: [Step]

    /// The first input channel: for a single-channel walk, the input.
    public var input: Matrix { inputs[0] }
    /// The first kernel slice: for a single-channel walk, the kernel.
    public var kernel: Matrix { kernels[0] }
    /// The number of input channels (and kernel slices).
    public var channelCount: Int { inputs.count }

    /// A single-channel walk, or why the convolution cannot be done with these settings.
    public init(input: Matrix, kernel: Matrix, stride: Int = 1, padding: Int = 0, dilation: Int = 1, bias: Float = 0,
                relu: Bool = false) throws(WalkError) {
        try self.init(inputs: [input], kernels: [kernel], stride: stride, padding: padding, dilation: dilation,
                      bias: bias, relu: relu)
    }

    /// A walk over `C` input channels with a kernel of `C` slices, or why there is none (a
    /// different number of slices than channels, channels of different sizes, a kernel larger
    /// than the padded input, a walk too large to keep).
    public init(inputs: [Matrix], kernels: [Matrix], stride: Int = 1, padding: Int = 0, dilation: Int = 1,
                bias: Float = 0, relu: Bool = false) throws(WalkError) {
        let shape = try Geometry(inputs: inputs, kernels: kernels, stride: stride, padding: padding, dilation: dilation)
        try WalkError.checkSize(windows: shape.outRows * shape.outColumns, windowValues: shape.windowValues)
        var steps: [Step] = []
        steps.reserveCapacity(shape.outRows * shape.outColumns)
        for r in 0..<shape.outRows {
            for c in 0..<shape.outColumns {
                steps.append(shape.step(row: r, column: c, inputs: inputs, kernels: kernels, bias: bias, relu: relu))
            }
        }
        self.inputs = inputs
        self.kernels = kernels
        self.stride = stride
        self.padding = padding
        self.dilation = dilation
        self.bias = bias
        self.relu = relu
        self.output = Matrix(rows: shape.outRows, columns: shape.outColumns, values: steps.map(\.value))
        self.steps = steps
    }

    /// The one window that gives output cell (`row`, `column`), without walking the others:
    /// "this window of this layer". Throws for the same settings `init` refuses, and for a cell
    /// outside the output.
    public static func step(row: Int, column: Int, inputs: [Matrix], kernels: [Matrix], stride: Int = 1, padding: Int = 0,
                            dilation: Int = 1, bias: Float = 0, relu: Bool = false) throws(WalkError) -> Step {
        let shape = try Geometry(inputs: inputs, kernels: kernels, stride: stride, padding: padding, dilation: dilation)
        guard row >= 0, row < shape.outRows, column >= 0, column < shape.outColumns else {
            throw WalkError("output cell (\(row), \(column)) is outside the \(shape.outRows)×\(shape.outColumns) output")
        }
        return shape.step(row: row, column: column, inputs: inputs, kernels: kernels, bias: bias, relu: relu)
    }

    /// The first input channel with its zero padding, as the window sees it.
    public var paddedInput: Matrix { input.padded(by: padding) }

    /// Every input channel with its zero padding.
    public var paddedInputs: [Matrix] { inputs.map { $0.padded(by: padding) } }

    /// The output size along rows, as a learner writes it: `(8 − 3 + 2·1) / 1 + 1 = 8`.
    public var rowFormula: String {
        WalkFormula.text(size: input.rows, kernel: kernel.rows, padding: padding, stride: stride, dilation: dilation)
    }

    /// The output size along columns, e.g. `(8 − 3 + 2·1) / 1 + 1 = 8`.
    public var columnFormula: String {
        WalkFormula.text(size: input.columns, kernel: kernel.columns, padding: padding, stride: stride, dilation: dilation)
    }

    /// Checked sizes of a walk: the output's, and how one window is computed.
    private struct Geometry {
        let kernelRows, kernelColumns, stride, padding, dilation, outRows, outColumns, windowValues: Int

        init(inputs: [Matrix], kernels: [Matrix], stride: Int, padding: Int, dilation: Int) throws(WalkError) {
            try WalkError.check(stride: stride, padding: padding, dilation: dilation)
            guard let input = inputs.first, let kernel = kernels.first else {
                throw WalkError("the input and the kernel must both have at least one channel")
            }
            guard inputs.count <= Limits.dimension else {
                throw WalkError("the input has \(inputs.count) channels, over the limit of \(Limits.dimension)")
            }
            guard kernels.count == inputs.count else {
                throw WalkError("the kernel has \(kernels.count) channel\(kernels.count == 1 ? "" : "s") but the input has \(inputs.count) (a kernel needs one slice per input channel)")
            }
            for (index, other) in inputs.enumerated().dropFirst() where other.rows != input.rows || other.columns != input.columns {
                throw WalkError("input channel \(index + 1) is \(other.sizeDescription) but channel 1 is \(input.sizeDescription) (every channel must be the same size)")
            }
            for (index, other) in kernels.enumerated().dropFirst() where other.rows != kernel.rows || other.columns != kernel.columns {
                throw WalkError("kernel slice \(index + 1) is \(other.sizeDescription) but slice 1 is \(kernel.sizeDescription) (every slice must be the same size)")
            }
            guard input.rows > 0, input.columns > 0, kernel.rows > 0, kernel.columns > 0 else {
                throw WalkError("the input and the kernel must both have at least one value")
            }
            let spanRows = dilation * (kernel.rows - 1) + 1, spanColumns = dilation * (kernel.columns - 1) + 1
            let paddedRows = input.rows + 2 * padding, paddedColumns = input.columns + 2 * padding
            guard spanRows <= paddedRows, spanColumns <= paddedColumns else {
                let what = dilation > 1 ? "the dilated kernel (\(spanRows)×\(spanColumns))" : "the kernel (\(kernel.sizeDescription))"
                let into = padding > 0 ? "the padded input (\(paddedRows)×\(paddedColumns))" : "the input (\(input.sizeDescription))"
                throw WalkError("\(what) is larger than \(into)")
            }
            guard let values = Limits.product([inputs.count, kernel.rows, kernel.columns]) else {
                throw WalkError("the kernel (\(inputs.count) slices of \(kernel.sizeDescription)) is too large")
            }
            kernelRows = kernel.rows
            kernelColumns = kernel.columns
            self.stride = stride
            self.padding = padding
            self.dilation = dilation
            outRows = (paddedRows - spanRows) / stride + 1
            outColumns = (paddedColumns - spanColumns) / stride + 1
            windowValues = values
        }

        /// The window of output cell (`r`, `c`). The running `sum` adds every product in the
        /// order of `Conv2D`'s matrix product (channel by channel, each row by row), so the
        /// value is the layer's to the last bit; each channel's partial is summed on its own.
        func step(row r: Int, column c: Int, inputs: [Matrix], kernels: [Matrix], bias: Float, relu: Bool) -> Step {
            var channels: [Channel] = []
            channels.reserveCapacity(inputs.count)
            var sum: Float = 0
            for (input, kernel) in zip(inputs, kernels) {
                var patch = Matrix(rows: kernelRows, columns: kernelColumns)
                var products = patch
                var partial: Float = 0
                for i in 0..<kernelRows {
                    for j in 0..<kernelColumns {
                        let y = r * stride + i * dilation - padding, x = c * stride + j * dilation - padding
                        let v: Float = (y >= 0 && y < input.rows && x >= 0 && x < input.columns) ? input[y, x] : 0
                        let p = v * kernel[i, j]
                        patch[i, j] = v
                        products[i, j] = p
                        partial += p
                        sum += p
                    }
                }
                channels.append(Channel(patch: patch, products: products, partial: partial))
            }
            let z = sum + bias
            return Step(row: r, column: c, originRow: r * stride, originColumn: c * stride, channels: channels,
                        sum: sum, bias: bias, preActivation: z, value: relu ? max(0, z) : z)
        }
    }
}

/// Settings a walk cannot use, e.g. `stride must be at least 1, got 0`.
public struct WalkError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }

    static func check(stride: Int, padding: Int, dilation: Int) throws(WalkError) {
        guard stride >= 1 else { throw WalkError("stride must be at least 1, got \(stride)") }
        guard padding >= 0 else { throw WalkError("padding must be 0 or more, got \(padding)") }
        guard dilation >= 1 else { throw WalkError("dilation must be at least 1, got \(dilation)") }
        guard stride <= Limits.stride else { throw WalkError("stride \(stride) is over the limit of \(Limits.stride)") }
        guard padding <= Limits.padding else { throw WalkError("padding \(padding) is over the limit of \(Limits.padding)") }
        guard dilation <= Limits.dilation else { throw WalkError("dilation \(dilation) is over the limit of \(Limits.dilation)") }
    }

    /// A walk keeps every window's values (twice: the patch and its products); refuses one of
    /// more than `Limits.walkValues` before computing it.
    static func checkSize(windows: Int, windowValues: Int) throws(WalkError) {
        guard let total = Limits.product([windows, windowValues, 2], limit: Limits.walkValues) else {
            throw WalkError("the walk would keep \(windows) windows of \(windowValues) values, over the limit of \(Limits.walkValues) values (use less padding or a smaller input)")
        }
        _ = total
    }
}

/// The output-size formula, written out with the actual numbers.
enum WalkFormula {
    /// `(8 − 3 + 2·1) / 1 + 1 = 8`; with a remainder `⌊(7 − 3 + 2·0) / 2⌋ + 1 = 3`; with dilation
    /// the kernel's span `d·(k − 1) + 1` is written out.
    static func text(size: Int, kernel: Int, padding: Int, stride: Int, dilation: Int) -> String {
        let span = dilation * (kernel - 1) + 1
        let kernelText = dilation == 1 ? "\(kernel)" : "\(span)"
        let numerator = size - span + 2 * padding
        let inner = "\(size) − \(kernelText) + 2·\(padding)"
        let result = numerator / stride + 1
        let body = numerator % stride == 0 ? "(\(inner)) / \(stride)" : "⌊(\(inner)) / \(stride)⌋"
        let spanNote = dilation == 1 ? "" : "  (dilated kernel span \(dilation)·(\(kernel) − 1) + 1 = \(span))"
        return "\(body) + 1 = \(result)\(spanNote)"
    }
}

extension Matrix {
    /// This matrix with `padding` rows and columns of `value` around it.
    public func padded(by padding: Int, value: Float = 0) -> Matrix {
        guard padding > 0 else { return self }
        var result = Matrix(rows: rows + 2 * padding, columns: columns + 2 * padding, repeating: value)
        for r in 0..<rows {
            for c in 0..<columns { result[r + padding, c + padding] = self[r, c] }
        }
        return result
    }
}
