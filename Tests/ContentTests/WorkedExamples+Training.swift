import Foundation
import TinyCNN

extension WorkedExamples {
    static let lesson05: [WorkedExample] = [
        WorkedExample("05", """
            | 3 | 2.0 | 7.389 | 7.389 / 11.213 = 0.6590 |
            | 5 | 1.0 | 2.718 | 2.718 / 11.213 = 0.2424 |
            | 8 | 0.1 | 1.105 | 1.105 / 11.213 = 0.0986 |
            """) {
            let logits: [Float] = [2.0, 1.0, 0.1]
            let p = Compute.crossEntropy(logits: logits, label: 0).probabilities
            let e = logits.map { Shown.fixed(exp($0), 3) }
            let sum = Shown.fixed(logits.map { exp($0) }.reduce(0, +), 3)
            return zip(["3", "5", "8"], logits.indices).map { name, i in
                "| \(name) | \(Shown.fixed(logits[i], 1)) | \(e[i]) | \(e[i]) / \(sum) = \(Shown.fixed(p[i], 4)) |"
            }.joined(separator: "\n")
        },
        WorkedExample("05", "true class 3:  loss = −ln(0.6590) = 0.417\ntrue class 8:  loss = −ln(0.0986) = 2.317") {
            let three = Compute.crossEntropy(logits: [2.0, 1.0, 0.1], label: 0), eight = Compute.crossEntropy(logits: [2.0, 1.0, 0.1], label: 2)
            return "true class 3:  loss = −ln(\(Shown.fixed(three.probabilities[0], 4))) = \(Shown.fixed(three.loss, 3))\ntrue class 8:  loss = −ln(\(Shown.fixed(eight.probabilities[2], 4))) = \(Shown.fixed(eight.loss, 3))"
        },
        WorkedExample("05", "uniformly among 10 digits pays −ln(0.1) = 2.303") {
            let uniform = Compute.crossEntropy(logits: [Float](repeating: 0, count: 10), label: 0)
            return "uniformly among 10 digits pays −ln(\(Shown.trimmed(uniform.probabilities[0], 3))) = \(Shown.fixed(uniform.loss, 3))"
        },
        WorkedExample("05", "here [0.6590 − 1, 0.2424, 0.0986] = [−0.3410, 0.2424, 0.0986]") {
            let r = Compute.crossEntropy(logits: [2.0, 1.0, 0.1], label: 0)
            let p = r.probabilities.map { Shown.fixed($0, 4) }, g = r.gradient.map { Shown.fixed($0, 4) }
            return "here [\(p[0]) − 1, \(p[1]), \(p[2])] = [\(g.joined(separator: ", "))]"
        },
        WorkedExample("05", "backward: dL/dy = 2(y − t) = −4    dy/dw = x = 2\n          dL/dw = dL/dy · dy/dw = −4 · 2 = −8") {
            let y = Compute.dense(weights: [[0.5]], bias: [0], input: [2])[0]
            let grad = Compute.squaredErrorGradient(weight: 0.5, input: 2, target: 3)
            return "backward: dL/dy = 2(y − t) = \(Shown.whole(2 * (y - 3)))    dy/dw = x = 2\n          dL/dw = dL/dy · dy/dw = \(Shown.whole(2 * (y - 3))) · 2 = \(Shown.whole(grad))"
        },
        WorkedExample("05", "w ← w − η · dL/dw = 0.5 − 0.05 · (−8) = 0.9") {
            let w = Compute.oneWeightRun(start: 0.5, steps: 1) { SGD(parameters: $0, learningRate: 0.05) }[0]
            return "w ← w − η · dL/dw = 0.5 − 0.05 · (−8) = \(Shown.trimmed(w))"
        },
        WorkedExample("05", "L = (1.8 − 3)² = 1.44, down from 4. Repeating the step gives w = 1.14, 1.284, 1.37") {
            let trace = Compute.oneWeightRun(start: 0.5, steps: 4) { SGD(parameters: $0, learningRate: 0.05) }
            let loss = (2 * trace[0] - 3) * (2 * trace[0] - 3)
            return "L = (\(Shown.trimmed(2 * trace[0])) − 3)² = \(Shown.trimmed(loss)), down from 4. Repeating the step gives w = \(trace.dropFirst().map { Shown.trimmed($0) }.joined(separator: ", "))"
        },
    ] + [(Float(0.01), "| 0.01 | 0.58, 0.654, 0.721, 0.784 | 2.053 |"), (0.05, "| 0.05 | 0.9, 1.14, 1.284, 1.37 | 0.067 |"),
         (0.25, "| 0.25 | 2.5, 0.5, 2.5, 0.5 | 4 |"), (0.3, "| 0.3 | 2.9, −0.46, 4.244, −2.342 | 59.032 |")].map { lr, row in
        WorkedExample("05", row) {
            let trace = Compute.oneWeightRun(start: 0.5, steps: 4) { SGD(parameters: $0, learningRate: lr) }
            let last = trace[3]
            return "| \(Shown.trimmed(lr)) | \(trace.map { Shown.trimmed($0) }.joined(separator: ", ")) | \(Shown.trimmed((2 * last - 3) * (2 * last - 3))) |"
        }
    } + [
        WorkedExample("05", "w = 0.5 + 0.05 · 8  = 0.9\n") {
            let trace = Compute.oneWeightRun(start: 0.5, steps: 2) { SGD(parameters: $0, learningRate: 0.05, momentum: 0.9) }
            return "w = 0.5 + 0.05 · 8  = \(Shown.trimmed(trace[0]))\n"
        },
        WorkedExample("05", "v = 0.9 · (−8) − 4.8 = −12  w = 0.9 + 0.05 · 12 = 1.5") {
            let trace = Compute.oneWeightRun(start: 0.5, steps: 2) { SGD(parameters: $0, learningRate: 0.05, momentum: 0.9) }
            let v = (trace[0] - trace[1]) / 0.05
            return "v = 0.9 · (−8) − 4.8 = \(Shown.whole(v))  w = 0.9 + 0.05 · 12 = \(Shown.trimmed(trace[1]))"
        },
        WorkedExample("05", "(step 3 lands on 2.04)") {
            let trace = Compute.oneWeightRun(start: 0.5, steps: 3) { SGD(parameters: $0, learningRate: 0.05, momentum: 0.9) }
            return "(step 3 lands on \(Shown.trimmed(trace[2])))"
        },
        WorkedExample("05", "with η = 0.001 our w would go from 0.5 to 0.501") {
            let trace = Compute.oneWeightRun(start: 0.5, steps: 1) { Adam(parameters: $0, learningRate: 0.001) }
            return "with η = 0.001 our w would go from 0.5 to \(Shown.trimmed(trace[0]))"
        },
        WorkedExample("05", "With 1,437 training digits and batches of 32, an epoch is 45 steps (44 full batches and one of 29)") {
            let n = try Compute.idx("digits-train-labels.idx1-ubyte", in: dataURL()).count
            return "With \(Shown.grouped(n)) training digits and batches of 32, an epoch is \((n + 31) / 32) steps (\(n / 32) full batches and one of \(n % 32))"
        },
    ]

    static let lesson06: [WorkedExample] = [
        WorkedExample("06", "The 360 test digits contain 34 sevens") {
            let counts = try testClassCounts()
            return "The \(counts.reduce(0, +)) test digits contain \(counts[7]) sevens"
        },
        WorkedExample("06", "The four cells add up to 30 + 4 + 6 + 320 = 360") {
            "The four cells add up to 30 + 4 + 6 + 320 = \(Int(30 + 4 + 6 + 320.0))"
        },
        WorkedExample("06", """
            | accuracy | (TP + TN) / all | (30 + 320) / 360 = 0.972 |
            | precision | TP / (TP + FP) | 30 / 36 = 0.833 |
            | recall | TP / (TP + FN) | 30 / 34 = 0.882 |
            | F1 | 2 · P · R / (P + R) | 2 · 0.833 · 0.882 / 1.715 = 0.857 |
            """) {
            let c = AnswerOracle.sevens
            let p = Shown.fixed(c.precision, 3), r = Shown.fixed(c.recall, 3)
            // The lesson adds the rounded values it shows; the F1 must come out the same either way.
            let shownSum = (c.precision * 1000).rounded() / 1000 + (c.recall * 1000).rounded() / 1000
            let fromShown = 2 * ((c.precision * 1000).rounded() / 1000) * ((c.recall * 1000).rounded() / 1000) / shownSum
            let f1 = Shown.fixed(fromShown, 3) == Shown.fixed(c.f1, 3) ? Shown.fixed(c.f1, 3) : "rounding changes F1"
            return """
            | accuracy | (TP + TN) / all | (30 + 320) / 360 = \(Shown.fixed(c.accuracy, 3)) |
            | precision | TP / (TP + FP) | 30 / 36 = \(p) |
            | recall | TP / (TP + FN) | 30 / 34 = \(r) |
            | F1 | 2 · P · R / (P + R) | 2 · \(p) · \(r) / \(Shown.fixed(shownSum, 3)) = \(f1) |
            """
        },
        WorkedExample("06", "F1 = 2·TP / (2·TP + FP + FN) = 60 / 70 = 0.857") {
            "F1 = 2·TP / (2·TP + FP + FN) = 60 / 70 = \(Shown.fixed(60.0 / 70.0, 3))"
        },
        WorkedExample("06", "is right 326 times: accuracy 326 / 360 = 0.906") {
            let counts = try testClassCounts()
            let total = counts.reduce(0, +), right = total - counts[7]
            return "is right \(right) times: accuracy \(right) / \(total) = \(Shown.fixed(Double(right) / Double(total), 3))"
        },
        WorkedExample("06", "| 3 | 31 | 1 | 2 | 34 |\n| 5 | 2 | 44 | 1 | 47 |\n| 8 | 3 | 0 | 27 | 30 |\n| column sum | 36 | 45 | 30 | 111 |") {
            // Row sums must be the real numbers of 3s, 5s and 8s in the bundled test set.
            let counts = try testClassCounts()
            let m = Compute.corner.map { $0.map { Int($0) } }
            guard m.map({ $0.reduce(0, +) }) == [counts[3], counts[5], counts[8]] else { return "row sums differ from the test set" }
            let rows = zip(["3", "5", "8"], m).map { name, row in
                "| \(name) | \(row.map(String.init).joined(separator: " | ")) | \(row.reduce(0, +)) |"
            }
            let columns = (0..<3).map { k in m.map { $0[k] }.reduce(0, +) }
            return (rows + ["| column sum | \(columns.map(String.init).joined(separator: " | ")) | \(columns.reduce(0, +)) |"]).joined(separator: "\n")
        },
        WorkedExample("06", "| 3 | 31 / 36 = 0.861 | 31 / 34 = 0.912 | 0.886 |\n| 5 | 44 / 45 = 0.978 | 44 / 47 = 0.936 | 0.957 |\n| 8 | 27 / 30 = 0.900 | 27 / 30 = 0.900 | 0.900 |") {
            let m = Compute.corner
            return (0..<3).map { k in
                let d = Int(m[k][k]), col = Int(m.map { $0[k] }.reduce(0, +)), row = Int(m[k].reduce(0, +))
                return "| \(["3", "5", "8"][k]) | \(d) / \(col) = \(Shown.fixed(Compute.columnPrecision(m, k), 3)) | \(d) / \(row) = \(Shown.fixed(Compute.rowRecall(m, k), 3)) | \(Shown.fixed(Compute.f1(m, k), 3)) |"
            }.joined(separator: "\n")
        },
        WorkedExample("06", "(31 + 44 + 27) / 111 = 0.919") {
            let m = Compute.corner
            return "(31 + 44 + 27) / 111 = \(Shown.fixed((m[0][0] + m[1][1] + m[2][2]) / m.flatMap { $0 }.reduce(0, +), 3))"
        },
        WorkedExample("06", "(0.886 + 0.957 + 0.900) / 3 = 0.914") {
            let f = (0..<3).map { Compute.f1(Compute.corner, $0) }
            return "(\(f.map { Shown.fixed($0, 3) }.joined(separator: " + "))) / 3 = \(Shown.fixed(f.reduce(0, +) / 3, 3))"
        },
    ]
}

extension WorkedExamples {
    /// The training lesson's convolution backward pass, recomputed by TinyCNN's gradient walk.
    static let lesson05Gradients: [WorkedExample] = {
        @Sendable func walk() throws -> ConvolutionGradientWalk {
            try ConvolutionGradientWalk(input: [Matrix([[1, 2, 0], [0, 1, 3], [2, 1, 1]])], kernel: [Matrix([[1, -1], [0, 2]])],
                                        upstream: Matrix([[1, 0], [-1, 2]]))
        }
        @Sendable func factor(_ v: Float) -> String { v < 0 ? "(\(Shown.whole(v)))" : Shown.whole(v) }
        @Sendable func sum(_ terms: [ConvolutionGradientWalk.Term]) -> String {
            terms.map { "\(factor($0.upstream))·\(factor($0.factor))" }.joined(separator: " + ")
        }
        return [
            WorkedExample("05", """
                dL/dW[0,0] = 1·1 + 0·2 + (−1)·0 + 2·1 = 3
                dL/dW[0,1] = 1·2 + 0·0 + (−1)·1 + 2·3 = 7
                dL/dW[1,0] = 1·0 + 0·1 + (−1)·2 + 2·1 = 0
                dL/dW[1,1] = 1·1 + 0·3 + (−1)·1 + 2·1 = 2
                """) {
                try walk().weightTaps.map { "dL/dW[\($0.row),\($0.column)] = \(sum($0.terms)) = \(Shown.whole($0.value))" }
                    .joined(separator: "\n")
            },
            WorkedExample("05", "dL/dX[1,1] = 1·2 + 0·0 + (−1)·(−1) + 2·1 = 5") {
                let centre = try walk().inputCells[4]
                return "dL/dX[1,1] = \(sum(centre.terms)) = \(Shown.whole(centre.value))"
            },
            WorkedExample("05", "dL/dX =  1  −1   0\n        −1   5  −2\n         0  −2   4") {
                let g = try walk().inputGradient[0]
                let cells = g.nested.map { row in row.map { Shown.whole($0) } }
                let width = cells.flatMap { $0 }.map(\.count).max() ?? 1
                let rows = cells.map { row in row.map { String(repeating: " ", count: width - $0.count) + $0 }.joined(separator: "  ") }
                return "dL/dX = " + rows.enumerated().map { $0.offset == 0 ? $0.element : "        " + $0.element }.joined(separator: "\n")
            },
            WorkedExample("05", "so dL/db is the sum of dL/dY: 1 + 0 + (−1) + 2 = 2") {
                let w = try walk()
                return "so dL/db is the sum of dL/dY: \(w.upstream.values.map(factor).joined(separator: " + ")) = \(Shown.whole(w.biasGradient))"
            },
            WorkedExample("05", "w ← w − 0.1 · dL/dW =  0.7  −1.7\n                       0     1.8") {
                let after = try walk().kernelAfterStep(learningRate: 0.1)[0]
                let a = after.values.map { Shown.trimmed($0, 3) }
                return "w ← w − 0.1 · dL/dW =  \(a[0])  \(a[1])\n                       \(a[2])     \(a[3])"
            },
        ]
    }()
}
