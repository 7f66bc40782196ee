/// A dense array of `Float` with a shape, stored row-major.
///
/// Images are laid out NCHW: `N` samples, `C` channels, `H` rows, `W` columns; the last index
/// varies fastest. A tensor is a value: copies share storage until one of them is written
/// (Swift's copy-on-write), which is how layers hand their preallocated outputs to the next
/// layer without copying.
public struct Tensor: Sendable, Equatable {
    /// The size of each dimension, outermost first.
    public private(set) var shape: [Int]
    /// The elements in row-major order; `storage.count == shape.product`.
    public var storage: [Float]

    /// A tensor of `shape` filled with `value`.
    public init(shape: [Int], repeating value: Float = 0) {
        precondition(shape.allSatisfy { $0 >= 0 }, "Tensor shape \(shape) has a negative dimension")
        self.shape = shape
        self.storage = [Float](repeating: value, count: shape.reduce(1, *))
    }

    /// A tensor of `shape` holding `storage` (row-major).
    public init(shape: [Int], storage: [Float]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "Tensor shape \(shape) has a negative dimension")
        precondition(shape.reduce(1, *) == storage.count,
                     "Tensor shape \(shape) needs \(shape.reduce(1, *)) elements, got \(storage.count)")
        self.shape = shape
        self.storage = storage
    }

    /// An empty tensor of shape `[0]`, used where a layer has nothing to return.
    public static let empty = Tensor(shape: [0])

    /// The number of elements.
    @inlinable public var count: Int { storage.count }

    /// The number of dimensions.
    public var rank: Int { shape.count }

    /// The same elements under another shape with the same element count (no copy).
    public func reshaped(_ newShape: [Int]) -> Tensor {
        precondition(newShape.reduce(1, *) == count,
                     "Cannot reshape \(shape) (\(count) elements) to \(newShape)")
        return Tensor(shape: newShape, storage: storage)
    }

    /// Changes the shape in place; the element count must stay the same.
    public mutating func reshape(_ newShape: [Int]) {
        precondition(newShape.reduce(1, *) == count,
                     "Cannot reshape \(shape) (\(count) elements) to \(newShape)")
        shape = newShape
    }

    /// Makes this tensor `newShape`, reallocating only when the element count changes, so a
    /// layer's buffers are allocated once per batch size. Contents are unspecified afterwards.
    public mutating func resize(to newShape: [Int]) {
        let n = newShape.reduce(1, *)
        if n != storage.count { storage = [Float](repeating: 0, count: n) }
        shape = newShape
    }

    /// Sets every element to zero without reallocating.
    public mutating func zero() {
        storage.withUnsafeMutableBufferPointer { p in
            guard let base = p.baseAddress else { return }
            base.update(repeating: 0, count: p.count)
        }
    }

    /// The element at a multi-dimensional index (slow; for tests and tools, not hot loops).
    public subscript(index: Int...) -> Float {
        get { storage[offset(of: index)] }
        set { storage[offset(of: index)] = newValue }
    }

    /// The row-major offset of `index`.
    public func offset(of index: [Int]) -> Int {
        precondition(index.count == shape.count, "Index \(index) does not match shape \(shape)")
        var offset = 0
        for (i, (value, size)) in zip(index, shape).enumerated() {
            precondition(value >= 0 && value < size, "Index \(index) is out of range for shape \(shape) at dimension \(i)")
            offset = offset * size + value
        }
        return offset
    }

    /// Sample `n` of a batch (the outermost dimension), as its own tensor (a copy).
    public func sample(_ n: Int) -> Tensor {
        precondition(rank >= 1 && n >= 0 && n < shape[0], "Sample \(n) is out of range for shape \(shape)")
        let per = count / shape[0]
        return Tensor(shape: Array(shape.dropFirst()), storage: Array(storage[n * per ..< (n + 1) * per]))
    }

    /// The index of the largest element (the first one on ties).
    public var argmax: Int {
        var best = 0
        for i in storage.indices where storage[i] > storage[best] { best = i }
        return best
    }
}

extension Tensor: CustomStringConvertible {
    public var description: String {
        "Tensor(\(shape.map(String.init).joined(separator: "×")))"
    }
}

/// Formats a shape the way learners read it: `[10, 2, 2]` → `10×2×2`.
public func formatShape(_ shape: [Int]) -> String {
    shape.map(String.init).joined(separator: "×")
}
