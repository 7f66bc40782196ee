/// A learnable tensor and the gradient of the loss with respect to it.
///
/// Layers accumulate into `grad` with `+=` during backward; the optimiser (or
/// `Sequential.zeroGradients()`) zeroes it before the next step. A class, so that optimisers,
/// model files and the UI all see the layer's own storage.
public final class Parameter {
    /// A short name within its layer: `weight`, `bias`, `gamma`, `running_mean` …
    public let name: String
    /// The current values.
    public var value: Tensor
    /// The accumulated gradient, same shape as `value`.
    public var grad: Tensor

    /// A parameter holding `value`, with a zero gradient of the same shape.
    public init(name: String, value: Tensor) {
        self.name = name
        self.value = value
        self.grad = Tensor(shape: value.shape)
    }

    /// The number of scalars.
    public var count: Int { value.count }

    /// Zeroes the gradient in place.
    public func zeroGradient() { grad.zero() }
}
