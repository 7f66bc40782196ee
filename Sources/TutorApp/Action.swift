import Canvas
import Foundation

/// What happened: something the user did, a tick, or the result of an effect.
public enum Action: Sendable {
    /// The window changed size.
    case windowResized(width: Int, height: Int)
    /// Time passed with no key pressed.
    case ticked(Date)
    case helpPressed
    /// `q` or Esc: leave the current screen (or the help overlay), quitting from home.
    case backPressed
    /// A key no screen uses; the status line says so.
    case unboundKeyPressed(Key)
    case home(HomeAction)
    /// Lessons were (re)loaded by an effect.
    case lessonsLoaded([LessonSummary], source: String)
}

/// Work for the shell: anything that touches files, threads or the process.
public enum Effect: Hashable, Sendable {
    case quit
    case loadLessons
}
