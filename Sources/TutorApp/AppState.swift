import Canvas
import Foundation
import Widgets

/// The size every screen is designed for; smaller windows get the "enlarge" screen.
public let minimumSize = (width: 80, height: 24)

/// Where the user is: a stack of screens, the current one last.
public enum Route: Hashable, Sendable {
    case home
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
    /// Where lessons come from, shown on the home screen.
    public var contentSource: String = ""

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
    public var tickInterval: Int? { nil }
}
