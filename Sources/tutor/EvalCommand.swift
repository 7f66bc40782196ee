import ArgumentParser
import Foundation
import TinyCNN

/// `tutor eval`: reloads a saved model and reports it on a test set.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate a saved model on a test set: accuracy, confusion matrix, per-class metrics."
    )

    @Option(help: ArgumentHelp("A model file (`tutor train --save`), or the name of one in the state directory's models/ (what `w` on the live training screen saves, and demo-digits / demo-mnist).", valueName: "FILE|NAME"))
    var model: String

    @OptionGroup var data: DataSetOptions

    @Flag(help: "Print the report as one JSON object.")
    var json = false

    func run() throws {
        let model: Sequential
        do {
            model = try Sequential.load(from: ModelStore.resolve(self.model))
        } catch {
            throw CLIError.input(error.description)
        }
        let shape = model.inputShape
        guard shape.count == 3, shape[0] == 1 else {
            throw CLIError.input("\(self.model): the model takes \(formatShape(shape)) inputs; the digit data sets are 1×H×W images")
        }
        let kind = try data.kind() ?? (shape[1] == 8 ? .digits : .mnist5k)
        let set = try data.load(kind)
        guard set.test.height == shape[1], set.test.width == shape[2] else {
            throw CLIError.input("\(self.model) takes \(shape[1])x\(shape[2]) images; \(set.test.name) has \(set.test.height)x\(set.test.width) images")
        }
        guard model.outputSize >= 10 else {
            throw CLIError.input("\(self.model): the model has \(model.outputSize) outputs; classifying digits needs 10")
        }
        // The demo nets run on the fused kernels; any other saved architecture layer by layer.
        let report = DemoNetwork(sequential: model)?.evaluate(set.test) ?? model.evaluate(set.test)
        if json {
            emit(jsonLine(ReportRecord(report)) + "\n")
        } else {
            emit("\(model.spec) from \(self.model) on \(set.test.name) (\(set.test.count) images)\n\n")
            emit(report.formatted() + "\n")
        }
    }
}
