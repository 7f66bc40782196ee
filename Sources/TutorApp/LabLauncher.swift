import Canvas
import Curriculum
import Foundation
import Widgets
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
    let (problems, effects) = kind.screen.open(&state, settings)
    push(.lab(kind), on: &state)
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

/// The open labs' states, one optional per lab.
public struct LabStates: Sendable {
    public var convolution: ConvolutionLabState?
    public var pooling: PoolingLabState?
    public var network: NetworkViewState?
    public var training: TrainingScreenState?
    public var gradient: GradientLabState?
}

extension AppState {
    // Each lab's state by the name the screens and tests use.
    public var convolutionLab: ConvolutionLabState? { get { labs.convolution } set { labs.convolution = newValue } }
    public var poolingLab: PoolingLabState? { get { labs.pooling } set { labs.pooling = newValue } }
    public var networkView: NetworkViewState? { get { labs.network } set { labs.network = newValue } }
    public var training: TrainingScreenState? { get { labs.training } set { labs.training = newValue } }

    public var gradientLab: GradientLabState? {
        get { labs.gradient }
        set { labs.gradient = newValue }
    }

    /// What the labs read: the bundled samples and the trained network's filters.
    var labContext: LabContext { LabContext(samples: labSamples, learned: learnedFilters) }
}

/// One lab screen as the app drives it: how it opens from settings, draws, names its keys and
/// ticks. The router, the renderer, the key map, the home list and `tutor lab` read this one
/// registry (`LabKind.screen`), so adding a lab is a `LabKind` case with its settings
/// (Curriculum), the lab's own files, its `Action` case (routed in `reduce`) and its entry here:
/// the exhaustive switches over `LabKind` and `Action` point at each.
struct LabScreen: Sendable {
    /// The header's title and the home list's name.
    var title: String
    /// The home list's line about the lab.
    var summary: String
    /// Opens (or reopens) the lab's state from `key=value` settings: the settings it could not
    /// use, and work for the shell.
    var open: @Sendable (inout AppState, [(String, String)]) -> (problems: [LabSettingError], effects: [Effect])
    /// The settings' problems, read as `open` reads them, without a state (`tutor lab` checks a
    /// deep link before the screen starts).
    var check: @Sendable ([(String, String)], SampleBank) -> [LabSettingError]
    var render: @Sendable (AppState, Rect, inout Buffer) -> Void
    var footer: @Sendable (AppState) -> [KeyHint]
    var help: [(heading: String, hints: [KeyHint])]
    /// Keys the lab takes before the global ones (Esc ending a mode instead of leaving).
    var capturedKey: @Sendable (Key, AppState) -> Action?
    var key: @Sendable (Key, AppState) -> Action?
    /// How often the lab wants ticks now (autoplay, a live run), in milliseconds; nil for none.
    var tickInterval: @Sendable (AppState) -> Int?
    var ticked: @Sendable (inout AppState, Date) -> [Effect]
}

extension LabKind {
    /// The lab's entry in the registry.
    var screen: LabScreen {
        switch self {
        case .convolution:
            return LabScreen(
                title: "Convolution lab", summary: "slide a kernel window by window",
                open: { state, settings in
                    let (lab, errors) = ConvolutionLabState.make(settings: settings, samples: state.labSamples, learned: state.learnedFilters)
                    state.convolutionLab = lab
                    // Its learned kernels come from a trained digits network.
                    return (errors, state.needNetwork("digits"))
                },
                check: { settings, samples in ConvolutionLabState.make(settings: settings, samples: samples, learned: []).1 },
                render: renderConvolutionLab, footer: { _ in convolutionLabKeys }, help: convolutionLabHelp,
                capturedKey: { key, state in
                    guard let lab = state.convolutionLab, convolutionLabCapturesKey(key, in: lab) else { return nil }
                    return convolutionLabKeyAction(for: key, in: lab).map(Action.convolutionLab)
                },
                key: { key, state in state.convolutionLab.flatMap { convolutionLabKeyAction(for: key, in: $0) }.map(Action.convolutionLab) },
                tickInterval: { $0.convolutionLab?.autoplay == true ? 50 : nil },
                ticked: { state, now in reduceConvolutionLab(&state, .ticked(now)) })
        case .pooling:
            return LabScreen(
                title: "Pooling lab", summary: "max and average pooling, step by step",
                open: { state, settings in
                    let (lab, errors) = PoolingLabState.make(settings: settings, samples: state.labSamples)
                    state.poolingLab = lab
                    return (errors, [])
                },
                check: { settings, samples in PoolingLabState.make(settings: settings, samples: samples).1 },
                render: renderPoolingLab, footer: { _ in poolingLabKeys }, help: poolingLabHelp,
                capturedKey: { key, state in
                    // Esc ends predict mode rather than leaving the lab.
                    guard let lab = state.poolingLab, key == .escape, lab.awaitingPrediction else { return nil }
                    return .poolingLab(.predictModeToggled)
                },
                key: { key, state in state.poolingLab.flatMap { poolingLabKeyAction(for: key, in: $0) }.map(Action.poolingLab) },
                tickInterval: { $0.poolingLab?.autoplay == true ? 50 : nil },
                ticked: { state, now in reducePoolingLab(&state, .ticked(now)) })
        case .network:
            return LabScreen(
                title: "Network view", summary: "a digit through every layer",
                open: { state, settings in
                    let (made, errors) = NetworkViewState.make(settings: settings)
                    var view = made
                    view.test = state.networkView.flatMap { $0.dataset == view.dataset ? $0.test : nil }
                    view.adopt(state.networks[view.dataset])
                    state.networkView = view
                    var effects: [Effect] = view.test == nil ? [.lab(.loadNetworkData(dataset: view.dataset))] : []
                    if let model = LabKind.network.read(settings).values[.model] {
                        // A saved network by name: it replaces the one held for its data set.
                        state.preparingNetworks.insert(view.dataset)
                        effects.append(.lab(.loadSavedNetwork(name: model, dataset: view.dataset)))
                    } else {
                        effects += state.needNetwork(view.dataset)
                    }
                    return (errors, effects)
                },
                check: { settings, _ in NetworkViewState.make(settings: settings).1 },
                render: renderNetworkView, footer: { _ in networkViewKeys }, help: networkViewHelp,
                capturedKey: { key, state in
                    // Esc and q close the explanation panel rather than the view.
                    guard state.networkView?.panel != nil, key == .escape || key == .character("q") else { return nil }
                    return .networkView(.panelClosed)
                },
                key: { key, state in state.networkView.flatMap { networkViewKeyAction(for: key, in: $0) }.map(Action.networkView) },
                tickInterval: { _ in nil }, ticked: { _, _ in [] })
        case .training:
            return LabScreen(
                title: "Live training", summary: "watch a CNN learn real digits",
                open: { state, settings in
                    let (settings, errors) = TrainingSettings.make(settings: settings)
                    if state.training?.isActive != true { state.training = TrainingScreenState(settings: settings) }
                    return (errors, [])
                },
                check: { settings, _ in TrainingSettings.make(settings: settings).1 },
                render: renderTraining, footer: { state in state.training.map { trainingKeyMap(for: $0).footer } ?? [] },
                help: trainingHelpKeyMap.help,
                capturedKey: { key, state in
                    // Esc closes the confusion matrix (or its digits) first; leaving stops a run
                    // rather than leaving it training unseen.
                    if key == .escape, let screen = state.training, screen.panel != .filters { return .training(.panelClosed) }
                    return key == .escape || key == .character("q") ? .training(.leavePressed) : nil
                },
                key: { key, state in state.training.flatMap { trainingKeyAction(for: key, in: $0) }.map(Action.training) },
                // At least 15 frames a second while a run is alive; snapshots arrive through the inbox.
                tickInterval: { $0.training?.isActive == true ? 50 : nil },
                ticked: { _, _ in [] })
        case .gradient:
            return LabScreen(
                title: "Gradient lab", summary: "backpropagation, one number at a time",
                open: { state, settings in
                    let (lab, errors) = GradientLabState.make(settings: settings, samples: state.labSamples)
                    state.gradientLab = lab
                    return (errors, [])
                },
                check: { settings, samples in GradientLabState.make(settings: settings, samples: samples).1 },
                render: renderGradientLab, footer: { _ in gradientLabKeys }, help: gradientLabHelp,
                capturedKey: { key, state in
                    // Esc ends predict mode rather than leaving the lab.
                    guard let lab = state.gradientLab, key == .escape, lab.awaitingPrediction else { return nil }
                    return .gradientLab(.predictModeToggled)
                },
                key: { key, state in state.gradientLab.flatMap { gradientLabKeyAction(for: key, in: $0) }.map(Action.gradientLab) },
                tickInterval: { $0.gradientLab?.autoplay == true ? 50 : nil },
                ticked: { state, now in reduceGradientLab(&state, .ticked(now)) })
        }
    }

    /// The lab's screen on the route stack.
    var route: Route { .lab(self) }

    /// The lab whose screen `route` is, if it is a lab's.
    init?(route: Route) {
        guard case .lab(let kind) = route else { return nil }
        self = kind
    }
}

/// The convolution lab's actions, with only the lab's state.
func reduceConvolutionLab(_ state: inout AppState, _ action: ConvolutionLabAction) -> [Effect] {
    state.scope(\.convolutionLab, action, context: state.labContext)
}

/// The pooling lab's actions, with only the lab's state.
func reducePoolingLab(_ state: inout AppState, _ action: PoolingLabAction) -> [Effect] {
    state.scope(\.poolingLab, action, context: state.labContext)
}

/// The gradient lab's actions, with only the lab's state.
func reduceGradientLab(_ state: inout AppState, _ action: GradientLabAction) -> [Effect] {
    state.scope(\.gradientLab, action, context: state.labContext)
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

/// Time passing on a lab screen: autoplay steps.
func labsTicked(_ state: inout AppState, _ now: Date) -> [Effect] {
    guard case .lab(let kind) = state.route else { return [] }
    return kind.screen.ticked(&state, now)
}

extension AppState {
    /// Ticks a lab screen needs (autoplay, live training), in milliseconds.
    var labTickInterval: Int? {
        guard case .lab(let kind) = route else { return nil }
        return kind.screen.tickInterval(self)
    }
}

/// Keys a lab takes before the global ones (Esc ending a mode instead of leaving the screen).
func labCapturedKeyAction(for key: Key, in state: AppState) -> Action? {
    guard !state.showingHelp, case .lab(let kind) = state.route else { return nil }
    return kind.screen.capturedKey(key, state)
}

/// The action of a key on a lab screen.
func labKeyAction(for key: Key, in state: AppState) -> Action? {
    guard case .lab(let kind) = state.route else { return nil }
    return kind.screen.key(key, state)
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
        if let first = lab.screen.check(settings, samples).first { throw first }
    }
}
