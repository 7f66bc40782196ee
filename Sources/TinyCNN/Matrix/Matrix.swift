/// A small 2-D grid of numbers: a calculator's input image or kernel.
///
/// Row-major, at least 1×1. Converts to and from single-channel tensors so the same numbers
/// can go through `Conv2D` and the pooling layers.
public struct Matrix: Sendable, Equatable, CustomStringConvertible {
    public let rows: Int
    public let columns: Int
    /// `rows × columns` values, row by row.
    public var values: [Float]

    public init(rows: Int, columns: Int, values: [Float]) {
        precondition(rows >= 0 && columns >= 0 && values.count == rows * columns,
                     "A \(rows)×\(columns) matrix needs \(rows * columns) values, got \(values.count)")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// A matrix of `rows × columns` copies of `value`.
    public init(rows: Int, columns: Int, repeating value: Float = 0) {
        self.init(rows: rows, columns: columns, values: [Float](repeating: value, count: rows * columns))
    }

    /// A matrix from nested rows, which must all have the same length.
    public init(_ nested: [[Float]]) {
        let width = nested.first?.count ?? 0
        precondition(nested.allSatisfy { $0.count == width }, "Matrix rows must all have \(width) values")
        self.init(rows: nested.count, columns: width, values: nested.flatMap { $0 })
    }

    /// The value at (`row`, `column`), both 0-based.
    public subscript(row: Int, column: Int) -> Float {
        get {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns, "(\(row), \(column)) is outside \(rows)×\(columns)")
            return values[row * columns + column]
        }
        set {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns, "(\(row), \(column)) is outside \(rows)×\(columns)")
            values[row * columns + column] = newValue
        }
    }

    /// The rows as nested arrays (for JSON and tests).
    public var nested: [[Float]] {
        (0..<rows).map { r in Array(values[(r * columns)..<((r + 1) * columns)]) }
    }

    /// A one-sample, one-channel batch `[1, 1, rows, columns]`.
    public var tensor: Tensor { Tensor(shape: [1, 1, rows, columns], storage: values) }

    /// The last two dimensions of a tensor holding exactly one plane (`[H, W]`, `[1, H, W]`, `[1, 1, H, W]`).
    public init(plane tensor: Tensor) {
        precondition(tensor.rank >= 2 && tensor.shape.dropLast(2).allSatisfy { $0 == 1 },
                     "Expected a single plane, got \(tensor.shape)")
        self.init(rows: tensor.shape[tensor.rank - 2], columns: tensor.shape[tensor.rank - 1], values: tensor.storage)
    }

    /// Every plane of `tensor` (its last two dimensions) in storage order: the channels of a
    /// sample `[C, H, W]`, or the `F·C` kernel slices of a convolution weight `[F, C, KH, KW]`
    /// (filter by filter).
    public static func planes(of tensor: Tensor) -> [Matrix] {
        precondition(tensor.rank >= 2, "Expected at least two dimensions, got \(tensor.shape)")
        let rows = tensor.shape[tensor.rank - 2], columns = tensor.shape[tensor.rank - 1], size = rows * columns
        guard size > 0 else { return [] }
        return stride(from: 0, to: tensor.storage.count, by: size).map {
            Matrix(rows: rows, columns: columns, values: Array(tensor.storage[$0..<($0 + size)]))
        }
    }

    /// The same grid with `transform` applied to every value (e.g. a ReLU: `{ max(0, $0) }`).
    public func map(_ transform: (Float) -> Float) -> Matrix {
        Matrix(rows: rows, columns: columns, values: values.map(transform))
    }

    /// `3×4`.
    public var sizeDescription: String { "\(rows)×\(columns)" }

    public var description: String { "Matrix(\(sizeDescription))" }
}
