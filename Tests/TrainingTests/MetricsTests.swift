import Testing
import TinyCNN

/// Confusion matrix and per-class metrics on hand-made predictions, checked against numbers
/// worked out by hand.
@Suite struct MetricsTests {
    //            index:  0  1  2  3  4  5  6  7  8  9
    static let labels = [0, 0, 0, 1, 1, 2, 2, 2, 2, 3]
    static let guesses = [0, 0, 1, 1, 1, 2, 2, 0, 2, 3]

    @Test func confusionMatrixCountsPairs() {
        let m = ConfusionMatrix(actual: Self.labels, predicted: Self.guesses, classCount: 4)
        #expect(m.counts == [[2, 1, 0, 0],
                             [0, 2, 0, 0],
                             [1, 0, 3, 0],
                             [0, 0, 0, 1]])
        #expect(m.total == 10 && m.correct == 8)
        #expect(m.accuracy == 0.8)
    }

    @Test func perClassPrecisionRecallF1() {
        let m = ConfusionMatrix(actual: Self.labels, predicted: Self.guesses, classCount: 4)
        // class 0: TP 2, predicted 3 (column), true 3 (row) → P 2/3, R 2/3, F1 2/3
        // class 1: TP 2, predicted 3, true 2 → P 2/3, R 1, F1 0.8
        // class 2: TP 3, predicted 3, true 4 → P 1, R 3/4, F1 6/7
        // class 3: TP 1, predicted 1, true 1 → 1, 1, 1
        let expected: [(Double, Double, Double, Int)] = [(2.0 / 3, 2.0 / 3, 2.0 / 3, 3), (2.0 / 3, 1, 0.8, 2),
                                                         (1, 0.75, 6.0 / 7, 4), (1, 1, 1, 1)]
        for (k, (p, r, f, support)) in expected.enumerated() {
            let c = m.perClass[k]
            #expect(c.label == k)
            #expect(abs(c.precision - p) < 1e-12, "class \(k) precision \(c.precision)")
            #expect(abs(c.recall - r) < 1e-12, "class \(k) recall \(c.recall)")
            #expect(abs(c.f1 - f) < 1e-12, "class \(k) f1 \(c.f1)")
            #expect(c.support == support, "class \(k) support")
        }
        #expect(abs(m.macroF1 - (2.0 / 3 + 0.8 + 6.0 / 7 + 1) / 4) < 1e-12)
    }

    @Test func classesNeverSeenOrNeverPredictedScoreZero() {
        // Class 5 is predicted once but never true; class 7 is true once but never predicted.
        let m = ConfusionMatrix(actual: [1, 7], predicted: [5, 1])
        let c = m.perClass
        #expect(c[5].precision == 0 && c[5].recall == 0 && c[5].f1 == 0 && c[5].support == 0)
        #expect(c[7].precision == 0 && c[7].recall == 0 && c[7].support == 1)
        #expect(c[1].precision == 0 && c[1].recall == 0)
        #expect(c[3] == ClassMetrics(label: 3, precision: 0, recall: 0, f1: 0, support: 0))
        #expect(m.accuracy == 0)
        #expect(ConfusionMatrix().accuracy == 0)
    }

    @Test func reportListsTheMisclassifiedIndices() {
        let r = EvaluationReport(labels: Self.labels, predictions: Self.guesses, loss: 0.5, classCount: 4)
        #expect(r.misclassified == [2, 7])
        #expect(r.accuracy == 0.8)
        let text = r.formatted()
        #expect(text.hasPrefix("Test accuracy 80.00% (8 of 10), mean loss 0.5000"))
        #expect(text.contains("    2   1   0   3   0"), "the row of true class 2:\n\(text)")
        #expect(text.contains("    1      0.667   1.000  0.800        2"), "class 1's metrics:\n\(text)")
        #expect(text.hasSuffix("Misclassified (2, sample indices): 2 7"))
    }
}
