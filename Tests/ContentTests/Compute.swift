import Foundation
import TinyCNN

/// The project's own code, wrapped for recomputing the numbers the lessons and quizzes state.
///
/// Everything here goes through TinyCNN (shape inference, convolution and pooling walks,
/// layers, optimisers, the loss) so that content and code must agree.
enum Compute {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    // MARK: Shapes and parameters

    /// Each layer's row of the shapes table for a spec such as `"conv 64 3"` on `[3, 28, 28]`.
    static func shapes(_ spec: String, input: [Int]) throws -> [LayerShape] {
        try ModelSpec(parsing: spec).shapes(inputShape: input)
    }

    /// The last layer's output shape (channels first).
    static func outputShape(_ spec: String, input: [Int]) throws -> [Int] {
        guard let last = try shapes(spec, input: input).last else { throw Failure(description: "empty spec '\(spec)'") }
        return last.outputShape
    }

    /// Learnable scalars of the whole spec.
    static func parameters(_ spec: String, input: [Int]) throws -> Int {
        try shapes(spec, input: input).reduce(0) { $0 + $1.parameterCount }
    }

    /// `[C, H, W]` → `[H, W, C]`, the order some lessons (and the curriculum) write shapes in.
    static func heightWidthChannels(_ shape: [Int]) -> [Int] {
        shape.count == 3 ? [shape[1], shape[2], shape[0]] : shape
    }

    /// The smallest square input that a spec turns into a single 1×1 output: the receptive field.
    static func receptiveField(_ spec: String) throws -> Int {
        for size in 1...64 {
            if let out = try? outputShape(spec, input: [1, size, size]), out.suffix(2) == [1, 1] { return size }
        }
        throw Failure(description: "no receptive field found for '\(spec)'")
    }

    /// Weights of a conv layer without bias, counted by TinyCNN.
    static func convWeights(inChannels: Int, filters: Int, kernel: Int) -> Int {
        Conv2D(inChannels: inChannels, filters: filters, kernelSize: kernel, bias: false).parameterCount
    }

    // MARK: Convolution and pooling walks

    /// The output map; `input` and `kernel` may hold several channels, `|` between them.
    static func convolve(_ input: String, _ kernel: String, stride: Int = 1, padding: Int = 0, bias: Float = 0) throws -> Matrix {
        try convolutionWalk(input, kernel, stride: stride, padding: padding, bias: bias).output
    }

    /// The whole walk, every window's partial sums included.
    static func convolutionWalk(_ input: String, _ kernel: String, stride: Int = 1, padding: Int = 0, bias: Float = 0, relu: Bool = false) throws -> ConvolutionWalk {
        try ConvolutionWalk(inputs: MatrixSource.channels(input, dataDirectory: nil), kernels: MatrixSource.channels(kernel, dataDirectory: nil),
                            stride: stride, padding: padding, bias: bias, relu: relu)
    }

    static func pool(_ input: String, _ mode: PoolingWalk.Mode, kernel: Int, stride: Int? = nil) throws -> Matrix {
        try PoolingWalk(input: Matrix(parsing: input), mode: mode, kernel: kernel, stride: stride).output
    }

    // MARK: Layers

    /// One row through an element-wise layer (ReLU, Sigmoid, Tanh).
    static func apply(_ layer: any Layer, to values: [Float]) -> [Float] {
        layer.forward(Tensor(shape: [1, values.count], storage: values), training: false).storage
    }

    /// `W·x + b` through TinyCNN's Dense layer.
    static func dense(weights: [[Float]], bias: [Float], input: [Float]) -> [Float] {
        let layer = Dense(inFeatures: input.count, outFeatures: weights.count)
        layer.weight.value = Tensor(shape: [weights.count, input.count], storage: weights.flatMap { $0 })
        layer.bias.value = Tensor(shape: [bias.count], storage: bias)
        return layer.forward(Tensor(shape: [1, input.count], storage: input), training: false).storage
    }

    /// dL/dw for y = w·x, L = (y − t)², by TinyCNN's Dense backward pass.
    static func squaredErrorGradient(weight: Float, input: Float, target: Float) -> Float {
        let layer = Dense(inFeatures: 1, outFeatures: 1)
        layer.weight.value = Tensor(shape: [1, 1], storage: [weight])
        let y = layer.forward(Tensor(shape: [1, 1], storage: [input]), training: true).storage[0]
        _ = layer.backward(Tensor(shape: [1, 1], storage: [2 * (y - target)]), inputGradient: false)
        return layer.weight.grad.storage[0]
    }

    /// Runs an optimiser on one weight of y = 2w against target 3 (L = (2w − 3)²), the lesson's
    /// one-weight model, and returns the weight after each step.
    static func oneWeightRun(start: Float, steps: Int, makeOptimizer: ([Parameter]) -> any Optimizer) -> [Float] {
        let layer = Dense(inFeatures: 1, outFeatures: 1)
        layer.weight.value = Tensor(shape: [1, 1], storage: [start])
        let optimizer = makeOptimizer([layer.weight])
        var trace: [Float] = []
        for _ in 0..<steps {
            layer.weight.grad.storage[0] = squaredErrorGradient(weight: layer.weight.value.storage[0], input: 2, target: 3)
            optimizer.step()
            trace.append(layer.weight.value.storage[0])
        }
        return trace
    }

    /// Softmax probabilities and cross-entropy loss of one row of logits for class `label`.
    static func crossEntropy(logits: [Float], label: Int) -> (probabilities: [Float], loss: Float, gradient: [Float]) {
        let result = SoftmaxCrossEntropy()(logits: Tensor(shape: [1, logits.count], storage: logits), labels: [label])
        return (result.probabilities.storage, result.loss, result.gradient.storage)
    }

    /// Batch normalisation (training mode, γ = 1, β = 0) of one unit's values over a batch.
    static func batchNormalise(_ values: [Float]) -> [Float] {
        let layer = BatchNorm2D(channels: 1)
        return layer.forward(Tensor(shape: [values.count, 1, 1, 1], storage: values), training: true).storage
    }

    /// The distinct values inverted dropout passes on for `value`, over many units.
    static func dropoutOutputs(of value: Float, rate: Float) -> Set<Float> {
        let layer = Dropout(rate: rate, seed: 7)
        return Set(layer.forward(Tensor(shape: [1, 1000], repeating: value), training: true).storage)
    }

    // MARK: Data

    /// A bundled IDX file's dimensions, e.g. `[360]` for the digits test labels.
    static func idx(_ name: String, in data: URL) throws -> IDXFile {
        try IDXFile(contentsOf: data.appendingPathComponent(name))
    }

    // MARK: Metrics (no project code computes these; plain arithmetic from the counts)

    struct BinaryCounts {
        var tp: Double, fn: Double, fp: Double, tn: Double
        var accuracy: Double { (tp + tn) / (tp + fn + fp + tn) }
        var precision: Double { tp / (tp + fp) }
        var recall: Double { tp / (tp + fn) }
        var f1: Double { 2 * precision * recall / (precision + recall) }
    }

    /// The lesson's 3×3 corner of the digits confusion matrix (rows true 3, 5, 8).
    static let corner: [[Double]] = [[31, 1, 2], [2, 44, 1], [3, 0, 27]]

    static func columnPrecision(_ m: [[Double]], _ k: Int) -> Double { m[k][k] / m.map { $0[k] }.reduce(0, +) }
    static func rowRecall(_ m: [[Double]], _ k: Int) -> Double { m[k][k] / m[k].reduce(0, +) }
    static func f1(_ m: [[Double]], _ k: Int) -> Double {
        let p = columnPrecision(m, k), r = rowRecall(m, k)
        return 2 * p * r / (p + r)
    }

    /// Early stopping with `patience`: the 1-based epoch whose weights are kept.
    static func earlyStoppingEpoch(_ losses: [Double], patience: Int) -> Int {
        var best = 0, waited = 0
        for epoch in 1..<losses.count {
            if losses[epoch] < losses[best] { best = epoch; waited = 0 } else {
                waited += 1
                if waited == patience { break }
            }
        }
        return best + 1
    }
}
