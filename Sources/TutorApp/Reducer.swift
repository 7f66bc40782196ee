import Canvas
import Foundation

/// Applies an action to the state and returns the work the shell must do.
public func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
    // What the learner does replaces the status line; ticks, snapshots and loads leave it.
    if action.isLearnerInput { state.status = nil }
    switch action {
    case .windowResized(let width, let height):
        let before = state
        state.width = max(0, width)
        state.height = max(0, height)
        return screensResized(&state, before: before)
    case .ticked(let now):
        return labsTicked(&state, now)
    case .helpPressed:
        state.showingHelp.toggle()
        return []
    case .backPressed:
        if state.showingHelp {
            state.showingHelp = false
            return []
        }
        if state.routes.count > 1 {
            state.routes.removeLast()
            return []
        }
        return [.quit]
    case .quitSignalled:
        return quizQuitSignalled(&state)
    case .unboundKeyPressed(let key):
        state.status = "\(key) does nothing here; press ? for the keys of this screen"
        return []
    case .home(let homeAction):
        return reduceHome(&state, homeAction)
    // Labs (LabLauncher.swift and the lab screens).
    case .labRequested(let kind, let settings): return openLab(&state, kind: kind, settings: settings)
    case .labSamplesLoaded(let bank): state.labSamples = bank; return []
    case .convolutionLab(let labAction): return reduceConvolutionLab(&state, labAction)
    case .poolingLab(let labAction): return reducePoolingLab(&state, labAction)
    case .training(let screenAction): return reduceTrainingScreen(&state, screenAction)
    case .networkView(let viewAction): return reduceNetworkView(&state, viewAction)
    case .networkPreparing(let dataset):
        state.status = "training the demo \(dataset) network… (once: it is saved for next time)"
        return []
    case .networkReady(let kept):
        state.preparingNetworks.remove(kept.info.dataset)
        state.keep(kept, filters: [])
        return []
    case .networkTraining(let kept, let epoch, let epochs):
        // Shown already, but not yet the network whose filters the labs offer as kernels.
        guard state.preparingNetworks.contains(kept.info.dataset) else { return [] }
        state.networks[kept.info.dataset] = kept
        state.refreshNetworkView()
        state.status = "training the demo \(kept.info.dataset) network: epoch \(epoch)/\(epochs) (once: it is saved for next time)"
        return []
    case .networkUnavailable(let dataset, let message):
        state.preparingNetworks.remove(dataset)
        state.status = message
        return []
    // Curriculum screens (HomeScreen+Actions.swift, LessonReader.swift, QuizScreen.swift).
    case .curriculumLoaded(let content):
        return curriculumLoaded(&state, content)
    case .progressSaved(let data, let now):
        state.progressSaveError = nil
        return progressSaved(&state, data, now: now)
    case .progressSaveFailed(let message):
        // The first failure is a box that stays until a key is pressed; while saving keeps
        // failing, the status line repeats it.
        if state.progressSaveError == nil {
            let width = max(30, min(90, state.width - 8))
            state.notice = Notice(title: "Progress not saved", lines: wrapWords(message, width: width) + [
                "", "Nothing is saved until this is fixed; the progress file was not changed.",
                "Press any key to continue.",
            ])
        }
        state.progressSaveError = message
        state.status = message
        return []
    case .reader(let readerAction):
        return reduceReader(&state, readerAction)
    case .quiz(let quizAction):
        return reduceQuiz(&state, quizAction)
    case .lessonLinkOpened(let lesson, let section):
        return openLesson(&state, id: lesson, section: section ?? .preview)
    case .quizLinkOpened(let lesson):
        return lesson.map { startLessonQuiz(&state, lessonID: $0) } ?? startDueReview(&state)
    case .noticeDismissed:
        state.notice = nil
        return []
    }
}

/// The action a key means on the current screen, or nil for none.
public func action(for key: Key, in state: AppState) -> Action {
    if let captured = labCapturedKeyAction(for: key, in: state) { return captured }
    if let captured = screensCapturedKeyAction(for: key, in: state) { return captured }
    if state.showingHelp {
        switch key {
        case .character("?"), .character("q"), .escape, .enter: return .backPressed
        default: return .unboundKeyPressed(key)
        }
    }
    switch key {
    case .character("?"): return .helpPressed
    case .character("q"), .escape: return .backPressed
    default: break
    }
    if state.isTooSmall { return .unboundKeyPressed(key) }
    switch state.route {
    case .home: return homeAction(for: key, in: state) ?? .unboundKeyPressed(key)
    case .convolutionLab, .training, .poolingLab, .networkView: return labKeyAction(for: key, in: state) ?? .unboundKeyPressed(key)
    case .lesson: return readerAction(for: key, in: state) ?? .unboundKeyPressed(key)
    case .quiz: return quizAction(for: key, in: state) ?? .unboundKeyPressed(key)
    }
}

/// `text` broken at spaces (and after `/` in long paths) into lines of at most `width` characters.
func wrapWords(_ text: String, width: Int) -> [String] {
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ", omittingEmptySubsequences: false) {
        var word = Substring(word)
        while word.count > width {
            if !line.isEmpty { lines.append(line); line = "" }
            lines.append(String(word.prefix(width)))
            word = word.dropFirst(width)
        }
        if line.isEmpty { line = String(word) } else if line.count + 1 + word.count <= width { line += " " + word } else {
            lines.append(line)
            line = String(word)
        }
    }
    if !line.isEmpty { lines.append(line) }
    return lines
}
