extension Sequential {
    /// Classifies every sample of `data` with the general layer-by-layer path (for saved models
    /// that are not one of the demo nets) and scores the answers like `DemoNetwork.evaluate`.
    ///
    /// The model must take `[1, H, W]` inputs of the data set's size and output one logit per
    /// class 0...9 (more outputs are allowed; a label must be one of them).
    public func evaluate(_ data: DataSet, batchSize: Int = 100) -> EvaluationReport {
        FloatEnvironment.withSubnormalsFlushed { flushedEvaluate(data, batchSize: batchSize) }
    }

    private func flushedEvaluate(_ data: DataSet, batchSize: Int) -> EvaluationReport {
        precondition(inputShape == [1, data.height, data.width],
                     "Sequential.evaluate: the model takes \(inputShape), the data set has 1x\(data.height)x\(data.width) images")
        precondition(outputSize >= 10, "Sequential.evaluate: the model has \(outputSize) outputs, digits need 10")
        let loss = SoftmaxCrossEntropy()
        var predictions: [Int] = []
        predictions.reserveCapacity(data.count)
        var total = 0.0
        var start = 0
        while start < data.count {
            let end = min(start + batchSize, data.count)
            let batch = Tensor(shape: [end - start, 1, data.height, data.width],
                               storage: Array(data.images[start * data.pixelCount..<end * data.pixelCount]))
            let logits = forward(batch, training: false)
            let k = logits.shape[1]
            let result = loss(logits: logits, labels: Array(data.labels[start..<end]))
            total += Double(result.loss) * Double(end - start)
            for r in 0..<(end - start) {
                var best = 0
                for j in 1..<k where logits.storage[r * k + j] > logits.storage[r * k + best] { best = j }
                predictions.append(best)
            }
            start = end
        }
        let classes = max(10, outputSize)
        return EvaluationReport(labels: data.labels, predictions: predictions,
                                loss: data.count == 0 ? 0 : total / Double(data.count), classCount: classes)
    }
}
