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

    /// The layers as the tutor's model-spec language writes them.
    public var specification: String {
        "conv 8 3 pad 1, relu, pool 2, conv 16 3 pad 1, relu, pool 2, flatten, dense \(hidden), relu, dense 10"
    }

    /// The layer names, in order, as snapshots index them.
    public var layerNames: [String] {
        ["conv1", "relu1", "pool1", "conv2", "relu2", "pool2", "flatten", "dense1", "relu3", "dense2"]
    }

    /// Each layer's output shape for one sample (C×H×W for images, [n] for vectors).
    public var layerOutputShapes: [[Int]] {
        let s = side, s2 = side / 2, s4 = side / 4
        return [[8, s, s], [8, s, s], [8, s2, s2], [16, s2, s2], [16, s2, s2], [16, s4, s4],
                [features], [hidden], [hidden], [10]]
    }

    /// Inputs to the first dense layer.
    public var features: Int { 16 * (side / 4) * (side / 4) }

    /// Multiply-adds in one forward pass of one sample.
    public var forwardMACs: Int {
        let s2 = side / 2
        return side * side * 8 * 9 + s2 * s2 * 16 * 72 + features * hidden + hidden * 10
    }

    /// Floating-point operations in one training step of one sample: the forward pass, the
    /// weight gradients, and the input gradients of every layer but the first (2 per multiply-add).
    public var trainingFLOPs: Int {
        let s2 = side / 2
        let conv1 = side * side * 8 * 9, conv2 = s2 * s2 * 16 * 72
        let dense = features * hidden + hidden * 10
        return 2 * (2 * conv1 + 3 * conv2 + 3 * dense)
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
    let w1 = 0, b1 = 72, w2 = 80, b2 = 1232, w3 = 1248
    let b3, w4, b4, count: Int

    init(_ a: DemoArchitecture) {
        side = a.side; s2 = a.side / 2; s4 = a.side / 4; hidden = a.hidden
        features = 16 * s4 * s4
        b3 = w3 + features * hidden
        w4 = b3 + hidden
        b4 = w4 + hidden * 10
        count = b4 + 10
    }
}
