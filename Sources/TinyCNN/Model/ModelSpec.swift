/// A network architecture written the way a lesson writes it:
/// `"conv 10 5, pool 2, conv 20 5, pool 2, flatten, dense 50, dense 10"`.
///
/// Items are separated by commas (or new lines). Each item is a layer keyword and its numbers:
///
/// | item | meaning |
/// | --- | --- |
/// | `conv F K` / `conv F KxL` + `stride S`, `pad P`, `dilation D` | F filters of K×K (or K×L) |
/// | `pool K`, `maxpool K`, `avgpool K` + `stride S`, `pad P` | pooling (stride defaults to K) |
/// | `relu`, `leakyrelu [slope]`, `sigmoid`, `tanh` | activations |
/// | `flatten`, `dense N`, `dropout P`, `batchnorm` | the rest |
///
/// Input channels are never written: they follow from the input shape. `dense` after an image
/// shape flattens it implicitly (the shapes table says so).
public struct ModelSpec: Sendable, Equatable, CustomStringConvertible {
    /// One layer of a spec.
    public enum LayerSpec: Sendable, Equatable, CustomStringConvertible {
        case conv(filters: Int, kernelHeight: Int, kernelWidth: Int, stride: Int, padding: Int, dilation: Int)
        case maxPool(kernel: Int, stride: Int, padding: Int)
        case avgPool(kernel: Int, stride: Int, padding: Int)
        case relu
        case leakyReLU(slope: Float)
        case sigmoid
        case tanh
        case flatten
        case dense(units: Int)
        case dropout(rate: Float)
        case batchNorm

        /// A convolution's settings that differ from the defaults, as written in a spec: ` stride 2 pad 1`.
        static func convOptions(stride: Int, padding: Int, dilation: Int) -> String {
            (stride != 1 ? " stride \(stride)" : "") + (padding != 0 ? " pad \(padding)" : "")
                + (dilation != 1 ? " dilation \(dilation)" : "")
        }

        /// The canonical text, which parses back to the same value.
        public var description: String {
            switch self {
            case let .conv(f, kh, kw, s, p, d):
                return "conv \(f) " + (kh == kw ? "\(kh)" : "\(kh)x\(kw)") + Self.convOptions(stride: s, padding: p, dilation: d)
            case let .maxPool(k, s, p): return poolSummary("maxpool", k, s, p)
            case let .avgPool(k, s, p): return poolSummary("avgpool", k, s, p)
            case .relu: return "relu"
            case let .leakyReLU(slope): return slope == 0.01 ? "leakyrelu" : "leakyrelu \(slope)"
            case .sigmoid: return "sigmoid"
            case .tanh: return "tanh"
            case .flatten: return "flatten"
            case let .dense(units): return "dense \(units)"
            case let .dropout(rate): return "dropout \(rate)"
            case .batchNorm: return "batchnorm"
            }
        }

        /// Whether this is a rectifier (the initialisation rule looks for one).
        var isRectifier: Bool {
            switch self {
            case .relu, .leakyReLU: return true
            default: return false
            }
        }
    }

    /// The layers in order.
    public var layers: [LayerSpec]

    public init(layers: [LayerSpec]) {
        self.layers = layers
    }

    /// The canonical text, e.g. `conv 8 3 pad 1, relu, maxpool 2`.
    public var description: String {
        layers.map(\.description).joined(separator: ", ")
    }

    /// The digits demo net (8×8 inputs): conv 1→8 3×3 pad 1, ReLU, maxpool 2, conv 8→16 3×3
    /// pad 1, ReLU, maxpool 2, flatten, dense 64→32, ReLU, dense 32→10.
    public static let digits = demo(hidden: 32)

    /// The mnist demo net (28×28 inputs): as `digits`, with dense 784→64 and 64→10.
    public static let mnist = demo(hidden: 64)

    /// The demo nets' one shape: two conv-ReLU-pool stages, then a hidden dense layer of `hidden`
    /// units and the ten class scores.
    private static func demo(hidden: Int) -> ModelSpec {
        let stage = { (filters: Int) -> [LayerSpec] in
            [.conv(filters: filters, kernelHeight: 3, kernelWidth: 3, stride: 1, padding: 1, dilation: 1), .relu, .maxPool(kernel: 2, stride: 2, padding: 0)]
        }
        return ModelSpec(layers: stage(8) + stage(16) + [.flatten, .dense(units: hidden), .relu, .dense(units: 10)])
    }

    /// Whether the net uses rectifiers, which selects He rather than Xavier initialisation.
    public var usesRectifiers: Bool { layers.contains { $0.isRectifier } }
}

/// A spec that does not parse: which item, and why.
public struct ModelSpecError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The 1-based item number, or nil for a problem with the whole spec.
    public var item: Int?
    /// The item as written.
    public var text: String
    /// What is wrong.
    public var reason: String

    public init(item: Int?, text: String, reason: String) {
        self.item = item
        self.text = text
        self.reason = reason
    }

    /// `layer 2 ('conv x 5'): 'x' is not a whole number`.
    public var description: String {
        guard let item else { return reason }
        return "layer \(item) ('\(text)'): \(reason)"
    }
}
