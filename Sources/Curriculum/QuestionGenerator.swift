/// Makes fresh arithmetic questions, each with its exact answer and a worked explanation.
///
/// Instances are a pure function of the seed: `make(seed:)` twice with one seed gives the same
/// question. The arithmetic is done here, independently of the TinyCNN target.
public enum QuestionGenerator: String, Sendable, Hashable, CaseIterable {
    /// Output width of a convolution: ⌊(N + 2P − K) / S⌋ + 1.
    case convOutputSize = "conv-output-size"
    /// One output value: a small integer patch times a kernel, summed.
    case convDotProduct = "conv-dot-product"
    /// Max pooling: the output shape of a feature map, or the pooled values of a small grid.
    case poolOutput = "pool-output"
    /// Max pooling: the output shape of a feature map.
    case poolSize = "pool-size"
    /// Max pooling: the pooled 2×2 grid of a small 4×4 input (a `grid` answer).
    case poolValues = "pool-values"
    /// Learnable parameters of a convolutional or dense layer, biases included.
    case paramCount = "param-count"

    public func make(seed: UInt64) -> GeneratedQuestion {
        var rng = SplitMix64(seed: seed ^ SplitMix64.hash(rawValue))
        switch self {
        case .convOutputSize: return Self.convOutputSize(&rng)
        case .convDotProduct: return Self.convDotProduct(&rng)
        case .poolOutput: return Bool.random(using: &rng) ? Self.poolShape(&rng) : Self.poolValues(&rng)
        case .poolSize: return Self.poolShape(&rng)
        case .poolValues: return Self.poolValues(&rng)
        case .paramCount: return Bool.random(using: &rng) ? Self.convParams(&rng) : Self.denseParams(&rng)
        }
    }

    static func convOutputSize(_ rng: inout SplitMix64) -> GeneratedQuestion {
        let kernel = [1, 2, 3, 3, 5, 5, 7].randomElement(using: &rng) ?? 3
        let input = Int.random(in: max(kernel, 5)...64, using: &rng)
        let stride = Int.random(in: 1...3, using: &rng)
        let padding = Int.random(in: 0...(kernel / 2 + 1), using: &rng)
        let span = input + 2 * padding - kernel
        let output = span / stride + 1
        let prompt = "A \(input)x\(input) input, a \(kernel)x\(kernel) kernel, stride \(stride), padding \(padding). What is the output width?"
        var explanation = "(N + 2P − K) / S + 1 = (\(input) + 2×\(padding) − \(kernel)) / \(stride) + 1 = \(span) / \(stride) + 1"
        if span % stride == 0 {
            explanation += " = \(span / stride) + 1 = \(output)."
        } else {
            explanation += ": \(span) / \(stride) rounds down to \(span / stride) (the window must fit), so \(span / stride) + 1 = \(output)."
        }
        return GeneratedQuestion(prompt: prompt, answer: .number(output), explanation: explanation,
                                 parameters: .convOutputSize(input: input, kernel: kernel, stride: stride, padding: padding))
    }

    static func convDotProduct(_ rng: inout SplitMix64) -> GeneratedQuestion {
        let size = Int.random(in: 2...3, using: &rng)
        let patch = (0..<size).map { _ in (0..<size).map { _ in Int.random(in: 0...9, using: &rng) } }
        let kernel = (0..<size).map { _ in (0..<size).map { _ in Int.random(in: -2...2, using: &rng) } }
        var terms: [String] = []
        var total = 0
        for r in 0..<size {
            for c in 0..<size {
                total += patch[r][c] * kernel[r][c]
                let k = kernel[r][c] < 0 ? "(\(kernel[r][c]))" : "\(kernel[r][c])"
                terms.append("\(patch[r][c])×\(k)")
            }
        }
        let prompt = """
        A \(size)x\(size) kernel sits on this \(size)x\(size) patch of the input (no bias). What output value does it produce?
        patch:  \(rows(patch))
        kernel: \(rows(kernel))
        """
        let explanation = "Multiply each patch value by the kernel weight at the same place and add them up: \(terms.joined(separator: " + ")) = \(total)."
        return GeneratedQuestion(prompt: prompt, answer: .number(total), explanation: explanation,
                                 parameters: .convDotProduct(patch: patch, kernel: kernel))
    }

    static func rows(_ m: [[Int]]) -> String {
        "[" + m.map { $0.map(String.init).joined(separator: " ") }.joined(separator: "; ") + "]"
    }

    static func poolShape(_ rng: inout SplitMix64) -> GeneratedQuestion {
        let size = Int.random(in: 2...32, using: &rng) * 2
        let channels = [1, 3, 8, 16, 32, 64].randomElement(using: &rng) ?? 8
        let window = Int.random(in: 2...3, using: &rng)
        let stride = Int.random(in: 1...window, using: &rng)
        let output = (size - window) / stride + 1
        let prompt = "A \(size)x\(size)x\(channels) feature map goes through \(window)x\(window) max pooling with stride \(stride), no padding. What is the output shape (height x width x channels)?"
        var explanation = "Each side: (\(size) − \(window)) / \(stride) + 1"
        if (size - window) % stride != 0 { explanation += ", rounding the division down," }
        explanation += " = \(output). Pooling works on each channel separately, so the \(channels) channels stay: \(output)x\(output)x\(channels)."
        return GeneratedQuestion(prompt: prompt, answer: .integers([output, output, channels]), explanation: explanation,
                                 parameters: .poolShape(size: size, channels: channels, window: window, stride: stride))
    }

    static func poolValues(_ rng: inout SplitMix64) -> GeneratedQuestion {
        let input = (0..<4).map { _ in (0..<4).map { _ in Int.random(in: 0...9, using: &rng) } }
        var output: [Int] = []
        var steps: [String] = []
        for r in stride(from: 0, to: 4, by: 2) {
            for c in stride(from: 0, to: 4, by: 2) {
                let window = [input[r][c], input[r][c + 1], input[r + 1][c], input[r + 1][c + 1]]
                let m = window.max() ?? 0
                output.append(m)
                steps.append("max(\(window.map(String.init).joined(separator: ", "))) = \(m)")
            }
        }
        let prompt = """
        2x2 max pooling with stride 2 on this 4x4 input. Give the 2x2 output, rows separated by ; (like 1 2; 3 4).
        input: \(rows(input))
        """
        let explanation = "The four windows, top-left to bottom-right: \(steps.joined(separator: "; ")). Output \(rows([Array(output[0..<2]), Array(output[2..<4])]))."
        return GeneratedQuestion(prompt: prompt, answer: .grid([Array(output[0..<2]), Array(output[2..<4])]), explanation: explanation,
                                 parameters: .poolValues(input: input))
    }

    static func convParams(_ rng: inout SplitMix64) -> GeneratedQuestion {
        let kernel = [1, 3, 3, 5].randomElement(using: &rng) ?? 3
        let inputs = [1, 3, 8, 16, 32].randomElement(using: &rng) ?? 3
        let outputs = [4, 8, 16, 32, 64].randomElement(using: &rng) ?? 16
        let weights = kernel * kernel * inputs * outputs
        let prompt = "A convolutional layer has \(outputs) filters of size \(kernel)x\(kernel) over a \(inputs)-channel input, each filter with a bias. How many learnable parameters does it have?"
        let explanation = "Each filter has \(kernel)×\(kernel)×\(inputs) = \(kernel * kernel * inputs) weights plus 1 bias; \(outputs) filters: \(kernel * kernel * inputs)×\(outputs) + \(outputs) = \(weights + outputs)."
        return GeneratedQuestion(prompt: prompt, answer: .number(weights + outputs), explanation: explanation,
                                 parameters: .convParams(kernel: kernel, inputs: inputs, outputs: outputs))
    }

    static func denseParams(_ rng: inout SplitMix64) -> GeneratedQuestion {
        let inputs = [16, 64, 128, 256, 392, 512, 784, 1024].randomElement(using: &rng) ?? 128
        let outputs = [2, 10, 16, 32, 64, 100, 128].randomElement(using: &rng) ?? 10
        let prompt = "A fully connected layer maps \(inputs) inputs to \(outputs) outputs, with biases. How many learnable parameters does it have?"
        let explanation = "One weight per input-output pair plus one bias per output: \(inputs)×\(outputs) + \(outputs) = \(inputs * outputs + outputs)."
        return GeneratedQuestion(prompt: prompt, answer: .number(inputs * outputs + outputs), explanation: explanation,
                                 parameters: .denseParams(inputs: inputs, outputs: outputs))
    }
}

/// One generated question with its exact answer and a worked explanation.
public struct GeneratedQuestion: Sendable, Hashable {
    public var prompt: String
    public var answer: GeneratedAnswer
    public var explanation: String
    /// The numbers the question was made from, so callers (and tests) can check the answer.
    public var parameters: GeneratorParameters
}

public enum GeneratedAnswer: Sendable, Hashable {
    case number(Int)
    /// Several integers in order: a shape.
    case integers([Int])
    /// A grid of values, row by row (a pooled map).
    case grid([[Int]])
}

/// The inputs of a generated question.
public enum GeneratorParameters: Sendable, Hashable {
    case convOutputSize(input: Int, kernel: Int, stride: Int, padding: Int)
    case convDotProduct(patch: [[Int]], kernel: [[Int]])
    /// A `size`x`size`x`channels` map, square max-pooling window, no padding.
    case poolShape(size: Int, channels: Int, window: Int, stride: Int)
    /// A 4x4 grid, 2x2 max pooling, stride 2.
    case poolValues(input: [[Int]])
    case convParams(kernel: Int, inputs: Int, outputs: Int)
    case denseParams(inputs: Int, outputs: Int)
}
