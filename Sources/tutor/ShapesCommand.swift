import ArgumentParser
import Foundation
import TinyCNN

/// `tutor shapes`: walks an input shape through a network spec, layer by layer.
struct ShapesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shapes",
        abstract: "Walk an input shape through a network: shapes and parameter counts.",
        discussion: """
        The spec lists layers separated by commas:
          conv F K [stride S] [pad P] [dilation D]   F filters of K×K (or KxL)
          pool K | maxpool K | avgpool K [stride S] [pad P]
          relu, leakyrelu [slope], sigmoid, tanh, flatten, dense N,
          dropout P, batchnorm
        Input channels come from --input; dense after an image flattens it.

        Example:
          tutor shapes "conv 10 5, pool 2, conv 20 5, pool 2, flatten, \\
                        dense 50, dense 10" --input 1x28x28
        """
    )

    @Argument(help: ArgumentHelp("The network, e.g. \"conv 8 3 pad 1, relu, pool 2, flatten, dense 10\".", valueName: "spec"))
    var spec: String

    @Option(help: ArgumentHelp("One sample's shape: CxHxW, HxW (one channel) or F (default: 1x28x28).", valueName: "shape"),
            transform: ShapesCommand.parseShape)
    var input: [Int] = [1, 28, 28]

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    func run() throws {
        let inputShape = input
        let spec: ModelSpec
        do { spec = try ModelSpec(parsing: self.spec) } catch { throw CLIOutput.fail("\(error)") }
        let shapes: [LayerShape]
        do { shapes = try spec.shapes(inputShape: inputShape) } catch { throw CLIOutput.fail("\(error)") }
        let normalized = ModelSpec.normalizedInputShape(inputShape)
        let total = shapes.reduce(0) { $0 + $1.parameterCount }
        if json {
            try CLICalculator.printJSON(ShapesJSON(spec: spec.description, input: normalized, shapes: shapes, total: total))
        } else {
            CLICalculator.emit(ShapesCommand.table(input: normalized, shapes: shapes, total: total))
        }
    }

    /// `1x8x8`, `8×8`, `784` → a shape; anything else is a bad flag.
    static func parseShape(_ text: String) throws -> [Int] {
        let parts = text.lowercased().replacingOccurrences(of: "×", with: "x").split(separator: "x", omittingEmptySubsequences: false)
        let values = parts.compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard values.count == parts.count, (1...3).contains(values.count), values.allSatisfy({ $0 > 0 }) else {
            throw FlagValueError("'\(text)' is not a shape (write CxHxW such as 1x28x28, HxW, or F)")
        }
        return values
    }

    /// The table: one row per layer, then the total.
    static func table(input: [Int], shapes: [LayerShape], total: Int) -> [String] {
        let header = ["#", "layer", "output", "parameters", ""]
        var rows: [[String]] = [["", "input", formatShape(input), "", ""]]
        for shape in shapes {
            rows.append(["\(shape.index)", shape.summary, formatShape(shape.outputShape),
                         groupedThousands(shape.parameterCount), shape.note ?? ""])
        }
        var widths = header.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        func line(_ cells: [String]) -> String {
            var text = ""
            for (i, cell) in cells.enumerated() {
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                // Numbers right-aligned, words left-aligned.
                text += (i == 0 || i == 3) ? pad + cell : cell + pad
                if i < cells.count - 1 { text += "  " }
            }
            while text.last == " " { text.removeLast() }
            return text
        }
        var lines = [line(header)]
        lines += rows.map(line)
        lines.append("total parameters: \(groupedThousands(total))")
        return lines
    }
}

/// The machine-readable shapes table.
struct ShapesJSON: Encodable {
    struct Row: Encodable {
        var index: Int
        var layer: String
        var input, output: [Int]
        var parameters: Int
        var note: String?
    }

    var spec: String
    var input: [Int]
    var layers: [Row]
    var totalParameters: Int

    init(spec: String, input: [Int], shapes: [LayerShape], total: Int) {
        self.spec = spec
        self.input = input
        layers = shapes.map { Row(index: $0.index, layer: $0.summary, input: $0.inputShape, output: $0.outputShape,
                                  parameters: $0.parameterCount, note: $0.note) }
        totalParameters = total
    }
}
