import ArgumentParser
import Foundation
import TinyCNN
import TutorResources

/// `tutor explain`: how one number of the demo network's forward pass was computed.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show how one activation of the demo network was computed, from the layer below.",
        discussion: """
        Runs one test sample through the demo network and explains one cell:
          input            the pixel itself
          conv1, conv2     every input map's 3×3 window × the learned slice, the partial
                           sums, + bias, then ReLU (relu1, relu2 name the same cell after it)
          pool1, pool2     the 2×2 window of the map below and its largest value
          flatten          which map cell the unit copies
          dense1 (relu3)   the inputs sorted by |weight × input|: the top ten, the rest summed,
                           bias, total, ReLU
          dense2, output   the logit, then the softmax over all ten logits
        Maps are addressed with --channel --row --col, vectors with --unit; every index
        starts at 0. The receptive field of the cell on the input is stated.
        Without --model it explains the demo network the screens show (models/demo-digits or
        demo-mnist in the state directory), trained with the defaults and saved there first if
        it is not there yet.

        Examples:
          tutor explain --dataset digits --sample 3 --layer conv2 --channel 5 --row 1 --col 0
          tutor explain --layer output --unit 7 --json
        """
    )

    @OptionGroup var data: DataSetOptions

    @Option(parsing: .unconditional, help: ArgumentHelp("The test sample (0 is the first).", valueName: "n"), transform: CLICalculator.wholeNumber)
    var sample: Int = 0

    @Option(parsing: .unconditional, help: ArgumentHelp("input, conv1, relu1, pool1, conv2, relu2, pool2, flatten, dense1, relu3, dense2 (or output).", valueName: "name"))
    var layer: String

    @Option(parsing: .unconditional, help: ArgumentHelp("The map of an image-shaped layer.", valueName: "n"), transform: CLICalculator.wholeNumber)
    var channel: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("The row in the map.", valueName: "n"), transform: CLICalculator.wholeNumber)
    var row: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("The column in the map.", valueName: "n"), transform: CLICalculator.wholeNumber)
    var col: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("The unit of a vector layer (flatten, dense1, relu3, dense2/output: the class).", valueName: "n"), transform: CLICalculator.wholeNumber)
    var unit: Int?

    @Option(help: ArgumentHelp("A demo-network model file (`tutor train --save`), or the name of one in the state directory's models/ (what `w` saves on the live training screen), instead of the demo network.", valueName: "FILE|NAME"))
    var model: String?

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    func run() throws {
        // Everything the flags say is checked before the demo network is trained (if it must be).
        let given = try model.map { _ in try loadModel() }
        let requested = try data.kind()
        let architecture = given?.architecture ?? (requested == nil || requested == .digits ? .digits : .mnist)
        let kind = requested ?? (architecture.side == 8 ? .digits : .mnist5k)
        let set = try data.load(kind)
        let test = set.test
        guard test.height == architecture.side, test.width == architecture.side else {
            throw CLIError.input("\(model ?? "the demo network") takes \(architecture.side)×\(architecture.side) images; \(test.name) has \(test.height)×\(test.width) images")
        }
        guard test.count > 0 else { throw CLIError.input("\(test.name) has no test samples") }
        guard (0..<test.count).contains(sample) else {
            throw CLIError.input("--sample \(sample): \(test.name) has \(test.count) test samples, numbered 0 to \(test.count - 1)")
        }
        let cell = try Self.cell(layer: layer, channel: channel, row: row, column: col, unit: unit, in: architecture)
        let network = try given ?? demoNetwork(kind == .digits ? "digits" : "mnist")
        let image = Array(test.image(at: sample))
        let activations = network.activations(of: image)
        let explanation = network.explain(cell, image: image, activations: activations)
        let field = architecture.receptiveField(of: cell)
        let forward = cell.layer == NetworkCell.input ? image[architecture.flatIndex(of: cell)] : activations[cell.layer].storage[architecture.flatIndex(of: cell)]
        if json {
            emit(jsonLine(ExplainRecord(dataset: kind.rawValue, sample: sample, label: test.labels[sample], cell: cell, architecture: architecture,
                                        explanation: explanation, forward: forward, field: field)) + "\n")
            return
        }
        emit("\(kind.rawValue) test sample \(sample) (true class \(test.labels[sample])), \(architecture.layerName(cell.layer)) of the \(architecture.name) network\n\n")
        emit(explanation.lines().joined(separator: "\n") + "\n\n")
        emit("forward pass: \(CellExplanation.text(forward))\n")
        if cell.layer != NetworkCell.input { emit("receptive field: \(field.summary)\n") }
    }

    /// The network `--model` names: a file, or a name in the state directory's models/.
    func loadModel() throws -> DemoNetwork {
        guard let model else { throw CLIError.input("no --model given") }
        do {
            return try DemoNetwork(contentsOf: ModelStore.resolve(model))
        } catch {
            throw CLIError.input(error.description)
        }
    }

    /// The demo network the screens use: `demo-digits` / `demo-mnist` from the state directory,
    /// trained (the defaults, seed 1) and saved there first when missing.
    func demoNetwork(_ dataset: String) throws -> DemoNetwork {
        let store = ModelStore.standard
        if store.url(named: ModelStore.demoName(dataset)) != nil, let (network, _) = try? store.load(named: ModelStore.demoName(dataset)) {
            return network
        }
        guard let folder = BundledContent.url(for: .data) else { throw CLIError.input("cannot find the bundled data folder to train the demo network") }
        FileHandle.standardError.write(Data("training the demo \(dataset) network (the defaults, seed 1; saved for next time)…\n".utf8))
        let result = DemoNetworks.train(dataset == "digits" ? .digits : .mnist5k, dataset: dataset, store: store, dataFolder: folder)
        if case .networkReady(let kept) = result { return kept.network }
        if case .networkUnavailable(_, let message) = result { throw CLIError.input(message) }
        throw CLIError.input("the demo \(dataset) network could not be trained")
    }

    /// The cell the flags name, or a one-line reason naming the flag.
    static func cell(layer name: String, channel: Int?, row: Int?, column: Int?, unit: Int?, in a: DemoArchitecture) throws -> NetworkCell {
        guard let layer = a.layerIndex(named: name) else {
            throw CLIError.input("--layer '\(name)': the \(a.name) network's layers are input, \(a.layerNames.joined(separator: ", ")) (or output)")
        }
        let shape = a.shape(ofLayer: layer)
        let layerName = a.layerName(layer)
        if shape.count == 1 {
            if let given = [("--channel", channel), ("--row", row), ("--col", column)].first(where: { $0.1 != nil }) {
                throw CLIError.input("\(given.0): \(layerName) is a vector of \(shape[0]) units; name one with --unit (0 to \(shape[0] - 1))")
            }
            guard let unit else { throw CLIError.input("--unit is needed: \(layerName) has \(shape[0]) units, numbered 0 to \(shape[0] - 1)") }
            guard (0..<shape[0]).contains(unit) else {
                throw CLIError.input("--unit \(unit): \(layerName) has \(shape[0]) units, numbered 0 to \(shape[0] - 1)")
            }
            return NetworkCell(layer: layer, unit: unit)
        }
        if unit != nil { throw CLIError.input("--unit: \(layerName) is \(shape[0]) maps of \(shape[1])×\(shape[2]); name a cell with --channel --row --col") }
        let channel = channel ?? (shape[0] == 1 ? 0 : nil)
        for (flag, value, count, what) in [("--channel", channel, shape[0], "maps"), ("--row", row, shape[1], "rows"), ("--col", column, shape[2], "columns")] {
            guard let value else { throw CLIError.input("\(flag) is needed: \(layerName) has \(count) \(what), numbered 0 to \(count - 1)") }
            guard (0..<count).contains(value) else {
                throw CLIError.input("\(flag) \(value): \(layerName) has \(count) \(what), numbered 0 to \(count - 1)")
            }
        }
        return NetworkCell(layer: layer, channel: channel ?? 0, row: row ?? 0, column: column ?? 0)
    }
}
