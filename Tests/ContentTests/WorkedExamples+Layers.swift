import Foundation
import TinyCNN

extension WorkedExamples {
    static let lesson03: [WorkedExample] = zip(["top-left", "top-right", "bottom-left", "bottom-right"],
                                               ["| top-left | 2, 5, 2, 5 | 5 | 14 / 4 = 3.5 |",
                                                "| top-right | 2, 4, 6, 2 | 6 | 14 / 4 = 3.5 |",
                                                "| bottom-left | 4, 4, 1, 4 | 4 | 13 / 4 = 3.25 |",
                                                "| bottom-right | 6, 3, 0, 3 | 6 | 12 / 4 = 3 |"]).enumerated().map { index, row in
        WorkedExample("03", row.1) {
            let maxWalk = try PoolingWalk(input: Matrix(parsing: pooledMap), mode: .max, kernel: 2)
            let avgWalk = try PoolingWalk(input: Matrix(parsing: pooledMap), mode: .avg, kernel: 2)
            let step = avgWalk.steps[index]
            let values = step.window.flatMap { $0 }.map { Shown.whole($0 ?? .nan) }.joined(separator: ", ")
            return "| \(row.0) | \(values) | \(Shown.whole(maxWalk.steps[index].value)) | \(Shown.whole(step.sum ?? .nan)) / 4 = \(Shown.trimmed(step.value, 2)) |"
        }
    } + [
        WorkedExample("03", "Max pooling gives 5 6 / 4 6, average pooling gives 3.5 3.5 / 3.25 3") {
            let maxOut = try Compute.pool(pooledMap, .max, kernel: 2), avgOut = try Compute.pool(pooledMap, .avg, kernel: 2)
            return "Max pooling gives \(Shown.inline(maxOut)), average pooling gives \(Shown.inline(avgOut))"
        },
        WorkedExample("03", "26 → (26 − 2) / 2 + 1 = 13, and 8 → 4 → 2") {
            let a = try Compute.outputShape("pool 2", input: [1, 26, 26])[2]
            let b = try Compute.outputShape("pool 2", input: [1, 8, 8])[2], c = try Compute.outputShape("pool 2, pool 2", input: [1, 8, 8])[2]
            return "26 → (26 − 2) / 2 + 1 = \(a), and 8 → \(b) → \(c)"
        },
        WorkedExample("03", "7 → floor(5 / 2) + 1 = 3") { "7 → floor(5 / 2) + 1 = \(try Compute.outputShape("pool 2", input: [1, 7, 7])[2])" },
        WorkedExample("03", "2×2 with stride 1 turns our 4×4 map into 3×3") {
            let out = try Compute.pool(pooledMap, .max, kernel: 2, stride: 1)
            return "2×2 with stride 1 turns our 4×4 map into \(out.rows)×\(out.columns)"
        },
        WorkedExample("03", "outputs 16×8×8 = 1,024 values. Without pooling, a dense layer to 32 units would need 1,024 · 32 + 32 = 32,800 parameters; after two poolings it sees 16×2×2 = 64 values and needs 64 · 32 + 32 = 2,080") {
            let unpooled = try Compute.shapes("conv 8 3 pad 1, relu, conv 16 3 pad 1, relu, flatten, dense 32", input: [1, 8, 8])
            let pooled = try digitsParameters()
            let wide = unpooled[3].outputShape, narrow = pooled[5].outputShape
            let wideCount = wide.reduce(1, *), narrowCount = narrow.reduce(1, *)
            return "outputs \(Shown.shape(wide)) = \(Shown.grouped(wideCount)) values. Without pooling, a dense layer to 32 units would need \(Shown.grouped(wideCount)) · 32 + 32 = \(Shown.grouped(unpooled[5].parameterCount)) parameters; after two poolings it sees \(Shown.shape(narrow)) = \(narrowCount) values and needs \(narrowCount) · 32 + 32 = \(Shown.grouped(pooled[7].parameterCount))"
        },
    ] + [(-2, "| −2 | 0 | 0.119 | −0.964 |"), (0, "| 0 | 0 | 0.5 | 0 |"), (2, "| 2 | 2 | 0.881 | 0.964 |")].map { x, row in
        WorkedExample("03", row) {
            let v = [Float(x)]
            return "| \(Shown.whole(v[0])) | \(Shown.trimmed(Compute.apply(ReLU(), to: v)[0])) | \(Shown.trimmed(Compute.apply(Sigmoid(), to: v)[0])) | \(Shown.trimmed(Compute.apply(Tanh(), to: v)[0])) |"
        }
    } + [
        WorkedExample("03", "an input of −1 now gives 3 · ReLU(−2) = 0 instead of −6") {
            let hidden = Compute.dense(weights: [[2]], bias: [0], input: [-1])
            let withReLU = Compute.dense(weights: [[3]], bias: [0], input: Compute.apply(ReLU(), to: hidden))[0]
            let linear = Compute.dense(weights: [[3]], bias: [0], input: hidden)[0]
            return "an input of −1 now gives 3 · ReLU(\(Shown.whole(hidden[0]))) = \(Shown.whole(withReLU)) instead of \(Shown.whole(linear))"
        },
        WorkedExample("03", "ReLU keeps only the positive evidence: 1 −9 / 5 −1 becomes 1 0 / 5 0") {
            let map = try Compute.convolve(input4x4, "0 1 0; 1 -4 1; 0 1 0")
            let relu = Matrix(rows: 2, columns: 2, values: Compute.apply(ReLU(), to: map.values))
            return "ReLU keeps only the positive evidence: \(Shown.inline(map)) becomes \(Shown.inline(relu))"
        },
    ]

    static let lesson04: [WorkedExample] = [
        WorkedExample("04", "The scikit-learn digits set has 1,797 images of 8×8 pixels; an 80/20 split gives 1,437 training and 360 test images") {
            let train = try Compute.idx("digits-train-labels.idx1-ubyte", in: dataURL()).count
            let test = try Compute.idx("digits-test-labels.idx1-ubyte", in: dataURL()).count
            // 20 % of 1,797 is 359.4; the split rounds the test share up.
            let split = test == Int((Double(train + test) * 0.2).rounded(.up)) ? "80/20" : "uneven"
            return "The scikit-learn digits set has \(Shown.grouped(train + test)) images of 8×8 pixels; an \(split) split gives \(Shown.grouped(train)) training and \(test) test images"
        },
        WorkedExample("04", "y1 = 0.5·1 + (−1)·2 + 0·3 + 0.5 = −1\ny2 = 1·1   +    0·2 + 2·3 − 1   =  6") {
            let y = Compute.dense(weights: [[0.5, -1, 0], [1, 0, 2]], bias: [0.5, -1], input: [1, 2, 3]).map(Shown.whole)
            return "y1 = 0.5·1 + (−1)·2 + 0·3 + 0.5 = \(y[0])\ny2 = 1·1   +    0·2 + 2·3 − 1   =  \(y[1])"
        },
        WorkedExample("04", "That layer has 3 · 2 + 2 = 8 parameters") {
            "That layer has 3 · 2 + 2 = \(try Compute.parameters("dense 2", input: [3])) parameters"
        },
        WorkedExample("04", """
            | conv 1→8, 3×3, padding 1 + ReLU | 8×8×8 | (9·1 + 1)·8 = 80 |
            | max pool 2 | 8×4×4 | 0 |
            | conv 8→16, 3×3, padding 1 + ReLU | 16×4×4 | (9·8 + 1)·16 = 1,168 |
            | max pool 2 | 16×2×2 | 0 |
            | flatten | 64 | 0 |
            | dense 64→32 + ReLU | 32 | 64·32 + 32 = 2,080 |
            | dense 32→10 | 10 | 32·10 + 10 = 330 |
            """) {
            let s = try digitsParameters()
            func p(_ i: Int) -> String { Shown.grouped(s[i].parameterCount) }
            return """
            | conv 1→8, 3×3, padding 1 + ReLU | \(Shown.shape(s[1].outputShape)) | (9·1 + 1)·8 = \(p(0)) |
            | max pool 2 | \(Shown.shape(s[2].outputShape)) | \(p(2)) |
            | conv 8→16, 3×3, padding 1 + ReLU | \(Shown.shape(s[4].outputShape)) | (9·8 + 1)·16 = \(p(3)) |
            | max pool 2 | \(Shown.shape(s[5].outputShape)) | \(p(5)) |
            | flatten | \(Shown.shape(s[6].outputShape)) | \(p(6)) |
            | dense 64→32 + ReLU | \(Shown.shape(s[8].outputShape)) | 64·32 + 32 = \(p(7)) |
            | dense 32→10 | \(Shown.shape(s[9].outputShape)) | 32·10 + 10 = \(p(9)) |
            """
        },
        WorkedExample("04", "The total is 80 + 1,168 + 2,080 + 330 = **3,658** parameters") {
            let s = try digitsParameters().map(\.parameterCount).filter { $0 > 0 }
            return "The total is \(s.map(Shown.grouped).joined(separator: " + ")) = **\(Shown.grouped(s.reduce(0, +)))** parameters"
        },
        WorkedExample("04", "the dense layers hold 2,410 of the 3,658") {
            let s = try digitsParameters()
            let dense = s.filter { if case .dense = $0.spec { return true } else { return false } }.map(\.parameterCount).reduce(0, +)
            return "the dense layers hold \(Shown.grouped(dense)) of the \(Shown.grouped(s.map(\.parameterCount).reduce(0, +)))"
        },
        WorkedExample("04", """
            | conv 10, 5×5 | 10×24×24 (28 − 5 + 1 = 24) |
            | pool 2 | 10×12×12 |
            | conv 20, 5×5 | 20×8×8 (12 − 5 + 1 = 8) |
            | pool 2 | 20×4×4 |
            | flatten | 20 · 4 · 4 = 320 |
            """) {
            let s = try Compute.shapes("conv 10 5, pool 2, conv 20 5, pool 2, flatten", input: [1, 28, 28]).map(\.outputShape)
            return """
            | conv 10, 5×5 | \(Shown.shape(s[0])) (28 − 5 + 1 = \(s[0][2])) |
            | pool 2 | \(Shown.shape(s[1])) |
            | conv 20, 5×5 | \(Shown.shape(s[2])) (12 − 5 + 1 = \(s[2][2])) |
            | pool 2 | \(Shown.shape(s[3])) |
            | flatten | 20 · 4 · 4 = \(s[4][0]) |
            """
        },
        WorkedExample("04", "| conv 10, 5×5 | 10×4×4 (8 − 5 + 1 = 4) |\n| pool 2 | 10×2×2 |") {
            let s = try Compute.shapes("conv 10 5, pool 2", input: [1, 8, 8]).map(\.outputShape)
            return "| conv 10, 5×5 | \(Shown.shape(s[0])) (8 − 5 + 1 = \(s[0][2])) |\n| pool 2 | \(Shown.shape(s[1])) |"
        },
        WorkedExample("04", "layer 3 (conv 5×5): input is 10×2×2, smaller than the kernel") {
            do {
                _ = try Compute.shapes("conv 10 5, pool 2, conv 20 5, pool 2, flatten, dense 50, dense 10", input: [1, 8, 8])
                return "the beginner net fits 8×8 inputs"
            } catch let error as ShapeError {
                return error.description
            }
        },
        WorkedExample("04", "Then (8 − 5 + 4) / 1 + 1 = 8: the sizes go 8 → 8 → 4 → 4 → 2, and the first dense layer must take 20 · 2 · 2 = 80 inputs") {
            let s = try Compute.shapes("conv 10 5 pad 2, pool 2, conv 20 5 pad 2, pool 2, flatten", input: [1, 8, 8]).map(\.outputShape)
            let sizes = s.prefix(4).map { String($0[2]) }.joined(separator: " → ")
            return "Then (8 − 5 + 4) / 1 + 1 = \(s[0][2]): the sizes go 8 → \(sizes), and the first dense layer must take 20 · 2 · 2 = \(s[4][0]) inputs"
        },
        WorkedExample("04", "The sizes go 28 → 14 → 7, so the first dense layer takes 16 · 7 · 7 = 784 inputs, and the hidden layer is wider (dense 784→64, then 64→10), for 52,138 parameters in all") {
            let s = try ModelSpec.mnist.shapes(inputShape: [1, 28, 28])
            let total = s.map(\.parameterCount).reduce(0, +)
            return "The sizes go 28 → \(s[2].outputShape[2]) → \(s[5].outputShape[2]), so the first dense layer takes 16 · 7 · 7 = \(s[6].outputShape[0]) inputs, and the hidden layer is wider (dense \(s[6].outputShape[0])→\(s[7].outputShape[0]), then \(s[7].outputShape[0])→\(s[9].outputShape[0])), for \(Shown.grouped(total)) parameters in all"
        },
    ]
}
