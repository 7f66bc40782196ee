import Canvas
import Foundation
import TinyCNN

/// The network view: one test sample through every layer of the demo net.
///
/// Activations come from `DemoNetwork.activations(of:)`; saliency and occlusion from TinyCNN's
/// `Sequential` introspection, on a `Sequential` holding the same weights.
public struct NetworkViewState: Sendable {
    public enum Overlay: String, Hashable, Sendable {
        case none, saliency, occlusion
    }

    /// `digits` or `mnist`.
    public var dataset: String
    public var sampleIndex: Int
    public var overlay: Overlay = .none
    /// The test set of `dataset`, once loaded.
    public var test: DataSet?
    /// Every layer's output for the sample (`DemoArchitecture.layerNames` order).
    public private(set) var activations: [Tensor] = []
    public private(set) var probabilities: [Float] = []
    /// |∂ score / ∂ pixel| of the predicted class, or the class probability with each square hidden.
    public private(set) var overlayMap: Tensor?
    /// Whether the network is the trained one (else there is none to show).
    public var network: DemoNetwork?
    /// Why the test set could not be loaded, shown instead of "loading…".
    public var loadError: String?
    /// The cell under the cursor: a layer of `cursorLayers`, its map, row and column (or unit).
    public var cursor = NetworkCell(layer: 0, channel: 0, row: 0, column: 0)
    /// The explanation panel of a dense unit or an output (Enter), and how far it is scrolled.
    public var panel: CellExplanation?
    public var panelScroll = 0
    /// What is known of the shown network: when it was trained, and its test accuracy.
    public var about: NetworkAbout?

    public init(dataset: String, sampleIndex: Int) {
        self.dataset = dataset
        self.sampleIndex = sampleIndex
    }

    public var architecture: DemoArchitecture { dataset == "digits" ? .digits : .mnist }

    public var predicted: Int? { probabilities.indices.max { probabilities[$0] < probabilities[$1] } }

    /// Recomputes everything shown for the current sample, network and overlay.
    public mutating func recompute() {
        activations = []
        probabilities = []
        overlayMap = nil
        clampCursor()
        guard let network, let test, test.count > 0, test.width == architecture.side else { return }
        // The accuracy on this view's test set, when the network came without one.
        if about?.network != network.parameters || about?.accuracy == nil {
            let known = about?.network == network.parameters ? about : nil
            about = NetworkAbout(network: network.parameters, trained: known?.trained, accuracy: network.evaluate(test).accuracy,
                                 origin: known?.origin)
        }
        sampleIndex = min(max(0, sampleIndex), test.count - 1)
        let image = Array(test.image(at: sampleIndex))
        activations = network.activations(of: image)
        probabilities = network.probabilities(of: image)
        guard overlay != .none, let predicted, let sequential = Self.sequential(network) else { return }
        let sample = Tensor(shape: [1, test.height, test.width], storage: image)
        switch overlay {
        case .none: break
        case .saliency:
            let g = sequential.saliency(input: sample, classIndex: predicted)
            overlayMap = Tensor(shape: [test.height, test.width], storage: g.storage.map { abs($0) })
        case .occlusion:
            let patch = test.width >= 28 ? 6 : 2
            let stride = test.width >= 28 ? 2 : 1
            let map = sequential.occlusion(input: sample, classIndex: predicted, patch: patch, stride: stride)
            // Drawn as how far P(class) falls when the square is hidden, so that bright means
            // "matters", as on the saliency map.
            let baseline = probabilities[predicted]
            let drop = Tensor(shape: map.shape, storage: map.storage.map { max(0, baseline - $0) })
            overlayMap = Self.perPixel(drop, side: test.width, patch: patch, stride: stride)
        }
    }

    /// An occlusion map (one value per square position: how far P(class) fell with that square
    /// hidden) spread back over the input's pixels: each pixel gets the mean of the squares that covered it, so the map
    /// has the input's size and lines up with it beside it (12×12 next to 28×28 did not).
    static func perPixel(_ map: Tensor, side: Int, patch: Int, stride: Int) -> Tensor {
        let n = map.shape[map.rank - 1]
        precondition(map.count == n * n, "NetworkViewState.perPixel: a square map, not \(map.shape)")
        var sum = [Float](repeating: 0, count: side * side), count = [Float](repeating: 0, count: side * side)
        for i in 0..<n {
            for j in 0..<n {
                let v = map.storage[i * n + j]
                for y in (i * stride)..<min(side, i * stride + patch) {
                    for x in (j * stride)..<min(side, j * stride + patch) {
                        sum[y * side + x] += v
                        count[y * side + x] += 1
                    }
                }
            }
        }
        // A pixel no square reached (none with these sizes) gets 0: hiding it changes nothing.
        return Tensor(shape: [side, side], storage: (0..<(side * side)).map { count[$0] > 0 ? sum[$0] / count[$0] : 0 })
    }

    /// A `Sequential` of the demo net's spec holding `network`'s weights (for introspection).
    static func sequential(_ network: DemoNetwork) -> Sequential? {
        let side = network.architecture.side
        let spec: ModelSpec = side == 8 ? .digits : .mnist
        guard let model = try? Sequential(spec: spec, inputShape: [1, side, side], seed: 0) else { return nil }
        let weighted = model.layers.filter { !$0.parameters.isEmpty }
        guard weighted.count == DemoNetwork.weightedLayers.count else { return nil }
        for (layer, index) in zip(weighted, DemoNetwork.weightedLayers) {
            guard let w = network.layerWeights(index), layer.parameters.count == 2,
                  layer.parameters[0].value.count == w.weight.count, layer.parameters[1].value.count == w.bias.count else { return nil }
            layer.parameters[0].value = Tensor(shape: layer.parameters[0].value.shape, storage: w.weight.storage)
            layer.parameters[1].value = Tensor(shape: layer.parameters[1].value.shape, storage: w.bias.storage)
        }
        return model
    }
}

/// What the learner did in the network view, and what its data load brought.
public enum NetworkViewAction: Sendable {
    case nextSamplePressed
    case previousSamplePressed
    case saliencyToggled
    case occlusionToggled
    case trainPressed
    /// Arrow keys: the cursor moves within a map (on to the next map or layer at its edges).
    case cursorMoved(rows: Int, columns: Int)
    /// Tab / Shift-Tab: the next or previous layer.
    case layerChanged(by: Int)
    /// `]` `[`: the next or previous map of the cursor's layer.
    case mapChanged(by: Int)
    /// Enter: explain the cell under the cursor.
    case explainPressed
    /// `d`: the other data set (digits ↔ mnist).
    case datasetSwitched
    /// Esc or q while the explanation panel is open.
    case panelClosed
    /// ↑ ↓ PgUp PgDn in the explanation panel.
    case panelScrolled(by: Int)
    case dataLoaded(DataSet)
    /// The test set could not be read; the message says why.
    case dataLoadFailed(String)
}

/// What the network view asks of the app: the training screen, for a network to show; the
/// convolution or pooling lab on the computation of the cell under the cursor.
public enum NetworkViewRequest: Sendable {
    case trainRequested(dataset: String)
    case convolutionLabRequested(ConvolutionLabState)
    case poolingLabRequested(PoolingLabState)
}

extension NetworkViewState: ScreenFeature {
    /// The view's reducer; `context` is the network held for the view's data set, if any.
    public mutating func reduce(_ action: NetworkViewAction, context trained: KeptNetwork?) -> [Reply<NetworkViewRequest>] {
        var replies: [Reply<NetworkViewRequest>] = []
        switch action {
        case .nextSamplePressed, .previousSamplePressed:
            let delta = { if case .nextSamplePressed = action { return 1 } else { return -1 } }()
            let count = test?.count ?? 1
            sampleIndex = (sampleIndex + delta + count) % count
        case .saliencyToggled:
            overlay = overlay == .saliency ? .none : .saliency
        case .occlusionToggled:
            overlay = overlay == .occlusion ? .none : .occlusion
        case .trainPressed:
            return [.delegate(.trainRequested(dataset: dataset))]
        case .cursorMoved(let rows, let columns):
            moveCursor(rows: rows, columns: columns)
            return []
        case .layerChanged(let delta):
            changeLayer(by: delta)
            return []
        case .mapChanged(let delta):
            return changeMap(by: delta).map { [.status($0)] } ?? []
        case .explainPressed:
            return explainCursor()
        case .panelClosed:
            panel = nil
            panelScroll = 0
            return []
        case .panelScrolled(let delta):
            panelScroll = max(0, panelScroll + delta)
            return []
        case .datasetSwitched:
            dataset = dataset == "digits" ? "mnist" : "digits"
            test = nil
            loadError = nil
            panel = nil
            about = nil
            sampleIndex = 0
            adopt(trained)
            return [.effect(.lab(.loadNetworkData(dataset: dataset))), .status("loading the \(dataset) test set…")]
        case .dataLoaded(let data):
            test = data
            loadError = nil
            // A lab block's sample past the end is shown as the last one, and said so.
            if data.count > 0 && sampleIndex >= data.count {
                replies.append(.status("there are \(data.count) \(dataset) test samples (0-\(data.count - 1)): showing the last"))
                sampleIndex = data.count - 1
            }
        case .dataLoadFailed(let message):
            loadError = message
            return [.status(message)]
        }
        adopt(trained)
        return replies
    }

    /// Takes the held network when it is of this view's size (with what is known of it), and
    /// recomputes what is shown.
    mutating func adopt(_ kept: KeptNetwork?) {
        network = kept.flatMap { $0.network.architecture.side == architecture.side ? $0.network : nil }
        if let kept, let network, about?.network != network.parameters {
            about = NetworkAbout(network: network.parameters, trained: kept.info.trainedAt, accuracy: kept.info.testAccuracy, origin: kept.info.origin)
        }
        recompute()
    }
}

extension AppState {
    /// Gives the network view the network held for its data set and recomputes it.
    /// (Interface for the network view: `networks[dataset]` is a `KeptNetwork`, whose `info`
    /// says which network it is: data set, when trained, test accuracy, origin.)
    mutating func refreshNetworkView() {
        guard let dataset = networkView?.dataset else { return }
        let held = networks[dataset]
        labs.network?.adopt(held)
    }
}
