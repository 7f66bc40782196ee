import Foundation

extension EvaluationReport {
    /// The report as plain text: accuracy and loss, the confusion matrix, the per-class table,
    /// and the first misclassified indices.
    ///
    ///     Test accuracy 97.22% (350 of 360), mean loss 0.0912
    ///
    ///     Confusion matrix (rows: true digit, columns: predicted)
    ///              0    1 ...
    ///         0   33    0 ...
    public func formatted(title: String = "Test", maxMisclassified: Int = 40) -> String {
        let c = confusion
        var lines: [String] = []
        // A diverged network's loss is NaN or infinite: spelled "nan" / "inf" (printf writes "-nan").
        let lossText = loss.isNaN ? "nan" : loss.isInfinite ? (loss > 0 ? "inf" : "-inf") : String(format: "%.4f", loss)
        lines.append(String(format: "%@ accuracy %.2f%% (%d of %d), mean loss %@",
                            title, accuracy * 100, c.correct, c.total, lossText))
        lines.append("")
        lines.append("Confusion matrix (rows: true digit, columns: predicted)")
        let width = max(4, String(c.counts.flatMap { $0 }.max() ?? 0).count + 1)
        func pad(_ s: String, _ w: Int) -> String { String(repeating: " ", count: max(0, w - s.count)) + s }
        lines.append(pad("", 6) + (0..<c.classCount).map { pad(String($0), width) }.joined())
        for (k, row) in c.counts.enumerated() {
            lines.append(pad(String(k), 6) + row.map { pad(String($0), width) }.joined())
        }
        lines.append("")
        lines.append("digit  precision  recall     f1  support")
        for m in perClass {
            lines.append(pad(String(m.label), 5) + pad(String(format: "%.3f", m.precision), 11)
                         + pad(String(format: "%.3f", m.recall), 8) + pad(String(format: "%.3f", m.f1), 7)
                         + pad(String(m.support), 9))
        }
        lines.append(String(format: "macro  %@%@%@%@", pad(String(format: "%.3f", perClass.map(\.precision).reduce(0, +) / Double(c.classCount)), 9),
                            pad(String(format: "%.3f", perClass.map(\.recall).reduce(0, +) / Double(c.classCount)), 8),
                            pad(String(format: "%.3f", c.macroF1), 7), pad(String(c.total), 9)))
        lines.append("")
        if misclassified.isEmpty {
            lines.append("Misclassified: none")
        } else {
            let shown = misclassified.prefix(maxMisclassified).map(String.init).joined(separator: " ")
            let more = misclassified.count > maxMisclassified ? " … (\(misclassified.count - maxMisclassified) more)" : ""
            lines.append("Misclassified (\(misclassified.count), sample indices): \(shown)\(more)")
        }
        return lines.joined(separator: "\n")
    }
}
