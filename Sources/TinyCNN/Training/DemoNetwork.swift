import Dispatch

/// A demo network's weights: the architecture plus one flat parameter vector.
///
/// A value: copying it snapshots the weights. The training kernels read `parameters` in the
/// channel-last layout of `ParameterLayout`; `layerWeights(_:)` and model files use PyTorch's
/// layout (`[out, in, kh, kw]` for convolutions, `[out, in]` for dense layers, features
/// flattened channel-first), so the numbers a learner sees match any textbook or framework.
public struct DemoNetwork: Sendable, Equatable {
    public let architecture: DemoArchitecture
    /// The flat parameters in kernel layout.
    public internal(set) var parameters: [Float]

    /// A freshly initialised network: He-uniform weights (bound √(6 / fan-in)) for the layers
    /// followed by ReLU, Glorot-uniform for the last layer, zero biases; the same seed gives the
    /// same weights bit for bit.
    public init(architecture: DemoArchitecture, seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        self.init(architecture: architecture, generator: &generator)
    }

    public init(architecture: DemoArchitecture, generator: inout SeededGenerator) {
        self.architecture = architecture
        let L = architecture.layout
        var p = [Float](repeating: 0, count: L.count)
        func fill(_ start: Int, _ count: Int, bound: Float) {
            for i in start..<start + count {
                p[i] = (generator.nextUnitFloat() * 2 - 1) * bound
            }
        }
        // He-uniform on fan-in for the layers before a ReLU, Glorot-uniform (fan-in + fan-out) last.
        let weighted = architecture.layers.filter(\.hasWeights)
        for (i, (layer, start)) in zip(weighted, [L.w1, L.w2, L.w3, L.w4]).enumerated() {
            let fan = i == weighted.count - 1 ? layer.fanIn + layer.biasCount : layer.fanIn
            fill(start, layer.weightCount, bound: (6 / Float(fan)).squareRoot())
        }
        parameters = p
    }

    /// A network from parameters in kernel layout.
    init(architecture: DemoArchitecture, parameters: [Float]) {
        precondition(parameters.count == architecture.layout.count,
                     "DemoNetwork: \(parameters.count) parameters for a net that has \(architecture.layout.count)")
        self.architecture = architecture
        self.parameters = parameters
    }

    /// The number of trainable parameters.
    public var parameterCount: Int { parameters.count }

    /// Indices (into `architecture.layerNames`) of the layers that have weights.
    public static let weightedLayers = DemoArchitecture.digits.weightedLayers

    /// Classifies every sample of `data` and scores the answers (mean cross-entropy loss,
    /// confusion matrix, misclassified indices). Uses both cores for sets of 64 samples or more.
    public func evaluate(_ data: DataSet) -> EvaluationReport {
        precondition(data.height == architecture.side && data.width == architecture.side,
                     "DemoNetwork.evaluate: \(data.height)x\(data.width) images for the \(architecture.side)x\(architecture.side) \(architecture.name) net")
        let n = data.count
        guard n > 0 else { return EvaluationReport(labels: [], predictions: [], loss: 0) }
        let shards = n >= 64 ? 2 : 1
        let workspaces = (0..<shards).map { _ in DemoWorkspace(layout: architecture.layout) }
        let predictions = UnsafeMutablePointer<Int>.allocate(capacity: max(n, 1))
        defer { predictions.deallocate() }
        let losses = UnsafeMutablePointer<Double>.allocate(capacity: shards)
        defer { losses.deallocate() }
        let pixels = data.pixelCount
        parameters.withUnsafeBufferPointer { params in
            data.images.withUnsafeBufferPointer { images in
                data.labels.withUnsafeBufferPointer { labels in
                    let P = params.start, X = images.start
                    ShardRunner.run(shards) { shard in
                        let ws = workspaces[shard]
                        var sum = 0.0
                        for i in Self.shardRange(shard, of: shards, count: n) {
                            let r = DemoKernels.forward(X + i * pixels, label: labels[i], P, ws)
                            sum += Double(r.loss)
                            predictions[i] = r.predicted
                        }
                        losses[shard] = sum
                    }
                }
            }
        }
        var total = 0.0
        for s in 0..<shards { total += losses[s] }
        let predicted = Array(UnsafeBufferPointer(start: predictions, count: n))
        return EvaluationReport(labels: data.labels, predictions: predicted, loss: n == 0 ? 0 : total / Double(n))
    }

    /// The samples `shard` of `shards` handles out of `count`: a fixed split, so results do not
    /// depend on how the shards are scheduled.
    static func shardRange(_ shard: Int, of shards: Int, count: Int) -> Range<Int> {
        let per = (count + shards - 1) / shards
        return min(shard * per, count)..<min((shard + 1) * per, count)
    }
}
