/// How one number of a demo network's forward pass was computed, from the numbers below it.
///
/// `DemoNetwork.explain(_:image:)` builds it from the same weights and activations the network
/// view shows; its `value` is the forward pass's value of that cell (tests hold the two equal
/// for every layer of both demo nets).
public enum CellExplanation: Sendable, Equatable {
    /// A pixel of the input image: nothing to compute.
    case pixel(value: Float)
    /// A convolution's output cell (`conv1`, `conv2`, or the ReLU after one).
    case convolution(ConvolutionCellExplanation)
    /// A max-pooling cell: the largest value of its window on the map below.
    case pooling(PoolingCellExplanation)
    /// A flatten unit: a copy of one cell of the map below.
    case flattened(source: NetworkCell, value: Float)
    /// A hidden dense unit (or the ReLU after it).
    case dense(DenseUnitExplanation)
    /// An output: its logit (a dense unit) and the softmax that turns logits into probabilities.
    case output(OutputExplanation)

    /// The cell's value in the forward pass (after the ReLU when the cell is a ReLU layer's;
    /// the logit for an output).
    public var value: Float {
        switch self {
        case .pixel(let value), .flattened(_, let value): return value
        case .convolution(let c): return c.shownValue
        case .pooling(let p): return p.value
        case .dense(let d): return d.shownValue
        case .output(let o): return o.logit.total
        }
    }
}

/// One output cell of a convolution: every input channel's window times the kernel's slice for
/// that channel, the partial sums, the bias, and the ReLU.
public struct ConvolutionCellExplanation: Sendable, Equatable, Encodable {
    /// The explained cell (a conv layer's, or the ReLU layer's after it).
    public var cell: NetworkCell
    /// The convolution layer's index and name (`conv2`).
    public var layer: Int
    public var layerName: String
    /// The layer's real input maps, all channels (`C` maps of `H×W`).
    public var inputs: [Matrix]
    /// The name of the layer the inputs come from (`input`, `pool1`).
    public var inputName: String
    /// The learned kernel's slices for this output channel, one per input channel (3×3).
    public var slices: [Matrix]
    public var bias: Float
    public var stride: Int
    public var padding: Int
    /// Per input channel: the values under the window (0 on padding), their products with the
    /// slice, and the products' sum (the channel's partial sum).
    public var patches: [Matrix]
    public var products: [Matrix]
    public var partials: [Float]
    /// `Σ partials + bias`, as the forward pass adds it.
    public var preActivation: Float
    /// `max(0, preActivation)`: what the ReLU after the layer passes on.
    public var activated: Float
    /// Whether the explained cell is the ReLU layer's (its value is `activated`).
    public var isReLU: Bool

    /// The explained cell's value.
    public var shownValue: Float { isReLU ? activated : preActivation }
    /// The window's top-left cell on the padded input maps.
    public var origin: (row: Int, column: Int) { (cell.row * stride, cell.column * stride) }
}

/// A max-pooling cell: its window on one channel of the map below and the winner.
public struct PoolingCellExplanation: Sendable, Equatable, Encodable {
    public var cell: NetworkCell
    public var layerName: String
    /// The map the window slides over (the channel `cell.channel` of the layer below).
    public var input: Matrix
    public var inputName: String
    public var kernel: Int
    public var stride: Int
    /// The window's values, row by row.
    public var window: Matrix
    /// The winner's place in the window (first on ties, as `PoolingWalk`).
    public var maxRow: Int
    public var maxColumn: Int
    public var value: Float
}

/// One input of a dense unit: where it comes from, its value, the weight, their product.
public struct DenseContribution: Sendable, Equatable, Encodable {
    /// The input's index in the layer below (its flattened order).
    public var index: Int
    /// Where it comes from: `pool2 map 5 (1, 0)`, `relu3 unit 7`.
    public var source: String
    public var input: Float
    public var weight: Float
    public var product: Float
}

/// A dense unit: its inputs sorted by how much they moved it, the rest summed, bias, total.
public struct DenseUnitExplanation: Sendable, Equatable, Encodable {
    public var cell: NetworkCell
    public var layerName: String
    public var inputName: String
    /// The `shownCount` largest |weight × input|, largest first.
    public var top: [DenseContribution]
    /// How many inputs the rest are, and their products' sum.
    public var restCount: Int
    public var restSum: Float
    public var bias: Float
    /// `Σ weight × input + bias`, in the forward pass's order.
    public var total: Float
    /// Whether a ReLU follows (hidden units) and whether the explained cell is the ReLU's.
    public var hasReLU: Bool
    public var isReLU: Bool

    /// How many inputs are listed one by one.
    public static let shownCount = 10

    public var activated: Float { hasReLU ? max(0, total) : total }
    public var shownValue: Float { isReLU ? activated : total }
}

/// An output: the logit's dense computation and the softmax over all ten logits.
public struct OutputExplanation: Sendable, Equatable, Encodable {
    public var logit: DenseUnitExplanation
    /// Every class's logit, `exp(logit − shift)`, their sum and each probability (in Double, so
    /// that `exp` of a large logit is still a number a learner can read).
    public var logits: [Float]
    /// 0, unless a logit is so large that its exponential would overflow: then the largest logit
    /// is subtracted from every one first (which leaves the probabilities unchanged).
    public var shift: Float
    public var exponentials: [Double]
    public var sum: Double
    public var probabilities: [Double]
    /// The explained class.
    public var classIndex: Int { logit.cell.unit }
    public var probability: Double { probabilities[classIndex] }
}

/// Explanations are written as JSON by `tutor explain --json`: a matrix as its rows.
extension Matrix: Encodable {
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(nested)
    }
}
