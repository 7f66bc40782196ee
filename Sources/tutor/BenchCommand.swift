import ArgumentParser
import Foundation
import TinyCNN

/// `tutor bench`: training and inference speed of both demo nets, and how long the default
/// settings take to reach a target accuracy. Run it optimised: `swift run -c release tutor bench`.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure training and inference speed of the demo nets (run with `swift run -c release tutor bench`).",
        discussion: """
        For the digits net (8×8) and the mnist net (28×28, on mnist5k) at batch 1 and 32: training and \
        inference samples per second and the GFLOP/s they amount to; then the seconds of training the \
        default settings need to reach 97% (digits) / 95% (mnist5k) test accuracy.
        """
    )

    @Flag(help: "One JSON object instead of tables.")
    var json = false

    @Flag(help: "Shorter measurements (about 5 s in all), for a quick look.")
    var quick = false

    struct Throughput: Encodable {
        var net: String
        var batch: Int
        var trainSamplesPerSecond: Double
        var trainGFLOPS: Double
        var inferenceSamplesPerSecond: Double
        var inferenceGFLOPS: Double
        /// The training target for this case, when it has one.
        var trainTarget: Double?
    }

    struct TimeToAccuracy: Encodable {
        var net: String
        var dataset: String
        var target: Double
        /// Seconds of training (evaluation excluded) until the test accuracy first reached the target.
        var seconds: Double?
        var epoch: Int?
        var epochs: Int
        var finalAccuracy: Double
        var totalTrainingSeconds: Double
        var settings: String
    }

    struct Output: Encodable {
        var cores: Int
        var throughput: [Throughput]
        var timeToAccuracy: [TimeToAccuracy]
    }

    func run() throws {
        let options = try DataSetOptions.parse([])
        let sets: [(DigitsDataSet.Kind, Double)] = [(.digits, 0.97), (.mnist5k, 0.95)]
        let window = quick ? 0.3 : 1.5
        var throughput: [Throughput] = []
        var accuracy: [TimeToAccuracy] = []
        for (kind, target) in sets {
            let data = options.load(kind)
            let architecture = DemoArchitecture.forImages(side: data.train.width)
            for batch in [1, 32] {
                var config = TrainingConfiguration.defaults(for: kind)
                config.batchSize = batch
                let trainer = Trainer(network: DemoNetwork(architecture: architecture, seed: 1), configuration: config,
                                      train: data.train)
                _ = trainer.measureTrainingThroughput(seconds: 0.1)
                let train = trainer.measureTrainingThroughput(seconds: window)
                let infer = trainer.network.measureInferenceThroughput(data.test, batchSize: batch, seconds: window / 2)
                let targets: [String: Double] = ["digits-32": 150_000, "mnist-32": 20_000, "digits-1": 50_000]
                let row = Throughput(net: architecture.name, batch: batch, trainSamplesPerSecond: train,
                                     trainGFLOPS: train * Double(architecture.trainingFLOPs) / 1e9,
                                     inferenceSamplesPerSecond: infer,
                                     inferenceGFLOPS: infer * Double(2 * architecture.forwardMACs) / 1e9,
                                     trainTarget: targets["\(architecture.name)-\(batch)"])
                throughput.append(row)
                if !json { emit(Self.format(row)) }
            }
            let config = TrainingConfiguration.defaults(for: kind)
            let trainer = Trainer(network: DemoNetwork(architecture: architecture, seed: 1), configuration: config,
                                  train: data.train, test: data.test)
            var reached: (Double, Int)?
            let result = trainer.run(onEpoch: { s in
                if reached == nil, let acc = s.testAccuracy, acc >= target { reached = (s.elapsed, s.epoch + 1) }
            })
            let row = TimeToAccuracy(net: architecture.name, dataset: kind.rawValue, target: target, seconds: reached?.0,
                                     epoch: reached?.1, epochs: config.epochs, finalAccuracy: result.test?.accuracy ?? 0,
                                     totalTrainingSeconds: result.trainingSeconds,
                                     settings: "\(config.optimizer.name) lr \(config.learningRate) \(config.schedule.summary), batch \(config.batchSize), \(config.epochs) epochs, seed 1")
            accuracy.append(row)
            if !json { emit(Self.format(row)) }
        }
        if json {
            emit(jsonLine(Output(cores: ProcessInfo.processInfo.activeProcessorCount, throughput: throughput,
                                 timeToAccuracy: accuracy)) + "\n")
        }
    }

    static func grouped(_ x: Double) -> String {
        let n = Int(x.rounded())
        let digits = String(n)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }

    static func format(_ r: Throughput) -> String {
        var text = String(format: "%-6@ batch %2d  train %9@ samples/s (%5.1f GFLOP/s)  inference %9@ samples/s (%5.1f GFLOP/s)",
                          r.net, r.batch, grouped(r.trainSamplesPerSecond), r.trainGFLOPS,
                          grouped(r.inferenceSamplesPerSecond), r.inferenceGFLOPS)
        if let t = r.trainTarget {
            text += String(format: "  [target %@: %.2fx]", grouped(t), r.trainSamplesPerSecond / t)
        }
        return text + "\n"
    }

    static func format(_ r: TimeToAccuracy) -> String {
        let reached = r.seconds.map { String(format: "%.0f%% test accuracy after %.2f s of training (epoch %d)", r.target * 100, $0, r.epoch ?? 0) }
            ?? String(format: "did not reach %.0f%% in %d epochs", r.target * 100, r.epochs)
        return String(format: "%-7@ %@; %.2f%% after %d epochs (%.2f s)  [%@]\n", r.dataset, reached,
                      r.finalAccuracy * 100, r.epochs, r.totalTrainingSeconds, r.settings)
    }
}
