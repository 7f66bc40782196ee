extension ConvolutionGradientWalk {
    /// The backward pass of one filter of a demo network's conv layer, in one real training
    /// step on one image: the layer's actual input maps (the image for `conv1`, the pooled maps
    /// below for `conv2`), the filter's learned slices, and the gradient the loss
    /// (cross-entropy against `label`) sends back to the filter's output map. The walk's
    /// `weightGradient` and `biasGradient` are that step's gradients for the filter.
    public init(network: DemoNetwork, image: [Float], label: Int, layer name: String, filter: Int) throws(WalkError) {
        let architecture = network.architecture
        guard let index = architecture.layerNames.firstIndex(of: name), case .conv(_, _, let filters) = architecture.layers[index] else {
            let convs = architecture.layers.compactMap { if case .conv(let n, _, _) = $0 { n } else { nil } }
            throw WalkError("\(name) is not a conv layer of the \(architecture.name) network (\(convs.joined(separator: ", ")))")
        }
        guard (0..<filters).contains(filter) else {
            throw WalkError("\(name) has \(filters) filters (0-\(filters - 1)), not \(filter)")
        }
        let side = architecture.side
        guard image.count == side * side else {
            throw WalkError("the \(architecture.name) network reads \(side)×\(side) images, not \(image.count) values")
        }
        guard (0..<DemoArchitecture.classCount).contains(label) else {
            throw WalkError("the label must be a class 0-\(DemoArchitecture.classCount - 1), not \(label)")
        }
        let model = network.sequential()
        var x = Tensor(shape: [1, 1, side, side], storage: image)
        var layerInput = x
        for (i, layer) in model.layers.enumerated() {
            if i == index { layerInput = x }
            x = layer.forward(x, training: true)
        }
        var g = SoftmaxCrossEntropy()(logits: x, labels: [label]).gradient
        for i in ((index + 1)..<model.layers.count).reversed() {
            g = model.layers[i].backward(g, inputGradient: true)
        }
        guard let conv = model.layers[index] as? Conv2D else {
            throw WalkError("\(name) of the \(architecture.name) network is not built as a convolution")
        }
        let (channels, h, w) = (layerInput.shape[1], layerInput.shape[2], layerInput.shape[3])
        let (kh, kw) = (conv.kernelHeight, conv.kernelWidth)
        let plane = { (t: Tensor, offset: Int, rows: Int, columns: Int) in
            Matrix(rows: rows, columns: columns, values: Array(t.storage[offset..<(offset + rows * columns)]))
        }
        let inputs = (0..<channels).map { plane(layerInput, $0 * h * w, h, w) }
        let slices = (0..<channels).map { plane(conv.weight.value, (filter * channels + $0) * kh * kw, kh, kw) }
        let (oh, ow) = (g.shape[2], g.shape[3])
        try self.init(input: inputs, kernel: slices, upstream: plane(g, filter * oh * ow, oh, ow),
                      stride: conv.stride, padding: conv.padding, dilation: conv.dilation)
    }
}
