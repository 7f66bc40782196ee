import Testing
import TinyCNN

/// Every layer's backward pass against central differences, walking small cases.
@Suite struct LayerGradientTests {
    @Test func conv2DWalkingKernelStridePadding() {
        var failures = 0
        var cases = 0
        // Every kernel size 1-5, stride 1-3, padding 0-2, on non-square inputs with 1-3 channels.
        for kernel in 1...5 {
            for stride in 1...3 {
                for padding in 0...2 {
                    let channels = 1 + (kernel + stride) % 3
                    let filters = 1 + (kernel + padding) % 3
                    let (h, w) = (kernel + 2 + stride, kernel + 1 + padding)
                    let conv = Conv2D(inChannels: channels, filters: filters, kernelSize: kernel, stride: stride, padding: padding)
                    GradientCheck.randomizeParameters(conv, seed: UInt64(kernel * 100 + stride * 10 + padding))
                    let input = GradientCheck.random([2, channels, h, w], seed: UInt64(cases))
                    let report = GradientCheck.check(conv, input: input)
                    cases += 1
                    if !report.passed {
                        failures += 1
                        Issue.record("conv kernel \(kernel) stride \(stride) padding \(padding) channels \(channels)→\(filters) input \(h)×\(w): \(report)")
                    }
                }
            }
        }
        #expect(failures == 0 && cases == 45)
    }

    @Test func conv2DRectangularKernelsDilationAndNoBias() {
        let settings: [(kh: Int, kw: Int, stride: Int, padding: Int, dilation: Int, bias: Bool, h: Int, w: Int)] = [
            (3, 2, 1, 1, 1, true, 6, 5), (2, 4, 2, 0, 1, true, 7, 9), (3, 3, 1, 0, 2, true, 8, 7),
            (3, 3, 2, 2, 2, false, 7, 6), (1, 3, 3, 1, 3, true, 5, 11), (5, 1, 1, 2, 1, false, 5, 4),
        ]
        for s in settings {
            let conv = Conv2D(inChannels: 2, filters: 3, kernelHeight: s.kh, kernelWidth: s.kw, stride: s.stride,
                              padding: s.padding, dilation: s.dilation, bias: s.bias)
            GradientCheck.randomizeParameters(conv, seed: 3)
            let report = GradientCheck.check(conv, input: GradientCheck.random([2, 2, s.h, s.w], seed: 11))
            #expect(report.passed, "conv \(s): \(report)")
        }
    }

    @Test func maxPoolWalkingKernelStridePadding() {
        for kernel in 1...5 {
            for stride in 1...3 {
                for padding in 0...min(2, kernel / 2) {
                    let (h, w) = (kernel + 3, kernel + 2 + stride)
                    let pool = MaxPool2D(kernelSize: kernel, stride: stride, padding: padding)
                    let input = GradientCheck.separated([2, 2, h, w], seed: UInt64(kernel * 9 + stride * 3 + padding))
                    let report = GradientCheck.check(pool, input: input)
                    #expect(report.passed, "maxpool kernel \(kernel) stride \(stride) padding \(padding) input \(h)×\(w): \(report)")
                }
            }
        }
    }

    @Test func avgPoolWalkingKernelStridePadding() {
        for kernel in 1...5 {
            for stride in 1...3 {
                for padding in 0...min(2, kernel / 2) {
                    let (h, w) = (kernel + 2 + stride, kernel + 3)
                    let pool = AvgPool2D(kernelSize: kernel, stride: stride, padding: padding)
                    let report = GradientCheck.check(pool, input: GradientCheck.random([2, 3, h, w], seed: UInt64(kernel + stride)))
                    #expect(report.passed, "avgpool kernel \(kernel) stride \(stride) padding \(padding) input \(h)×\(w): \(report)")
                }
            }
        }
    }

    @Test(arguments: [[3, 17], [2, 3, 5, 4], [1, 1, 7, 9]])
    func activations(shape: [Int]) {
        let layers: [any Layer] = [ReLU(), LeakyReLU(), LeakyReLU(slope: 0.2), Sigmoid(), Tanh(), Flatten()]
        for layer in layers {
            // Kinks are at 0; the separated ladder keeps every value at least 0.05 away from it.
            let input = GradientCheck.separated(shape, seed: 5)
            let report = GradientCheck.check(layer, input: input.reshaped(shape).scaled(by: 0.5))
            #expect(report.passed, "\(layer.summary) on \(shape): \(report)")
        }
    }

    @Test(arguments: [(5, 3, 4), (1, 8, 2), (3, 64, 10), (4, 7, 13)])
    func dense(batch: Int, inputs: Int, outputs: Int) {
        let dense = Dense(inFeatures: inputs, outFeatures: outputs)
        GradientCheck.randomizeParameters(dense, seed: UInt64(inputs))
        let report = GradientCheck.check(dense, input: GradientCheck.random([batch, inputs], seed: 2))
        #expect(report.passed, "dense \(inputs)→\(outputs) batch \(batch): \(report)")
    }

    @Test func denseFlattensImageInputs() {
        let dense = Dense(inFeatures: 2 * 3 * 2, outFeatures: 4)
        GradientCheck.randomizeParameters(dense, seed: 8)
        let report = GradientCheck.check(dense, input: GradientCheck.random([3, 2, 3, 2], seed: 4))
        #expect(report.passed, "\(report)")
    }

    @Test func dropoutWithAFixedMask() {
        let dropout = Dropout(rate: 0.4)
        let report = GradientCheck.check(dropout, input: GradientCheck.random([4, 3, 5], seed: 6),
                                         beforeForward: { dropout.reseed(99) })
        #expect(report.passed, "\(report)")
        // At inference dropout is the identity, and so is its gradient.
        let x = GradientCheck.random([2, 6], seed: 1)
        #expect(dropout.forward(x, training: false) == x)
    }

    @Test(arguments: [true, false])
    func batchNorm(training: Bool) {
        for (channels, h, w) in [(1, 3, 4), (3, 2, 2), (2, 5, 3)] {
            let norm = BatchNorm2D(channels: channels)
            GradientCheck.randomizeParameters(norm, seed: UInt64(channels))
            norm.runningMean.value = GradientCheck.random([channels], seed: 3)
            norm.runningVariance.value = Tensor(shape: [channels], storage: (0..<channels).map { 0.5 + Float($0) })
            let report = GradientCheck.check(norm, input: GradientCheck.random([3, channels, h, w], seed: 9), training: training)
            #expect(report.passed, "batchnorm \(training ? "training" : "inference") \(channels)×\(h)×\(w): \(report)")
        }
    }

    @Test func wholeSmoothNetworkEndToEnd() throws {
        // Tanh, average pooling and batch norm are smooth, so the whole chain can be checked at once.
        let spec = try ModelSpec(parsing: "conv 3 3 pad 1, batchnorm, tanh, avgpool 2, conv 4 2 stride 2, sigmoid, dense 5, tanh, dense 3")
        let model = try Sequential(spec: spec, inputShape: [2, 8, 6], seed: 1)
        let input = GradientCheck.random([2, 2, 8, 6], seed: 12)
        let logits = model.forward(input, training: true)
        var r = Tensor(shape: logits.shape)
        var generator = SeededGenerator(seed: 3)
        for i in 0..<r.count { r.storage[i] = Float(generator.nextUnitDouble() - 0.5) }
        model.zeroGradients()
        let analytic = model.backward(r, inputGradient: true)
        func loss(_ x: Tensor) -> Double {
            let y = model.forward(x, training: true)
            return zip(y.storage, r.storage).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        }
        var report = GradientCheck.Report()
        GradientCheck.compare(analytic, input: input, at: stride(from: 0, to: input.count, by: 3), into: &report, "input", loss)
        #expect(report.passed, "\(report)")
    }
}

extension Tensor {
    func scaled(by factor: Float) -> Tensor {
        Tensor(shape: shape, storage: storage.map { $0 * factor })
    }
}
