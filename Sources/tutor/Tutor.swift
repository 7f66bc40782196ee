import ArgumentParser
import TinyCNN

@main
struct Tutor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tutor",
        abstract: "An interactive terminal tutor for convolutional neural networks.",
        version: TinyCNN.version,
        subcommands: [LessonsCommand.self, ShowCommand.self, CheckCommand.self, QuizCommand.self, ProgressCommand.self]
    )

    func run() throws {}
}
