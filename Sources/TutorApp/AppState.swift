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
    /// A lab's screen (see the registry in LabLauncher.swift).
    case lab(LabKind)
    // Curriculum screens (see LessonReader.swift, QuizScreen.swift).
    case lesson
    case quiz

    public static let convolutionLab = Route.lab(.convolution)
    public static let poolingLab = Route.lab(.pooling)
    public static let networkView = Route.lab(.network)
    public static let training = Route.lab(.training)
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

    // Labs: their screens' states (`LabStates`, beside the lab registry), the bundled samples
    // they draw inputs from, and what a training run left behind for them.
    public var labs = LabStates()
    public var labSamples = SampleBank()
    /// The first-layer filters of the last trained network, offered as kernels.
    public var learnedFilters: [LabGrid] = []
    /// The network the last training run left (for the network view and saving).
    public var trainedNetwork: DemoNetwork?

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
