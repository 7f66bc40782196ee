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

    @OptionGroup var chosen: LessonChoice
    @OptionGroup var display: DisplayOptions
    @OptionGroup var options: CurriculumOptions

    func run() throws {
        let kind = try chosen.sectionKind()
        let library = try options.loadLessons()
        let found = try library.lesson(named: chosen.lesson)
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

/// `LESSON [--section NAME]`, as `tutor lesson` (the reader) and `tutor show` (plain text) take them.
struct LessonChoice: ParsableArguments {
    @Argument(help: "The lesson: its id, file name, a unique prefix of either, or `#N` (see `tutor lessons`).")
    var lesson: String

    @Option(name: .long, help: ArgumentHelp("Only this section: preview, explain, keypoint or review.", valueName: "name"))
    var section: String?

    /// The section `--section` names, nil when it is not given; a name that is no section is one
    /// clear line naming the flag.
    func sectionKind() throws -> SectionKind? {
        guard let section else { return nil }
        guard let kind = SectionKind(name: section) else {
            throw CLIOutput.badFlag("--section must be preview, explain, keypoint or review (got '\(section)')")
        }
        return kind
    }
}
