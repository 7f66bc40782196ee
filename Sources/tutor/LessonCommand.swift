import ArgumentParser
import Curriculum
import Foundation
import TutorApp

/// `tutor lesson ID [--section NAME]`: the full-screen reader, opened on a lesson.
struct LessonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lesson",
        abstract: "Open a lesson in the full-screen reader.",
        discussion: "For the lesson as plain text, see `tutor show`."
    )

    @Argument(help: "The lesson: its id, file name, a unique prefix of either, or `#N` (see `tutor lessons`).")
    var lesson: String

    @Option(name: .long, help: ArgumentHelp("The section to open: preview, explain, keypoint or review.", valueName: "name"))
    var section: String?

    @OptionGroup var display: DisplayOptions
    @OptionGroup var options: CurriculumOptions

    func run() throws {
        var kind: SectionKind?
        if let section {
            guard let parsed = SectionKind(name: section) else {
                throw CLIOutput.badFlag("--section: no section '\(section)' (expected preview, explain, keypoint or review)")
            }
            kind = parsed
        }
        let library = try options.loadLessons()
        let found = try library.lesson(named: lesson)
        try runTUI(display: display, options: options, initial: .lessonLinkOpened(lesson: found.id, section: kind))
    }
}

/// Starts the full-screen tutor with one action taken after loading (a deep link).
func runTUI(display: DisplayOptions, options: CurriculumOptions, initial: Action) throws {
    var runner = TUIRunner(display: display, content: options.content)
    runner.quizzes = options.quizzes
    runner.initialActions = [initial]
    let code = runner.run()
    if code != 0 { throw ExitCode(code) }
}
