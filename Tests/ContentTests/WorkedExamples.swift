import Foundation
import TinyCNN
import TutorResources

/// The worked examples of every lesson, each recomputed with TinyCNN (or, where no project
/// code computes the quantity, from the stated counts).
enum WorkedExamples {
    static let input4x4 = "1 2 0 1; 0 1 3 1; 2 0 1 0; 1 1 0 2"
    static let xFilter = "1 0 1; 0 1 0; 1 0 1"
    /// Lesson 02's two-channel example: two 3×3 channels, a 2×2 filter of two slices, bias −1.
    static let twoChannels = "1 2 0; 0 1 3; 2 0 1 | 0 1 1; 1 0 0; 2 1 0"
    static let twoSlices = "1 0; 0 1 | 1 1; 0 0"
    static let pooledMap = "2 5 2 4; 2 5 6 2; 4 4 6 3; 1 4 0 3"

    static func digitsParameters(_ spec: ModelSpec = .digits, input: [Int] = [1, 8, 8]) throws -> [LayerShape] {
        try spec.shapes(inputShape: input)
    }

    static func dataURL() throws -> URL {
        guard let url = BundledContent.url(for: .data) else { throw Compute.Failure(description: "no bundled data folder") }
        return url
    }

    /// How many test digits of each class the bundled digits test set holds.
    static func testClassCounts() throws -> [Int] {
        let labels = try Compute.idx("digits-test-labels.idx1-ubyte", in: dataURL())
        var counts = [Int](repeating: 0, count: 10)
        for i in 0..<labels.count { if let label = labels.item(i).first { counts[Int(label)] += 1 } }
        return counts
    }

    static let all: [WorkedExample] = lesson01 + lesson02 + lesson03 + lesson04 + lesson05 + lesson06 + lesson07 + lesson08 + lesson09

    static let lesson01: [WorkedExample] = [
        WorkedExample("01", "28 · 28 · 3 = 2,352") {
            "28 · 28 · 3 = \(Shown.grouped(try Compute.outputShape("flatten", input: [3, 28, 28])[0]))"
        },
        WorkedExample("01", "a greyscale 8×8 digit is a grid of 64 brightness values") {
            let dims = try Compute.idx("digits-test-images.idx3-ubyte", in: dataURL()).dimensions
            return "a greyscale \(dims[1])×\(dims[2]) digit is a grid of \(dims[1] * dims[2]) brightness values"
        },
        WorkedExample("01", "1,797 greyscale images of 8×8 pixels") {
            let train = try Compute.idx("digits-train-images.idx3-ubyte", in: dataURL())
            let test = try Compute.idx("digits-test-images.idx3-ubyte", in: dataURL())
            return "\(Shown.grouped(train.count + test.count)) greyscale images of \(test.dimensions[1])×\(test.dimensions[2]) pixels"
        },
        WorkedExample("01", "position 1: 1·1 + 2·0 + 3·(−1) = −2\nposition 2: 2·1 + 3·0 + 4·(−1) = −2") {
            let out = try Compute.convolve("1 2 3 4", "1 0 -1").values.map(Shown.whole)
            return "position 1: 1·1 + 2·0 + 3·(−1) = \(out[0])\nposition 2: 2·1 + 3·0 + 4·(−1) = \(out[1])"
        },
        WorkedExample("01", "to [−1, 0, 1], which here gives [2, 2]") {
            let out = try Compute.convolve("1 2 3 4", "-1 0 1").values.map(Shown.whole)
            return "to [−1, 0, 1], which here gives [\(out.joined(separator: ", "))]"
        },
        WorkedExample("01", "[[1, 2], [3, 4]] times [1, 1] is [1 + 2, 3 + 4] = [3, 7]") {
            let y = Compute.dense(weights: [[1, 2], [3, 4]], bias: [0, 0], input: [1, 1]).map(Shown.whole)
            return "[[1, 2], [3, 4]] times [1, 1] is [1 + 2, 3 + 4] = [\(y.joined(separator: ", "))]"
        },
    ]

    static let lesson02: [WorkedExample] = [
        WorkedExample("02", "= 1 + 0 + 0 + 0 + 1 + 0 + 2 + 0 + 1 = 5") {
            let walk = try ConvolutionWalk(input: Matrix(parsing: input4x4), kernel: Matrix(parsing: xFilter))
            let products = walk.steps[0].products.values.map(Shown.whole).joined(separator: " + ")
            return "= \(products) = \(Shown.whole(walk.steps[0].value))"
        },
        WorkedExample("02", "the patch [2 0 1; 1 3 1; 0 1 0] gives 2 + 1 + 3 + 0 + 0 = 6") {
            let walk = try ConvolutionWalk(input: Matrix(parsing: input4x4), kernel: Matrix(parsing: xFilter))
            let patch = walk.steps[1].patch.nested.map { $0.map(Shown.whole).joined(separator: " ") }.joined(separator: "; ")
            // The X filter keeps the four corners and the centre.
            let kept = [0, 2, 4, 6, 8].map { Shown.whole(walk.steps[1].patch.values[$0]) }
            return "the patch [\(patch)] gives \(kept.joined(separator: " + ")) = \(Shown.whole(walk.steps[1].value))"
        },
        WorkedExample("02", "5  6\n4  6") { Shown.block(try Compute.convolve(input4x4, xFilter)) },
        WorkedExample("02", "with b = 1 the map becomes 6 7 / 5 7") {
            "with b = 1 the map becomes \(Shown.inline(try Compute.convolve(input4x4, xFilter, bias: 1)))"
        },
        WorkedExample("02", "2  5  2  4\n2  5  6  2\n4  4  6  3\n1  4  0  3") {
            Shown.block(try Compute.convolve(input4x4, xFilter, padding: 1))
        },
        WorkedExample("02", "a 3×3 filter on 3 channels holds 3 · 3 · 3 = 27 weights") {
            "a 3×3 filter on 3 channels holds 3 · 3 · 3 = \(Compute.convWeights(inChannels: 3, filters: 1, kernel: 3)) weights"
        },
        WorkedExample("02", "one 3×3 slice per map below it: 8 slices, 72 weights, and a single bias") {
            let conv2 = Conv2D(inChannels: 8, filters: 16, kernelSize: 3)
            let slices = conv2.weight.value.shape[1], perFilter = conv2.weight.value.count / conv2.filters
            let biases = (conv2.bias?.value.count ?? 0) / conv2.filters
            return "one 3×3 slice per map below it: \(slices) slices, \(perFilter) weights, and a \(biases == 1 ? "single" : "\(biases)") bias"
        },
        WorkedExample("02", "channel 1's patch is [1 2; 0 1] and channel 2's is [0 1; 1 0]") {
            let step = try Compute.convolutionWalk(twoChannels, twoSlices, bias: -1).steps[0]
            let patches = step.channels.map { $0.patch.nested.map { $0.map(Shown.whole).joined(separator: " ") }.joined(separator: "; ") }
            return "channel 1's patch is [\(patches[0])] and channel 2's is [\(patches[1])]"
        },
        WorkedExample("02", "partial 1 = 1·1 + 2·0 + 0·0 + 1·1 = 2\npartial 2 = 0·1 + 1·1 + 1·0 + 0·0 = 1\nvalue     = 2 + 1 + (−1) = 2") {
            let walk = try Compute.convolutionWalk(twoChannels, twoSlices, bias: -1)
            let step = walk.steps[0]
            let lines = step.channels.enumerated().map { index, part in
                let terms = zip(part.patch.values, walk.kernels[index].values).map { "\(Shown.whole($0))·\(Shown.whole($1))" }
                return "partial \(index + 1) = \(terms.joined(separator: " + ")) = \(Shown.whole(part.partial))"
            }
            let sum = step.partials.map(Shown.whole).joined(separator: " + ")
            return (lines + ["value     = \(sum) + (\(Shown.whole(step.bias))) = \(Shown.whole(step.value))"]).joined(separator: "\n")
        },
        WorkedExample("02", "One column to the right the partial sums are 5 and 2, so the value is 5 + 2 − 1 = 6") {
            let step = try Compute.convolutionWalk(twoChannels, twoSlices, bias: -1).steps[1]
            let p = step.partials.map(Shown.whole)
            return "One column to the right the partial sums are \(p[0]) and \(p[1]), so the value is \(p[0]) + \(p[1]) − \(Shown.whole(-step.bias)) = \(Shown.whole(step.value))"
        },
        WorkedExample("02", "All four windows give one 2×2 map, not two:\n\n```\n2  6\n0  1\n```") {
            let out = try Compute.convolve(twoChannels, twoSlices, bias: -1)
            let count = ["one", "two", "three", "four"][out.rows * out.columns - 1]
            return "All \(count) windows give one \(out.rows)×\(out.columns) map, not two:\n\n```\n\(Shown.block(out))\n```"
        },
    ] + [(4, 3, 0, 1, "(4 − 3 + 0) / 1 + 1", 2), (4, 3, 1, 1, "(4 − 3 + 2) / 1 + 1", 4), (4, 3, 1, 2, "floor(3 / 2) + 1", 2),
         (28, 3, 0, 1, "(28 − 3) / 1 + 1", 26), (28, 3, 0, 2, "floor(25 / 2) + 1", 13),
         (224, 7, 3, 2, "floor(223 / 2) + 1", 112)].map { w, k, p, s, working, shown in
        WorkedExample("02", "| \(w) | \(k) | \(p) | \(s) | \(working) | \(shown) |") {
            let out = try Compute.outputShape("conv 1 \(k) stride \(s) pad \(p)", input: [1, w, w])[2]
            return "| \(w) | \(k) | \(p) | \(s) | \(working) | \(out) |"
        }
    } + [
        WorkedExample("02", "64 filters of 3×3, stride 1, no padding gives 26×26×64") {
            let out = Compute.heightWidthChannels(try Compute.outputShape("conv 64 3", input: [3, 28, 28]))
            return "64 filters of 3×3, stride 1, no padding gives \(Shown.shape(out))"
        },
        WorkedExample("02", "calls the same tensors 3×28×28 and 64×26×26") {
            "calls the same tensors 3×28×28 and \(Shown.shape(try Compute.outputShape("conv 64 3", input: [3, 28, 28])))"
        },
        WorkedExample("02", "(3 · 3 · 3 + 1) · 64 = 28 · 64 = 1,792") {
            "(3 · 3 · 3 + 1) · 64 = 28 · 64 = \(Shown.grouped(try Compute.parameters("conv 64 3", input: [3, 28, 28])))"
        },
        WorkedExample("02", "(9 · 1 + 1) · 8 = 80 parameters, and conv 8→16 has (9 · 8 + 1) · 16 = 1,168") {
            let shapes = try digitsParameters()
            return "(9 · 1 + 1) · 8 = \(shapes[0].parameterCount) parameters, and conv 8→16 has (9 · 8 + 1) · 16 = \(Shown.grouped(shapes[3].parameterCount))"
        },
        WorkedExample("02", "2,352 · 43,264 weights plus 43,264 biases: 101,800,192 parameters") {
            // A dense layer this size would hold 400 MB of zeros, so count as Dense does: in·out + out.
            let inputs = try Compute.outputShape("flatten", input: [3, 28, 28])[0]
            let outputs = try Compute.outputShape("conv 64 3, flatten", input: [3, 28, 28])[0]
            return "\(Shown.grouped(inputs)) · \(Shown.grouped(outputs)) weights plus \(Shown.grouped(outputs)) biases: \(Shown.grouped(inputs * outputs + outputs)) parameters"
        },
        WorkedExample("02", "A 1D kernel of size 5 on 100 time steps gives 100 − 5 + 1 = 96 outputs") {
            let row = (0..<100).map { _ in "1" }.joined(separator: " ")
            let out = try Compute.convolve(row, "1 1 1 1 1")
            return "A 1D kernel of size 5 on 100 time steps gives 100 − 5 + 1 = \(out.columns) outputs"
        },
        WorkedExample("02", "After two 3×3 layers each output depends on a 5×5 patch of the original image; after three, a 7×7 patch") {
            let two = try Compute.receptiveField("conv 1 3, conv 1 3"), three = try Compute.receptiveField("conv 1 3, conv 1 3, conv 1 3")
            return "After two 3×3 layers each output depends on a \(two)×\(two) patch of the original image; after three, a \(three)×\(three) patch"
        },
    ]
}
