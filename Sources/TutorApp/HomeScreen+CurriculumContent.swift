import Curriculum
import Foundation

/// What the curriculum screens read from: the lessons, their quiz files, the learner's progress,
/// and the time the progress was last read (so due counts are computed without a clock).
public struct CurriculumContent: Sendable {
    public var lessons: LessonLibrary
    public var quizzes: QuizLibrary
    public var progress: ProgressData
    /// Where the lessons came from, shown when there are none.
    public var source: String
    /// When the progress was read or last saved; "due" is judged at this time.
    public var now: Date
    /// Seeds generated questions; each quiz started mixes in a counter, so two quizzes in one
    /// session differ while tests stay repeatable.
    public var seed: UInt64
    /// A problem reading or saving progress, shown once on the status line.
    public var warnings: [String]

    public init(lessons: LessonLibrary = LessonLibrary(lessons: []), quizzes: QuizLibrary = QuizLibrary(),
                progress: ProgressData = ProgressData(), source: String = "", now: Date = Date(timeIntervalSince1970: 0),
                seed: UInt64 = 0, warnings: [String] = []) {
        self.lessons = lessons
        self.quizzes = quizzes
        self.progress = progress
        self.source = source
        self.now = now
        self.seed = seed
        self.warnings = warnings
    }

    /// The review quiz items of a lesson (its own review questions, then its quiz file's).
    func quizItems(for lesson: Lesson) -> [QuizItem] {
        ReviewQuiz.items(for: lesson, quiz: quizzes.quiz(for: lesson.id))
    }

    /// The questions due for spaced review now.
    var dueItems: [QuizItem] {
        ReviewQuiz.due(progress: progress, lessons: lessons, quizzes: quizzes, now: now)
    }
}

/// The curriculum's layout of lesson text (Widgets has a `TextLayout` of its own, for plain
/// strings; files that import both name this one through the alias).
typealias LessonTextLayout = TextLayout
