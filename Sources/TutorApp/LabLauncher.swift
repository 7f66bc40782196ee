import Canvas
import Curriculum
import Foundation

/// Opens a lab screen of `kind` with `key=value` settings, as a lesson's lab block or
/// `tutor lab KIND ...` gives them (see the lab block syntax: `convolution input=digit:3
/// kernel=sobel-x stride=2`). Unknown kinds and unusable settings are reported on the status
/// line; the lab still opens with the settings that were usable.
///
/// The reader opens a lab block by sending `.labRequested(kind:settings:)`, which calls this.
public func openLab(_ state: inout AppState, kind: String, settings: [(String, String)]) -> [Effect] {
    var problems: [String] = []
    switch kind {
    case "convolution":
        let (lab, errors) = ConvolutionLabState.make(settings: settings, samples: state.labSamples, learned: state.learnedFilters)
        state.convolutionLab = lab
        problems = errors.map(\.description)
        push(.convolutionLab, on: &state)
    case "pooling":
        let (lab, errors) = PoolingLabState.make(settings: settings, samples: state.labSamples)
        state.poolingLab = lab
        problems = errors.map(\.description)
        push(.poolingLab, on: &state)
    case "network":
        var dataset = "digits", sample = 0
        for (key, value) in settings {
            switch key {
            case "dataset" where ["digits", "mnist", "mnist5k"].contains(value): dataset = value == "digits" ? "digits" : "mnist"
            case "sample" where Int(value).map({ $0 >= 0 }) == true: sample = Int(value) ?? 0
            default: problems.append(LabSettingError(key: key, value: value, reason: "the network view takes dataset=digits|mnist and sample=N").description)
            }
        }
        let loaded = state.networkView.flatMap { $0.dataset == dataset ? $0.test : nil }
        var view = NetworkViewState(dataset: dataset, sampleIndex: sample)
        view.test = loaded
        view.network = state.trainedNetwork.flatMap { $0.architecture.side == view.architecture.side ? $0 : nil }
        view.recompute()
        state.networkView = view
        push(.networkView, on: &state)
        if !problems.isEmpty { state.status = "ignored " + problems.joined(separator: "; ") }
        return loaded == nil ? [.lab(.loadNetworkData(dataset: dataset))] : []
    case "training":
        let (settings, errors) = TrainingSettings.make(settings: settings)
        if state.training?.isActive != true { state.training = TrainingScreenState(settings: settings) }
        problems = errors.map(\.description)
        push(.training, on: &state)
    default:
        state.status = "there is no \(kind) lab; the labs are convolution, pooling, network and training"
        return []
    }
    if !problems.isEmpty { state.status = "ignored " + problems.joined(separator: "; ") }
    return []
}

/// Opens the lab of a lesson's lab block (Curriculum's `LabSpec`), with its settings.
public func openLab(_ state: inout AppState, spec: LabSpec) -> [Effect] {
    openLab(&state, kind: spec.kind.rawValue, settings: spec.settings.map { ($0.key, $0.value) })
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
    state.scope(\.training, action, context: TrainingContext(hasTrainedNetwork: state.trainedNetwork != nil)) { state, request in
        switch request {
        case .networkKept(let network, let filters):
            state.trainedNetwork = network
            state.learnedFilters = filters
            state.refreshNetworkView()
            return []
        }
    }
}

/// The network view's actions; `t` opens live training on the view's data set.
func reduceNetworkView(_ state: inout AppState, _ action: NetworkViewAction) -> [Effect] {
    state.scope(\.networkView, action, context: state.trainedNetwork) { state, request in
        switch request {
        case .trainRequested(let dataset): return openLab(&state, kind: "training", settings: [("dataset", dataset)])
        }
    }
}

/// The lab screens, as the shared route stack names them. The functions below switch over this
/// (exhaustively) rather than over `Route`, whose other screens are not the labs' business.
enum LabScreen {
    case convolution, pooling, network, training

    init?(_ route: Route) {
        if route == .convolutionLab {
            self = .convolution
        } else if route == .poolingLab {
            self = .pooling
        } else if route == .networkView {
            self = .network
        } else if route == .training {
            self = .training
        } else {
            return nil
        }
    }
}

/// Time passing on a lab screen: autoplay steps.
func labsTicked(_ state: inout AppState, _ now: Date) -> [Effect] {
    guard let screen = LabScreen(state.route) else { return [] }
    switch screen {
    case .convolution: return reduceConvolutionLab(&state, .ticked(now))
    case .pooling: return reducePoolingLab(&state, .ticked(now))
    case .training, .network: return []
    }
}

extension AppState {
    /// Ticks a lab screen needs (autoplay, live training), in milliseconds.
    var labTickInterval: Int? {
        guard let screen = LabScreen(route) else { return nil }
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
    guard !state.showingHelp, let screen = LabScreen(state.route) else { return nil }
    switch screen {
    case .convolution:
        guard let lab = state.convolutionLab, convolutionLabCapturesKey(key, in: lab) else { return nil }
        return convolutionLabKeyAction(for: key, in: lab).map(Action.convolutionLab)
    case .training:
        // Leaving stops a run rather than leaving it training unseen.
        return key == .escape || key == .character("q") ? .training(.leavePressed) : nil
    case .pooling:
        // Esc ends predict mode rather than leaving the lab.
        guard let lab = state.poolingLab, key == .escape, lab.awaitingPrediction else { return nil }
        return .poolingLab(.predictModeToggled)
    case .network:
        return nil
    }
}

/// The action of a key on a lab screen.
func labKeyAction(for key: Key, in state: AppState) -> Action? {
    guard let screen = LabScreen(state.route) else { return nil }
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
        return networkViewKeyAction(for: key).map(Action.networkView)
    }
}

extension TrainingSettings {
    /// Settings from a lab block: `dataset lr batch optimizer epochs augment` (and `seed`).
    static func make(settings pairs: [(String, String)]) -> (TrainingSettings, [LabSettingError]) {
        var s = TrainingSettings()
        var errors: [LabSettingError] = []
        var explicitRate = false, explicitEpochs = false
        for (key, value) in pairs {
            do throws(LabSettingError) {
                switch key {
                case "dataset":
                    guard ["digits", "mnist", "mnist5k"].contains(value) else { throw LabSettingError(key: key, value: value, reason: "dataset is digits or mnist") }
                    s.dataset = value == "digits" ? "digits" : "mnist"
                case "lr":
                    guard let r = Float(value), r > 0, r <= 10 else { throw LabSettingError(key: key, value: value, reason: "lr is a number above 0, at most 10") }
                    s.learningRate = r
                    explicitRate = true
                case "batch": s.batchSize = try LabPresets.integer(value, key: key, in: 1...512)
                case "optimizer":
                    guard ["sgd", "adam"].contains(value) else { throw LabSettingError(key: key, value: value, reason: "optimizer is sgd or adam") }
                    s.optimizer = value
                case "epochs":
                    s.epochs = try LabPresets.integer(value, key: key, in: 1...100)
                    explicitEpochs = true
                case "augment": s.augment = try LabPresets.flag(value, key: key)
                case "seed":
                    guard let n = UInt64(value) else { throw LabSettingError(key: key, value: value, reason: "seed is a whole number 0 or more") }
                    s.seed = n
                default:
                    throw LabSettingError(key: key, value: value, reason: "live training has no setting \(key) (dataset, lr, batch, optimizer, epochs, augment, seed)")
                }
            } catch {
                errors.append(error)
            }
        }
        if !explicitRate && s.optimizer == "sgd" { s.learningRate = 0.03 }
        if !explicitEpochs && s.dataset == "mnist" { s.epochs = 4 }
        return (s, errors)
    }
}

extension ConvolutionLabState {
    /// The lab for a block's settings: `input kernel stride padding dilation bias relu`.
    static func make(settings: [(String, String)], samples: SampleBank, learned: [LabGrid]) -> (ConvolutionLabState, [LabSettingError]) {
        var errors: [LabSettingError] = []
        let fallbackInput = samples.sample(.digits, label: 3) ?? LabPresets.pattern(named: "cross")
        var input = fallbackInput ?? LabGrid(name: "ramp", rows: 1, columns: 1, values: [0])
        var kernel = LabPresets.kernel(named: "sobel-x") ?? LabGrid(name: "identity", rows: 1, columns: 1, values: [1])
        var stride = 1, padding = 0, dilation = 1, bias: Float = 0, relu = false
        for (key, value) in settings {
            do throws(LabSettingError) {
                switch key {
                case "input": input = try LabPresets.input(value, samples: samples)
                case "kernel":
                    if let filter = learned.first(where: { $0.name == value }) { kernel = filter } else { kernel = try LabPresets.kernel(value) }
                case "stride": stride = try LabPresets.integer(value, key: key, in: 1...4)
                case "padding": padding = try LabPresets.integer(value, key: key, in: 0...3)
                case "dilation": dilation = try LabPresets.integer(value, key: key, in: 1...3)
                case "bias":
                    guard let b = Float(value), b.isFinite else { throw LabSettingError(key: key, value: value, reason: "bias is a number") }
                    bias = b
                case "relu": relu = try LabPresets.flag(value, key: key)
                default:
                    throw LabSettingError(key: key, value: value, reason: "the convolution lab has no setting \(key) (input, kernel, stride, padding, dilation, bias, relu)")
                }
            } catch {
                errors.append(error)
            }
        }
        return (ConvolutionLabState(input: input, kernel: kernel, stride: stride, padding: padding, dilation: dilation, bias: bias, relu: relu), errors)
    }
}

/// Checks a deep link's settings before the full-screen tutor starts, so a typo is one clear
/// line on stderr rather than a status message in a screen.
public enum LabSettingsCheck {
    public static let kinds = ["convolution", "pooling", "network", "training"]

    public static func validate(kind: String, settings: [(String, String)], samples: SampleBank) throws(LabSettingError) {
        switch kind {
        case "convolution":
            let (_, errors) = ConvolutionLabState.make(settings: settings, samples: samples, learned: [])
            if let first = errors.first { throw first }
        case "pooling":
            if let first = PoolingLabState.make(settings: settings, samples: samples).1.first { throw first }
        case "network":
            for (key, value) in settings {
                switch key {
                case "dataset" where ["digits", "mnist", "mnist5k"].contains(value): continue
                case "sample" where Int(value).map({ $0 >= 0 }) == true: continue
                default: throw LabSettingError(key: key, value: value, reason: "the network view takes dataset=digits|mnist and sample=N")
                }
            }
        case "training":
            if let first = TrainingSettings.make(settings: settings).1.first { throw first }
        default:
            throw LabSettingError(key: "lab", value: kind, reason: "there is no such lab; the labs are \(kinds.joined(separator: ", "))")
        }
    }
}
