import Testing
import TinyCNN

@Suite struct ModelSpecTests {
    @Test func theIssuesExampleFailsAtLayerThree() throws {
        let spec = try ModelSpec(parsing: "conv 10 5, pool 2, conv 20 5, pool 2, flatten, dense 50, dense 10")
        #expect(throws: ShapeError(layerIndex: 3, layer: "conv 5×5", reason: "input is 10×2×2, smaller than the kernel")) {
            try spec.shapes(inputShape: [1, 8, 8])
        }
        do {
            _ = try spec.shapes(inputShape: [1, 8, 8])
        } catch {
            #expect(error.description == "layer 3 (conv 5×5): input is 10×2×2, smaller than the kernel")
        }
    }

    @Test func theSameNetFitsMNIST() throws {
        let spec = try ModelSpec(parsing: "conv 10 5, pool 2, conv 20 5, pool 2, flatten, dense 50, dense 10")
        let shapes = try spec.shapes(inputShape: [1, 28, 28])
        #expect(shapes.map(\.outputShape) == [[10, 24, 24], [10, 12, 12], [20, 8, 8], [20, 4, 4], [320], [50], [10]])
        #expect(shapes.map(\.parameterCount) == [260, 0, 5020, 0, 0, 16050, 510])
        #expect(shapes.map(\.summary) == ["conv 5×5", "maxpool 2", "conv 5×5", "maxpool 2", "flatten", "dense 50", "dense 10"])
    }

    @Test func digitsNetShapesAndParameterCounts() throws {
        let shapes = try ModelSpec.digits.shapes(inputShape: [1, 8, 8])
        #expect(shapes[0].parameterCount == 80)   // conv 1→8 3×3: 8·9 weights + 8 biases
        #expect(shapes.map(\.outputShape) == [[8, 8, 8], [8, 8, 8], [8, 4, 4], [16, 4, 4], [16, 4, 4], [16, 2, 2], [64], [32], [32], [10]])
        let total: Int = shapes.map(\.parameterCount).reduce(0, +)
        #expect(total == 3658)   // 80 + (8·9·16 + 16 = 1168) + (64·32 + 32 = 2080) + (32·10 + 10 = 330)
        let mnist = try ModelSpec.mnist.shapes(inputShape: [1, 28, 28])
        #expect(mnist[6].outputShape == [784])
        #expect(mnist[7].parameterCount == 50_240)
        // [H, W] means one channel.
        #expect(try ModelSpec.digits.shapes(inputShape: [8, 8]) == shapes)
    }

    @Test func denseAfterAnImageFlattensImplicitly() throws {
        let shapes = try ModelSpec(parsing: "conv 4 3, dense 10").shapes(inputShape: [2, 5, 5])
        #expect(shapes[1].inputShape == [4, 3, 3])
        #expect(shapes[1].parameterCount == 36 * 10 + 10)
        #expect(shapes[1].note == "flattens 4×3×3 → 36 implicitly")
        let model = try Sequential(spec: ModelSpec(parsing: "conv 4 3, dense 10"), inputShape: [2, 5, 5], seed: 1)
        #expect(model.forward(Tensor(shape: [3, 2, 5, 5])).shape == [3, 10])
    }

    @Test func optionsStridePaddingDilationAndKernelShapes() throws {
        let spec = try ModelSpec(parsing: "Conv 6 3x5 stride 2 pad 1 dilation 2, avgpool 3 stride 1 pad 1, leakyrelu 0.2, dropout 0.25, batchnorm, sigmoid, tanh, relu")
        #expect(spec.description == "conv 6 3x5 stride 2 pad 1 dilation 2, avgpool 3 stride 1 pad 1, leakyrelu 0.2, dropout 0.25, batchnorm, sigmoid, tanh, relu")
        #expect(try ModelSpec(parsing: spec.description) == spec)
        let shapes = try spec.shapes(inputShape: [3, 11, 13])
        // rows: (11 + 2 − 2·2 − 1) / 2 + 1 = 5; columns: (13 + 2 − 2·4 − 1) / 2 + 1 = 4
        #expect(shapes[0].outputShape == [6, 5, 4])
        #expect(shapes[0].parameterCount == 6 * 3 * 15 + 6)
        #expect(shapes[4].parameterCount == 12)
        #expect(try ModelSpec(parsing: "pool 2").layers == [.maxPool(kernel: 2, stride: 2, padding: 0)])
    }

    @Test(arguments: [
        ("conv x 5", "layer 1 ('conv x 5'): 'x' is not a whole number (the number of filters)"),
        ("relu, conv 8", "layer 2 ('conv 8'): missing the kernel size"),
        ("conv 8 3 stride 0", "layer 1 ('conv 8 3 stride 0'): stride must be at least 1, got 0"),
        ("conv 8 3 pad -1", "layer 1 ('conv 8 3 pad -1'): pad must be at least 0, got -1"),
        ("conv 8 3 size 2", "layer 1 ('conv 8 3 size 2'): unknown option 'size' (expected dilation, pad, padding, stride)"),
        ("relu,, dense 3", "layer 2 (''): empty layer (two commas in a row?)"),
        ("softmax", "layer 1 ('softmax'): unknown layer 'softmax' (expected one of: conv, pool, maxpool, avgpool, relu, leakyrelu, sigmoid, tanh, flatten, dense, dropout, batchnorm)"),
        ("dense 10 20", "layer 1 ('dense 10 20'): unexpected '20'"),
        ("dropout 1.5", "layer 1 ('dropout 1.5'): the dropout rate must be in [0, 1), got 1.5"),
        ("maxpool 2 pad 2", "layer 1 ('maxpool 2 pad 2'): padding 2 is more than half the window (2)"),
        ("", "the model spec has no layers"),
    ])
    func parseErrorsNameTheLayer(text: String, message: String) {
        do {
            _ = try ModelSpec(parsing: text)
            Issue.record("'\(text)' parsed")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func shapeErrorsNameTheLayerAndReason() throws {
        let cases: [(String, [Int], String)] = [
            ("flatten, conv 4 3", [1, 8, 8], "layer 2 (conv 3×3): needs a C×H×W input, got 64"),
            ("conv 4 3 pad 1, maxpool 9", [1, 6, 6], "layer 2 (maxpool 9): input is 4×6×6, smaller than the kernel"),
            ("conv 4 9 pad 1", [1, 6, 6], "layer 1 (conv 9×9 pad 1): padded input is 8×8, smaller than the kernel"),
            ("conv 4 3 dilation 4", [1, 8, 8], "layer 1 (conv 3×3 dilation 4): input is 1×8×8, smaller than the dilated kernel (9×9)"),
            ("dense 4, batchnorm", [10], "layer 2 (batchnorm): needs a C×H×W input, got 4"),
        ]
        for (text, input, message) in cases {
            do {
                _ = try ModelSpec(parsing: text).shapes(inputShape: input)
                Issue.record("'\(text)' on \(input) passed")
            } catch let error as ShapeError {
                #expect(error.description == message)
            }
        }
    }
}
