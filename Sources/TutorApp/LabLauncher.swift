import Canvas
import Curriculum
import Foundation
import TinyCNN

/// Opens a lab screen of `kind` with `key=value` settings, as a lesson's lab block or
/// `tutor lab KIND ...` gives them (see the lab block syntax: `convolution input=digit:3
/// kernel=sobel-x stride=2`). Unknown kinds and unusable settings are reported on the status
/// line; the lab still opens with the settings that were usable.
///
/// The reader opens a lab block by sending `.labRequested(kind:settings:)`, which calls this.
public func openLab(_ state: inout AppState, kind: String, settings: [(String, String)]) -> [Effect] {
    guard let lab = LabKind(rawValue: kind) else {
        state.status = "there is no \(kind) lab; the labs are \(LabKind.allCases.map(\.rawValue).joined(separator: ", "))"
        return []
    }
    return openLab(&state, kind: lab, settings: settings)
}

/// Opens the lab `kind` with its settings (checked against `kind`'s schema).
public func openLab(_ state: inout AppState, kind: LabKind, settings: [(String, String)]) -> [Effect] {
    let problems: [LabSettingError]
    var effects: [Effect] = []
    switch kind {
    case .convolution:
        let (lab, errors) = ConvolutionLabState.make(settings: settings, samples: state.labSamples, learned: state.learnedFilters)
        state.convolutionLab = lab
        problems = errors
        // Its learned kernels come from a trained digits network.
        effects += state.needNetwork("digits")
    case .pooling:
        let (lab, errors) = PoolingLabState.make(settings: settings, samples: state.labSamples)
        state.poolingLab = lab
        problems = errors
    case .network:
        let (made, errors) = NetworkViewState.make(settings: settings)
        var view = made
        view.test = state.networkView.flatMap { $0.dataset == view.dataset ? $0.test : nil }
        view.adopt(state.networks[view.dataset])
        state.networkView = view
        problems = errors
        if view.test == nil { effects = [.lab(.loadNetworkData(dataset: view.dataset))] }
        if let model = LabKind.network.read(settings).values[.model] {
            // A saved network by name: it replaces the one held for its data set.
            state.preparingNetworks.insert(view.dataset)
            effects.append(.lab(.loadSavedNetwork(name: model, dataset: view.dataset)))
        } else {
            effects += state.needNetwork(view.dataset)
        }
    case .training:
        let (settings, errors) = TrainingSettings.make(settings: settings)
        if state.training?.isActive != true { state.training = TrainingScreenState(settings: settings) }
        problems = errors
    }
    push(kind.route, on: &state)
    if !problems.isEmpty { state.status = "ignored " + problems.map(\.description).joined(separator: "; ") }
    return effects
}

/// Opens the lab of a lesson's lab block (Curriculum's `LabSpec`), with its settings.
public func openLab(_ state: inout AppState, spec: LabSpec) -> [Effect] {
    openLab(&state, kind: spec.kind, settings: spec.settings.map { ($0.key, $0.value) })
}

/// Shows `route`, replacing it when it is already on top (a second deep link, a lab reopened).
private func push(_ route: Route, on state: inout AppState) {
    state.showingHelp = false
    if state.route != route { state.routes.append(route) }
}

extension AppState {
    /// What the labs read: the bundled samples and the trained network's filters.
    var labContext: LabContext { LabContext(samples: labSamples, learned: learnedFilters) }
}

/// The convolution lab's actions, with only the lab's state.
func reduceConvolutionLab(_ state: inout AppState, _ action: ConvolutionLabAction) -> [Effect] {
    state.scope(\.convolutionLab, action, context: state.labContext)
}

/// The pooling lab's actions, with only the lab's state.
func reducePoolingLab(_ state: inout AppState, _ action: PoolingLabAction) -> [Effect] {
    state.scope(\.poolingLab, action, context: state.labContext)
}

/// The training screen's actions; a network a run kept goes to the network view and the
/// convolution lab.
func reduceTrainingScreen(_ state: inout AppState, _ action: TrainingScreenAction) -> [Effect] {
    state.scope(\.training, action, context: TrainingContext(hasTrainedNetwork: !state.networks.isEmpty)) { state, request in
        switch request {
        case .networkKept(let network, let filters, let dataset, let accuracy):
            state.keep(KeptNetwork(network: network, info: NetworkInfo(dataset: dataset, trainedAt: nil, testAccuracy: accuracy, origin: "live")),
                       filters: filters)
            return []
        }
    }
}

/// The network view's actions; `t` opens live training on the view's data set.
func reduceNetworkView(_ state: inout AppState, _ action: NetworkViewAction) -> [Effect] {
    let before = state.networkView?.dataset
    let effects = state.scope(\.networkView, action, context: state.networkView.flatMap { state.networks[$0.dataset] }) { state, request in
        switch request {
        case .trainRequested(let dataset): return openLab(&state, kind: "training", settings: [("dataset", dataset)])
        // Enter on a cell: the lab on its computation, over the view (Esc comes back to the cell).
        case .convolutionLabRequested(let lab):
            state.convolutionLab = lab
            push(.convolutionLab, on: &state)
            return []
        case .poolingLabRequested(let lab):
            state.poolingLab = lab
            push(.poolingLab, on: &state)
            return []
        }
    }
    // A view switched to another data set shows that set's network, or asks for it.
    if state.networkView?.dataset != before { state.refreshNetworkView() }
    return effects + (state.networkView.map { state.needNetwork($0.dataset) } ?? [])
}

extension LabKind {
    /// The lab's screen on the route stack.
    var route: Route {
        switch self {
        case .convolution: return .convolutionLab
        case .pooling: return .poolingLab
        case .network: return .networkView
        case .training: return .training
        }
    }

    /// The lab whose screen `route` is, if it is a lab's. The functions below switch over this
    /// (exhaustively) rather than over `Route`, whose other screens are not the labs' business.
    init?(route: Route) {
        guard let kind = LabKind.allCases.first(where: { $0.route == route }) else { return nil }
        self = kind
    }
}

/// Time passing on a lab screen: autoplay steps.
func labsTicked(_ state: inout AppState, _ now: Date) -> [Effect] {
    guard let screen = LabKind(route: state.route) else { return [] }
    switch screen {
    case .convolution: return reduceConvolutionLab(&state, .ticked(now))
    case .pooling: return reducePoolingLab(&state, .ticked(now))
    case .training, .network: return []
    }
}

extension AppState {
    /// Ticks a lab screen needs (autoplay, live training), in milliseconds.
    var labTickInterval: Int? {
        guard let screen = LabKind(route: route) else { return nil }
        switch screen {
        case .convolution: return convolutionLab?.autoplay == true ? 50 : nil
        // At least 15 frames a second while a run is alive; snapshots arrive through the inbox.
        case .training: return training?.isActive == true ? 50 : nil
        case .pooling: return poolingLab?.autoplay == true ? 50 : nil
        case .network: return nil
        }
    }
}

/// Keys a lab takes before the global ones (Esc ending a mode instead of leaving the screen).
func labCapturedKeyAction(for key: Key, in state: AppState) -> Action? {
    guard !state.showingHelp, let screen = LabKind(route: state.route) else { return nil }
    switch screen {
    case .convolution:
        guard let lab = state.convolutionLab, convolutionLabCapturesKey(key, in: lab) else { return nil }
        return convolutionLabKeyAction(for: key, in: lab).map(Action.convolutionLab)
    case .training:
        // Esc closes the confusion matrix (or its digits) first; leaving stops a run rather
        // than leaving it training unseen.
        if key == .escape, let screen = state.training, screen.panel != .filters { return .training(.panelClosed) }
        return key == .escape || key == .character("q") ? .training(.leavePressed) : nil
    case .pooling:
        // Esc ends predict mode rather than leaving the lab.
        guard let lab = state.poolingLab, key == .escape, lab.awaitingPrediction else { return nil }
        return .poolingLab(.predictModeToggled)
    case .network:
        // Esc and q close the explanation panel rather than the view.
        guard state.networkView?.panel != nil, key == .escape || key == .character("q") else { return nil }
        return .networkView(.panelClosed)
    }
}

/// The action of a key on a lab screen.
func labKeyAction(for key: Key, in state: AppState) -> Action? {
    guard let screen = LabKind(route: state.route) else { return nil }
    switch screen {
    case .convolution:
        guard let lab = state.convolutionLab else { return nil }
        return convolutionLabKeyAction(for: key, in: lab).map(Action.convolutionLab)
    case .training:
        guard let training = state.training else { return nil }
        return trainingKeyAction(for: key, in: training).map(Action.training)
    case .pooling:
        guard let lab = state.poolingLab else { return nil }
        return poolingLabKeyAction(for: key, in: lab).map(Action.poolingLab)
    case .network:
        guard let view = state.networkView else { return nil }
        return networkViewKeyAction(for: key, in: view).map(Action.networkView)
    }
}

extension TrainingSettings {
    /// Settings from a lab block: `dataset lr batch optimizer epochs augment seed` (see
    /// `LabKind.training`).
    static func make(settings pairs: [(String, String)]) -> (TrainingSettings, [LabSettingError]) {
        let (values, errors) = LabKind.training.read(pairs)
        // Unset values are the shared defaults (TrainingConfiguration.defaults) of the block's
        // data set and optimiser.
        var s = TrainingSettings(dataset: values[.dataset] ?? "digits", optimizer: values[.optimizer] ?? "adam")
        s.learningRate = values.number(.lr).map(Float.init) ?? s.learningRate
        s.batchSize = values.integer(.batch) ?? s.batchSize
        s.epochs = values.integer(.epochs) ?? s.epochs
        s.augment = values.flag(.augment)
        s.seed = values[.seed].flatMap { UInt64($0) } ?? s.seed
        return (s, errors)
    }
}

extension NetworkViewState {
    /// The view for a block's settings: `dataset sample` (see `LabKind.network`).
    static func make(settings pairs: [(String, String)]) -> (NetworkViewState, [LabSettingError]) {
        let (values, errors) = LabKind.network.read(pairs)
        return (NetworkViewState(dataset: values[.dataset] ?? "digits", sampleIndex: values.integer(.sample) ?? 0), errors)
    }
}

extension ConvolutionLabState {
    /// The lab for a block's settings: `input kernel stride padding dilation bias relu` (see
    /// `LabKind.convolution`); `learned` names a trained network's filters as kernels.
    static func make(settings pairs: [(String, String)], samples: SampleBank, learned: [LabGrid]) -> (ConvolutionLabState, [LabSettingError]) {
        let (values, schemaErrors) = LabKind.convolution.read(pairs.filter { key, value in !(key == "kernel" && learned.contains { $0.name == value }) })
        var errors = schemaErrors
        var inputs = [samples.sample(.digits, label: 3) ?? LabPresets.pattern(named: "cross") ?? LabGrid(name: "ramp", rows: 1, columns: 1, values: [0])]
        if values.isGiven(.input), let spec = values[.input] {
            do { inputs = try LabPresets.inputs(spec, samples: samples) } catch { errors.append(error) }
        }
        var kernels = [LabPresets.kernel(named: values[.kernel] ?? "sobel-x") ?? LabGrid(name: "identity", rows: 1, columns: 1, values: [1])]
        if let name = pairs.last(where: { $0.0 == "kernel" })?.1, let filter = learned.first(where: { $0.name == name }) {
            kernels = [filter]
        } else if values.isGiven(.kernel), let spec = values[.kernel] {
            do { kernels = try LabPresets.kernels(spec) } catch { errors.append(error) }
        }
        // A learned filter as kernel, or a setting that could not be read, leaves the counts unequal: one channel each.
        if inputs.count != kernels.count { (inputs, kernels) = (Array(inputs.prefix(1)), Array(kernels.prefix(1))) }
        var lab = ConvolutionLabState(inputs: inputs, kernels: kernels, stride: values.integer(.stride) ?? 1, padding: values.integer(.padding) ?? 0,
                                      dilation: values.integer(.dilation) ?? 1, bias: Float(values.number(.bias) ?? 0), relu: values.flag(.relu))
        lab.predictPartials = values[.predict] == "partials"
        return (lab, errors)
    }
}

/// Checks a deep link's settings before the full-screen tutor starts, so a typo is one clear
/// line on stderr rather than a status message in a screen. The same reading as the screens'.
public enum LabSettingsCheck {
    public static func validate(kind: String, settings: [(String, String)], samples: SampleBank) throws(LabSettingError) {
        guard let lab = LabKind(rawValue: kind) else {
            throw LabSettingError(key: "lab", value: kind, reason: "there is no such lab; the labs are \(LabKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let errors: [LabSettingError]
        switch lab {
        case .convolution: errors = ConvolutionLabState.make(settings: settings, samples: samples, learned: []).1
        case .pooling: errors = PoolingLabState.make(settings: settings, samples: samples).1
        case .network: errors = NetworkViewState.make(settings: settings).1
        case .training: errors = TrainingSettings.make(settings: settings).1
        }
        if let first = errors.first { throw first }
    }
}
