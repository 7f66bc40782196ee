/// The backward pass of one convolution filter, laid out for teaching.
///
/// Given the forward setting (an input of C channels, a kernel of C slices, stride, padding,
/// dilation) and the loss gradient at the filter's output map, `dL/dY`, the walk writes out
/// every sum backpropagation computes:
///
/// - **weight gradient**, one kernel tap at a time:
///   `dL/dW[c,u,v] = Σ_ij dL/dY[i,j] · X_pad[c, i·s + u·d, j·s + v·d]`: the tap met every input
///   cell its window position touched, so its gradient adds up those cells times the upstream
///   gradient of the window;
/// - **input gradient**, one input cell at a time: the sum over the windows that covered the
///   cell of `dL/dY[i,j] · W[c,u,v]` (a cell no window reached gets 0), and the same numbers as a
///   full correlation of the stretched `dL/dY` with the 180°-rotated kernel (`fullCorrelation`);
/// - **bias gradient**: the sum of `dL/dY`.
///
/// Sums run in Float, in reading order of the output map, as a learner would add them.
public struct ConvolutionGradientWalk: Sendable, Equatable {
    /// One product in a gradient sum: the upstream gradient of one output cell times the value
    /// it meets (an input value for a weight tap, a weight for an input cell).
    public struct Term: Sendable, Equatable {
        /// The output cell whose gradient this is.
        public var outputRow: Int
        public var outputColumn: Int
        /// The kernel tap involved.
        public var tapRow: Int
        public var tapColumn: Int
        /// The input cell involved, unpadded (negative or past the edge on padding).
        public var inputRow: Int
        public var inputColumn: Int
        /// `dL/dY[outputRow, outputColumn]`.
        public var upstream: Float
        /// The input value (0 on padding) for a weight tap; the weight for an input cell.
        public var factor: Float
        /// `upstream · factor`.
        public var product: Float
        /// Whether the input cell is zero padding.
        public var onPadding: Bool
    }

    /// One gradient value with the terms that make it.
    public struct Sum: Sendable, Equatable {
        /// The input channel (the kernel slice, for a weight tap).
        public var channel: Int
        /// The tap (weight gradient) or the input cell (input gradient).
        public var row: Int
        public var column: Int
        /// In reading order of the output cells.
        public var terms: [Term]
        public var value: Float
    }

    /// The input gradient computed a second way: correlate `dL/dY`, stretched by the stride and
    /// bordered with zeros, with each kernel slice rotated by 180°.
    public struct FullCorrelation: Sendable, Equatable {
        /// `dL/dY` with `stride − 1` zeros between neighbours and a border of `dilation·(k − 1)`
        /// zeros (plus the rows/columns the forward windows never reached).
        public var stretchedUpstream: Matrix
        /// Each kernel slice rotated by 180°.
        public var flippedKernel: [Matrix]
        /// The correlation result per channel: the gradient of the padded input.
        public var paddedInputGradient: [Matrix]
        /// The padding cropped from each side to get `inputGradient`.
        public var padding: Int
        /// The dilation the flipped kernel is applied with.
        public var dilation: Int
    }

    public let input: [Matrix]
    public let kernel: [Matrix]
    public let upstream: Matrix
    public let stride: Int
    public let padding: Int
    public let dilation: Int
    /// Channel-major, taps in reading order: `C · KH · KW` sums.
    public let weightTaps: [Sum]
    /// Channel-major, cells in reading order: `C · H · W` sums.
    public let inputCells: [Sum]
    /// `dL/dW`, one matrix per kernel slice.
    public let weightGradient: [Matrix]
    /// `dL/dX`, one matrix per input channel.
    public let inputGradient: [Matrix]
    /// `dL/db = Σ dL/dY`.
    public let biasGradient: Float

    /// Computes the walk, or says why these settings and this upstream gradient do not fit.
    public init(input: [Matrix], kernel: [Matrix], upstream: Matrix,
                stride: Int = 1, padding: Int = 0, dilation: Int = 1) throws(WalkError) {
        let geometry = try Self.checkedGeometry(input: input, kernel: kernel, stride: stride, padding: padding, dilation: dilation)
        let (outRows, outColumns) = (geometry.rows, geometry.columns)
        guard upstream.rows == outRows, upstream.columns == outColumns else {
            throw WalkError("the upstream gradient is \(upstream.sizeDescription) but the convolution's output is \(outRows)×\(outColumns)")
        }
        let channels = input.count, kh = kernel[0].rows, kw = kernel[0].columns
        let h = input[0].rows, w = input[0].columns
        // Every product is kept twice (once under its tap, once under its input cell).
        guard Limits.product([channels, kh * kw, outRows * outColumns, 2], limit: Self.termLimit) != nil else {
            throw WalkError("the gradient walk would keep over \(Self.termLimit) products (\(channels) channels, a \(kh)×\(kw) kernel, \(outRows)×\(outColumns) outputs): use a smaller input or kernel")
        }

        func term(_ c: Int, _ i: Int, _ j: Int, _ u: Int, _ v: Int, weightSide: Bool) -> Term {
            let y = i * stride + u * dilation - padding, x = j * stride + v * dilation - padding
            let onPadding = !(y >= 0 && y < h && x >= 0 && x < w)
            let factor = weightSide ? (onPadding ? 0 : input[c][y, x]) : kernel[c][u, v]
            let g = upstream[i, j]
            return Term(outputRow: i, outputColumn: j, tapRow: u, tapColumn: v, inputRow: y, inputColumn: x,
                        upstream: g, factor: factor, product: g * factor, onPadding: onPadding)
        }

        var taps: [Sum] = [], weightGradient: [Matrix] = []
        taps.reserveCapacity(channels * kh * kw)
        for c in 0..<channels {
            var grid = Matrix(rows: kh, columns: kw)
            for u in 0..<kh {
                for v in 0..<kw {
                    var terms: [Term] = []
                    terms.reserveCapacity(outRows * outColumns)
                    for i in 0..<outRows {
                        for j in 0..<outColumns { terms.append(term(c, i, j, u, v, weightSide: true)) }
                    }
                    let value = Self.total(terms)
                    grid[u, v] = value
                    taps.append(Sum(channel: c, row: u, column: v, terms: terms, value: value))
                }
            }
            weightGradient.append(grid)
        }

        var cells: [Sum] = [], inputGradient: [Matrix] = []
        cells.reserveCapacity(channels * h * w)
        for c in 0..<channels {
            var grid = Matrix(rows: h, columns: w)
            for y in 0..<h {
                for x in 0..<w {
                    var terms: [Term] = []
                    for u in 0..<kh {
                        let top = y + padding - u * dilation
                        guard top >= 0, top % stride == 0, top / stride < outRows else { continue }
                        for v in 0..<kw {
                            let left = x + padding - v * dilation
                            guard left >= 0, left % stride == 0, left / stride < outColumns else { continue }
                            terms.append(term(c, top / stride, left / stride, u, v, weightSide: false))
                        }
                    }
                    terms.sort { ($0.outputRow, $0.outputColumn) < ($1.outputRow, $1.outputColumn) }
                    let value = Self.total(terms)
                    grid[y, x] = value
                    cells.append(Sum(channel: c, row: y, column: x, terms: terms, value: value))
                }
            }
            inputGradient.append(grid)
        }

        self.input = input
        self.kernel = kernel
        self.upstream = upstream
        self.stride = stride
        self.padding = padding
        self.dilation = dilation
        self.weightTaps = taps
        self.inputCells = cells
        self.weightGradient = weightGradient
        self.inputGradient = inputGradient
        self.biasGradient = upstream.values.reduce(0, +)
    }

    /// The input gradient as a full correlation (the same numbers as `inputGradient`).
    public var fullCorrelation: FullCorrelation {
        let kh = kernel[0].rows, kw = kernel[0].columns
        let paddedRows = input[0].rows + 2 * padding, paddedColumns = input[0].columns + 2 * padding
        let borderRows = dilation * (kh - 1), borderColumns = dilation * (kw - 1)
        // Rows/columns of the padded input past the last window's reach get no gradient.
        let spareRows = paddedRows - ((upstream.rows - 1) * stride + borderRows + 1)
        let spareColumns = paddedColumns - ((upstream.columns - 1) * stride + borderColumns + 1)
        var stretched = Matrix(rows: (upstream.rows - 1) * stride + 1 + 2 * borderRows + spareRows,
                               columns: (upstream.columns - 1) * stride + 1 + 2 * borderColumns + spareColumns)
        for i in 0..<upstream.rows {
            for j in 0..<upstream.columns { stretched[borderRows + i * stride, borderColumns + j * stride] = upstream[i, j] }
        }
        let flipped = kernel.map { slice in
            Matrix(rows: kh, columns: kw, values: Array(slice.values.reversed()))
        }
        let gradients = flipped.map { slice in
            var grid = Matrix(rows: paddedRows, columns: paddedColumns)
            for y in 0..<paddedRows {
                for x in 0..<paddedColumns {
                    var sum: Float = 0
                    for u in 0..<kh {
                        for v in 0..<kw { sum += stretched[y + u * dilation, x + v * dilation] * slice[u, v] }
                    }
                    grid[y, x] = sum
                }
            }
            return grid
        }
        return FullCorrelation(stretchedUpstream: stretched, flippedKernel: flipped,
                               paddedInputGradient: gradients, padding: padding, dilation: dilation)
    }

    /// The weights after one plain SGD step, `W − rate · dL/dW`, one matrix per slice.
    public func kernelAfterStep(learningRate rate: Float) -> [Matrix] {
        zip(kernel, weightGradient).map { slice, gradient in
            Matrix(rows: slice.rows, columns: slice.columns,
                   values: zip(slice.values, gradient.values).map { $0 - rate * $1 })
        }
    }

    /// The most products a walk keeps (about 50 MB).
    public static let termLimit = 1 << 20

    private static func total(_ terms: [Term]) -> Float {
        var sum: Float = 0
        for t in terms { sum += t.product }
        return sum
    }

    /// The forward output's size (the size `upstream` must have), or why these settings fit no window.
    public static func outputSize(input: [Matrix], kernel: [Matrix], stride: Int = 1, padding: Int = 0, dilation: Int = 1)
        throws(WalkError) -> (rows: Int, columns: Int) {
        try checkedGeometry(input: input, kernel: kernel, stride: stride, padding: padding, dilation: dilation)
    }

    /// The forward output size, after the convolution walk's own checks (channels agree, the
    /// kernel fits the padded input).
    static func checkedGeometry(input: [Matrix], kernel: [Matrix], stride: Int, padding: Int, dilation: Int)
        throws(WalkError) -> (rows: Int, columns: Int) {
        let shape = try ConvolutionWalk.Geometry(inputs: input, kernels: kernel, stride: stride, padding: padding, dilation: dilation)
        return (shape.outRows, shape.outColumns)
    }
}
