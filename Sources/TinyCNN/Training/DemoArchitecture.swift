/// The shape of the tutor's two demo networks, which share one structure:
///
///     conv 1→8 3×3 pad 1, ReLU, maxpool 2, conv 8→16 3×3 pad 1, ReLU, maxpool 2,
///     flatten, dense F→hidden, ReLU, dense hidden→10
///
/// with F = 16 · (side/4)². `digits` (8×8 input, hidden 32) and `mnist` (28×28 input, hidden 64)
/// are the networks of `data/README.md`. The fixed channel counts (8 and 16) are what the fused
/// training kernels are written for.
public struct DemoArchitecture: Sendable, Equatable, Hashable, Codable {
    /// `digits` or `mnist`; names the net in reports and model files.
    public var name: String
    /// The input's height and width in pixels; a multiple of 4.
    public var side: Int
    /// The first dense layer's width; a multiple of 8.
    public var hidden: Int

    public static let conv1Channels = 8
    public static let conv2Channels = 16
    public static let classCount = 10

    /// The digits net: 8×8 input, 3,658 parameters.
    public static let digits = DemoArchitecture(name: "digits", side: 8, hidden: 32)
    /// The MNIST net: 28×28 input, 52,138 parameters.
    public static let mnist = DemoArchitecture(name: "mnist", side: 28, hidden: 64)

    public init(name: String, side: Int, hidden: Int) {
        precondition(side >= 4 && side % 4 == 0, "DemoArchitecture: side \(side) must be a positive multiple of 4")
        precondition(hidden >= 8 && hidden % 8 == 0, "DemoArchitecture: hidden \(hidden) must be a positive multiple of 8")
        self.name = name
        self.side = side
        self.hidden = hidden
    }

    /// The demo net for a data set: `digits` for 8×8 images, `mnist` for 28×28.
    public static func forImages(side: Int) -> DemoArchitecture {
        side == 8 ? .digits : side == 28 ? .mnist : DemoArchitecture(name: "demo\(side)", side: side, hidden: 64)
    }

    /// The one definition of the net: every layer in order. Names, output shapes, the spec
    /// text, the weighted layers, operation counts and the parameter layout are derived from it.
    public var layers: [DemoLayer] {
        let c1 = Self.conv1Channels, c2 = Self.conv2Channels
        return [.conv(name: "conv1", inputs: 1, outputs: c1), .relu(name: "relu1"), .pool(name: "pool1"),
                .conv(name: "conv2", inputs: c1, outputs: c2), .relu(name: "relu2"), .pool(name: "pool2"),
                .flatten, .dense(name: "dense1", inputs: features, outputs: hidden), .relu(name: "relu3"),
                .dense(name: "dense2", inputs: hidden, outputs: Self.classCount)]
    }

    /// The layers as the tutor's model-spec language writes them.
    public var specification: String { layers.map(\.specification).joined(separator: ", ") }

    /// The layer names, in order, as snapshots index them.
    public var layerNames: [String] { layers.map(\.name) }

    /// Indices (into `layers`) of the layers that have weights.
    public var weightedLayers: [Int] { layers.indices.filter { layers[$0].hasWeights } }

    /// Each layer's output shape for one sample (C×H×W for images, [n] for vectors).
    public var layerOutputShapes: [[Int]] {
        var shape = [1, side, side]
        return layers.map { layer in
            shape = layer.outputShape(from: shape)
            return shape
        }
    }

    /// Inputs to the first dense layer.
    public var features: Int { Self.conv2Channels * (side / 4) * (side / 4) }

    /// Multiply-adds of each layer in one forward pass of one sample (0 for layers without weights).
    private var layerMACs: [Int] {
        var shape = [1, side, side]
        return layers.map { layer in
            shape = layer.outputShape(from: shape)
            return layer.weightCount * (shape.count == 3 ? shape[1] * shape[2] : 1)
        }
    }

    /// Multiply-adds in one forward pass of one sample.
    public var forwardMACs: Int { layerMACs.reduce(0, +) }

    /// Floating-point operations in one training step of one sample: the forward pass, the
    /// weight gradients, and the input gradients of every layer but the first (2 per multiply-add).
    public var trainingFLOPs: Int {
        let first = weightedLayers.first
        return 2 * zip(layers.indices, layerMACs).reduce(0) { $0 + $1.1 * ($1.0 == first ? 2 : 3) }
    }

    /// Where each parameter block starts in the flat parameter vector.
    var layout: ParameterLayout { ParameterLayout(self) }
}

/// Offsets of the parameter blocks in a demo net's flat parameter (and gradient) vector.
///
/// Storage is channel-last so that the kernels read whole SIMD vectors:
/// `w1[tap][8]`, `w2[tap][in 8][out 16]`, `w3[feature][hidden]` with features in
/// (y, x, channel) order, `w4[hidden][10]`, where `tap = ky * 3 + kx`.
struct ParameterLayout: Sendable, Equatable {
    let side, s2, s4, hidden, features: Int
    let w1, b1, w2, b2, w3, b3, w4, b4, count: Int

    /// Each weighted layer's weights then its biases, in the order of `a.layers`.
    init(_ a: DemoArchitecture) {
        side = a.side; s2 = a.side / 2; s4 = a.side / 4; hidden = a.hidden
        features = a.features
        var starts: [(weights: Int, biases: Int)] = []
        var next = 0
        for layer in a.layers where layer.hasWeights {
            starts.append((next, next + layer.weightCount))
            next += layer.weightCount + layer.biasCount
        }
        precondition(starts.count == 4, "ParameterLayout: the fused kernels are written for 4 weighted layers, not \(starts.count)")
        (w1, b1) = starts[0]
        (w2, b2) = starts[1]
        (w3, b3) = starts[2]
        (w4, b4) = starts[3]
        count = next
    }
}

/// One layer of a demo net, as `DemoArchitecture.layers` defines it. Convolutions are 3×3 with
/// padding 1, pools 2×2 max.
public enum DemoLayer: Sendable, Hashable {
    case conv(name: String, inputs: Int, outputs: Int)
    case relu(name: String)
    case pool(name: String)
    case flatten
    case dense(name: String, inputs: Int, outputs: Int)

    public var name: String {
        switch self {
        case .conv(let name, _, _), .relu(let name), .pool(let name), .dense(let name, _, _): return name
        case .flatten: return "flatten"
        }
    }

    /// The layer in the model-spec language: `conv 8 3 pad 1`.
    public var specification: String {
        switch self {
        case .conv(_, _, let outputs): return "conv \(outputs) 3 pad 1"
        case .relu: return "relu"
        case .pool: return "pool 2"
        case .flatten: return "flatten"
        case .dense(_, _, let outputs): return "dense \(outputs)"
        }
    }

    public var hasWeights: Bool { weightCount > 0 }

    /// Weights (not biases): `outputs × inputs × 3 × 3` for a convolution.
    public var weightCount: Int {
        switch self {
        case .conv(_, let inputs, let outputs): return outputs * inputs * 9
        case .dense(_, let inputs, let outputs): return outputs * inputs
        case .relu, .pool, .flatten: return 0
        }
    }

    /// Biases: one per output channel or unit.
    public var biasCount: Int {
        switch self {
        case .conv(_, _, let outputs), .dense(_, _, let outputs): return outputs
        case .relu, .pool, .flatten: return 0
        }
    }

    /// Inputs per output (the fan-in of He and Glorot initialisation).
    public var fanIn: Int {
        switch self {
        case .conv(_, let inputs, _): return inputs * 9
        case .dense(_, let inputs, _): return inputs
        case .relu, .pool, .flatten: return 0
        }
    }

    /// The output shape for an input of `shape` (C×H×W or [n]).
    func outputShape(from shape: [Int]) -> [Int] {
        switch self {
        case .conv(_, _, let outputs): return [outputs, shape[1], shape[2]]
        case .relu: return shape
        case .pool: return [shape[0], shape[1] / 2, shape[2] / 2]
        case .flatten: return [shape.reduce(1, *)]
        case .dense(_, _, let outputs): return [outputs]
        }
    }
}
