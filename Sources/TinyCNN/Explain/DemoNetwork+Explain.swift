import Foundation

extension DemoNetwork {
    /// How `cell` is computed for `image` (side × side pixels), from the layer below it.
    ///
    /// Every number comes from the PyTorch-layout weights and `activations(of:)`, the forward
    /// pass the network view shows, and each total is added in the forward pass's order, so
    /// `explain(cell, image:).value` is that pass's value of `cell`.
    /// - Precondition: `architecture.contains(cell)` and the image has `side²` pixels.
    public func explain(_ cell: NetworkCell, image: [Float]) -> CellExplanation {
        explain(cell, image: image, activations: activations(of: image))
    }

    /// `explain(_:image:)` with the forward pass already computed (`activations(of: image)`).
    public func explain(_ cell: NetworkCell, image: [Float], activations: [Tensor]) -> CellExplanation {
        let a = architecture
        precondition(a.contains(cell), "DemoNetwork.explain: \(cell) is outside the \(a.name) net")
        let s = a.side
        precondition(image.count == s * s, "DemoNetwork.explain: \(image.count) pixels for a \(s)x\(s) net")
        let input = Tensor(shape: [1, s, s], storage: image)
        /// The output of layer `i` (-1: the input).
        func below(_ i: Int) -> Tensor { i == NetworkCell.input ? input : activations[i] }
        if cell.layer == NetworkCell.input {
            return .pixel(value: image[cell.row * s + cell.column])
        }
        let layers = a.layers
        switch layers[cell.layer] {
        case .conv:
            return .convolution(convolution(cell, layer: cell.layer, inputs: below(cell.layer - 1), isReLU: false))
        case .relu:
            let source = cell.layer - 1
            switch layers[source] {
            case .conv:
                return .convolution(convolution(cell, layer: source, inputs: below(source - 1), isReLU: true))
            case .dense:
                return .dense(dense(cell, layer: source, inputs: below(source - 1), isReLU: true))
            case .relu, .pool, .flatten:
                preconditionFailure("DemoNetwork.explain: a ReLU after \(layers[source].name)")
            }
        case .pool:
            return .pooling(pooling(cell, inputs: below(cell.layer - 1)))
        case .flatten:
            let from = below(cell.layer - 1)
            let (h, w) = (from.shape[1], from.shape[2])
            let f = cell.unit
            let source = NetworkCell(layer: cell.layer - 1, channel: f / (h * w), row: (f / w) % h, column: f % w)
            return .flattened(source: source, value: from.storage[f])
        case .dense:
            let unit = dense(cell, layer: cell.layer, inputs: below(cell.layer - 1), isReLU: false)
            guard cell.layer == layers.count - 1 else { return .dense(unit) }
            return .output(Self.softmax(unit, logits: activations[cell.layer].storage))
        }
    }

    /// Where the inputs of a dense layer come from, for its explanation: `pool2 map 5 (1, 0)`.
    func sourceName(_ index: Int, layer: Int) -> String {
        let source = layer - 1
        let shape = architecture.shape(ofLayer: source)
        // A flatten's units are cells of the map below it.
        if case .flatten = architecture.layers[source] {
            let map = architecture.shape(ofLayer: source - 1)
            let (h, w) = (map[1], map[2])
            return "\(architecture.layerName(source - 1)) map \(index / (h * w)) (\(index / w % h), \(index % w))"
        }
        return shape.count == 3 ? "\(architecture.layerName(source)) #\(index)" : "\(architecture.layerName(source)) unit \(index)"
    }

    private func convolution(_ cell: NetworkCell, layer: Int, inputs x: Tensor, isReLU: Bool) -> ConvolutionCellExplanation {
        guard let w = layerWeights(layer) else { preconditionFailure("DemoNetwork.explain: \(layer) has no weights") }
        let (cin, h, wd) = (x.shape[0], x.shape[1], x.shape[2])
        let k = w.weight.shape[2], pad = 1
        let o = cell.channel
        var inputs: [Matrix] = [], slices: [Matrix] = []
        for i in 0..<cin {
            inputs.append(Matrix(rows: h, columns: wd, values: Array(x.storage[(i * h * wd)..<((i + 1) * h * wd)])))
            slices.append(Matrix(rows: k, columns: k, values: Array(w.weight.storage[((o * cin + i) * k * k)..<((o * cin + i + 1) * k * k)])))
        }
        // The multi-channel walk's one window: every channel's patch, products and partial sum,
        // and their total as the layer adds it (the labs show the same walk).
        let step: ConvolutionWalk.Step
        do {
            step = try ConvolutionWalk.step(row: cell.row, column: cell.column, inputs: inputs, kernels: slices, stride: 1, padding: pad,
                                            bias: w.bias.storage[o])
        } catch {
            preconditionFailure("DemoNetwork.explain: the walk refuses a demo layer's window: \(error)")
        }
        let patches = step.channels.map(\.patch), products = step.channels.map(\.products), partials = step.partials
        let acc = step.preActivation
        return ConvolutionCellExplanation(cell: cell, layer: layer, layerName: architecture.layerName(layer), inputs: inputs,
                                          inputName: architecture.layerName(layer - 1), slices: slices, bias: w.bias.storage[o],
                                          stride: 1, padding: pad, patches: patches, products: products, partials: partials,
                                          preActivation: acc, activated: max(0, acc), isReLU: isReLU)
    }

    private func pooling(_ cell: NetworkCell, inputs x: Tensor) -> PoolingCellExplanation {
        let (h, w) = (x.shape[1], x.shape[2])
        let map = Matrix(rows: h, columns: w, values: Array(x.storage[(cell.channel * h * w)..<((cell.channel + 1) * h * w)]))
        var window = Matrix(rows: 2, columns: 2)
        var best = -Float.infinity, bestRow = 0, bestColumn = 0, found = false
        for i in 0..<2 {
            for j in 0..<2 {
                let v = map[2 * cell.row + i, 2 * cell.column + j]
                window[i, j] = v
                if !found || v > best { best = v; bestRow = i; bestColumn = j; found = true }
            }
        }
        return PoolingCellExplanation(cell: cell, layerName: architecture.layerName(cell.layer), input: map,
                                      inputName: architecture.layerName(cell.layer - 1), kernel: 2, stride: 2, window: window,
                                      maxRow: bestRow, maxColumn: bestColumn, value: best)
    }

    private func dense(_ cell: NetworkCell, layer: Int, inputs x: Tensor, isReLU: Bool) -> DenseUnitExplanation {
        guard let w = layerWeights(layer) else { preconditionFailure("DemoNetwork.explain: \(layer) has no weights") }
        let m = w.weight.shape[1], j = cell.unit
        var acc = w.bias.storage[j]
        var contributions: [DenseContribution] = []
        contributions.reserveCapacity(m)
        for i in 0..<m {
            let weight = w.weight.storage[j * m + i], input = x.storage[i]
            acc += weight * input
            contributions.append(DenseContribution(index: i, source: "", input: input, weight: weight, product: weight * input))
        }
        // Largest |product| first; ties by input index, so the order is the same every time.
        contributions.sort { abs($0.product) != abs($1.product) ? abs($0.product) > abs($1.product) : $0.index < $1.index }
        var top = Array(contributions.prefix(DenseUnitExplanation.shownCount))
        for t in top.indices { top[t].source = sourceName(top[t].index, layer: layer) }
        let rest = contributions.dropFirst(top.count)
        let hasReLU: Bool = {
            guard layer + 1 < architecture.layers.count, case .relu = architecture.layers[layer + 1] else { return false }
            return true
        }()
        return DenseUnitExplanation(cell: cell, layerName: architecture.layerName(layer), inputName: architecture.layerName(layer - 1),
                                    top: top, restCount: rest.count, restSum: rest.reduce(0) { $0 + $1.product },
                                    bias: w.bias.storage[j], total: acc, hasReLU: hasReLU, isReLU: isReLU)
    }

    /// The softmax over `logits`, for the output `unit` explains.
    static func softmax(_ unit: DenseUnitExplanation, logits: [Float]) -> OutputExplanation {
        let largest = logits.max() ?? 0
        // exp(709) is about the largest Double: far beyond ±700 every logit is shifted by the largest.
        let shift: Float = abs(largest) > 700 ? largest : 0
        let exps = logits.map { Foundation.exp(Double($0 - shift)) }
        let sum = exps.reduce(0, +)
        let probabilities = exps.map { sum > 0 && sum.isFinite ? $0 / sum : .nan }
        return OutputExplanation(logit: unit, logits: logits, shift: shift, exponentials: exps, sum: sum, probabilities: probabilities)
    }
}
