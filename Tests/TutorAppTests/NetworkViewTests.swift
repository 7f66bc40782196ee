import Canvas
import Foundation
import Testing
import TestSupport
import TinyCNN
import TutorResources
@testable import TutorApp
@testable import Widgets

private func viewState(trained: DemoNetwork?) throws -> AppState {
    let folder = try #require(BundledContent.url(for: .data))
    let data = try DigitsDataSet.load(.digits, from: folder)
    var state = AppState(width: 100, height: 30, capabilities: .plain)
    if let trained { state.networks["digits"] = KeptNetwork(network: trained, info: NetworkInfo(dataset: "digits", trainedAt: nil, testAccuracy: nil, origin: "test")) }
    let effects = reduce(&state, .labRequested(kind: "network", settings: [("dataset", "digits"), ("sample", "3")]))
    // Without a network held for digits, the view asks for the demo one.
    #expect(effects == [.lab(.loadNetworkData(dataset: "digits"))] + (trained == nil ? [.lab(.prepareNetwork(dataset: "digits"))] : []))
    _ = reduce(&state, .networkView(.dataLoaded(data.test)))
    return state
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
    #expect(text.contains("pool1 8×4×4") && text.contains("P(class)"))
    // The Sequential used for saliency holds the same weights: the same probabilities.
    let sequential = try #require(NetworkViewState.sequential(network))
    let viaSequential = sequential.probabilities(for: Tensor(shape: [1, 8, 8], storage: image))
    for (a, b) in zip(viaSequential, view.probabilities) { #expect(abs(a - b) <= 1e-5) }
    _ = reduce(&state, action(for: .character("s"), in: state))
    let saliency = try #require(state.networkView?.overlayMap)
    let expected = sequential.saliency(input: Tensor(shape: [1, 8, 8], storage: image), classIndex: p).storage.map { abs($0) }
    #expect(saliency.shape == [8, 8] && saliency.storage == expected)
    #expect(render(state).text.contains("saliency"))
    _ = reduce(&state, action(for: .character("o"), in: state))
    // Occlusion, spread over the pixels: 2×2 squares at stride 1 on 8×8 give 7×7 values; a
    // corner pixel is covered by one square only, an inner one by four (their mean).
    #expect(state.networkView?.overlay == .occlusion && state.networkView?.overlayMap?.shape == [8, 8])
    let squares = sequential.occlusion(input: Tensor(shape: [1, 8, 8], storage: image), classIndex: p, patch: 2, stride: 1)
    let perPixel = try #require(state.networkView?.overlayMap)
    #expect(abs(perPixel.storage[0] - squares.storage[0]) <= 1e-6)
    let inner = (squares.storage[0] + squares.storage[1] + squares.storage[7] + squares.storage[8]) / 4
    #expect(abs(perPixel.storage[1 * 8 + 1] - inner) <= 1e-6)
    #expect(abs(perPixel.storage[63] - squares.storage[48]) <= 1e-6)
    _ = reduce(&state, action(for: .character("n"), in: state))
    #expect(state.networkView?.sampleIndex == 4)
    #expect(Snapshot.verify(Snapshot.describe(render(state), styles: false), named: "labs/network-100x30-plain") == nil)
}

@Test func everyStageDownToTheDenseLayerFits() throws {
    // The dense layer needs its title and one row of cells: at 100×30 that is exactly the room
    // left under pool2, which an off-by-one used to refuse.
    // (ASCII draws a map a text row per pixel row: at 120×40 it shows the convolutional stages.)
    for (caps, width, height) in [(Capabilities(), 100, 30), (Capabilities.plain, 120, 40)] {
        var state = try viewState(trained: DemoNetwork(architecture: .digits, seed: 3))
        state.capabilities = caps
        _ = reduce(&state, .windowResized(width: width, height: height))
        state.status = "kept: the network view uses this network"   // as after training: the status row is taken
        let text = render(state).text
        let dense = caps.unicode ? ["relu3 (dense) 32 units"] : []
        for stage in ["input", "relu1", "pool1", "relu2", "pool2", "P(class)"] + dense {
            #expect(text.contains(stage), "\(stage) missing with \(caps):\n\(text)")
        }
    }
}

@Test func everyFooterKeyOfTheLabsIsInTheirHelp() {
    // The footer is a short form of the help: every key it shows must be explained there, and
    // keys the screens take (Enter for the next sample) must be listed too.
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
    if case .nextSamplePressed? = networkViewKeyAction(for: .enter) {} else { Issue.record("Enter should show the next sample") }
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
