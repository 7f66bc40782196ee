import Canvas
import Foundation
import Testing
import TestSupport
import TinyCNN
import TutorResources
@testable import TutorApp
@testable import Widgets

private func testSet(_ kind: DigitsDataSet.Kind) throws -> DataSet {
    let folder = try #require(BundledContent.url(for: .data))
    return try DigitsDataSet.load(kind, from: folder).test
}

private func viewState(trained: DemoNetwork?, dataset: String = "digits", sample: Int = 3, width: Int = 100, height: Int = 30,
                       capabilities: Capabilities = .plain) throws -> AppState {
    let data = try testSet(dataset == "digits" ? .digits : .mnist5k)
    var state = AppState(width: width, height: height, capabilities: capabilities)
    if let trained { state.networks[dataset] = KeptNetwork(network: trained, info: NetworkInfo(dataset: dataset, trainedAt: nil, testAccuracy: nil, origin: "test")) }
    let effects = reduce(&state, .labRequested(kind: "network", settings: [("dataset", dataset), ("sample", "\(sample)")]))
    // Without a network held for the data set, the view asks for the demo one.
    #expect(effects == [.lab(.loadNetworkData(dataset: dataset))] + (trained == nil ? [.lab(.prepareNetwork(dataset: dataset))] : []))
    _ = reduce(&state, .networkView(.dataLoaded(data)))
    return state
}

private func press(_ keys: [Key], _ state: inout AppState) {
    for key in keys { _ = reduce(&state, action(for: key, in: state)) }
}

/// Moves the cursor to `cell` with the keys a learner would press (Tab to the layer, `]` to
/// the map, arrows to the row and column).
private func moveCursor(to cell: NetworkCell, _ state: inout AppState) {
    let layers = NetworkViewState.cursorLayers
    while let view = state.networkView, view.cursor.layer != cell.layer {
        let here = layers.firstIndex(of: view.cursor.layer) ?? 0, there = layers.firstIndex(of: cell.layer) ?? 0
        press([there > here ? .tab : .backTab], &state)
    }
    while let view = state.networkView, view.cursor.channel != cell.channel { press([.character("]")], &state) }
    while let view = state.networkView, view.cursor.row != cell.row { press([view.cursor.row < cell.row ? .down : .up], &state) }
    while let view = state.networkView, view.cursor.column != cell.column { press([view.cursor.column < cell.column ? .right : .left], &state) }
}

@Test func withoutATrainedNetworkTheViewOffersToTrain() throws {
    var state = try viewState(trained: nil)
    #expect(render(state).text.contains("There is no trained digits network yet. Press t to train one"))
    _ = reduce(&state, action(for: .character("t"), in: state))
    #expect(state.route == .training && state.training?.settings.dataset == "digits")
}

@Test func theViewShowsTheNetworksOwnProbabilitiesAndSaliency() throws {
    let network = DemoNetwork(architecture: .digits, seed: 3)
    var state = try viewState(trained: network)
    let view = try #require(state.networkView)
    let image = Array(try #require(view.test).image(at: 3))
    #expect(view.probabilities == network.probabilities(of: image))
    #expect(view.activations.count == 10 && view.activations[2].shape == [8, 4, 4])
    let text = render(state).text
    let p = try #require(view.predicted)
    #expect(text.contains("predicted \(p) (\(NumberText.fixed(Double(view.probabilities[p]) * 100, decimals: 1))%)"))
    #expect(text.contains("pool1") && text.contains("P(class) %"))
    // Which network: the data set and its accuracy on this test set, as `evaluate` gives it.
    let accuracy = network.evaluate(try #require(view.test)).accuracy
    #expect(text.contains("digits network, test accuracy \(NumberText.fixed(accuracy * 100, decimals: 1))%"))
    // The Sequential used for saliency holds the same weights: the same probabilities.
    let sequential = try #require(NetworkViewState.sequential(network))
    let viaSequential = sequential.probabilities(for: Tensor(shape: [1, 8, 8], storage: image))
    for (a, b) in zip(viaSequential, view.probabilities) { #expect(abs(a - b) <= 1e-5) }
    press([.character("s")], &state)
    let saliency = try #require(state.networkView?.overlayMap)
    let expected = sequential.saliency(input: Tensor(shape: [1, 8, 8], storage: image), classIndex: p).storage.map { abs($0) }
    #expect(saliency.shape == [8, 8] && saliency.storage == expected)
    #expect(render(state).text.contains("saliency") && render(state).text.contains("bright = matters"))
    press([.character("o")], &state)
    // Occlusion, spread over the pixels and drawn as how far P(class) falls (bright = matters,
    // as on the saliency map): 2×2 squares at stride 1 on 8×8 give 7×7 values; a corner pixel
    // is covered by one square only, an inner one by four (their mean).
    #expect(state.networkView?.overlay == .occlusion && state.networkView?.overlayMap?.shape == [8, 8])
    let squares = sequential.occlusion(input: Tensor(shape: [1, 8, 8], storage: image), classIndex: p, patch: 2, stride: 1)
    let base = view.probabilities[p]
    let drop = squares.storage.map { max(0, base - $0) }
    let perPixel = try #require(state.networkView?.overlayMap)
    #expect(abs(perPixel.storage[0] - drop[0]) <= 1e-6)
    #expect(abs(perPixel.storage[1 * 8 + 1] - (drop[0] + drop[1] + drop[7] + drop[8]) / 4) <= 1e-6)
    #expect(abs(perPixel.storage[63] - drop[48]) <= 1e-6)
    #expect(render(state).text.contains("occlusion") && render(state).text.contains("bright = matters"))
    press([.character("n")], &state)
    #expect(state.networkView?.sampleIndex == 4)
    #expect(Snapshot.verify(Snapshot.describe(render(state), styles: false), named: "labs/network-100x30-plain") == nil)
}

@Test func samplesAreNumberedAsTheSettingsNumberThem() throws {
    let state = try viewState(trained: DemoNetwork(architecture: .digits, seed: 3), sample: 3)
    #expect(state.networkView?.sampleIndex == 3)
    #expect(render(state).text.contains("test sample 3 of 360 (0-359)"))
}

@Test(arguments: ["digits", "mnist"])
func everyLayerIsOnScreenAt80x24(_ dataset: String) throws {
    let architecture: DemoArchitecture = dataset == "digits" ? .digits : .mnist
    for caps in [Capabilities(), Capabilities.plain] {
        var state = try viewState(trained: DemoNetwork(architecture: architecture, seed: 3), dataset: dataset, width: 80, height: 24, capabilities: caps)
        state.status = "kept: the network view uses this network"
        let text = render(state).text
        for stage in ["input \(architecture.side)×\(architecture.side)", "conv1", "pool1", "conv2", "pool2", "dense1", "P(class) %"] {
            #expect(text.contains(stage), "\(dataset): \(stage) missing with \(caps):\n\(text)")
        }
        // The conv2 maps that do not fit are paged, and say which are shown.
        #expect(!text.contains("+3") && text.contains("/16"), "\(dataset) \(caps):\n\(text)")
        let name = "labs/network-\(dataset)-80x24-\(caps.colorLevel == .none ? "plain" : "256")"
        #expect(Snapshot.verify(Snapshot.describe(render(state), styles: caps.colorLevel != .none), named: name) == nil)
    }
}

@Test func theCursorWalksEveryLayerAndStatesTheReceptiveField() throws {
    var state = try viewState(trained: DemoNetwork(architecture: .digits, seed: 3))
    #expect(state.networkView?.cursor == NetworkCell(layer: 0, channel: 0, row: 0, column: 0))
    // → past a map's last column goes on to the next map.
    press(Array(repeating: .right, count: 8), &state)
    #expect(state.networkView?.cursor == NetworkCell(layer: 0, channel: 1, row: 0, column: 0))
    // ↓ past the last row goes to the layer below (pool1), at the same place scaled.
    press(Array(repeating: .down, count: 8), &state)
    #expect(state.networkView?.cursor.layer == 2 && state.networkView?.cursor.row == 3)
    moveCursor(to: NetworkCell(layer: 3, channel: 5, row: 0, column: 0), &state)
    var text = render(state).text
    #expect(text.contains("conv2 map 5 row 0, col 0 = ") && text.contains("field: 5×5 pixels") && text.contains("(8×8 in the middle)"), "\(text)")
    // Every layer down to the outputs, and back up to the input.
    press(Array(repeating: .tab, count: 6), &state)
    #expect(state.networkView?.cursor.layer == 9)
    text = render(state).text
    #expect(text.contains("output class 0 = ") && text.contains("(logit), P = "))
    press(Array(repeating: .backTab, count: 7), &state)
    #expect(state.networkView?.cursor.layer == NetworkCell.input)
}

@Test func enterOnAConv1CellOpensTheLabOnThatComputationAndEscReturns() throws {
    let network = DemoNetwork(architecture: .digits, seed: 3)
    var state = try viewState(trained: network)
    let cell = NetworkCell(layer: 0, channel: 6, row: 2, column: 5)
    moveCursor(to: cell, &state)
    press([.enter], &state)
    #expect(state.route == .convolutionLab)
    let lab = try #require(state.convolutionLab)
    let view = try #require(state.networkView)
    let forward = view.activations[0].storage[DemoArchitecture.digits.flatIndex(of: cell)]
    // The lab's window is at the cell and its value is the network's (after ReLU, as the lab shows it).
    #expect(lab.stepper.position == 2 * 8 + 5 && lab.padding == 1 && lab.relu)
    #expect(abs(lab.output.preActivation[lab.stepper.position] - forward) <= 1e-5)
    #expect(lab.kernel.values == Array(network.layerWeights(0)!.weight.storage[(6 * 9)..<(7 * 9)]))
    press([.escape], &state)
    #expect(state.route == .networkView && state.networkView?.cursor == cell)
}

@Test(arguments: ["digits", "mnist"])
func enterOnAConv2CellOpensTheLabWithEightChannelsAtThatWindowAndEscReturns(_ dataset: String) throws {
    let architecture: DemoArchitecture = dataset == "digits" ? .digits : .mnist
    let network = DemoNetwork(architecture: architecture, seed: 3)
    var state = try viewState(trained: network, dataset: dataset, width: 80, height: 24)
    let cell = NetworkCell(layer: 3, channel: 5, row: 1, column: 0)
    moveCursor(to: cell, &state)
    press([.enter], &state)
    #expect(state.route == .convolutionLab)
    let lab = try #require(state.convolutionLab)
    let view = try #require(state.networkView)
    // The eight pool1 maps, conv2's learned slices of filter 5 and its bias, ReLU, at (1, 0).
    #expect(lab.channelCount == 8 && lab.padding == 1 && lab.stride == 1 && lab.relu)
    for c in 0..<8 {
        let s = architecture.side / 2
        #expect(lab.inputs[c].values == Array(view.activations[2].storage[(c * s * s)..<((c + 1) * s * s)]))
        #expect(lab.kernels[c].values == Array(network.layerWeights(3)!.weight.storage[((5 * 8 + c) * 9)..<((5 * 8 + c + 1) * 9)]))
    }
    #expect(lab.bias == network.layerWeights(3)!.bias.storage[5])
    #expect(lab.outputCoordinates(of: lab.stepper.position) == (1, 0))
    let forward = view.activations[3].storage[architecture.flatIndex(of: cell)]
    #expect(abs(lab.output.preActivation[lab.stepper.position] - forward) <= 1e-5 * max(1, abs(forward)))
    #expect(abs(lab.output.values[lab.stepper.position] - view.activations[4].storage[architecture.flatIndex(of: cell)]) <= 1e-5)
    press([.escape], &state)
    #expect(state.route == .networkView && state.networkView?.cursor == cell)
}

@Test func enterOnAPoolCellOpensThePoolingLabAtItsWindow() throws {
    var state = try viewState(trained: DemoNetwork(architecture: .digits, seed: 3))
    let cell = NetworkCell(layer: 5, channel: 9, row: 1, column: 0)
    moveCursor(to: cell, &state)
    press([.enter], &state)
    #expect(state.route == .poolingLab)
    let lab = try #require(state.poolingLab)
    let view = try #require(state.networkView)
    let walk = try #require(lab.walk)
    #expect(lab.stepper.position == 2 && walk.steps[2].value == view.activations[5].storage[DemoArchitecture.digits.flatIndex(of: cell)])
    #expect(lab.input.values == Array(view.activations[4].storage[(9 * 16)..<(10 * 16)]))
    press([.escape], &state)
    #expect(state.route == .networkView && state.networkView?.cursor == cell)
}

@Test func enterOnADenseUnitOrAnOutputOpensTheirSums() throws {
    let network = DemoNetwork(architecture: .digits, seed: 3)
    var state = try viewState(trained: network, width: 80, height: 24)
    moveCursor(to: NetworkCell(layer: 7, unit: 4), &state)
    press([.enter], &state)
    var text = render(state).text
    #expect(state.route == .networkView && text.contains("How it was computed") && text.contains("dense1 unit 4 = "))
    #expect(text.contains("the other 54") && text.contains("pool2 map "))
    press([.escape], &state)
    #expect(state.networkView?.panel == nil && state.route == .networkView && state.networkView?.cursor == NetworkCell(layer: 7, unit: 4))
    moveCursor(to: NetworkCell(layer: 9, unit: 7), &state)
    press([.enter], &state)
    press(Array(repeating: .down, count: 30), &state)
    text = render(state).text
    let p = try #require(state.networkView?.probabilities[7])
    #expect(text.contains("P(7) = ") && text.contains(CellExplanation.text(p)))
    #expect(Snapshot.verify(Snapshot.describe(render(state), styles: false), named: "labs/network-output-panel-80x24") == nil)
}

@Test func dSwitchesTheDataSet() throws {
    var state = try viewState(trained: DemoNetwork(architecture: .digits, seed: 3))
    let effects = reduce(&state, action(for: .character("d"), in: state))
    // The mnist test set, and the mnist demo network (none is held yet).
    #expect(effects == [.lab(.loadNetworkData(dataset: "mnist")), .lab(.prepareNetwork(dataset: "mnist"))])
    #expect(state.networkView?.dataset == "mnist" && state.networkView?.test == nil)
    #expect(render(state).text.contains("loading the mnist test set"))
    _ = reduce(&state, .networkView(.dataLoaded(try testSet(.mnist5k))))
    // The digits network does not take 28×28 images: the view says there is none for mnist.
    #expect(state.networkView?.network == nil && render(state).text.contains("There is no trained mnist network yet"))
    _ = reduce(&state, action(for: .character("d"), in: state))
    #expect(state.networkView?.dataset == "digits")
}

@Test func everyFooterKeyOfTheLabsIsInTheirHelp() throws {
    // The footer is a short form of the help: every key it shows must be explained there.
    let screens: [(String, [KeyHint], [(heading: String, hints: [KeyHint])])] = [
        ("convolution", convolutionLabKeys, convolutionLabHelp), ("pooling", poolingLabKeys, poolingLabHelp),
        ("network", networkViewKeys, networkViewHelp),
    ]
    for (name, footer, help) in screens {
        let helpKeys = Set(help.flatMap { $0.hints.flatMap { $0.keys.split(separator: " ").map(String.init) } } + ["?", "q", "Esc"])
        for hint in footer {
            for key in hint.keys.split(separator: " ").map(String.init) {
                #expect(helpKeys.contains(key), "\(name): footer key \(key) is not in the help")
            }
        }
    }
    let view = try #require(try viewState(trained: nil).networkView)
    if case .explainPressed? = networkViewKeyAction(for: .enter, in: view) {} else { Issue.record("Enter explains the cell") }
    #expect(networkViewHelp.flatMap(\.hints).contains { $0.keys.split(separator: " ").contains("Enter") })
}

@Test func aSamplePastTheEndIsShownAsTheLastAndSaidSo() throws {
    let folder = try #require(BundledContent.url(for: .data))
    let data = try DigitsDataSet.load(.digits, from: folder)
    var state = AppState(width: 100, height: 30, capabilities: .plain)
    state.networks["digits"] = KeptNetwork(network: DemoNetwork(architecture: .digits, seed: 3), info: NetworkInfo(dataset: "digits", trainedAt: nil, testAccuracy: nil, origin: "test"))
    _ = reduce(&state, .labRequested(kind: "network", settings: [("dataset", "digits"), ("sample", "99999")]))
    _ = reduce(&state, .networkView(.dataLoaded(data.test)))
    #expect(state.networkView?.sampleIndex == data.test.count - 1)
    #expect(render(state).text.contains("there are 360 digits test samples (0-359): showing the last"))
}
