import Foundation
import TinyCNN
import TutorResources

/// An answer recomputed independently of the content that states it.
enum Computed: CustomStringConvertible {
    case number(Double)
    case integers([Int])

    /// The computed answer typed the way a learner would type it.
    var typed: String {
        switch self {
        case .number(let value):
            return value == value.rounded() ? String(Int(value)) : String(format: "%.6f", value)
        case .integers(let values):
            return values.map(String.init).joined(separator: "x")
        }
    }

    var description: String { typed }
}

/// Every numeric and shape answer of the bundled quizzes and lesson reviews, recomputed with
/// TinyCNN (or, for the evaluation metrics, from the counts). Keys are `NN/question-id`, with
/// `NN/review-K` for a lesson's K-th review question.
enum AnswerOracle {
    typealias Recompute = @Sendable () throws -> Computed

    static func number(_ f: @escaping @Sendable () throws -> Double) -> Recompute { { .number(try f()) } }
    static func integer(_ f: @escaping @Sendable () throws -> Int) -> Recompute { { .number(Double(try f())) } }
    static func shape(_ f: @escaping @Sendable () throws -> [Int]) -> Recompute { { .integers(try f()) } }

    static func data() throws -> URL {
        guard let url = BundledContent.url(for: .data) else { throw Compute.Failure(description: "no bundled data folder") }
        return url
    }

    static let sevens = Compute.BinaryCounts(tp: 30, fn: 4, fp: 6, tn: 320)

    static let answers: [String: Recompute] = [
        // 01 What is a CNN
        "01/pixels-28x28x3": integer { try Compute.outputShape("flatten", input: [3, 28, 28])[0] },
        "01/review-4": integer { try Compute.outputShape("flatten", input: [3, 28, 28])[0] },
        "01/pixels-digit": integer { try Compute.idx("digits-test-images.idx3-ubyte", in: data()).dimensions.dropFirst().reduce(1, *) },
        "01/one-d-filter": number { Double(try Compute.convolve("5 3 2", "1 0 -1").values[0]) },
        "01/review-3": number { Double(try Compute.convolve("4 1 0", "1 0 -1").values[0]) },
        "01/one-d-output": shape { try Compute.convolve("4 2 1 0", "1 0 -1").values.map { Int($0) } },
        "01/prereq-matmul": shape { Compute.dense(weights: [[1, 2], [3, 4]], bias: [0, 0], input: [1, 1]).map { Int($0) } },
        "01/prereq-derivative": number {
            // dL/dw of L = w² at w = 3 is the squared-error gradient of y = w·1 against target 0.
            Double(Compute.squaredErrorGradient(weight: 3, input: 1, target: 0))
        },

        // 02 Convolutional layers
        "02/worked-top-left": number { Double(try Compute.convolve("1 2 0; 0 1 3; 2 0 1", "1 0 1; 0 1 0; 1 0 1").values[0]) },
        "02/worked-bottom-right": number {
            Double(try Compute.convolve("1 3 1; 0 1 0; 1 0 2", "1 0 1; 0 1 0; 1 0 1", bias: 1).values[0])
        },
        "02/output-width-32": integer { try Compute.outputShape("conv 1 5", input: [1, 32, 32])[2] },
        "02/review-3": integer { try Compute.outputShape("conv 1 5", input: [1, 32, 32])[2] },
        "02/output-width-stride2": integer { try Compute.outputShape("conv 1 3 stride 2", input: [1, 28, 28])[2] },
        "02/output-shape-64": shape { Compute.heightWidthChannels(try Compute.outputShape("conv 64 3", input: [3, 28, 28])) },
        "02/review-4": shape { Compute.heightWidthChannels(try Compute.outputShape("conv 64 3", input: [3, 28, 28])) },
        "02/output-shape-padded": shape {
            let out = try Compute.convolve("1 2 0 1; 0 1 3 1; 2 0 1 0; 1 1 0 2", "1 0 1; 0 1 0; 1 0 1", padding: 1)
            return [out.rows, out.columns]
        },
        "02/params-1792": integer { try Compute.parameters("conv 64 3", input: [3, 28, 28]) },
        "02/params-digits-conv1": integer { try Compute.parameters("conv 8 3 pad 1", input: [1, 8, 8]) },
        "02/review-7": integer { try Compute.parameters("conv 16 3 pad 1", input: [8, 4, 4]) },
        // Several channels: slices per filter, parameters, partial sums (the lesson's two-channel example).
        "02/slices-per-filter": integer { Conv2D(inChannels: 8, filters: 16, kernelSize: 3).weight.value.shape[1] },
        "02/params-channels-5x5": integer { try Compute.parameters("conv 4 5", input: [3, 8, 8]) },
        "02/params-digits-conv2": integer { try Compute.parameters("conv 16 3 pad 1", input: [8, 4, 4]) / 16 },
        "02/partial-sum-channel": number {
            Double(try Compute.convolutionWalk("2 0; 1 3 | 1 1; 0 0", "1 0; 0 1 | 1 1; 0 0").steps[0].partials[0])
        },
        "02/partial-sums-value": number {
            Double(try Compute.convolutionWalk(WorkedExamples.twoChannels, WorkedExamples.twoSlices, bias: -1).steps[1].value)
        },
        "02/partial-sums-relu": number {
            Double(try Compute.convolutionWalk("1.5 | -4 | 0.5", "1 | 1 | 1", bias: 0.5, relu: true).steps[0].value)
        },

        // 03 Pooling and activations
        "03/max-window": number { Double(try Compute.pool("2 4; 6 2", .max, kernel: 2).values[0]) },
        "03/avg-window": number { Double(try Compute.pool("4 4; 1 4", .avg, kernel: 2).values[0]) },
        "03/review-2": number { Double(try Compute.pool("6 3; 0 3", .avg, kernel: 2).values[0]) },
        "03/pooled-odd": integer { try Compute.outputShape("pool 2", input: [1, 7, 7])[2] },
        "03/pooled-shape": shape { Compute.heightWidthChannels(try Compute.outputShape("maxpool 2", input: [64, 26, 26])) },
        "03/review-3": shape { Array(try Compute.outputShape("maxpool 2", input: [1, 26, 26]).suffix(2)) },
        "03/overlap-shape": shape {
            let out = try Compute.pool("2 5 2 4; 2 5 6 2; 4 4 6 3; 1 4 0 3", .max, kernel: 2, stride: 1)
            return [out.rows, out.columns]
        },
        "03/pool-params": integer { try Compute.parameters("maxpool 2", input: [64, 26, 26]) },
        "03/review-4": integer { try Compute.parameters("maxpool 2", input: [64, 26, 26]) },
        "03/sigmoid-zero": number { Double(Compute.apply(Sigmoid(), to: [0])[0]) },
        "03/relu-value": number { Double(Compute.apply(ReLU(), to: [-4.2])[0]) },
        "03/review-7": number { Double(Compute.apply(ReLU(), to: [-3])[0]) },

        // 04 Dense layers and shapes
        "04/dense-worked": number { Double(Compute.dense(weights: [[1, 0, 2]], bias: [-1], input: [1, 2, 3])[0]) },
        "04/dense-params": integer { try Compute.parameters("dense 10", input: [32]) },
        "04/review-1": integer { try Compute.parameters("dense 32", input: [64]) },
        "04/flatten-size": integer { try Compute.outputShape("flatten", input: [20, 4, 4])[0] },
        "04/review-2": shape { try Compute.outputShape("flatten", input: [16, 2, 2]) },
        "04/after-first-conv-8": shape { try Compute.outputShape("conv 10 5", input: [1, 8, 8]) },
        "04/mnist-after-pool2": shape { try Compute.outputShape("conv 10 5, pool 2, conv 20 5, pool 2", input: [1, 28, 28]) },
        "04/digits-net-shape": shape { try ModelSpec.digits.shapes(inputShape: [1, 8, 8])[2].outputShape },
        "04/review-5": shape { try ModelSpec.digits.shapes(inputShape: [1, 8, 8])[5].outputShape },
        "04/digits-net-total": integer { try ModelSpec.digits.shapes(inputShape: [1, 8, 8]).reduce(0) { $0 + $1.parameterCount } },
        "04/review-6": integer { try ModelSpec.digits.shapes(inputShape: [1, 8, 8]).reduce(0) { $0 + $1.parameterCount } },
        "04/padded-dense-width": integer {
            try Compute.outputShape("conv 10 5 pad 2, pool 2, conv 20 5 pad 2, pool 2, flatten", input: [1, 8, 8])[0]
        },

        // 05 Training
        "05/ce-loss": number { -log(0.659) },
        "05/review-2": number { -log(0.5) },
        "05/uniform-loss": number { Double(Compute.crossEntropy(logits: [Float](repeating: 0, count: 10), label: 3).loss) },
        "05/softmax-top": number { Double(Compute.crossEntropy(logits: [2.0, 1.0, 0.1], label: 0).probabilities[0]) },
        "05/gd-step": number {
            let layer = Dense(inFeatures: 1, outFeatures: 1)
            layer.weight.value = Tensor(shape: [1, 1], storage: [1.2])
            layer.weight.grad = Tensor(shape: [1, 1], storage: [4])
            SGD(parameters: [layer.weight], learningRate: 0.05).step()
            return Double(layer.weight.value.storage[0])
        },
        "05/review-3": number {
            Double(Compute.oneWeightRun(start: 0.5, steps: 1) { SGD(parameters: $0, learningRate: 0.05) }[0])
        },
        "05/chain-rule-number": number { Double(Compute.squaredErrorGradient(weight: 0.5, input: 2, target: 3)) },
        "05/momentum-step": number {
            // The velocity after step 2 is (w₁ − w₂) / η.
            let trace = Compute.oneWeightRun(start: 0.5, steps: 2) { SGD(parameters: $0, learningRate: 0.05, momentum: 0.9) }
            return Double((trace[0] - trace[1]) / 0.05)
        },
        "05/steps-per-epoch": integer {
            let n = try Compute.idx("digits-train-labels.idx1-ubyte", in: data()).count
            return (n + 31) / 32
        },
        "05/review-6": integer {
            let n = try Compute.idx("digits-train-labels.idx1-ubyte", in: data()).count
            return (n + 31) / 32
        },

        // 06 Evaluation
        "06/accuracy-value": number { sevens.accuracy },
        "06/precision-value": number { sevens.precision },
        "06/review-1": number { sevens.precision },
        "06/recall-value": number { sevens.recall },
        "06/review-2": number { sevens.recall },
        "06/f1-value": number { sevens.f1 },
        "06/review-3": number { Compute.BinaryCounts(tp: 9, fn: 1, fp: 1, tn: 0).f1 },
        "06/lazy-accuracy": number {
            let labels = try Compute.idx("digits-test-labels.idx1-ubyte", in: data())
            let sevens = (0..<labels.count).filter { labels.item($0).first == 7 }.count
            return Double(labels.count - sevens) / Double(labels.count)
        },
        "06/class-precision": number { Compute.columnPrecision(Compute.corner, 0) },

        // 07 Overfitting and regularisation
        "07/dropout-scale": number { Double(Compute.dropoutOutputs(of: 1.2, rate: 0.5).max() ?? 0) },
        "07/review-2": number { Double(Compute.dropoutOutputs(of: 0.8, rate: 0.5).max() ?? 0) },
        "07/l2-penalty": number { 0.01 * [0.5, -1.0, 2.0].map { $0 * $0 }.reduce(0, +) },
        "07/review-3": number { 0.01 * [0.5, -1.0, 2.0].map { $0 * $0 }.reduce(0, +) },
        "07/l1-penalty": number { 0.01 * [0.5, -1.0, 2.0].map { abs($0) }.reduce(0, +) },
        "07/batchnorm-value": number { Double(Compute.batchNormalise([2, 4, 6, 8])[3]) },
        "07/early-stop-epoch": integer { Compute.earlyStoppingEpoch([1.25, 0.52, 0.33, 0.27, 0.25, 0.26, 0.28, 0.31], patience: 3) },

        // 08 Architectures and transfer learning
        "08/stacked-3x3-weights": integer { 2 * Compute.convWeights(inChannels: 64, filters: 64, kernel: 3) },
        "08/review-3": integer { 2 * Compute.convWeights(inChannels: 64, filters: 64, kernel: 3) },
        "08/separable-weights": integer {
            32 * Compute.convWeights(inChannels: 1, filters: 1, kernel: 3) + Compute.convWeights(inChannels: 32, filters: 64, kernel: 1)
        },
        "08/new-head-params": integer { try Compute.parameters("dense 2", input: [512]) },
        "08/review-6": integer { try Compute.parameters("dense 2", input: [512]) },
        "08/lenet-conv2": shape { try Compute.outputShape("conv 16 5", input: [6, 14, 14]) },
        "08/receptive-3x3": shape { let n = try Compute.receptiveField("conv 1 3, conv 1 3"); return [n, n] },
        "08/review-4": shape { let n = try Compute.receptiveField("conv 1 3, conv 1 3, conv 1 3"); return [n, n] },

        // 09 Applications, limits and trends
        "09/segmentation-labels": integer { try Compute.outputShape("flatten", input: [1, 256, 256])[0] },
        "09/quantized-bytes": integer {
            try ModelSpec.digits.shapes(inputShape: [1, 8, 8]).reduce(0) { $0 + $1.parameterCount } * MemoryLayout<Float>.size
        },
        "09/review-2": integer {
            try ModelSpec.digits.shapes(inputShape: [1, 8, 8]).reduce(0) { $0 + $1.parameterCount } * MemoryLayout<Int8>.size
        },
        "09/low-rank-count": integer { 1_000 * 50 + 50 * 1_000 },
        "09/iou-value": number { 4.0 / (16 + 16 - 4) },
        "09/vit-patches": integer {
            // Cutting into 16×16 patches is a 16×16 convolution with stride 16.
            let out = try Compute.outputShape("conv 1 16 stride 16", input: [3, 224, 224])
            return out[1] * out[2]
        },
        "09/review-6": integer {
            let out = try Compute.outputShape("conv 1 16 stride 16", input: [3, 224, 224])
            return out[1] * out[2]
        },
    ]
}
