/// A single-channel convolution laid out step by step, for teaching.
///
/// For every output position in reading order: where the window sits on the zero-padded
/// input, the values under it (sampled every `dilation` cells), their products with the
/// kernel, the sum, the bias, and the output value. The numbers are computed exactly as
/// `Conv2D.forward` computes them (cross-correlation, Float arithmetic), and tests hold the two
/// equal for every small size, stride, padding and dilation.
public struct ConvolutionWalk: Sendable, Equatable {
    /// One output position.
    public struct Step: Sendable, Equatable {
        /// The output cell (0-based).
        public var row: Int
        public var column: Int
        /// The window's top-left cell in padded coordinates (padding rows/columns count).
        public var originRow: Int
        public var originColumn: Int
        /// The input values under the kernel's cells (0 where the window covers padding).
        public var patch: Matrix
        /// `patch ⊙ kernel`.
        public var products: Matrix
        /// The sum of the products.
        public var sum: Float
        /// The bias added.
        public var bias: Float
        /// `sum + bias`.
        public var value: Float
    }

    public let input: Matrix
    public let kernel: Matrix
    public let stride: Int
    public let padding: Int
    public let dilation: Int
    public let bias: Float
    /// The output, `outputRows × outputColumns`.
    public let output: Matrix
    /// Every output position, in reading order.
    public let steps: [Step]

    /// Computes the walk, or says why the convolution cannot be done with these settings.
    public init(input: Matrix, kernel: Matrix, stride: Int = 1, padding: Int = 0, dilation: Int = 1, bias: Float = 0) throws(WalkError) {
        try WalkError.check(stride: stride, padding: padding, dilation: dilation)
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
        let outRows = (paddedRows - spanRows) / stride + 1, outColumns = (paddedColumns - spanColumns) / stride + 1
        try WalkError.checkSize(windows: outRows * outColumns, windowValues: kernel.rows * kernel.columns)
        var steps: [Step] = []
        steps.reserveCapacity(outRows * outColumns)
        var values: [Float] = []
        for r in 0..<outRows {
            for c in 0..<outColumns {
                var patch = Matrix(rows: kernel.rows, columns: kernel.columns)
                var products = patch
                for i in 0..<kernel.rows {
                    for j in 0..<kernel.columns {
                        let y = r * stride + i * dilation - padding, x = c * stride + j * dilation - padding
                        let v: Float = (y >= 0 && y < input.rows && x >= 0 && x < input.columns) ? input[y, x] : 0
                        patch[i, j] = v
                        products[i, j] = v * kernel[i, j]
                    }
                }
                // Summed in the same order as the layer's matrix product (row by row).
                var sum: Float = 0
                for p in products.values { sum += p }
                let value = sum + bias
                values.append(value)
                steps.append(Step(row: r, column: c, originRow: r * stride, originColumn: c * stride,
                                  patch: patch, products: products, sum: sum, bias: bias, value: value))
            }
        }
        self.input = input
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
        self.dilation = dilation
        self.bias = bias
        self.output = Matrix(rows: outRows, columns: outColumns, values: values)
        self.steps = steps
    }

    /// The input with its zero padding, as the window sees it.
    public var paddedInput: Matrix { input.padded(by: padding) }

    /// The output size along rows, as a learner writes it: `(8 − 3 + 2·1) / 1 + 1 = 8`.
    public var rowFormula: String {
        WalkFormula.text(size: input.rows, kernel: kernel.rows, padding: padding, stride: stride, dilation: dilation)
    }

    /// The output size along columns, e.g. `(8 − 3 + 2·1) / 1 + 1 = 8`.
    public var columnFormula: String {
        WalkFormula.text(size: input.columns, kernel: kernel.columns, padding: padding, stride: stride, dilation: dilation)
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
