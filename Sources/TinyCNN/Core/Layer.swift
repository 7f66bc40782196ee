/// One stage of a network, with its forward and backward passes over a whole batch.
///
/// Shapes include the batch: images are `[N, C, H, W]`, vectors `[N, F]`. A layer owns its
/// output and input-gradient buffers and reuses them across steps; it never keeps a reference
/// to a tensor it did not allocate (that would force a copy when its owner writes the next
/// batch). So a caller may hold the returned tensors only until the layer's next call.
public protocol Layer: AnyObject {
    /// How the layer reads in a shapes table and in error messages: `conv 5×5`, `maxpool 2`.
    var summary: String { get }

    /// The output shape for one sample's input shape (no batch dimension), or why the layer
    /// cannot apply to it.
    func outputShape(for inputShape: [Int]) throws(ShapeError) -> [Int]

    /// The learnable parameters, in a stable order (weights before biases).
    var parameters: [Parameter] { get }

    /// Non-learnable state saved with the model (BatchNorm's running statistics).
    var buffers: [Parameter] { get }

    /// Computes the output for `input`. With `training` true the layer remembers what
    /// `backward` needs and behaves as in training (dropout masks, batch statistics).
    func forward(_ input: Tensor, training: Bool) -> Tensor

    /// Given the loss gradient with respect to the last `forward` output (a training pass, or
    /// an inference pass for saliency),
    /// adds the parameter gradients into each `Parameter.grad` (`+=`) and returns the gradient
    /// with respect to the input, or `Tensor.empty` when `inputGradient` is false (the first
    /// layer of a network skips that work).
    func backward(_ outputGradient: Tensor, inputGradient: Bool) -> Tensor
}

extension Layer {
    public var parameters: [Parameter] { [] }
    public var buffers: [Parameter] { [] }

    /// The number of learnable scalars.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }

    /// `backward` computing the input gradient.
    public func backward(_ outputGradient: Tensor) -> Tensor {
        backward(outputGradient, inputGradient: true)
    }
}

/// Why a layer cannot apply to an input shape, e.g. a kernel larger than the padded input.
public struct ShapeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The layer's 1-based position in the network, once known.
    public var layerIndex: Int?
    /// The layer's summary, e.g. `conv 5×5`.
    public var layer: String
    /// The reason, e.g. `input is 10×2×2, smaller than the kernel`.
    public var reason: String

    public init(layerIndex: Int? = nil, layer: String, reason: String) {
        self.layerIndex = layerIndex
        self.layer = layer
        self.reason = reason
    }

    /// `layer 3 (conv 5×5): input is 10×2×2, smaller than the kernel`.
    public var description: String {
        if let layerIndex { return "layer \(layerIndex) (\(layer)): \(reason)" }
        return "\(layer): \(reason)"
    }
}
