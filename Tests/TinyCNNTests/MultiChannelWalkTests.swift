import Foundation
import Testing
import TinyCNN

/// The multi-channel convolution walk: every channel's partial sum, their total, the bias and
/// the ReLU, against PyTorch (float64) and against `Conv2D` itself.
@Suite struct MultiChannelWalkTests {
    struct Case: Decodable {
        var name: String
        var stride, padding, dilation: Int
        var bias: Float
        var input, kernel: [[[Double]]]
        var output, relu: [[Double]]
        var partials: [[[Double]]]

        var inputs: [Matrix] { input.map { Matrix($0.map { $0.map(Float.init) }) } }
        var kernels: [Matrix] { kernel.map { Matrix($0.map { $0.map(Float.init) }) } }
    }

    struct Fixtures: Decodable { var cases: [Case] }

    /// Float32 sums of at most 72 products of numbers up to 2 against float64.
    static let tolerance = 1e-5

    static func load() throws -> [Case] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/walks.json")
        return try JSONDecoder().decode(Fixtures.self, from: Data(contentsOf: url)).cases
    }

    static func close(_ ours: Float, _ reference: Double) -> Bool {
        abs(Double(ours) - reference) <= tolerance * max(1, abs(reference))
    }

    @Test func walksMatchPyTorch() throws {
        let cases = try Self.load()
        #expect(Set(cases.map(\.input.count)) == [1, 2, 3, 8])
        for c in cases {
            for relu in [false, true] {
                let walk = try ConvolutionWalk(inputs: c.inputs, kernels: c.kernels, stride: c.stride, padding: c.padding,
                                               dilation: c.dilation, bias: c.bias, relu: relu)
                let expected = relu ? c.relu : c.output
                #expect(walk.output.rows == expected.count && walk.output.columns == expected[0].count, "\(c.name)")
                guard walk.output.rows == expected.count, walk.output.columns == expected[0].count else { continue }
                for step in walk.steps {
                    let want = expected[step.row][step.column], partials = c.partials[step.row][step.column]
                    #expect(Self.close(step.value, want), "\(c.name) relu \(relu) at (\(step.row), \(step.column)): \(step.value) vs \(want)")
                    #expect(step.channels.count == partials.count, "\(c.name)")
                    for (channel, (ours, reference)) in zip(step.partials, partials).enumerated() {
                        #expect(Self.close(ours, reference), "\(c.name) channel \(channel) at (\(step.row), \(step.column)): partial \(ours) vs \(reference)")
                    }
                    // Σ partials + bias is the value (up to Float rounding of the order of additions).
                    let total = step.partials.reduce(0, +)
                    #expect(abs(total - step.sum) <= 1e-5 * max(1, abs(step.sum)), "\(c.name): Σ partials \(total) vs sum \(step.sum)")
                    #expect(step.preActivation == step.sum + step.bias)
                    #expect(step.value == (relu ? max(0, step.preActivation) : step.preActivation))
                }
            }
        }
    }

    @Test func everyChannelsPatchTimesItsSliceIsItsProducts() throws {
        let c = try #require(try Self.load().first { $0.input.count == 3 && $0.dilation == 2 })
        let walk = try ConvolutionWalk(inputs: c.inputs, kernels: c.kernels, stride: c.stride, padding: c.padding, dilation: c.dilation, bias: c.bias)
        for step in walk.steps {
            for (index, channel) in step.channels.enumerated() {
                let padded = c.inputs[index].padded(by: c.padding)
                for i in 0..<channel.patch.rows {
                    for j in 0..<channel.patch.columns {
                        #expect(channel.patch[i, j] == padded[step.originRow + i * c.dilation, step.originColumn + j * c.dilation])
                        #expect(channel.products[i, j] == channel.patch[i, j] * c.kernels[index][i, j])
                    }
                }
                #expect(channel.partial == channel.products.values.reduce(0, +))
            }
        }
    }

    /// Bit for bit what the layer computes, over every small case with several channels.
    @Test func walkEqualsConv2DForwardWithChannels() throws {
        var checked = 0
        for channels in [1, 2, 3, 8] {
            for kernel in 1...3 {
                for stride in 1...2 {
                    for padding in 0...1 {
                        for dilation in 1...2 {
                            let seed = UInt64(checked * 17)
                            let inputs = (0..<channels).map { WalkTests.matrix(5, 6, seed: seed + UInt64($0)) }
                            let kernels = (0..<channels).map { WalkTests.matrix(kernel, kernel, seed: seed + 500 + UInt64($0)) }
                            let conv = Conv2D(inChannels: channels, filters: 2, kernelSize: kernel, stride: stride, padding: padding, dilation: dilation)
                            // Filter 1 is the one walked; filter 0 holds other numbers.
                            conv.weight.value = Tensor(shape: [2, channels, kernel, kernel],
                                                       storage: kernels.flatMap { $0.values.map { -$0 } } + kernels.flatMap(\.values))
                            conv.bias?.value = Tensor(shape: [2], storage: [3, -0.75])
                            let sample = Tensor(shape: [1, channels, 5, 6], storage: inputs.flatMap(\.values))
                            let layer = conv.forward(sample, training: false)
                            let expected = Matrix.planes(of: layer)[1]
                            let what = "C \(channels) kernel \(kernel) stride \(stride) padding \(padding) dilation \(dilation)"
                            let walk = try ConvolutionWalk(inputs: inputs, kernels: kernels, stride: stride, padding: padding,
                                                           dilation: dilation, bias: -0.75)
                            #expect(walk.output == expected, "\(what)")
                            let fromLayer = try ConvolutionWalk(layer: conv, filter: 1, input: sample, relu: true)
                            #expect(fromLayer.output == expected.map { max(0, $0) }, "\(what)")
                            #expect(fromLayer.channelCount == channels && fromLayer.relu)
                            // One window built on its own is the walk's step.
                            let last = try #require(walk.steps.last)
                            let single = try ConvolutionWalk.step(layer: conv, filter: 1, input: sample, row: last.row, column: last.column)
                            #expect(single == last, "\(what)")
                            checked += 1
                        }
                    }
                }
            }
        }
        #expect(checked == 96)
    }

    @Test func aSingleChannelWalkIsTheOneChannelCase() throws {
        let input = try Matrix(parsing: "1 2 0; 0 1 3; 2 0 1"), kernel = try Matrix(parsing: "1 -1; 0 2")
        let one = try ConvolutionWalk(input: input, kernel: kernel, bias: 0.5)
        let many = try ConvolutionWalk(inputs: [input], kernels: [kernel], bias: 0.5)
        #expect(one == many)
        #expect(one.steps[0].partials == [one.steps[0].sum] && one.steps[0].patch == one.steps[0].channels[0].patch)
        #expect(one.input == input && one.kernel == kernel && one.channelCount == 1)
    }

    @Test func twoChannelsByHand() throws {
        // The README's example: channel 1 [1 2; 3 4] · [1 0; 0 1] = 1 + 4 = 5,
        // channel 2 [0 1; 1 0] · [1 1; 0 0] = 1; 5 + 1 − 0.5 = 5.5.
        let walk = try ConvolutionWalk(inputs: [Matrix([[1, 2], [3, 4]]), Matrix([[0, 1], [1, 0]])],
                                       kernels: [Matrix([[1, 0], [0, 1]]), Matrix([[1, 1], [0, 0]])], bias: -0.5)
        let step = try #require(walk.steps.first)
        #expect(walk.steps.count == 1)
        #expect(step.partials == [5, 1] && step.sum == 6 && step.value == 5.5)
        #expect(step.channels[1].products == Matrix([[0, 1], [0, 0]]))
        let negative = try ConvolutionWalk(inputs: walk.inputs, kernels: walk.kernels, bias: -7, relu: true)
        #expect(negative.steps[0].preActivation == -1 && negative.steps[0].value == 0)
    }

    @Test func badChannelsAreExplained() {
        let a = Matrix(rows: 3, columns: 3, repeating: 1), k = Matrix(rows: 2, columns: 2, repeating: 1)
        #expect(throws: WalkError("the kernel has 2 channels but the input has 3 (a kernel needs one slice per input channel)")) {
            try ConvolutionWalk(inputs: [a, a, a], kernels: [k, k])
        }
        #expect(throws: WalkError("the kernel has 1 channel but the input has 2 (a kernel needs one slice per input channel)")) {
            try ConvolutionWalk(inputs: [a, a], kernels: [k])
        }
        #expect(throws: WalkError("input channel 2 is 2×2 but channel 1 is 3×3 (every channel must be the same size)")) {
            try ConvolutionWalk(inputs: [a, k], kernels: [k, k])
        }
        #expect(throws: WalkError("kernel slice 3 is 3×3 but slice 1 is 2×2 (every slice must be the same size)")) {
            try ConvolutionWalk(inputs: [a, a, a], kernels: [k, k, a])
        }
        #expect(throws: WalkError("the input and the kernel must both have at least one channel")) {
            try ConvolutionWalk(inputs: [], kernels: [])
        }
        #expect(throws: WalkError("output cell (2, 0) is outside the 2×2 output")) {
            try ConvolutionWalk.step(row: 2, column: 0, inputs: [a], kernels: [k])
        }
        #expect(throws: WalkError("output cell (0, -1) is outside the 2×2 output")) {
            try ConvolutionWalk.step(row: 0, column: -1, inputs: [a], kernels: [k])
        }
        let conv = Conv2D(inChannels: 2, filters: 3, kernelSize: 2)
        #expect(throws: WalkError("filter 3 does not exist: the layer has filters 0 to 2")) {
            try ConvolutionWalk(layer: conv, filter: 3, input: Tensor(shape: [2, 3, 3]))
        }
        #expect(throws: WalkError("the layer takes one sample of 2 channels ([C, H, W]), got a tensor of shape [1, 3, 3]")) {
            try ConvolutionWalk.step(layer: conv, filter: 0, input: Tensor(shape: [1, 3, 3]), row: 0, column: 0)
        }
    }

    @Test func tooManyValuesAreRefusedBeforeComputing() {
        // 8 channels of 3×3 on a 700×700 output keeps 8·9·490,000·2 values: over the limit.
        let big = Matrix(rows: 702, columns: 702)
        let slices = Array(repeating: Matrix(rows: 3, columns: 3), count: 8)
        #expect(throws: WalkError.self) { try ConvolutionWalk(inputs: Array(repeating: big, count: 8), kernels: slices) }
        // One window of the same is fine.
        #expect(throws: Never.self) { try ConvolutionWalk.step(row: 699, column: 699, inputs: Array(repeating: big, count: 8), kernels: slices) }
    }

    @Test func planesSplitATensorIntoItsChannels() {
        let t = Tensor(shape: [1, 2, 2, 3], storage: (0..<12).map(Float.init))
        #expect(Matrix.planes(of: t) == [Matrix([[0, 1, 2], [3, 4, 5]]), Matrix([[6, 7, 8], [9, 10, 11]])])
        #expect(Matrix.planes(of: Tensor(shape: [2, 0, 3])).isEmpty)
    }
}
