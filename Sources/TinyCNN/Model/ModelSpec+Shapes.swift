/// One row of a shapes table: a layer, what goes in, what comes out, and its parameters.
public struct LayerShape: Sendable, Equatable {
    /// The 1-based position in the spec.
    public var index: Int
    /// The layer as learners read it, e.g. `conv 3×3 pad 1`.
    public var summary: String
    /// The spec item.
    public var spec: ModelSpec.LayerSpec
    /// One sample's input shape, e.g. `[1, 8, 8]`.
    public var inputShape: [Int]
    /// One sample's output shape, e.g. `[8, 8, 8]`.
    public var outputShape: [Int]
    /// The number of learnable scalars (weights and biases).
    public var parameterCount: Int
    /// A remark for the table, e.g. `flattens 16×2×2 → 64`.
    public var note: String?
}

extension ModelSpec {
    /// Builds the layers for one sample's `inputShape` (`[C, H, W]`, `[H, W]` for one channel,
    /// or `[F]`), with zero weights, or says which layer cannot apply and why.
    public func makeLayers(inputShape: [Int]) throws(ShapeError) -> [any Layer] {
        try build(inputShape: inputShape).map(\.layer)
    }

    /// Walks `inputShape` through the layers: each layer's output shape and parameter count.
    public func shapes(inputShape: [Int]) throws(ShapeError) -> [LayerShape] {
        try build(inputShape: inputShape).map(\.shape)
    }

    /// The sample shape layers see for a user's input shape: `[H, W]` becomes `[1, H, W]`.
    public static func normalizedInputShape(_ shape: [Int]) -> [Int] {
        shape.count == 2 ? [1] + shape : shape
    }

    /// The layers and their shapes table in one walk.
    func build(inputShape: [Int]) throws(ShapeError) -> [(layer: any Layer, shape: LayerShape)] {
        var shape = ModelSpec.normalizedInputShape(inputShape)
        guard !shape.isEmpty, shape.count <= 3, shape.allSatisfy({ $0 > 0 }) else {
            throw ShapeError(layer: "input", reason: "\(formatShape(inputShape)) is not a valid input shape (write C×H×W, H×W or F, every size at least 1)")
        }
        var result: [(layer: any Layer, shape: LayerShape)] = []
        for (offset, spec) in layers.enumerated() {
            let index = offset + 1
            let layer: any Layer
            let output: [Int]
            var note: String?
            do {
                layer = try ModelSpec.makeLayer(spec, inputShape: shape)
                output = try layer.outputShape(for: shape)
            } catch {
                var error = error
                error.layerIndex = index
                throw error
            }
            if case .dense = spec, shape.count > 1 {
                note = "flattens \(formatShape(shape)) → \(shape.reduce(1, *)) implicitly"
            }
            if case .flatten = spec {
                note = "\(formatShape(shape)) → \(shape.reduce(1, *))"
            }
            result.append((layer, LayerShape(index: index, summary: layer.summary, spec: spec, inputShape: shape,
                                             outputShape: output, parameterCount: layer.parameterCount, note: note)))
            shape = output
        }
        return result
    }

    private static func makeLayer(_ spec: LayerSpec, inputShape shape: [Int]) throws(ShapeError) -> any Layer {
        func needsImage(_ summary: String) throws(ShapeError) {
            if shape.count != 3 {
                throw ShapeError(layer: summary, reason: "needs a C×H×W input, got \(formatShape(shape))")
            }
        }
        switch spec {
        case let .conv(filters, kh, kw, stride, padding, dilation):
            let summary = Conv2D(inChannels: 1, filters: 1, kernelHeight: kh, kernelWidth: kw, stride: stride,
                                 padding: padding, dilation: dilation).summary
            try needsImage(summary)
            return Conv2D(inChannels: shape[0], filters: filters, kernelHeight: kh, kernelWidth: kw,
                          stride: stride, padding: padding, dilation: dilation)
        case let .maxPool(kernel, stride, padding):
            return MaxPool2D(kernelSize: kernel, stride: stride, padding: padding)
        case let .avgPool(kernel, stride, padding):
            return AvgPool2D(kernelSize: kernel, stride: stride, padding: padding)
        case .relu: return ReLU()
        case let .leakyReLU(slope): return LeakyReLU(slope: slope)
        case .sigmoid: return Sigmoid()
        case .tanh: return Tanh()
        case .flatten: return Flatten()
        case let .dense(units): return Dense(inFeatures: shape.reduce(1, *), outFeatures: units)
        case let .dropout(rate): return Dropout(rate: rate)
        case .batchNorm:
            try needsImage("batchnorm")
            return BatchNorm2D(channels: shape[0])
        }
    }
}

extension ModelSpec.LayerSpec {
    /// The spec item that builds a layer like `layer` (for models assembled by hand), or nil
    /// for a layer type specs cannot express.
    public init?(layer: any Layer) {
        switch layer {
        case let conv as Conv2D:
            guard conv.bias != nil else { return nil }
            self = .conv(filters: conv.filters, kernelHeight: conv.kernelHeight, kernelWidth: conv.kernelWidth,
                         stride: conv.stride, padding: conv.padding, dilation: conv.dilation)
        case let pool as MaxPool2D: self = .maxPool(kernel: pool.kernelSize, stride: pool.stride, padding: pool.padding)
        case let pool as AvgPool2D: self = .avgPool(kernel: pool.kernelSize, stride: pool.stride, padding: pool.padding)
        case is ReLU: self = .relu
        case let leaky as LeakyReLU: self = .leakyReLU(slope: leaky.slope)
        case is Sigmoid: self = .sigmoid
        case is Tanh: self = .tanh
        case is Flatten: self = .flatten
        case let dense as Dense: self = .dense(units: dense.outFeatures)
        case let dropout as Dropout: self = .dropout(rate: dropout.rate)
        case is BatchNorm2D: self = .batchNorm
        default: return nil
        }
    }
}
