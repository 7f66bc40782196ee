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
}

/// Work for the shell: anything that touches files, threads or the process.
public enum Effect: Hashable, Sendable {
    case quit
    /// Loads the lessons, quizzes and progress (answered by `.curriculumLoaded`).
    case loadLessons
    // Curriculum screens: progress saved as it happens (answered by `.progressSaved`).
    case saveLessonOpened(lesson: String, section: SectionKind)
    case saveSectionRead(lesson: String, section: SectionKind)
    case saveAnswer(lesson: String, question: String, verdict: Grade.Verdict)
    /// A finished or abandoned lesson quiz; the shell stamps the date.
    case saveQuizAttempt(lesson: String, attempt: QuizAttempt)
    /// A finished or abandoned spaced-review session (its own record, never a lesson's
    /// attempt); the shell stamps the date.
    case saveReviewSession(ReviewSession)
    // Labs.
    case loadLabSamples
    case startTraining(TrainingRequest)
    case pauseTraining
    case resumeTraining
    case stepTraining
    case stopTraining
    case setTrainingLearningRate(Float)
    case saveTrainedModel(path: String)
    /// Load the test set of `digits` or `mnist` for the network view.
    case loadNetworkData(dataset: String)
}
