import ArgumentParser
import Foundation
import TinyCNN

@main
struct Tutor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tutor",
        abstract: "An interactive terminal tutor for convolutional neural networks.",
        discussion: """
        With no subcommand, starts the full-screen tutor (it needs a terminal). \
        Every feature also has a plain, scriptable form: see the subcommands below.
        """,
        version: TinyCNN.version,
        subcommands: [
            // Lessons and quizzes
            LessonsCommand.self, LessonCommand.self, ShowCommand.self, QuizCommand.self, ProgressCommand.self, CheckCommand.self,
            // The learner's calculators
            ConvolveCommand.self, PoolCommand.self, ShapesCommand.self,
            // Training on real digits
            TrainCommand.self, EvalCommand.self, BenchCommand.self, BenchLessonsCommand.self,
            // Labs
            LabCommand.self, BenchFrameCommand.self,
        ]
    )

    @OptionGroup var display: DisplayOptions
    @OptionGroup var content: ContentOptions

    /// Parses and runs like ArgumentParser's own `main()`, except that a bad flag exits with
    /// status 2 (as the tutor's documentation promises) instead of EX_USAGE (64).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }

    func run() throws {
        let code = TUIRunner(display: display, content: content).run()
        if code != 0 { throw ExitCode(code) }
    }
}

/// How the full-screen tutor draws.
struct DisplayOptions: ParsableArguments {
    @Flag(name: .long, help: "Draw with plain ASCII characters only.")
    var ascii = false

    @Flag(name: .customLong("no-color"), help: "Draw without colour (as does a non-empty NO_COLOR).")
    var noColor = false
}

/// Where lessons come from.
struct ContentOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A folder of lesson documents, or one file, instead of the bundled lessons.", valueName: "dir|file"))
    var lessons: String?
}
