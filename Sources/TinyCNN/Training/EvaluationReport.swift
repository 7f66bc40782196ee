/// The result of running a network over a labelled data set.
public struct EvaluationReport: Sendable, Equatable, Codable {
    /// Mean softmax cross-entropy over the samples.
    public var loss: Double
    public var confusion: ConfusionMatrix
    /// The indices (into the evaluated set) of the samples the network got wrong, ascending.
    public var misclassified: [Int]
    /// The predicted class of every sample.
    public var predictions: [Int]

    public init(loss: Double, confusion: ConfusionMatrix, misclassified: [Int], predictions: [Int]) {
        self.loss = loss
        self.confusion = confusion
        self.misclassified = misclassified
        self.predictions = predictions
    }

    /// A report from labels and predictions (with the mean loss computed elsewhere).
    public init(labels: [Int], predictions: [Int], loss: Double, classCount: Int = 10) {
        let confusion = ConfusionMatrix(actual: labels, predicted: predictions, classCount: classCount)
        let wrong = zip(labels, predictions).enumerated().compactMap { $0.element.0 == $0.element.1 ? nil : $0.offset }
        self.init(loss: loss, confusion: confusion, misclassified: wrong, predictions: predictions)
    }

    public var accuracy: Double { confusion.accuracy }
    public var perClass: [ClassMetrics] { confusion.perClass }
}
