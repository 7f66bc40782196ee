import Foundation

extension DemoArchitecture {
    /// The architecture in the model-spec language (what model files record).
    public var modelSpec: ModelSpec {
        ModelSpec(layers: [
            .conv(filters: 8, kernelHeight: 3, kernelWidth: 3, stride: 1, padding: 1, dilation: 1), .relu,
            .maxPool(kernel: 2, stride: 2, padding: 0),
            .conv(filters: 16, kernelHeight: 3, kernelWidth: 3, stride: 1, padding: 1, dilation: 1), .relu,
            .maxPool(kernel: 2, stride: 2, padding: 0),
            .flatten, .dense(units: hidden), .relu, .dense(units: 10),
        ])
    }

    /// The demo architecture a spec and input shape describe, or nil when they describe another
    /// network (which then trains and evaluates through the general `Sequential` path).
    public init?(spec: ModelSpec, inputShape: [Int]) {
        guard inputShape.count == 3, inputShape[0] == 1, inputShape[1] == inputShape[2],
              inputShape[1] >= 4, inputShape[1] % 4 == 0,
              spec.layers.count == 10, case let .dense(hidden) = spec.layers[7], hidden >= 8, hidden % 8 == 0 else {
            return nil
        }
        let side = inputShape[1]
        let name = side == 8 && hidden == 32 ? "digits" : side == 28 && hidden == 64 ? "mnist" : "demo\(side)"
        let candidate = DemoArchitecture(name: name, side: side, hidden: hidden)
        guard candidate.modelSpec == spec else { return nil }
        self = candidate
    }
}

extension DemoNetwork {
    /// The same network as a general `Sequential` model (same weights), for introspection and
    /// for saving in the tutor's model-file format.
    public func sequential() -> Sequential {
        let model: Sequential
        do {
            model = try Sequential(spec: architecture.modelSpec, inputShape: [1, architecture.side, architecture.side], seed: 0)
        } catch {
            preconditionFailure("DemoNetwork: the demo spec does not build: \(error)")
        }
        for layer in Self.weightedLayers {
            guard let w = layerWeights(layer) else { continue }
            let parameters = model.layers[layer].parameters
            precondition(parameters.count == 2 && parameters[0].value.shape == w.weight.shape && parameters[1].value.shape == w.bias.shape,
                         "DemoNetwork: layer \(layer) of the Sequential model has other parameters")
            parameters[0].value = w.weight
            parameters[1].value = w.bias
        }
        return model
    }

    /// The demo network holding a `Sequential` model's weights, or nil when the model is not a
    /// demo architecture.
    public init?(sequential model: Sequential) {
        guard let architecture = DemoArchitecture(spec: model.spec, inputShape: model.inputShape) else { return nil }
        var layers: [LayerWeights] = []
        for layer in Self.weightedLayers {
            let p = model.layers[layer].parameters
            guard p.count == 2 else { return nil }
            layers.append(LayerWeights(layer: layer, name: architecture.layerNames[layer], weight: p[0].value, bias: p[1].value))
        }
        self.init(architecture: architecture, layers: layers)
    }

    /// Saves the network in the tutor's model-file format (`ModelFile`, JSON), which
    /// `Sequential.load(from:)` and `DemoNetwork(contentsOf:)` read back bit for bit.
    public func save(to url: URL, metadata: [String: String]? = nil) throws {
        try sequential().save(to: url, metadata: metadata)
    }

    /// Loads a model file that holds one of the demo networks.
    public init(contentsOf url: URL) throws(ModelFileError) {
        let model = try Sequential.load(from: url)
        guard let network = DemoNetwork(sequential: model) else {
            throw .architectureMismatch(path: url.path, expected: "a demo net (\(DemoArchitecture.digits.modelSpec))",
                                        found: "\(model.spec) for \(formatShape(model.inputShape))")
        }
        self = network
    }
}
