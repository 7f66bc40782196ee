import Foundation
import Testing
import TinyCNN

/// The backward walks against PyTorch float64 autograd (`scripts/fixtures/make_backward_fixtures.py`)
/// and against TinyCNN's own layers' `backward`.
@Suite struct GradientWalkTests {
    struct Stored: Decodable {
        var shape: [Int]
        var values: [Float]
        var tensor: Tensor { Tensor(shape: shape, storage: values) }
        /// A `[C, H, W]` array as one matrix per channel.
        var channels: [Matrix] {
            let (h, w) = (shape[shape.count - 2], shape[shape.count - 1])
            return stride(from: 0, to: values.count, by: h * w).map { Matrix(rows: h, columns: w, values: Array(values[$0..<($0 + h * w)])) }
        }
        var matrix: Matrix { channels[0] }
    }

    struct ConvCase: Decodable {
        var name: String
        var stride, padding, dilation: Int
        var input, kernel, upstream, inputGradient, weightGradient: Stored
        var biasGradient: Float
        var uncoveredCells: Int
    }

    struct PoolCase: Decodable {
        var name, mode: String
        var kernel, stride, padding: Int
        var input, upstream, inputGradient: Stored
    }

    struct Fixtures: Decodable {
        var conv: [ConvCase]
        var pool: [PoolCase]
    }

    static let fixtures: Fixtures = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/backward.json")
        // swiftlint:disable:next force_try
        return try! JSONDecoder().decode(Fixtures.self, from: Data(contentsOf: url))
    }()

    /// `|ours − reference| ≤ 1e-5 · max(1, |reference|)` everywhere, or where it is not.
    static func mismatch(_ ours: [Float], _ reference: [Float]) -> String? {
        guard ours.count == reference.count else { return "\(ours.count) values, expected \(reference.count)" }
        for (i, (a, b)) in zip(ours, reference).enumerated() where abs(a - b) > 1e-5 * max(1, abs(b)) {
            return "value \(i): \(a) vs \(b)"
        }
        return nil
    }

    static func walk(_ c: ConvCase) throws -> ConvolutionGradientWalk {
        try ConvolutionGradientWalk(input: c.input.channels, kernel: c.kernel.channels, upstream: c.upstream.matrix,
                                    stride: c.stride, padding: c.padding, dilation: c.dilation)
    }

    @Test func convolutionGradientsMatchPyTorch() throws {
        #expect(Self.fixtures.conv.count >= 12)
        #expect(Set(Self.fixtures.conv.map { $0.input.shape[0] }) == [1, 2, 3])
        #expect(Self.fixtures.conv.contains { $0.uncoveredCells > 0 }, "some case must leave input cells uncovered")
        for c in Self.fixtures.conv {
            let walk = try Self.walk(c)
            let dX = walk.inputGradient.flatMap(\.values), dW = walk.weightGradient.flatMap(\.values)
            #expect(Self.mismatch(dX, c.inputGradient.values) == nil, "\(c.name) dX: \(Self.mismatch(dX, c.inputGradient.values) ?? "")")
            #expect(Self.mismatch(dW, c.weightGradient.values) == nil, "\(c.name) dW: \(Self.mismatch(dW, c.weightGradient.values) ?? "")")
            #expect(Self.mismatch([walk.biasGradient], [c.biasGradient]) == nil, "\(c.name) db \(walk.biasGradient) vs \(c.biasGradient)")
            // The uncovered cells are exactly those with no terms.
            #expect(walk.inputCells.filter(\.terms.isEmpty).count == c.uncoveredCells, "\(c.name)")
        }
    }

    @Test func convolutionGradientsMatchTheLayersBackward() throws {
        for c in Self.fixtures.conv {
            let k = c.kernel.shape
            let layer = Conv2D(inChannels: k[0], filters: 1, kernelHeight: k[1], kernelWidth: k[2],
                               stride: c.stride, padding: c.padding, dilation: c.dilation)
            layer.weight.value = Tensor(shape: [1] + k, storage: c.kernel.values)
            _ = layer.forward(Tensor(shape: [1] + c.input.shape, storage: c.input.values), training: true)
            let dX = layer.backward(Tensor(shape: [1, 1] + c.upstream.shape, storage: c.upstream.values))
            let walk = try Self.walk(c)
            #expect(Self.mismatch(walk.inputGradient.flatMap(\.values), dX.storage) == nil, "\(c.name) dX")
            #expect(Self.mismatch(walk.weightGradient.flatMap(\.values), layer.weight.grad.storage) == nil, "\(c.name) dW")
            #expect(Self.mismatch([walk.biasGradient], layer.bias?.grad.storage ?? []) == nil, "\(c.name) db")
        }
    }

    @Test func everyTapAndEveryInputCellIsVisitedOnce() throws {
        for c in Self.fixtures.conv {
            let walk = try Self.walk(c)
            let (channels, kh, kw) = (c.kernel.shape[0], c.kernel.shape[1], c.kernel.shape[2])
            let (h, w) = (c.input.shape[1], c.input.shape[2])
            let taps = walk.weightTaps.map { [$0.channel, $0.row, $0.column] }
            #expect(taps == (0..<channels).flatMap { ch in (0..<kh).flatMap { u in (0..<kw).map { [ch, u, $0] } } }, "\(c.name)")
            let cells = walk.inputCells.map { [$0.channel, $0.row, $0.column] }
            #expect(cells == (0..<channels).flatMap { ch in (0..<h).flatMap { y in (0..<w).map { [ch, y, $0] } } }, "\(c.name)")
            // Each weight tap meets every output cell once; every (output cell, tap, channel)
            // product appears once among the input cells (padding products have no cell).
            let outputs = c.upstream.values.count
            #expect(walk.weightTaps.allSatisfy { $0.terms.count == outputs })
            let nonPadding = walk.weightTaps.reduce(0) { $0 + $1.terms.filter { !$0.onPadding }.count }
            #expect(walk.inputCells.reduce(0) { $0 + $1.terms.count } == nonPadding, "\(c.name)")
            for sum in walk.weightTaps + walk.inputCells {
                #expect(abs(sum.terms.reduce(0) { $0 + $1.product } - sum.value) <= 1e-6 * max(1, abs(sum.value)))
            }
        }
    }

    @Test func fullCorrelationWithTheFlippedKernelGivesTheSameInputGradient() throws {
        for c in Self.fixtures.conv {
            let walk = try Self.walk(c)
            let full = walk.fullCorrelation
            let p = c.padding
            for (channel, padded) in full.paddedInputGradient.enumerated() {
                let grid = walk.inputGradient[channel]
                #expect(padded.rows == grid.rows + 2 * p && padded.columns == grid.columns + 2 * p, "\(c.name)")
                for y in 0..<grid.rows {
                    for x in 0..<grid.columns {
                        #expect(abs(padded[y + p, x + p] - grid[y, x]) <= 1e-5 * max(1, abs(grid[y, x])), "\(c.name) at \(channel),\(y),\(x)")
                    }
                }
                // The flipped slice is the kernel rotated by 180°.
                let slice = walk.kernel[channel], flipped = full.flippedKernel[channel]
                #expect(flipped[0, 0] == slice[slice.rows - 1, slice.columns - 1])
                #expect(flipped[slice.rows - 1, 0] == slice[0, slice.columns - 1])
            }
        }
    }

    /// The worked example of the training lesson: a 3×3 input, a 2×2 kernel, all-ones upstream.
    @Test func workedExampleByHand() throws {
        let x = Matrix([[1, 2, 0], [0, 1, 3], [2, 1, 1]])
        let k = Matrix([[1, -1], [0, 2]])
        let walk = try ConvolutionGradientWalk(input: [x], kernel: [k], upstream: Matrix([[1, 1], [1, 1]]))
        // dW[u,v] = sum of the 2×2 block of x starting at (u,v).
        #expect(walk.weightGradient[0] == Matrix([[4, 6], [4, 6]]))
        // dX[y,x] = sum of the kernel weights that touched the cell: the centre saw all four.
        #expect(walk.inputGradient[0] == Matrix([[1, 0, -1], [1, 2, 1], [0, 2, 2]]))
        #expect(walk.biasGradient == 4)
        let centre = walk.inputCells[4]
        #expect(centre.terms.map { [$0.outputRow, $0.outputColumn, $0.tapRow, $0.tapColumn] } == [[0, 0, 1, 1], [0, 1, 1, 0], [1, 0, 0, 1], [1, 1, 0, 0]])
        let stepped = walk.kernelAfterStep(learningRate: 0.1)[0].values
        #expect(zip(stepped, [0.6, -1.6, -0.4, 1.4] as [Float]).allSatisfy { abs($0 - $1) < 1e-6 })
    }

    @Test func mismatchedShapesAreRefusedWithBothSizes() {
        let x = Matrix(rows: 4, columns: 4), k = Matrix(rows: 3, columns: 3)
        #expect(throws: WalkError("the upstream gradient is 3×3 but the convolution's output is 2×2")) {
            try ConvolutionGradientWalk(input: [x], kernel: [k], upstream: Matrix(rows: 3, columns: 3))
        }
        #expect(throws: WalkError("the kernel has 1 channel but the input has 2 (a kernel needs one slice per input channel)")) {
            try ConvolutionGradientWalk(input: [x, x], kernel: [k], upstream: Matrix(rows: 2, columns: 2))
        }
        #expect(throws: WalkError("input channel 2 is 3×4 but channel 1 is 4×4 (every channel must be the same size)")) {
            try ConvolutionGradientWalk(input: [x, Matrix(rows: 3, columns: 4)], kernel: [k, k], upstream: Matrix(rows: 2, columns: 2))
        }
        // A huge walk is refused before it is computed.
        let big = Matrix(rows: 1_000, columns: 1_000)
        #expect(throws: WalkError.self) {
            try ConvolutionGradientWalk(input: [big], kernel: [Matrix(rows: 3, columns: 3)], upstream: Matrix(rows: 998, columns: 998))
        }
    }

    @Test func poolingGradientsMatchPyTorch() throws {
        #expect(Set(Self.fixtures.pool.map(\.mode)) == ["max", "avg"])
        for c in Self.fixtures.pool {
            let mode: PoolingWalk.Mode = c.mode == "max" ? .max : .avg
            let forward = try PoolingWalk(input: c.input.matrix, mode: mode, kernel: c.kernel, stride: c.stride, padding: c.padding)
            let walk = try PoolingGradientWalk(forward: forward, upstream: c.upstream.matrix)
            #expect(Self.mismatch(walk.inputGradient.values, c.inputGradient.values) == nil,
                    "\(c.name): \(Self.mismatch(walk.inputGradient.values, c.inputGradient.values) ?? "")")
            // Against the layer's own backward.
            let layer: any Layer = mode == .max
                ? MaxPool2D(kernelSize: c.kernel, stride: c.stride, padding: c.padding)
                : AvgPool2D(kernelSize: c.kernel, stride: c.stride, padding: c.padding)
            _ = layer.forward(Tensor(shape: [1, 1] + c.input.shape, storage: c.input.values), training: true)
            let dX = layer.backward(Tensor(shape: [1, 1] + c.upstream.shape, storage: c.upstream.values))
            #expect(Self.mismatch(walk.inputGradient.values, dX.storage) == nil, "\(c.name) vs layer")
            // Max pooling sends each window's gradient to exactly one cell.
            if mode == .max { #expect(walk.windows.allSatisfy { $0.count == 1 }) }
        }
    }

    @Test func maxPoolingTiesGoToTheFirstMaximum() throws {
        let forward = try PoolingWalk(input: Matrix([[1, 3, 3], [3, 0, 2], [1, 1, 1]]), mode: .max, kernel: 2, stride: 1)
        let walk = try PoolingGradientWalk(forward: forward, upstream: Matrix([[1, 10], [100, 1000]]))
        // Window (0,0) has 3 at (0,1) and (1,0): the first in reading order, (0,1), wins.
        #expect(walk.windows[0].map { [$0.inputRow, $0.inputColumn] } == [[0, 1]])
        #expect(walk.inputGradient == Matrix([[0, 11, 0], [100, 0, 1000], [0, 0, 0]]))
        #expect(throws: WalkError("the upstream gradient is 3×3 but the pooling's output is 2×2")) {
            try PoolingGradientWalk(forward: forward, upstream: Matrix(rows: 3, columns: 3))
        }
    }

    @Test func averagePoolingSpreadsEvenlyAndDropsPaddingShares() throws {
        let forward = try PoolingWalk(input: Matrix([[4, 8], [0, 4]]), mode: .avg, kernel: 2, stride: 2, padding: 1)
        let walk = try PoolingGradientWalk(forward: forward, upstream: Matrix([[4, 8], [12, 16]]))
        // Each real cell sits in one window with three padding cells: it gets a quarter.
        #expect(walk.inputGradient == Matrix([[1, 2], [3, 4]]))
        #expect(walk.windows.allSatisfy { $0.count == 1 && $0[0].share == 0.25 })
    }

    /// One real training step of a demo net: the walk's dW and db for a conv2 filter equal the
    /// gradients the whole network's backward pass gives that filter.
    @Test func aTrainingStepOfTheDemoNetwork() throws {
        for (architecture, layer, filter) in [(DemoArchitecture.digits, "conv1", 5), (.digits, "conv2", 11), (.mnist, "conv2", 3)] {
            let side = architecture.side
            let model = try Sequential(spec: architecture.modelSpec, inputShape: [1, side, side], seed: 7)
            let network = try #require(DemoNetwork(sequential: model))
            var generator = SeededGenerator(seed: 3)
            let image = (0..<(side * side)).map { _ in Float.random(in: 0...1, using: &generator) }
            let walk = try ConvolutionGradientWalk(network: network, image: image, label: 4, layer: layer, filter: filter)
            #expect(walk.input.count == (layer == "conv1" ? 1 : DemoArchitecture.conv1Channels))
            let reference = network.sequential()
            let logits = reference.forward(Tensor(shape: [1, 1, side, side], storage: image), training: true)
            reference.backward(SoftmaxCrossEntropy()(logits: logits, labels: [4]).gradient)
            let index = try #require(architecture.layerNames.firstIndex(of: layer))
            let conv = try #require(reference.layers[index] as? Conv2D)
            let perFilter = conv.weight.grad.count / conv.filters
            let expected = Array(conv.weight.grad.storage[(filter * perFilter)..<((filter + 1) * perFilter)])
            #expect(Self.mismatch(walk.weightGradient.flatMap(\.values), expected) == nil, "\(architecture.name) \(layer)")
            #expect(Self.mismatch([walk.biasGradient], [conv.bias?.grad.storage[filter] ?? .nan]) == nil)
        }
        #expect(throws: WalkError("pool1 is not a conv layer of the digits network (conv1, conv2)")) {
            try ConvolutionGradientWalk(network: DemoNetwork(sequential: Sequential(spec: DemoArchitecture.digits.modelSpec, inputShape: [1, 8, 8], seed: 1))!,
                                        image: Array(repeating: 0, count: 64), label: 0, layer: "pool1", filter: 0)
        }
    }
}
