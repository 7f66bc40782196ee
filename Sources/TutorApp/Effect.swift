import Curriculum

/// Work for the shell: anything that touches files, threads, the clock or the process.
///
/// Effects nest per feature, and the shell has one performer per feature enum, so no performer
/// holds cases that belong to another one.
public enum Effect: Hashable, Sendable {
    case quit
    case curriculum(CurriculumEffect)
    case lab(LabEffect)
    case training(TrainingEffect)
}

/// The curriculum screens' work: loading lessons and saving progress as it happens (answered by
/// `.curriculumLoaded`, `.progressSaved` or `.progressSaveFailed`).
public enum CurriculumEffect: Hashable, Sendable {
    /// Loads the lessons, quizzes and progress.
    case loadLessons
    case saveLessonOpened(lesson: String, section: SectionKind)
    case saveSectionRead(lesson: String, section: SectionKind)
    case saveAnswer(lesson: String, question: String, verdict: Grade.Verdict)
    /// A finished or abandoned lesson quiz; the shell stamps the date.
    case saveQuizAttempt(lesson: String, attempt: QuizAttempt)
    /// A finished or abandoned spaced-review session (its own record, never a lesson's
    /// attempt); the shell stamps the date.
    case saveReviewSession(ReviewSession)
}

/// The labs' file reads.
public enum LabEffect: Hashable, Sendable {
    /// Reads the bundled samples the labs draw inputs from (answered by `.labSamplesLoaded`).
    case loadSamples
    /// Loads the test set of `digits` or `mnist` for the network view (answered by
    /// `.networkView(.dataLoaded)` or `.networkView(.dataLoadFailed)`).
    case loadNetworkData(dataset: String)
    /// Makes sure the app holds a trained network for `digits` or `mnist`: the demo network
    /// saved under the state directory, else one trained now in the background with the
    /// shared defaults and seed 1 (then saved). Answered by `.networkPreparing` (training
    /// started), then `.networkReady` or `.networkUnavailable`.
    case prepareNetwork(dataset: String)
    /// Loads the saved network called `name` from the state directory's models/ (a lab block's
    /// or `tutor lab network`'s `model=NAME`), answered by `.networkReady` or `.networkUnavailable`.
    case loadSavedNetwork(name: String, dataset: String)
}

/// The live training run's work: a background thread started and steered by these.
public enum TrainingEffect: Hashable, Sendable {
    case start(TrainingRequest)
    case pause
    case resume
    case step
    case stop
    case setLearningRate(Float)
    /// A new pace: steps a second, nil for full speed.
    case setSpeed(Double?)
    /// Saves the paused or finished run's network into the state directory's `models/` under
    /// a new descriptive name (answered by `.training(.modelSaved)`).
    case saveModel
}

extension Effect {
    // Shorthands for the progress saves the reader and the quiz return (`.saveAnswer(…)` reads as
    // what it does; the value is the nested `.curriculum(…)` effect).
    public static func saveLessonOpened(lesson: String, section: SectionKind) -> Effect {
        .curriculum(.saveLessonOpened(lesson: lesson, section: section))
    }

    public static func saveSectionRead(lesson: String, section: SectionKind) -> Effect {
        .curriculum(.saveSectionRead(lesson: lesson, section: section))
    }

    public static func saveAnswer(lesson: String, question: String, verdict: Grade.Verdict) -> Effect {
        .curriculum(.saveAnswer(lesson: lesson, question: question, verdict: verdict))
    }

    public static func saveQuizAttempt(lesson: String, attempt: QuizAttempt) -> Effect {
        .curriculum(.saveQuizAttempt(lesson: lesson, attempt: attempt))
    }

    public static func saveReviewSession(_ session: ReviewSession) -> Effect {
        .curriculum(.saveReviewSession(session))
    }
}
