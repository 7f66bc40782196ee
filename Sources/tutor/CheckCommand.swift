import ArgumentParser
import Curriculum
import Foundation

/// `tutor check`: validates lessons and quizzes, one `path:line: message` per problem.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate lesson and quiz files.",
        discussion: """
        Lists every file read (`read PATH: what it holds`; folders are read recursively), then \
        prints `path:line: message` for each problem and exits 1 if there are any; otherwise \
        prints a one-line summary and exits 0. Without paths, checks the lessons and quizzes in use.
        """
    )

    @Argument(help: "Lesson files, quiz files or folders of them.")
    var paths: [String] = []

    @OptionGroup var options: CurriculumOptions

    func run() throws {
        var targets = paths
        if targets.isEmpty {
            targets = [try options.lessonsURL().path]
            if let quizzes = options.quizzesURL() { targets.append(quizzes.path) }
        }
        // Quizzes may name lessons outside the checked paths: those in the lessons folder in use.
        let reference = (try? options.lessonsURL()).map { LessonLibrary(url: $0) }
        let report = ContentChecker.check(paths: targets, reference: reference)
        var out = ""
        for file in report.files { out += "read \(file.path): \(file.held)\n" }
        for diagnostic in report.diagnostics { out += "\(diagnostic)\n" }
        print(out, terminator: "")
        if !report.diagnostics.isEmpty {
            let n = report.diagnostics.count
            CLIOutput.printError("\(n) problem\(n == 1 ? "" : "s") found")
            throw ExitCode(1)
        }
        print(report.summary)
    }
}
