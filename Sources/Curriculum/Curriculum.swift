/// Curriculum: lessons, quizzes, grading and progress, free of any UI.
public enum Curriculum {
    /// The on-disk format versions this build reads and writes.
    public static let progressFormatVersion = 1
}
