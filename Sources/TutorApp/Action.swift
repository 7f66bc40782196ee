import Canvas
import Curriculum
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
    /// Ctrl-C, SIGTERM or SIGHUP (the terminal closed): the tutor is about to exit, so work
    /// in progress (a quiz's answers) is saved first.
    case quitSignalled
    /// A key no screen uses; the status line says so.
    case unboundKeyPressed(Key)
    case home(HomeAction)
    // Curriculum screens.
    /// The lessons, quizzes and progress were (re)loaded by an effect.
    case curriculumLoaded(CurriculumContent)
    /// Progress was saved by an effect; `data` is the file as written, at `now`.
    case progressSaved(ProgressData, now: Date)
    /// Saving progress failed; the message says why.
    case progressSaveFailed(String)
    case reader(LessonReaderAction)
    case quiz(QuizAction)
    /// `tutor lesson ID [--section NAME]`.
    case lessonLinkOpened(lesson: String, section: SectionKind?)
    /// `tutor quiz [LESSON]`: a lesson's review quiz, or the due questions.
    case quizLinkOpened(lesson: String?)
    /// Any key while a notice box is shown.
    case noticeDismissed
    // Labs (see LabLauncher.swift).
    /// Open a lab of `kind` (`convolution`, `pooling`, `network`, `training`) with a lab block's
    /// or a deep link's `key=value` settings.
    case labRequested(kind: String, settings: [(String, String)])
    case labSamplesLoaded(SampleBank)
    case convolutionLab(ConvolutionLabAction)
    case training(TrainingScreenAction)
    case poolingLab(PoolingLabAction)
    case networkView(NetworkViewAction)
    /// The demo network of a data set is being trained in the background (a one-line note).
    case networkPreparing(dataset: String)
    /// A trained network for its data set is ready (loaded from the state directory or just trained).
    case networkReady(KeptNetwork)
    /// The demo network being trained, after epoch `epoch` of `epochs`: screens show it
    /// already (a network view has probabilities within a second), `.networkReady` follows.
    case networkTraining(KeptNetwork, epoch: Int, epochs: Int)
    /// No network could be had for `dataset`; the message says why.
    case networkUnavailable(dataset: String, message: String)
}

extension Action {
    /// Whether the learner did this (a key, a deep link), as opposed to time passing or work the
    /// shell finished. Only the learner's own actions clear the status line, so a message such as
    /// "learning rate now 0.02" stays up while training snapshots keep arriving.
    public var isLearnerInput: Bool {
        switch self {
        case .windowResized, .ticked, .curriculumLoaded, .progressSaved, .progressSaveFailed, .labSamplesLoaded,
             .networkPreparing, .networkReady, .networkTraining, .networkUnavailable:
            return false
        case .helpPressed, .backPressed, .quitSignalled, .unboundKeyPressed, .home, .reader, .quiz, .lessonLinkOpened, .quizLinkOpened,
             .noticeDismissed, .labRequested:
            return true
        case .convolutionLab(let labAction):
            if case .ticked = labAction { return false }
            return true
        case .poolingLab(let labAction):
            if case .ticked = labAction { return false }
            return true
        case .networkView(let viewAction):
            switch viewAction {
            case .dataLoaded, .dataLoadFailed: return false
            case .nextSamplePressed, .previousSamplePressed, .saliencyToggled, .occlusionToggled, .trainPressed, .cursorMoved, .layerChanged,
                 .mapChanged, .explainPressed, .datasetSwitched, .panelClosed, .panelScrolled: return true
            }
        case .training(let screenAction):
            switch screenAction {
            case .runStarted, .runFailed, .updateReceived, .epochFinished, .failureDetected, .runEnded, .modelSaved: return false
            case .startPressed, .pausePressed, .stepPressed, .learningRateRaised, .learningRateLowered, .resetPressed,
                 .nextFieldPressed, .previousFieldPressed, .settingRaised, .settingLowered, .fasterPressed, .slowerPressed,
                 .cellMoved, .savePressed, .confusionToggled, .mistakesToggled, .panelClosed, .leavePressed:
                return true
            }
        }
    }
}
