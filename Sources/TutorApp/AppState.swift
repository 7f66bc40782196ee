import Canvas
import Curriculum
import Foundation
import TinyCNN
import Widgets

/// The size every screen is designed for; smaller windows get the "enlarge" screen.
public let minimumSize = (width: 80, height: 24)

/// Where the user is: a stack of screens, the current one last.
public enum Route: Hashable, Sendable {
    case home
    // Labs (see LabLauncher.swift).
    case convolutionLab
    case training
    case poolingLab
    case networkView
    // Curriculum screens (see LessonReader.swift, QuizScreen.swift).
    case lesson
    case quiz
}

/// Everything the tutor shows, as one value. Screens keep their own nested state.
public struct AppState: Sendable {
    public var width: Int
    public var height: Int
    public var capabilities: Capabilities
    public var routes: [Route] = [.home]
    public var showingHelp = false
    /// A one-line message shown above the footer until the next key.
    public var status: String?
    public var home = HomeState()

    // Curriculum screens: the lessons, quizzes and progress they read, the open lesson and
    // quiz, and a notice box (a lab that has not arrived yet).
    public var curriculum = CurriculumContent()
    public var reader: LessonReaderState?
    public var quiz: QuizScreenState?
    /// A message in a box over the screen until any key is pressed.
    public var notice: Notice?
    /// Why the last progress save failed (nil once a save succeeds): dialogs then say that
    /// answers are not being saved instead of promising they are.
    public var progressSaveError: String?

    // Labs: their screens' states, the bundled samples they draw inputs from, and what a
    // training run left behind for them.
    public var convolutionLab: ConvolutionLabState?
    public var labSamples = SampleBank()
    /// The first-layer filters of the last trained network, offered as kernels.
    public var learnedFilters: [LabGrid] = []
    public var training: TrainingScreenState?
    public var poolingLab: PoolingLabState?
    public var networkView: NetworkViewState?
    /// The trained network the app holds for each data set (`digits`, `mnist`): the demo
    /// network (saved under the state directory) until a live run keeps a better-known one.
    public var networks: [String: KeptNetwork] = [:]
    /// Data sets whose network is being prepared (`LabEffect.prepareNetwork` under way).
    public var preparingNetworks: Set<String> = []

    public init(width: Int, height: Int, capabilities: Capabilities = Capabilities()) {
        self.width = width
        self.height = height
        self.capabilities = capabilities
    }

    public var route: Route { routes.last ?? .home }
    public var isTooSmall: Bool { width < minimumSize.width || height < minimumSize.height }
    public var theme: Theme { capabilities.theme }
    public var glyphs: Glyphs { capabilities.glyphs }

    /// How often the shell should send `.ticked` while nothing is pressed, in milliseconds;
    /// nil waits for a key. Screens that animate ask for frequent ticks.
    public var tickInterval: Int? { labTickInterval }
}

/// A trained network the app holds, and what it is (data set, when trained, test accuracy).
public struct KeptNetwork: Sendable {
    public var network: DemoNetwork
    public var info: NetworkInfo

    public init(network: DemoNetwork, info: NetworkInfo) {
        self.network = network
        self.info = info
    }
}

extension AppState {
    /// The network held for `dataset` (`digits` or `mnist`), if any.
    public func network(for dataset: String) -> DemoNetwork? { networks[dataset]?.network }

    /// Holds `kept` for its data set; the network view shows it, and `filters` (or, when none
    /// are held yet, the digits network's first layer) become the convolution lab's learned kernels.
    mutating func keep(_ kept: KeptNetwork, filters: [LabGrid]) {
        networks[kept.info.dataset] = kept
        if !filters.isEmpty {
            learnedFilters = filters
        } else if learnedFilters.isEmpty, kept.info.dataset == "digits", let conv1 = kept.network.layerWeights(0) {
            let f = conv1.weight.shape[0], rows = conv1.weight.shape[2], columns = conv1.weight.shape[3]
            learnedFilters = (0..<f).map { i in
                LabGrid(name: "learned:\(i + 1)", rows: rows, columns: columns,
                        values: Array(conv1.weight.storage[(i * rows * columns)..<((i + 1) * rows * columns)]))
            }
        }
        refreshNetworkView()
    }

    /// Asks for `dataset`'s network when none is held or on its way (a screen needs one now).
    mutating func needNetwork(_ dataset: String) -> [Effect] {
        guard networks[dataset] == nil, !preparingNetworks.contains(dataset) else { return [] }
        preparingNetworks.insert(dataset)
        return [.lab(.prepareNetwork(dataset: dataset))]
    }
}
