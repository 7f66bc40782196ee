/// A single-channel pooling laid out step by step, for teaching.
///
/// For every output position in reading order: the window's place on the padded input, the
/// values under it, and the result — the maximum (with where it is) or the average. Computed
/// as `MaxPool2D` / `AvgPool2D` compute it: padding never wins a max, and averages divide by
/// the whole window (padding included).
public struct PoolingWalk: Sendable, Equatable {
    /// Max or average pooling.
    public enum Mode: String, Sendable, CaseIterable {
        case max, avg
    }

    /// One output position.
    public struct Step: Sendable, Equatable {
        public var row: Int
        public var column: Int
        /// The window's top-left cell in padded coordinates.
        public var originRow: Int
        public var originColumn: Int
        /// The values under the window; cells on padding hold nil.
        public var window: [[Float?]]
        /// For max pooling, the winning cell within the window (first one on ties).
        public var maxRow: Int?
        public var maxColumn: Int?
        /// For average pooling, the sum of the window (padding counts as 0).
        public var sum: Float?
        /// The pooled value.
        public var value: Float
    }

    public let input: Matrix
    public let mode: Mode
    public let kernel: Int
    public let stride: Int
    public let padding: Int
    public let output: Matrix
    public let steps: [Step]

    /// Computes the walk, or says why these settings cannot pool this input.
    public init(input: Matrix, mode: Mode, kernel: Int, stride: Int? = nil, padding: Int = 0) throws(WalkError) {
        let stride = stride ?? kernel
        guard kernel >= 1 else { throw WalkError("kernel must be at least 1, got \(kernel)") }
        guard kernel <= Limits.dimension else { throw WalkError("kernel \(kernel) is over the limit of \(Limits.dimension)") }
        try WalkError.check(stride: stride, padding: padding, dilation: 1)
        guard padding <= kernel / 2 else {
            throw WalkError("padding must be at most half the kernel (\(kernel / 2) for a \(kernel)×\(kernel) window), got \(padding)")
        }
        guard input.rows > 0, input.columns > 0 else { throw WalkError("the input must have at least one value") }
        let paddedRows = input.rows + 2 * padding, paddedColumns = input.columns + 2 * padding
        guard kernel <= paddedRows, kernel <= paddedColumns else {
            let into = padding > 0 ? "the padded input (\(paddedRows)×\(paddedColumns))" : "the input (\(input.sizeDescription))"
            throw WalkError("the window (\(kernel)×\(kernel)) is larger than \(into)")
        }
        let outRows = (paddedRows - kernel) / stride + 1, outColumns = (paddedColumns - kernel) / stride + 1
        try WalkError.checkSize(windows: outRows * outColumns, windowValues: kernel * kernel)
        var steps: [Step] = []
        var values: [Float] = []
        for r in 0..<outRows {
            for c in 0..<outColumns {
                var window: [[Float?]] = []
                var best = -Float.infinity, bestRow: Int?, bestColumn: Int?
                var total: Float = 0
                for i in 0..<kernel {
                    var row: [Float?] = []
                    for j in 0..<kernel {
                        let y = r * stride + i - padding, x = c * stride + j - padding
                        guard y >= 0, y < input.rows, x >= 0, x < input.columns else { row.append(nil); continue }
                        let v = input[y, x]
                        row.append(v)
                        total += v
                        if v > best || bestRow == nil { best = v; bestRow = i; bestColumn = j }
                    }
                    window.append(row)
                }
                let value = mode == .max ? best : total * (1 / Float(kernel * kernel))
                values.append(value)
                steps.append(Step(row: r, column: c, originRow: r * stride, originColumn: c * stride, window: window,
                                  maxRow: mode == .max ? bestRow : nil, maxColumn: mode == .max ? bestColumn : nil,
                                  sum: mode == .avg ? total : nil, value: value))
            }
        }
        self.input = input
        self.mode = mode
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
        self.output = Matrix(rows: outRows, columns: outColumns, values: values)
        self.steps = steps
    }

    /// `(8 − 2 + 2·0) / 2 + 1 = 4` for the rows.
    public var rowFormula: String {
        WalkFormula.text(size: input.rows, kernel: kernel, padding: padding, stride: stride, dilation: 1)
    }

    /// The same for the columns.
    public var columnFormula: String {
        WalkFormula.text(size: input.columns, kernel: kernel, padding: padding, stride: stride, dilation: 1)
    }
}
