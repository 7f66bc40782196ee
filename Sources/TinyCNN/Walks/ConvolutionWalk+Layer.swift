/// Walks of a real layer: one filter of a `Conv2D` on one sample's maps, with the layer's own
/// weights, bias, stride, padding and dilation.
extension ConvolutionWalk {
    /// Every window of filter `filter` of `layer` on one sample `input` (`[C, H, W]` or
    /// `[1, C, H, W]`), followed by a ReLU when `relu` is true.
    public init(layer: Conv2D, filter: Int, input: Tensor, relu: Bool = false) throws(WalkError) {
        let (inputs, kernels, bias) = try ConvolutionWalk.operands(layer: layer, filter: filter, input: input)
        try self.init(inputs: inputs, kernels: kernels, stride: layer.stride, padding: layer.padding,
                      dilation: layer.dilation, bias: bias, relu: relu)
    }

    /// The one window of filter `filter` of `layer` at output cell (`row`, `column`): "why is
    /// this cell of this map what it is".
    public static func step(layer: Conv2D, filter: Int, input: Tensor, row: Int, column: Int,
                            relu: Bool = false) throws(WalkError) -> Step {
        let (inputs, kernels, bias) = try operands(layer: layer, filter: filter, input: input)
        return try step(row: row, column: column, inputs: inputs, kernels: kernels, stride: layer.stride,
                        padding: layer.padding, dilation: layer.dilation, bias: bias, relu: relu)
    }

    /// The sample's channels, the filter's slices and its bias.
    private static func operands(layer: Conv2D, filter: Int, input: Tensor) throws(WalkError) -> ([Matrix], [Matrix], Float) {
        guard filter >= 0, filter < layer.filters else {
            throw WalkError("filter \(filter) does not exist: the layer has filters 0 to \(layer.filters - 1)")
        }
        let sample = input.rank == 4 && input.shape[0] == 1 ? Tensor(shape: Array(input.shape.dropFirst()), storage: input.storage) : input
        guard sample.rank == 3, sample.shape[0] == layer.inChannels else {
            throw WalkError("the layer takes one sample of \(layer.inChannels) channels ([C, H, W]), got a tensor of shape \(sample.shape)")
        }
        let slices = Matrix.planes(of: layer.weight.value)
        let c = layer.inChannels
        return (Matrix.planes(of: sample), Array(slices[(filter * c)..<((filter + 1) * c)]), layer.bias?.value.storage[filter] ?? 0)
    }
}
