import Foundation
import Testing
import TinyCNN

@Suite struct LossTests {
    @Test(arguments: [(1, 2), (3, 5), (8, 10), (4, 3)])
    func gradientMatchesCentralDifferences(batch: Int, classes: Int) {
        let loss = SoftmaxCrossEntropy()
        var logits = GradientCheck.random([batch, classes], seed: UInt64(batch * classes)).scaled(by: 3)
        let labels = (0..<batch).map { ($0 * 7 + 3) % classes }
        let analytic = loss(logits: logits, labels: labels).gradient
        var report = GradientCheck.Report()
        for i in 0..<logits.count {
            let original = logits.storage[i]
            let up = original + GradientCheck.step, down = original - GradientCheck.step
            logits.storage[i] = up
            let lossUp = Double(loss(logits: logits, labels: labels).loss)
            logits.storage[i] = down
            let lossDown = Double(loss(logits: logits, labels: labels).loss)
            logits.storage[i] = original
            report.record(analytic.storage[i], (lossUp - lossDown) / (Double(up) - Double(down)), "logit[\(i)]")
        }
        #expect(report.passed, "batch \(batch) classes \(classes): \(report)")
    }

    @Test func handComputedTwoClassCase() {
        // logits (0, ln 3): p = (1/4, 3/4); label 1 → loss = −ln(3/4).
        let result = SoftmaxCrossEntropy()(logits: Tensor(shape: [1, 2], storage: [0, Float(log(3.0))]), labels: [1])
        #expect(abs(Double(result.loss) + log(0.75)) < 1e-6)
        #expect(abs(result.probabilities.storage[0] - 0.25) < 1e-6)
        #expect(abs(result.gradient.storage[0] - 0.25) < 1e-6)
        #expect(abs(result.gradient.storage[1] + 0.25) < 1e-6)
        #expect(result.correct == 1)
    }

    @Test func hugeLogitsStayFinite() {
        let result = SoftmaxCrossEntropy()(logits: Tensor(shape: [2, 3], storage: [1e4, -1e4, 0, 88, 89, 90]), labels: [1, 0])
        #expect(result.loss.isFinite)
        #expect(abs(result.loss - Float((2e4 + (2 + log(1 + exp(-1.0) + exp(-2.0)))) / 2)) < 1)
        #expect(result.gradient.storage.allSatisfy { $0.isFinite })
    }
}
