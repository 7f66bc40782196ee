import ArgumentParser
import Curriculum
import Foundation

/// `tutor lessons`: the lessons in order, with their shape, size, questions and progress.
struct LessonsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lessons",
        abstract: "List the lessons: id, title, detected shape, section sizes, review questions, progress.",
        discussion: """
        QUESTIONS counts the document's own review questions, then +N more that its quiz file adds \
        (questions that repeat or replace a review question are not counted twice), then +Nn made from \
        the notes (for documents asking fewer than five); together they are what its quiz asks.
        """
    )

    @OptionGroup var options: CurriculumOptions

    func run() throws {
        let library = try options.loadLessons()
        let quizzes = options.loadQuizzes()
        let now = Date()
        // Listing only reads: progress that cannot be read is a warning, not a failure.
        let progress: ProgressData
        do {
            progress = try CurriculumCLI.loadProgress(CurriculumCLI.store(forChanges: false), now: now)
        } catch let error as CLIError {
            CLIOutput.warn("\(error.message); lessons are listed without progress")
            progress = ProgressData()
        }
        let idWidth = min(32, max(2, library.lessons.map { DisplayWidth.of($0.id) }.max() ?? 2))
        let titleWidth = 30
        var out = CurriculumCLI.pad("ID", idWidth) + "  " + CurriculumCLI.pad("TITLE", titleWidth) + "  SHAPE  "
            + CurriculumCLI.pad("WORDS P/E/K/R", 20) + "  QUESTIONS  PROGRESS\n"
        for lesson in library.lessons {
            let words = lesson.sections.map { compact($0.wordCount) }.joined(separator: "/")
            // The document's own, + a quiz file's, + made from the notes (`n`).
            let own = lesson.ownQuestionCount
            let made = lesson.reviewQuestions.count - own
            // What the quiz asks beyond the document's own, repeats and replacements not counted twice.
            // Without a quiz file the quiz asks exactly the review questions: no need to build them.
            let quiz = quizzes.quiz(for: lesson.id)
            let asked = quiz == nil ? lesson.reviewQuestions.count : ReviewQuiz.questions(for: lesson, quiz: quiz).count
            let extra = max(0, asked - own - made)
            let questions = "\(own)" + (extra > 0 ? "+\(extra)" : "") + (made > 0 ? "+\(made)n" : "")
            out += CurriculumCLI.pad(CurriculumCLI.fit(lesson.id, idWidth), idWidth) + "  "
            out += CurriculumCLI.pad(CurriculumCLI.fit(lesson.title, titleWidth), titleWidth) + "  "
            out += CurriculumCLI.pad(lesson.shape.rawValue, 5) + "  "
            out += CurriculumCLI.pad(words, 20) + "  "
            out += CurriculumCLI.pad(questions, 9) + "  "
            out += summary(progress, lesson: lesson.id, now: now) + "\n"
        }
        print(out, terminator: "")
    }

    func compact(_ n: Int) -> String {
        n < 1000 ? String(n) : String(format: "%.1fk", Double(n) / 1000)
    }

    func summary(_ progress: ProgressData, lesson: String, now: Date) -> String {
        let p = progress.lesson(lesson)
        var parts = ["\(p.sectionsRead.count)/4 read"]
        if let best = p.best { parts.append("best \(best.scoreText)") }
        let due = progress.dueCount(lesson: lesson, at: now)
        if due > 0 { parts.append("\(due) due") }
        return parts.joined(separator: ", ")
    }
}
