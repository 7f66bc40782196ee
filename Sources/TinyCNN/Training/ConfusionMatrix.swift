/// Counts of (true class, predicted class) pairs for a classifier over `classCount` classes.
///
/// `counts[actual][predicted]`: row = the true label, column = the network's answer, so the
/// diagonal holds the correct answers.
public struct ConfusionMatrix: Sendable, Equatable, Codable {
    public private(set) var counts: [[Int]]
    public var classCount: Int { counts.count }

    public init(classCount: Int = 10) {
        precondition(classCount > 0, "ConfusionMatrix: classCount must be positive")
        counts = Array(repeating: Array(repeating: 0, count: classCount), count: classCount)
    }

    /// A matrix from paired label lists.
    public init(actual: [Int], predicted: [Int], classCount: Int = 10) {
        precondition(actual.count == predicted.count,
                     "ConfusionMatrix: \(actual.count) labels but \(predicted.count) predictions")
        self.init(classCount: classCount)
        for (a, p) in zip(actual, predicted) { record(actual: a, predicted: p) }
    }

    public mutating func record(actual: Int, predicted: Int) {
        precondition(actual >= 0 && actual < classCount && predicted >= 0 && predicted < classCount,
                     "ConfusionMatrix: class (\(actual), \(predicted)) out of 0..<\(classCount)")
        counts[actual][predicted] += 1
    }

    /// All samples recorded.
    public var total: Int { counts.reduce(0) { $0 + $1.reduce(0, +) } }
    /// Samples on the diagonal.
    public var correct: Int { (0..<classCount).reduce(0) { $0 + counts[$1][$1] } }
    /// Fraction correct, 0 when empty.
    public var accuracy: Double { total == 0 ? 0 : Double(correct) / Double(total) }

    /// Precision, recall, F1 and support of each class.
    ///
    /// Precision = TP / (TP + FP) over the column, recall = TP / (TP + FN) over the row, F1 their
    /// harmonic mean; a ratio with a zero denominator is 0 (scikit-learn's `zero_division=0`).
    public var perClass: [ClassMetrics] {
        (0..<classCount).map { k in
            let tp = counts[k][k]
            let predicted = (0..<classCount).reduce(0) { $0 + counts[$1][k] }
            let support = counts[k].reduce(0, +)
            let precision = predicted == 0 ? 0 : Double(tp) / Double(predicted)
            let recall = support == 0 ? 0 : Double(tp) / Double(support)
            let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
            return ClassMetrics(label: k, precision: precision, recall: recall, f1: f1, support: support)
        }
    }

    /// The unweighted mean F1 over the classes.
    public var macroF1: Double {
        let metrics = perClass
        return metrics.reduce(0) { $0 + $1.f1 } / Double(metrics.count)
    }
}

/// How well one class is recognised.
public struct ClassMetrics: Sendable, Equatable, Codable {
    public var label: Int
    public var precision: Double
    public var recall: Double
    public var f1: Double
    /// The number of samples whose true label is this class.
    public var support: Int

    public init(label: Int, precision: Double, recall: Double, f1: Double, support: Int) {
        self.label = label
        self.precision = precision
        self.recall = recall
        self.f1 = f1
        self.support = support
    }
}
