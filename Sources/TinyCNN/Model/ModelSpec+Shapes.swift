/// `12345` → `12,345`: counts as the tutor prints them everywhere.
public func groupedThousands(_ n: Int) -> String {
    let digits = Array(String(n))
    var out = ""
    for (i, d) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
        out.append(d)
    }
    return out
}

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
    /// or `[F]`), with zero weights, or says which layer cannot apply and why. A network past
    /// `Limits.modelParameters` or `Limits.tensorElements` is refused before anything is allocated.
    public func makeLayers(inputShape: [Int]) throws(ShapeError) -> [any Layer] {
        try build(inputShape: inputShape).map(\.layer)
    }

    /// Walks `inputShape` through the layers: each layer's output shape and parameter count.
    /// Pure arithmetic (overflow-checked): no layer or weight is allocated, so any network can
    /// be tabled, however large.
    public func shapes(inputShape: [Int]) throws(ShapeError) -> [LayerShape] {
        var shape = ModelSpec.normalizedInputShape(inputShape)
        guard !shape.isEmpty, shape.count <= 3, shape.allSatisfy({ $0 > 0 }) else {
            throw ShapeError(layer: "input", reason: "\(formatShape(inputShape)) is not a valid input shape (write C×H×W, H×W or F, every size at least 1)")
        }
        if let big = shape.first(where: { $0 > Limits.dimension }) {
            throw ShapeError(layer: "input", reason: "size \(big) is over the limit of \(Limits.dimension) per dimension")
        }
        var result: [LayerShape] = []
        for (offset, spec) in layers.enumerated() {
            let index = offset + 1
            do {
                let (output, parameters) = try ModelSpec.walk(spec, inputShape: shape)
                var note: String?
                let elements = Limits.product(shape).map(String.init) ?? "more than \(Int.max)"
                if case .dense = spec, shape.count > 1 { note = "flattens \(formatShape(shape)) → \(elements) implicitly" }
                if case .flatten = spec { note = "\(formatShape(shape)) → \(elements)" }
                result.append(LayerShape(index: index, summary: spec.summary, spec: spec, inputShape: shape,
                                         outputShape: output, parameterCount: parameters, note: note))
                shape = output
            } catch {
                var error = error
                error.layerIndex = index
                throw error
            }
        }
        return result
    }

    /// The sample shape layers see for a user's input shape: `[H, W]` becomes `[1, H, W]`.
    public static func normalizedInputShape(_ shape: [Int]) -> [Int] {
        shape.count == 2 ? [1] + shape : shape
    }

    /// Checks that a network of these shapes can be built in memory: every tensor a sample
    /// passes through (and a convolution's padded copy and unfolded columns) within
    /// `Limits.tensorElements`, and the parameters within `Limits.modelParameters`.
    public static func checkBuildable(_ shapes: [LayerShape]) throws(ShapeError) {
        var total = 0
        for row in shapes {
            func tooBig(_ what: String, _ limit: Int) -> ShapeError {
                ShapeError(layerIndex: row.index, layer: row.summary, reason: "\(what) is over the limit of \(groupedThousands(limit))")
            }
            var tensors = [row.inputShape, row.outputShape]
            if case let .conv(_, kh, kw, _, padding, _) = row.spec, row.inputShape.count == 3 {
                let c = row.inputShape[0], h = row.inputShape[1], w = row.inputShape[2]
                tensors.append([c, h + 2 * padding, w + 2 * padding])
                tensors.append([c, kh, kw, row.outputShape[1], row.outputShape[2]])
            }
            for tensor in tensors where Limits.product(tensor, limit: Limits.tensorElements) == nil {
                throw tooBig("a tensor of \(formatShape(tensor)) values per sample", Limits.tensorElements)
            }
            guard let sum = Limits.sum(total, row.parameterCount, limit: Limits.modelParameters) else {
                throw tooBig("the network's parameter count (\(groupedThousands(total)) before this layer, \(groupedThousands(row.parameterCount)) in it)", Limits.modelParameters)
            }
            total = sum
        }
    }

    /// The layers and their shapes table in one walk; limits checked before any allocation.
    func build(inputShape: [Int]) throws(ShapeError) -> [(layer: any Layer, shape: LayerShape)] {
        let table = try shapes(inputShape: inputShape)
        try ModelSpec.checkBuildable(table)
        var result: [(layer: any Layer, shape: LayerShape)] = []
        for row in table {
            let layer = ModelSpec.makeLayer(row.spec, inputShape: row.inputShape)
            result.append((layer, row))
        }
        return result
    }

    /// One layer's output shape and parameter count, by arithmetic alone (overflow-checked).
    static func walk(_ spec: LayerSpec, inputShape shape: [Int]) throws(ShapeError) -> (shape: [Int], parameters: Int) {
        let summary = spec.summary
        func fail(_ reason: String) -> ShapeError { ShapeError(layer: summary, reason: reason) }
        func needsImage() throws(ShapeError) {
            if shape.count != 3 { throw fail("needs a C×H×W input, got \(formatShape(shape))") }
        }
        func checked(_ values: [Int]) throws(ShapeError) -> Int {
            guard let n = Limits.product(values) else { throw fail("sizes too large to compute (\(values.map(String.init).joined(separator: " × ")) overflows)") }
            return n
        }
        func window(kh: Int, kw: Int, stride: Int, padding: Int, dilation: Int) throws(ShapeError) -> (Int, Int) {
            for (name, value, limit) in [("kernel size", max(kh, kw), Limits.dimension), ("stride", stride, Limits.stride),
                                         ("padding", padding, Limits.padding), ("dilation", dilation, Limits.dilation)]
                where value > limit {
                throw fail("\(name) \(value) is over the limit of \(limit)")
            }
            return try Conv2D.outputSize(height: shape[1], width: shape[2], kernelHeight: kh, kernelWidth: kw,
                                         stride: stride, padding: padding, dilation: dilation,
                                         inputDescription: formatShape(shape), layer: summary)
        }
        switch spec {
        case let .conv(filters, kh, kw, stride, padding, dilation):
            try needsImage()
            if filters > Limits.dimension { throw fail("\(filters) filters is over the limit of \(Limits.dimension)") }
            let (h, w) = try window(kh: kh, kw: kw, stride: stride, padding: padding, dilation: dilation)
            let weights = try checked([filters, shape[0], kh, kw])
            guard let parameters = Limits.sum(weights, filters) else { throw fail("sizes too large to compute") }
            return ([filters, h, w], parameters)
        case let .maxPool(kernel, stride, padding), let .avgPool(kernel, stride, padding):
            try needsImage()
            let (h, w) = try window(kh: kernel, kw: kernel, stride: stride, padding: padding, dilation: 1)
            return ([shape[0], h, w], 0)
        case .relu, .leakyReLU, .sigmoid, .tanh, .dropout:
            return (shape, 0)
        case .flatten:
            return ([try checked(shape)], 0)
        case let .dense(units):
            if units > Limits.dimension { throw fail("\(units) units is over the limit of \(Limits.dimension)") }
            let inputs = try checked(shape)
            let weights = try checked([inputs, units])
            guard let parameters = Limits.sum(weights, units) else { throw fail("sizes too large to compute") }
            return ([units], parameters)
        case .batchNorm:
            try needsImage()
            return (shape, 2 * shape[0])
        }
    }

    /// The layer for `spec` on inputs of `shape` (already checked by `walk`).
    private static func makeLayer(_ spec: LayerSpec, inputShape shape: [Int]) -> any Layer {
        switch spec {
        case let .conv(filters, kh, kw, stride, padding, dilation):
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
            return BatchNorm2D(channels: shape[0])
        }
    }
}

extension ModelSpec.LayerSpec {
    /// The layer as learners read it (the layer's own `summary`), e.g. `conv 3×3 pad 1`.
    public var summary: String {
        // Only a convolution reads differently from the spec text (its kernel, not its filters).
        guard case let .conv(_, kh, kw, s, p, d) = self else { return description }
        return "conv \(kh)×\(kw)" + Self.convOptions(stride: s, padding: p, dilation: d)
    }

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
