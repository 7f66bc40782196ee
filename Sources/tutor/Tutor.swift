import ArgumentParser
import CFloatControl
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
            ConvolveCommand.self, PoolCommand.self, ShapesCommand.self, ExplainCommand.self,
            // Training on real digits
            TrainCommand.self, EvalCommand.self, BenchCommand.self, BenchLessonsCommand.self,
            // Labs
            LabCommand.self, BenchFrameCommand.self,
        ]
    )

    @OptionGroup var display: DisplayOptions
    @OptionGroup var content: ContentOptions

    /// Parses and runs like ArgumentParser's own `main()`, with one error style: every failure
    /// is one line on stderr starting `tutor:`; a bad flag exits with status 2 (as the tutor's
    /// documentation promises) instead of EX_USAGE (64), bad input with 1.
    static func main() {
        // Before any network code runs: on a CPU without the kernels' instructions it would die
        // of an illegal instruction. (This check is compiled for plain x86-64.)
        if cfc_cpu_runs_build() == 0 {
            let needs = String(cString: cfc_build_baseline())
            FileHandle.standardError.write(Data("tutor: this build's network code needs \(needs), which this CPU lacks; rebuild it for this CPU with `TUTOR_MARCH=x86-64 swift build -c release`\n".utf8))
            Foundation.exit(1)
        }
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch let error as CLIError {
            CLIOutput.printError(error.message)
            Foundation.exit(error.status)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                // --help and --version print their text and exit 0.
                exit(withError: error)
            }
            if error is ExitCode { Foundation.exit(code.rawValue) }
            let message = message(for: error)
            let isUsage = code == .validationFailure
            if isUsage, let value = flagValueMessage(message) {
                CLIOutput.printError(value)
            } else {
                CLIOutput.printError(message.isEmpty ? "failed (\(error))" : message
                                     + (isUsage ? " (see `tutor help\(subcommandName(arguments))`)" : ""))
            }
            Foundation.exit(isUsage ? 2 : (code.rawValue == 0 ? 1 : code.rawValue))
        }
    }

    /// ArgumentParser's "The value 'two' is invalid for '--stride <n>': 'two' is not a whole
    /// number" in the tutor's style, `--stride: 'two' is not a whole number`; for an enum,
    /// `--mode: 'median' is not one of 'max' and 'avg'`. Nil for other messages.
    static func flagValueMessage(_ message: String) -> String? {
        let prefix = "The value '"
        guard message.hasPrefix(prefix), let forRange = message.range(of: "' is invalid for '") else { return nil }
        let value = String(message[message.index(message.startIndex, offsetBy: prefix.count)..<forRange.lowerBound])
        let rest = message[forRange.upperBound...]
        guard let close = rest.firstIndex(of: "'") else { return nil }
        let flag = rest[..<close].split(separator: " ").first.map(String.init) ?? ""
        let tail = rest[rest.index(after: close)...]
        if tail.hasPrefix(": ") { return "\(flag): \(tail.dropFirst(2))" }
        if let list = tail.range(of: "Please provide one of ") {
            let choices = tail[list.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: ". "))
            return "\(flag): '\(value)' is not one of \(choices)"
        }
        return "\(flag): '\(value)' is not a valid value"
    }

    /// ` name` of the subcommand named on the command line (or ""), for the "see help" hint.
    static func subcommandName(_ arguments: [String]) -> String {
        let names = configuration.subcommands.map { $0._commandName }
        return arguments.first { names.contains($0) }.map { " " + $0 } ?? ""
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
