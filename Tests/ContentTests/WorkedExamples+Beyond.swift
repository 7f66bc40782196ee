import Foundation
import TinyCNN

extension WorkedExamples {
    static let lesson07: [WorkedExample] = [
        WorkedExample("07", "activations  0.4  1.2  0.0  0.8  2.0  0.6\nkeep?        yes  no   yes  yes  no   yes\noutput       0.8  0    0    1.6  0    1.2") {
            let values: [Float] = [0.4, 1.2, 0.0, 0.8, 2.0, 0.6], keep = [true, false, true, true, false, true]
            // The scale a kept unit gets from TinyCNN's inverted dropout at p = 0.5.
            let scale = Compute.dropoutOutputs(of: 1, rate: 0.5).max() ?? 0
            let out = zip(values, keep).map { v, k in k ? Shown.trimmed(v * scale, 1) : "0" }
            func column(_ items: [String]) -> String { items.map { $0.padding(toLength: 5, withPad: " ", startingAt: 0) }.joined().trimmingCharacters(in: .whitespaces) }
            return "activations  \(column(values.map { Shown.fixed($0, 1) }))\nkeep?        \(column(keep.map { $0 ? "yes" : "no" }))\noutput       \(column(out))"
        },
        WorkedExample("07", "| L2 | λ · Σ w² | 0.01 · (0.25 + 1 + 4) = 0.0525 |") {
            let w = [0.5, -1.0, 2.0]
            return "| L2 | λ · Σ w² | 0.01 · (\(w.map { Shown.trimmed($0 * $0, 2) }.joined(separator: " + "))) = \(Shown.trimmed(0.01 * w.map { $0 * $0 }.reduce(0, +), 4)) |"
        },
        WorkedExample("07", "| L1 | λ · Σ abs(w) | 0.01 · (0.5 + 1 + 2) = 0.035 |") {
            let w = [0.5, -1.0, 2.0]
            return "| L1 | λ · Σ abs(w) | 0.01 · (\(w.map { Shown.trimmed(abs($0), 2) }.joined(separator: " + "))) = \(Shown.trimmed(0.01 * w.map(abs).reduce(0, +), 4)) |"
        },
        WorkedExample("07", "L2's gradient is 2λw, here [0.01, −0.02, 0.04]") {
            "L2's gradient is 2λw, here [\([0.5, -1.0, 2.0].map { Shown.trimmed(2 * 0.01 * $0, 3) }.joined(separator: ", "))]"
        },
        WorkedExample("07", "std = √5 = 2.236\noutput   = (x − 5) / 2.236 = −1.342, −0.447, 0.447, 1.342") {
            let x: [Float] = [2, 4, 6, 8]
            let mean = x.reduce(0, +) / 4, variance = x.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 4
            let out = Compute.batchNormalise(x).map { Shown.fixed($0, 3) }
            return "std = √\(Shown.whole(variance)) = \(Shown.fixed(variance.squareRoot(), 3))\noutput   = (x − \(Shown.whole(mean))) / \(Shown.fixed(variance.squareRoot(), 3)) = \(out.joined(separator: ", "))"
        },
        WorkedExample("07", "the best validation loss is 0.25 at epoch 5") {
            let losses = [1.25, 0.52, 0.33, 0.27, 0.25, 0.26, 0.28, 0.31]
            let epoch = Compute.earlyStoppingEpoch(losses, patience: 3)
            return "the best validation loss is \(Shown.trimmed(losses[epoch - 1], 2)) at epoch \(epoch)"
        },
        WorkedExample("07", "| the tutor's | 8, 16 | 32 | 3,658 |\n| twice as wide | 16, 32 | 32 | 9,258 |\n| four times as wide | 32, 64 | 64 | 35,914 |") {
            try [("the tutor's", 8, 16, 32), ("twice as wide", 16, 32, 32), ("four times as wide", 32, 64, 64)].map { name, a, b, h in
                let spec = "conv \(a) 3 pad 1, relu, maxpool 2, conv \(b) 3 pad 1, relu, maxpool 2, flatten, dense \(h), relu, dense 10"
                return "| \(name) | \(a), \(b) | \(h) | \(Shown.grouped(try Compute.parameters(spec, input: [1, 8, 8]))) |"
            }.joined(separator: "\n")
        },
    ]

    static let lesson08: [WorkedExample] = [
        WorkedExample("08", """
            | conv 6, 5×5 | 6×28×28 | (25·1 + 1)·6 = 156 |
            | pool 2 | 6×14×14 | 0 |
            | conv 16, 5×5 | 16×10×10 | (25·6 + 1)·16 = 2,416 |
            | pool 2 | 16×5×5 | 0 |
            | dense 400→120 | 120 | 48,120 |
            | dense 120→84 | 84 | 10,164 |
            | dense 84→10 | 10 | 850 |
            """) {
            let s = try Compute.shapes("conv 6 5, pool 2, conv 16 5, pool 2, dense 120, dense 84, dense 10", input: [1, 32, 32])
            let labels = ["conv 6, 5×5", "pool 2", "conv 16, 5×5", "pool 2", "dense 400→120", "dense 120→84", "dense 84→10"]
            let working = ["(25·1 + 1)·6 = ", "", "(25·6 + 1)·16 = ", "", "", "", ""]
            return zip(labels.indices, s).map { i, layer in
                "| \(labels[i]) | \(Shown.shape(layer.outputShape)) | \(working[i])\(Shown.grouped(layer.parameterCount)) |"
            }.joined(separator: "\n")
        },
        WorkedExample("08", "That is 61,706 parameters") {
            "That is \(Shown.grouped(try Compute.parameters("conv 6 5, pool 2, conv 16 5, pool 2, dense 120, dense 84, dense 10", input: [1, 32, 32]))) parameters"
        },
        WorkedExample("08", "| 5×5 | 25 · 64 · 64 = 102,400 | 2 · 9 · 64 · 64 = 73,728 |\n| 7×7 | 49 · 64 · 64 = 200,704 | 3 · 9 · 64 · 64 = 110,592 |") {
            let k3 = Compute.convWeights(inChannels: 64, filters: 64, kernel: 3)
            let k5 = Compute.convWeights(inChannels: 64, filters: 64, kernel: 5), k7 = Compute.convWeights(inChannels: 64, filters: 64, kernel: 7)
            let f2 = try Compute.receptiveField("conv 1 3, conv 1 3"), f3 = try Compute.receptiveField("conv 1 3, conv 1 3, conv 1 3")
            return "| \(f2)×\(f2) | 25 · 64 · 64 = \(Shown.grouped(k5)) | 2 · 9 · 64 · 64 = \(Shown.grouped(2 * k3)) |\n| \(f3)×\(f3) | 49 · 64 · 64 = \(Shown.grouped(k7)) | 3 · 9 · 64 · 64 = \(Shown.grouped(3 * k3)) |"
        },
        WorkedExample("08", "the first layer would get 0.5^20 ≈ 0.000001 of it") {
            "the first layer would get 0.5^20 ≈ \(Shown.fixed(pow(0.5, 20), 6)) of it"
        },
        WorkedExample("08", "standard 3×3:   9 · 32 · 64        = 18,432 weights\nseparable:      9 · 32 + 32 · 64   = 288 + 2,048 = 2,336 weights") {
            let standard = Compute.convWeights(inChannels: 32, filters: 64, kernel: 3)
            let depthwise = 32 * Compute.convWeights(inChannels: 1, filters: 1, kernel: 3), pointwise = Compute.convWeights(inChannels: 32, filters: 64, kernel: 1)
            return "standard 3×3:   9 · 32 · 64        = \(Shown.grouped(standard)) weights\nseparable:      9 · 32 + 32 · 64   = \(depthwise) + \(Shown.grouped(pointwise)) = \(Shown.grouped(depthwise + pointwise)) weights"
        },
        WorkedExample("08", "About 7.9 times fewer") {
            let ratio = Double(Compute.convWeights(inChannels: 32, filters: 64, kernel: 3)) / Double(32 * 9 + 32 * 64)
            return "About \(Shown.fixed(ratio, 1)) times fewer"
        },
        WorkedExample("08", "dense 512→1,000 (513,000 parameters), with dense 512→2 (512 · 2 + 2 = 1,026 parameters)") {
            "dense 512→1,000 (\(Shown.grouped(try Compute.parameters("dense 1000", input: [512]))) parameters), with dense 512→2 (512 · 2 + 2 = \(Shown.grouped(try Compute.parameters("dense 2", input: [512]))) parameters)"
        },
    ]

    static let lesson09: [WorkedExample] = [
        WorkedExample("09", "the union 16 + 16 − 4 = 28, and their intersection over union (IoU) is 4 / 28 = 0.143") {
            "the union 16 + 16 − 4 = \(16 + 16 - 4), and their intersection over union (IoU) is 4 / 28 = \(Shown.fixed(4.0 / 28.0, 3))"
        },
        WorkedExample("09", "an 8×8 digit needs 64 labels, a 256×256 scan 65,536") {
            let small = try Compute.outputShape("flatten", input: [1, 8, 8])[0], big = try Compute.outputShape("flatten", input: [1, 256, 256])[0]
            return "an 8×8 digit needs \(small) labels, a 256×256 scan \(Shown.grouped(big))"
        },
        WorkedExample("09", "it takes 112 layers for one output to see across a 224-pixel image") {
            // Each stacked 3×3 convolution widens the receptive field by 2 (checked on 1-4 layers).
            for layers in 1...4 {
                let spec = Array(repeating: "conv 1 3", count: layers).joined(separator: ", ")
                guard try Compute.receptiveField(spec) == 2 * layers + 1 else { return "the field does not grow by 2 per layer" }
            }
            let needed = (1...).first { 2 * $0 + 1 >= 224 } ?? 0
            return "it takes \(needed) layers for one output to see across a 224-pixel image"
        },
        WorkedExample("09", "The digits net's 3,658 parameters take 14,632 bytes as float32 and 3,658 bytes as int8") {
            let n = try digitsParameters().map(\.parameterCount).reduce(0, +)
            return "The digits net's \(Shown.grouped(n)) parameters take \(Shown.grouped(n * MemoryLayout<Float>.size)) bytes as float32 and \(Shown.grouped(n * MemoryLayout<Int8>.size)) bytes as int8"
        },
        WorkedExample("09", "one step is 0.8 / 127 = 0.0063, and a weight of 0.25 is stored as round(0.25 / 0.0063) = 40, which reads back as 40 · 0.0063 = 0.252") {
            let step = (0.8 / 127 * 10_000).rounded() / 10_000
            let code = Int((0.25 / step).rounded())
            return "one step is 0.8 / 127 = \(Shown.fixed(step, 4)), and a weight of 0.25 is stored as round(0.25 / \(Shown.fixed(step, 4))) = \(code), which reads back as \(code) · \(Shown.fixed(step, 4)) = \(Shown.fixed(Double(code) * step, 3))"
        },
        WorkedExample("09", "from [0.02, −0.9, 0.004, 0.5, −0.03, 1.1] zeroes 3 of the 6") {
            let w = [0.02, -0.9, 0.004, 0.5, -0.03, 1.1]
            return "from [\(w.map { Shown.trimmed($0, 3) }.joined(separator: ", "))] zeroes \(w.filter { abs($0) < 0.05 }.count) of the \(w.count)"
        },
        WorkedExample("09", "two matrices of 1,000×50 and 50×1,000, 100,000 numbers in all") {
            "two matrices of 1,000×50 and 50×1,000, \(Shown.grouped(1_000 * 50 + 50 * 1_000)) numbers in all"
        },
        WorkedExample("09", "so a 224×224 image becomes 14 · 14 = 196 patches") {
            let out = try Compute.outputShape("conv 1 16 stride 16", input: [3, 224, 224])
            return "so a 224×224 image becomes \(out[1]) · \(out[2]) = \(out[1] * out[2]) patches"
        },
    ]
}
