/// Curriculum: lessons, quizzes, grading and progress, free of any UI.
///
/// - Reading: `LessonLibrary` loads lesson files through `LessonParser` (four document shapes →
///   `Lesson` with four `Section`s of `Block`s and its `ReviewQuestion`s); `QuizLibrary` and
///   `QuizFile` read quiz YAML into `Quiz`/`Question`; `ContentChecker` validates both and
///   reports `Diagnostic`s.
/// - Showing: `TextLayout.layout(_:width:ascii:)` turns blocks into `LayoutLine`s of styled
///   `LayoutSpan`s, and records where `LabSpec` boxes are.
/// - Asking: `ReviewQuiz` builds a lesson's questions or the due ones; `QuizSession` runs them
///   with `Grader`; `QuestionGenerator` makes fresh arithmetic questions.
/// - Remembering: `ProgressStore` reads and writes `ProgressData` safely; `ReviewState` is the
///   Leitner schedule of one question.
public enum Curriculum {
    /// The on-disk format versions this build reads and writes.
    public static let progressFormatVersion = 1
}
