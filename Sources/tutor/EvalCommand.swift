import ArgumentParser
import Foundation
import TinyCNN

/// `tutor eval`: reloads a saved model and reports it on a test set.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate a saved model on a test set: accuracy, confusion matrix, per-class metrics."
    )

    @Option(help: ArgumentHelp("A model saved by `tutor train --save`.", valueName: "FILE"))
    var model: String

    @OptionGroup var data: DataSetOptions

    @Flag(help: "Print the report as one JSON object.")
    var json = false

    func run() throws {
        let network: DemoNetwork
        do {
            network = try DemoNetwork(contentsOf: URL(fileURLWithPath: model))
        } catch {
            fail(error.description, code: 1)
        }
        let side = network.architecture.side
        let kind = try data.kind() ?? (side == 8 ? .digits : .mnist5k)
        let set = data.load(kind)
        guard set.test.width == side, set.test.height == side else {
            fail("\(model) is the \(network.architecture.name) net for \(side)x\(side) images; \(set.test.name) has \(set.test.height)x\(set.test.width) images", code: 1)
        }
        let report = network.evaluate(set.test)
        if json {
            emit(jsonLine(ReportRecord(report)) + "\n")
        } else {
            emit("The \(network.architecture.name) net from \(model) on \(set.test.name) (\(set.test.count) images)\n\n")
            emit(report.formatted() + "\n")
        }
    }
}
