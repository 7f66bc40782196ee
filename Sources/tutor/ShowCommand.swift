import ArgumentParser
import Curriculum
import Foundation

/// `tutor show LESSON`: a lesson as wrapped plain text.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print a lesson as wrapped plain text.",
        discussion: "For the lesson in the full-screen reader, see `tutor lesson`."
    )

    @OptionGroup var chosen: LessonChoice

    @Option(name: .long, help: "Wrap at this many columns (default: the terminal's width, else 80).")
    var width: Int?

    /// `--ascii` belongs to the root command, which parses it wherever it appears; sharing
    /// its option type hands the same value down here.
    @OptionGroup var display: DisplayOptions

    @OptionGroup var options: CurriculumOptions

    func run() throws {
        let kinds = try chosen.sectionKind().map { [$0] } ?? SectionKind.allCases
        if let width, width < 10 || width > 1000 {
            throw CLIOutput.badFlag("--width must be between 10 and 1000 (got \(width))")
        }
        let columns = width ?? CurriculumCLI.terminalWidth() ?? 80
        let library = try options.loadLessons()
        let found = try library.lesson(named: chosen.lesson)
        var blocks: [Block] = [.heading(level: 1, text: [.text(found.title)], line: 0)]
        for kind in kinds {
            let section = found.section(kind)
            blocks.append(.heading(level: 2, text: [.text(kind.title.uppercased())], line: section.line))
            blocks.append(contentsOf: section.blocks.isEmpty ? [.paragraph([.text("(nothing in this section)")])] : section.blocks)
        }
        let layout = TextLayout.layout(blocks, width: columns, ascii: display.ascii)
        print(layout.plainText)
    }
}

extension LessonLibrary {
    /// The lesson a command-line argument names (see `LessonLibrary.resolve`); an unknown or
    /// ambiguous name is one line listing the candidates and exit status 1.
    func lesson(named query: String) throws -> Lesson {
        switch resolve(query) {
        case .success(let lesson): return lesson
        case .failure(let error): throw CLIOutput.fail(error.description)
        }
    }
}
