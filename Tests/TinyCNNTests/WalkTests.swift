import Testing
import TinyCNN

/// The teaching walks must show exactly the numbers the layers compute.
@Suite struct WalkTests {
    static func matrix(_ rows: Int, _ columns: Int, seed: UInt64) -> Matrix {
        var generator = SeededGenerator(seed: seed)
        return Matrix(rows: rows, columns: columns, values: (0..<(rows * columns)).map { _ in
            Float(Int(generator.next() % 19) - 9) / 4
        })
    }

    /// Every kernel size 1–4 (rectangular where dilation is 1), stride 1–3, padding 0–2,
    /// dilation 1–2, on three input shapes.
    static let convolutionCases: [(kernel: Int, stride: Int, padding: Int, dilation: Int, rows: Int, columns: Int)] =
        (1...4).flatMap { k in (1...3).flatMap { s in (0...2).flatMap { p in (1...2).flatMap { d in
            [(5, 5), (7, 4), (4, 9)].map { (k, s, p, d, $0.0, $0.1) }
        } } } }

    @Test func convolutionWalkEqualsConv2DForward() throws {
        var checked = 0
        for c in Self.convolutionCases {
            let input = Self.matrix(c.rows, c.columns, seed: UInt64(checked))
            let k = Self.matrix(c.kernel, c.kernel == 1 ? 1 : c.kernel - 1 + c.dilation % 2, seed: UInt64(checked + 1000))
            let span = (c.dilation * (k.rows - 1) + 1, c.dilation * (k.columns - 1) + 1)
            guard span.0 <= c.rows + 2 * c.padding, span.1 <= c.columns + 2 * c.padding else { continue }
            let walk = try ConvolutionWalk(input: input, kernel: k, stride: c.stride, padding: c.padding, dilation: c.dilation, bias: 0.25)
            let conv = Conv2D(inChannels: 1, filters: 1, kernelHeight: k.rows, kernelWidth: k.columns,
                              stride: c.stride, padding: c.padding, dilation: c.dilation)
            conv.weight.value = Tensor(shape: [1, 1, k.rows, k.columns], storage: k.values)
            conv.bias?.value = Tensor(shape: [1], storage: [0.25])
            let layer = Matrix(plane: conv.forward(input.tensor, training: false))
            #expect(walk.output == layer, "input \(c.rows)×\(c.columns) kernel \(k.sizeDescription) stride \(c.stride) padding \(c.padding) dilation \(c.dilation)")
            #expect(walk.steps.count == layer.rows * layer.columns)
            #expect(walk.steps.map(\.value) == layer.values)
            checked += 1
        }
        #expect(checked > 150)
    }

    @Test func poolingWalkEqualsPoolingLayers() throws {
        for kernel in 1...4 {
            for stride in 1...3 {
                for padding in 0...(kernel / 2) {
                    for (rows, columns) in [(6, 6), (7, 5), (4, 8)] where kernel <= min(rows, columns) + 2 * padding {
                        let input = Self.matrix(rows, columns, seed: UInt64(kernel * 31 + stride * 7 + padding))
                        for mode in PoolingWalk.Mode.allCases {
                            let walk = try PoolingWalk(input: input, mode: mode, kernel: kernel, stride: stride, padding: padding)
                            let layer: any Layer = mode == .max
                                ? MaxPool2D(kernelSize: kernel, stride: stride, padding: padding)
                                : AvgPool2D(kernelSize: kernel, stride: stride, padding: padding)
                            let expected = Matrix(plane: layer.forward(input.tensor, training: false))
                            #expect(walk.output == expected, "\(mode) kernel \(kernel) stride \(stride) padding \(padding) input \(rows)×\(columns)")
                        }
                    }
                }
            }
        }
    }

    @Test func convolutionStepsOnAHandCheckedExample() throws {
        // 4×4 input, vertical-edge kernel: output[0,0] = 1·1 + 0·1 + 2·1 − (0 + 3 + 1) = −1.
        let input = try Matrix(parsing: "1 2 0 1; 0 1 3 1; 2 0 1 0; 1 1 0 2")
        let kernel = try Matrix(parsing: "1 0 -1; 1 0 -1; 1 0 -1")
        let walk = try ConvolutionWalk(input: input, kernel: kernel, bias: 1)
        #expect(walk.output == Matrix([[0, 2], [0, 0]]))
        let first = try #require(walk.steps.first)
        #expect(first.patch == Matrix([[1, 2, 0], [0, 1, 3], [2, 0, 1]]))
        #expect(first.products == Matrix([[1, 0, 0], [0, 0, -3], [2, 0, -1]]))
        #expect(first.sum == -1 && first.bias == 1 && first.value == 0)
        #expect(walk.steps.map { [$0.row, $0.column, $0.originRow, $0.originColumn] } == [[0, 0, 0, 0], [0, 1, 0, 1], [1, 0, 1, 0], [1, 1, 1, 1]])
        #expect(walk.rowFormula == "(4 − 3 + 2·0) / 1 + 1 = 2")
    }

    @Test func paddedOriginsAndFormulas() throws {
        let input = Matrix(rows: 8, columns: 7, repeating: 1)
        let walk = try ConvolutionWalk(input: input, kernel: KernelPreset.boxBlur.matrix, stride: 2, padding: 1)
        #expect(walk.rowFormula == "⌊(8 − 3 + 2·1) / 2⌋ + 1 = 4")
        #expect(walk.columnFormula == "(7 − 3 + 2·1) / 2 + 1 = 4")
        #expect(walk.steps[1].originColumn == 2)
        // The corner window covers five padding cells.
        #expect(walk.steps[0].patch.values.filter { $0 == 0 }.count == 5)
        let same = try ConvolutionWalk(input: Matrix(rows: 8, columns: 8), kernel: KernelPreset.sobelX.matrix, padding: 1)
        #expect(same.rowFormula == "(8 − 3 + 2·1) / 1 + 1 = 8")
        let dilated = try ConvolutionWalk(input: Matrix(rows: 7, columns: 7), kernel: KernelPreset.sobelX.matrix, dilation: 2)
        #expect(dilated.rowFormula.hasPrefix("(7 − 5 + 2·0) / 1 + 1 = 3"))
    }

    @Test func maxPoolingRecordsWhereTheMaximumIs() throws {
        let walk = try PoolingWalk(input: Matrix([[1, 5, 2, 0], [3, 4, 9, 9], [0, 0, 1, 1], [7, 0, 1, 1]]), mode: .max, kernel: 2)
        #expect(walk.output == Matrix([[5, 9], [7, 1]]))
        #expect(walk.steps.map { [$0.maxRow, $0.maxColumn] } == [[0, 1], [1, 0], [1, 0], [0, 0]])
        let padded = try PoolingWalk(input: Matrix([[-1, -2], [-3, -4]]), mode: .max, kernel: 3, stride: 1, padding: 1)
        // Padding never wins, even against negative values.
        #expect(padded.output == Matrix([[-1, -1], [-1, -1]]))
        #expect(padded.steps[0].window[0] == [nil, nil, nil])
        let average = try PoolingWalk(input: Matrix([[4, 8], [0, 4]]), mode: .avg, kernel: 2)
        #expect(average.output == Matrix([[4]]) && average.steps[0].sum == 16)
    }

    @Test func badSettingsAreExplained() {
        let input = Matrix(rows: 4, columns: 4, repeating: 1)
        #expect(throws: WalkError("stride must be at least 1, got 0")) {
            try ConvolutionWalk(input: input, kernel: KernelPreset.identity.matrix, stride: 0)
        }
        #expect(throws: WalkError("the kernel (5×5) is larger than the input (4×4)")) {
            try ConvolutionWalk(input: input, kernel: Matrix(rows: 5, columns: 5))
        }
        #expect(throws: WalkError("the kernel (7×7) is larger than the padded input (6×6)")) {
            try ConvolutionWalk(input: input, kernel: Matrix(rows: 7, columns: 7), padding: 1)
        }
        #expect(throws: WalkError("the dilated kernel (5×5) is larger than the input (4×4)")) {
            try ConvolutionWalk(input: input, kernel: Matrix(rows: 3, columns: 3), dilation: 2)
        }
        #expect(throws: WalkError("padding must be at most half the kernel (1 for a 2×2 window), got 2")) {
            try PoolingWalk(input: input, mode: .max, kernel: 2, padding: 2)
        }
        #expect(throws: WalkError("the window (5×5) is larger than the input (4×4)")) {
            try PoolingWalk(input: input, mode: .avg, kernel: 5)
        }
    }
}
