import Canvas
import Curriculum
import Foundation
import Terminal
import TutorApp
import TutorResources
import Widgets

/// The full-screen tutor's run loop: key or tick → action → reduce → effects → render → blit.
struct TUIRunner {
    var display: DisplayOptions
    var content: ContentOptions
    /// Where background work (training) posts its results.
    let inbox = ActionInbox()
    /// Actions taken once at start, after loading (a deep link: `.labRequested`, `.lessonLinkOpened`).
    var initialActions: [Action] = []
    /// Background work the labs started (training threads), stopped on quit.
    let labs = LabWorkers()
    /// `--quizzes` of `tutor lesson` / `tutor quiz`; nil takes the folder beside `--lessons`, else the bundled one.
    var quizzes: String? = nil

    /// Runs until the user quits; returns the process exit status.
    func run() -> Int32 {
        let session: TerminalSession
        do {
            session = try TerminalSession(options: TerminalOptions(ascii: display.ascii, noColor: display.noColor))
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            return 2
        }
        let size = session.size
        var state = AppState(width: size.width, height: size.height,
                             capabilities: Capabilities(colorLevel: session.colorLevel, unicode: session.unicode))
        var pending: [Action]
        // The home screen's first frame needs only the lessons and progress: the labs' samples
        // and (when nothing is due) the quiz files load right after it is drawn, before any key
        // is read. A deep link (`tutor lab …`) loads everything first.
        var afterFirstFrame: (() -> [Action])?
        if initialActions.isEmpty {
            let (content, quizzesLeftOut) = curriculumContent(quizzesUnlessIdle: true)
            pending = [.curriculumLoaded(content)]
            afterFirstFrame = {
                var later: [Action] = []
                if quizzesLeftOut {
                    var full = content
                    full.quizzes = QuizLibrary(url: quizzesURL())
                    later.append(.curriculumLoaded(full))
                }
                return later + perform([.lab(.loadSamples)])
            }
        } else {
            pending = perform([.curriculum(.loadLessons), .lab(.loadSamples)]) + initialActions
        }
        while true {
            pending += inbox.drain()
            while !pending.isEmpty {
                let action = pending.removeFirst()
                let effects = reduce(&state, action)
                if effects.contains(.quit) {
                    labs.stopAll()
                    session.stop()
                    return 0
                }
                pending += perform(effects)
            }
            session.draw(render(state))
            if let load = afterFirstFrame {
                afterFirstFrame = nil
                pending += load()
                continue
            }
            switch session.nextEvent(timeout: state.tickInterval ?? 250) {
            case .key(let key):
                pending.append(action(for: key, in: state))
            case .paste(let text):
                pending += pasteActions(text, in: state)
            case .resized(let width, let height):
                pending.append(.windowResized(width: width, height: height))
            case .timeout:
                if state.tickInterval != nil { pending.append(.ticked(Date())) }
            case .signal(let number):
                // Save what is in progress (a quiz's answers) before exiting.
                _ = perform(reduce(&state, .quitSignalled).filter { $0 != .quit })
                labs.stopAll()
                session.stop()
                return 128 + number
            }
        }
    }

    /// Performs effects, each by its feature's performer; their results come back as actions.
    private func perform(_ effects: [Effect]) -> [Action] {
        var actions: [Action] = []
        for effect in effects {
            switch effect {
            case .quit: break
            case .curriculum(let work): actions.append(performCurriculum(work))
            case .lab(let work): actions += performLab(work)
            case .training(let work): actions += performTraining(work)
            }
        }
        return actions
    }
}
