/// A network: layers applied in order, with seeded initialisation, training passes and the
/// parameters an optimiser updates.
///
/// Shapes: `forward` takes a batch `[N, C, H, W]` (or `[N, F]`) and returns `[N, classes]`.
/// The returned tensors are the layers' own buffers: read them before the next call.
public final class Sequential {
    /// The layers in order.
    public let layers: [any Layer]
    /// The architecture, as text that `ModelSpec(parsing:)` reads back.
    public let spec: ModelSpec
    /// One sample's input shape, `[C, H, W]` (or `[F]`).
    public let inputShape: [Int]
    /// Each layer's per-sample output shape.
    public let outputShapes: [[Int]]

    /// A network built from `spec` for samples of `inputShape`, its weights drawn from `generator`
    /// (He initialisation when the net uses rectifiers, Xavier otherwise; biases zero).
    public init(spec: ModelSpec, inputShape: [Int], generator: inout SeededGenerator) throws(ShapeError) {
        let built = try spec.build(inputShape: inputShape)
        self.layers = built.map(\.layer)
        self.spec = spec
        self.inputShape = ModelSpec.normalizedInputShape(inputShape)
        self.outputShapes = built.map(\.shape.outputShape)
        initialize(generator: &generator)
    }

    /// A network built from `spec`, initialised from `SeededGenerator(seed: seed)`.
    public convenience init(spec: ModelSpec, inputShape: [Int], seed: UInt64) throws(ShapeError) {
        var generator = SeededGenerator(seed: seed)
        try self.init(spec: spec, inputShape: inputShape, generator: &generator)
    }

    /// A network of hand-made layers (weights as given). Every layer must be expressible in a
    /// spec, so the model can be saved.
    public init(layers: [any Layer], inputShape: [Int]) throws(ShapeError) {
        var specs: [ModelSpec.LayerSpec] = []
        var shape = ModelSpec.normalizedInputShape(inputShape)
        var shapes: [[Int]] = []
        for (offset, layer) in layers.enumerated() {
            guard let spec = ModelSpec.LayerSpec(layer: layer) else {
                throw ShapeError(layerIndex: offset + 1, layer: layer.summary, reason: "cannot be written in a model spec")
            }
            do {
                shape = try layer.outputShape(for: shape)
            } catch {
                var error = error
                error.layerIndex = offset + 1
                throw error
            }
            specs.append(spec)
            shapes.append(shape)
        }
        self.layers = layers
        self.spec = ModelSpec(layers: specs)
        self.inputShape = ModelSpec.normalizedInputShape(inputShape)
        self.outputShapes = shapes
    }

    /// Redraws every weight from `generator` and zeroes biases, gradients and running statistics.
    public func initialize(generator: inout SeededGenerator) {
        let he = spec.usesRectifiers
        for layer in layers {
            switch layer {
            case let conv as Conv2D:
                let receptive = conv.kernelHeight * conv.kernelWidth
                fill(conv.weight, fanIn: conv.inChannels * receptive, fanOut: conv.filters * receptive, he: he, &generator)
                conv.bias?.value.zero()
            case let dense as Dense:
                fill(dense.weight, fanIn: dense.inFeatures, fanOut: dense.outFeatures, he: he, &generator)
                dense.bias.value.zero()
            case let norm as BatchNorm2D:
                norm.gamma.value = Tensor(shape: [norm.channels], repeating: 1)
                norm.beta.value.zero()
                norm.runningMean.value.zero()
                norm.runningVariance.value = Tensor(shape: [norm.channels], repeating: 1)
            case let dropout as Dropout:
                dropout.reseed(generator.next())
            default:
                break
            }
        }
        zeroGradients()
    }

    /// He: normal with standard deviation √(2 / fanIn). Xavier: uniform in ±√(6 / (fanIn + fanOut)).
    private func fill(_ parameter: Parameter, fanIn: Int, fanOut: Int, he: Bool, _ generator: inout SeededGenerator) {
        let count = parameter.value.count
        if he {
            let std = (2.0 / Double(fanIn)).squareRoot()
            for i in 0..<count { parameter.value.storage[i] = Float(generator.nextGaussian() * std) }
        } else {
            let limit = (6.0 / Double(fanIn + fanOut)).squareRoot()
            for i in 0..<count { parameter.value.storage[i] = Float((generator.nextUnitDouble() * 2 - 1) * limit) }
        }
    }

    /// Every learnable parameter, layer by layer.
    public var parameters: [Parameter] { layers.flatMap(\.parameters) }

    /// Every saved non-learnable tensor (BatchNorm running statistics), layer by layer.
    public var buffers: [Parameter] { layers.flatMap(\.buffers) }

    /// The number of learnable scalars.
    public var parameterCount: Int { layers.reduce(0) { $0 + $1.parameterCount } }

    /// The number of classes (the last layer's output size).
    public var outputSize: Int { outputShapes.last?.reduce(1, *) ?? inputShape.reduce(1, *) }

    /// Runs the batch through every layer. `training` selects dropout masks and batch
    /// statistics and keeps what `backward` needs.
    public func forward(_ input: Tensor, training: Bool = false) -> Tensor {
        precondition(Array(input.shape.dropFirst()) == inputShape,
                     "Sequential expects [N] + \(inputShape), got \(input.shape)")
        var x = input
        for layer in layers { x = layer.forward(x, training: training) }
        return x
    }

    /// Back-propagates `gradient` (∂loss/∂output of the last training forward) through every
    /// layer, accumulating parameter gradients. Returns ∂loss/∂input when `inputGradient` is true
    /// (the first layer skips that work otherwise).
    @discardableResult
    public func backward(_ gradient: Tensor, inputGradient: Bool = false) -> Tensor {
        var g = gradient
        for (offset, layer) in layers.enumerated().reversed() {
            g = layer.backward(g, inputGradient: offset > 0 || inputGradient)
        }
        return g
    }

    /// Zeroes every parameter's gradient.
    public func zeroGradients() {
        for layer in layers { for p in layer.parameters { p.zeroGradient() } }
    }

    /// The most likely class of each sample in the batch.
    public func predict(_ input: Tensor) -> [Int] {
        let logits = forward(input, training: false)
        let n = logits.shape[0], k = logits.count / max(1, n)
        return (0..<n).map { row in
            var best = 0
            for j in 1..<k where logits.storage[row * k + j] > logits.storage[row * k + best] { best = j }
            return best
        }
    }
}
