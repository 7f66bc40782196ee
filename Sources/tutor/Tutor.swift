import ArgumentParser
import TinyCNN

@main
struct Tutor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tutor",
        abstract: "An interactive terminal tutor for convolutional neural networks.",
        version: TinyCNN.version,
        subcommands: [ConvolveCommand.self, PoolCommand.self, ShapesCommand.self,
                      TrainCommand.self, EvalCommand.self, BenchCommand.self]
    )

    func run() throws {}
}
