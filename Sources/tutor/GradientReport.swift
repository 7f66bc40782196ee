import Foundation
import TinyCNN
import Widgets

/// The backward-pass part of `tutor convolve --backward` and `tutor pool --backward`: the
/// upstream gradient, then dL/dW, dL/dX and dL/db (or the pooling's dL/dX), each sum written
/// out with `--steps`.
enum GradientReport {
    /// The upstream gradient `--grad` names: `ones` (every output cell 1), or a matrix spec of
    /// the output's size.
    static func upstream(_ spec: String, rows: Int, columns: Int) throws -> Matrix {
        let trimmed = spec.trimmingCharacters(in: .whitespaces).lowercased()
        if trimmed == "ones" || trimmed == "all-ones" { return Matrix(rows: rows, columns: columns, repeating: 1) }
        let matrix = try CLICalculator.matrix(spec, flag: "--grad")
        guard matrix.rows == rows, matrix.columns == columns else {
            throw CLIOutput.fail("--grad: the upstream gradient is \(matrix.sizeDescription) but the output is \(rows)×\(columns) (or use --grad ones)")
        }
        return matrix
    }

    /// `a·b` for one product, with the sign folded into the sum by `sumText`.
    private static func factors(_ a: Float, _ b: Float, decimals: Int) -> String {
        let f = { (v: Float) in v < 0 ? "(\(GridText.format(v, decimals: decimals)))" : GridText.format(v, decimals: decimals) }
        return "\(f(a))·\(f(b))"
    }

    /// `1·2 + 1·0 + (−1)·3 = −1`: a gradient sum written out, or its count when long.
    private static func written(_ terms: [ConvolutionGradientWalk.Term], value: Float, decimals: Int) -> String {
        guard !terms.isEmpty else { return "0 (no window covered this cell)" }
        guard terms.count <= 12 else { return "sum of \(terms.count) products = \(GridText.format(value, decimals: decimals))" }
        let products = terms.map { factors($0.upstream, $0.factor, decimals: decimals) }.joined(separator: " + ")
        return "\(products) = \(GridText.format(value, decimals: decimals))"
    }

    private static func channelTitle(_ base: String, channel: Int, of count: Int) -> String {
        count == 1 ? base : "\(base), channel \(channel + 1)"
    }

    /// The convolution's backward report.
    static func convolution(_ walk: ConvolutionGradientWalk, steps: Bool, decimals: Int?, throughReLU: Bool = false) -> [String] {
        let places = decimals ?? GridText.decimals(for: walk.upstream.values + walk.weightGradient.flatMap(\.values)
                                                   + walk.inputGradient.flatMap(\.values) + walk.input.flatMap(\.values)
                                                   + walk.kernel.flatMap(\.values))
        let channels = walk.input.count
        var lines = ["", "Backward pass"]
        if throughReLU {
            lines.append("Through the ReLU first: dL/dz = dL/dY where z = sum + bias was positive, else 0")
            lines += CLICalculator.grid("dL/dz (\(walk.upstream.sizeDescription))", walk.upstream, decimals: places)
        } else {
            lines += CLICalculator.grid("Upstream gradient dL/dY (\(walk.upstream.sizeDescription))", walk.upstream, decimals: places)
        }
        lines.append("")
        lines.append("dL/dW[u,v] = Σ over output cells (i,j) of dL/dY[i,j] · x[i·\(walk.stride) + u·\(walk.dilation), j·\(walk.stride) + v·\(walk.dilation)] (padded input)")
        lines += CLICalculator.arrange(walk.weightGradient.enumerated().map { index, grid in
            CLICalculator.grid(channelTitle("dL/dW (\(grid.sizeDescription))", channel: index, of: channels), grid, decimals: places)
        })
        if steps {
            for tap in walk.weightTaps {
                let name = channels == 1 ? "dW[\(tap.row),\(tap.column)]" : "dW[c\(tap.channel + 1)][\(tap.row),\(tap.column)]"
                lines.append("  \(name) = " + written(tap.terms, value: tap.value, decimals: places))
            }
        }
        lines.append("")
        lines.append("dL/dX[y,x] = Σ over the windows that covered the cell of dL/dY[i,j] · w[u,v]")
        lines += CLICalculator.arrange(walk.inputGradient.enumerated().map { index, grid in
            CLICalculator.grid(channelTitle("dL/dX (\(grid.sizeDescription))", channel: index, of: channels), grid, decimals: places)
        })
        if steps {
            for cell in walk.inputCells {
                let name = channels == 1 ? "dX[\(cell.row),\(cell.column)]" : "dX[c\(cell.channel + 1)][\(cell.row),\(cell.column)]"
                lines.append("  \(name) = " + written(cell.terms, value: cell.value, decimals: places))
            }
            let full = walk.fullCorrelation
            lines.append("")
            lines.append("The same dL/dX as a full correlation: dL/dY spread out by the stride (\(walk.stride - 1) zero\(walk.stride == 2 ? "" : "s") between")
            lines.append("neighbours), bordered with zeros, correlated with each kernel slice rotated by 180°")
            lines.append("(dilation \(walk.dilation)); then \(walk.padding) ring\(walk.padding == 1 ? "" : "s") of padding cropped from each side.")
            var blocks = [CLICalculator.grid("stretched dL/dY (\(full.stretchedUpstream.sizeDescription))", full.stretchedUpstream, decimals: places)]
            blocks += full.flippedKernel.enumerated().map { index, slice in
                CLICalculator.grid(channelTitle("rotated kernel", channel: index, of: channels), slice, decimals: places)
            }
            lines += CLICalculator.arrange(blocks)
        }
        lines.append("")
        let upstream = walk.upstream.values
        lines.append("dL/db = Σ dL/dY = " + CLICalculator.sumText(upstream, decimals: places, total: walk.biasGradient))
        return lines
    }

    /// The pooling's backward report.
    static func pooling(_ walk: PoolingGradientWalk, steps: Bool, decimals: Int?) -> [String] {
        let places = decimals ?? GridText.decimals(for: walk.upstream.values + walk.inputGradient.values)
        let k = walk.forward.kernel
        var lines = ["", "Backward pass"]
        lines += CLICalculator.grid("Upstream gradient dL/dY (\(walk.upstream.sizeDescription))", walk.upstream, decimals: places)
        lines.append("")
        lines.append(walk.forward.mode == .max
            ? "Max pooling sends each window's gradient to its maximum (the first one on ties) and 0 to the rest."
            : "Average pooling spreads each window's gradient evenly: 1/\(k * k) of it to each of its \(k * k) cells.")
        if steps {
            for (step, routes) in zip(walk.forward.steps, walk.windows) {
                let g = GridText.format(walk.upstream[step.row, step.column], decimals: places)
                let targets = routes.map { "[\($0.inputRow),\($0.inputColumn)]" }
                if walk.forward.mode == .max {
                    lines.append("  window [\(step.row),\(step.column)]: \(g) → input \(targets.joined(separator: ", "))")
                } else {
                    let value = walk.upstream[step.row, step.column] / Float(k * k)
                    let share = GridText.format(value, decimals: GridText.decimals(for: [value]))
                    lines.append("  window [\(step.row),\(step.column)]: \(g) / \(k * k) = \(share) → each of \(targets.count) input cell\(targets.count == 1 ? "" : "s")")
                }
            }
        }
        lines.append("")
        lines += CLICalculator.grid("dL/dX (\(walk.inputGradient.sizeDescription))", walk.inputGradient, decimals: places)
        let shared = walk.cells.filter { $0.routes.count > 1 }
        if steps && !shared.isEmpty {
            lines.append("")
            lines.append("Cells reached by more than one window add up what each sent:")
            for cell in shared.prefix(12) {
                let amounts = cell.routes.map(\.amount)
                lines.append("  dX[\(cell.row),\(cell.column)] = " + CLICalculator.sumText(amounts, decimals: GridText.decimals(for: amounts), total: cell.value))
            }
            if shared.count > 12 { lines.append("  … and \(shared.count - 12) more") }
        }
        return lines
    }
}

/// The machine-readable backward pass of a convolution.
struct ConvolutionGradientJSON: Encodable {
    struct Sum: Encodable {
        var channel, row, column: Int
        var value: Float
        var terms: [Term]
    }

    struct Term: Encodable {
        var output: [Int]
        var tap: [Int]
        var inputCell: [Int]
        var upstream, factor, product: Float
        var padding: Bool
    }

    var upstream: [[Float]]
    var inputGradient: [[[Float]]]
    var weightGradient: [[[Float]]]
    var biasGradient: Float
    var weightTaps: [Sum]?
    var inputCells: [Sum]?

    init(_ walk: ConvolutionGradientWalk, includeSteps: Bool) {
        upstream = walk.upstream.nested
        inputGradient = walk.inputGradient.map(\.nested)
        weightGradient = walk.weightGradient.map(\.nested)
        biasGradient = walk.biasGradient
        func sums(_ list: [ConvolutionGradientWalk.Sum]) -> [Sum] {
            list.map { sum in
                Sum(channel: sum.channel, row: sum.row, column: sum.column, value: sum.value, terms: sum.terms.map {
                    Term(output: [$0.outputRow, $0.outputColumn], tap: [$0.tapRow, $0.tapColumn],
                         inputCell: [$0.inputRow, $0.inputColumn], upstream: $0.upstream, factor: $0.factor,
                         product: $0.product, padding: $0.onPadding)
                })
            }
        }
        weightTaps = includeSteps ? sums(walk.weightTaps) : nil
        inputCells = includeSteps ? sums(walk.inputCells) : nil
    }
}

/// The machine-readable backward pass of a pooling.
struct PoolingGradientJSON: Encodable {
    struct Route: Encodable {
        var output, input: [Int]
        var upstream, share, amount: Float
    }

    var upstream: [[Float]]
    var inputGradient: [[Float]]
    var routes: [[Route]]?

    init(_ walk: PoolingGradientWalk, includeSteps: Bool) {
        upstream = walk.upstream.nested
        inputGradient = walk.inputGradient.nested
        routes = includeSteps ? walk.windows.map { window in
            window.map { Route(output: [$0.outputRow, $0.outputColumn], input: [$0.inputRow, $0.inputColumn],
                               upstream: $0.upstream, share: $0.share, amount: $0.amount) }
        } : nil
    }
}
