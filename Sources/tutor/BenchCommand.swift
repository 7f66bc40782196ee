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
        First says where it ran: the CPU model, what the network code was compiled for and the \
        vector width it runs on, and whether subnormal floats are flushed to zero. Then, for the digits net (8×8) and the mnist net (28×28, on mnist5k) at batch 1 and 32: training and \
        inference samples per second (the best of several short windows) and the GFLOP/s they amount \
        to; then the seconds of training the default settings need to reach 97% (digits) / 95% \
        (mnist5k) test accuracy.
        """
    )

    @Flag(help: "One JSON object instead of tables.")
    var json = false

    @Flag(help: "Shorter measurements (about 5 s in all), for a quick look.")
    var quick = false

    @Flag(name: .customLong("keep-subnormals"),
          help: "Leave subnormal floats unflushed (slower on many CPUs), to measure what flushing them is worth.")
    var keepSubnormals = false

    struct Row: Encodable {
        var net: String
        var batch: Int
        var trainSamplesPerSecond: Double
        var trainGFLOPS: Double
        /// CPU time per training sample, all threads: what the code costs, whatever the load.
        var trainCPUMicrosecondsPerSample: Double
        var inferenceSamplesPerSecond: Double
        var inferenceGFLOPS: Double
        var inferenceCPUMicrosecondsPerSample: Double
        /// The issue's training target for this case, when it has one.
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

    /// Where the figures were measured.
    struct Machine: Encodable {
        /// The CPU's model name.
        var cpu: String
        var cores: Int
        /// What TinyCNN's kernels were compiled for, e.g. "x86-64-v3 (AVX2, FMA)".
        var build: String
        /// The vector width the kernels run on, in bits.
        var vectorBits: Int
        /// The widest vectors the CPU offers, in bits.
        var cpuVectorBits: Int
        /// Whether subnormal floats were flushed to zero while the kernels ran (read back from
        /// the control register on the measuring thread).
        var subnormalsFlushed: Bool
    }

    struct Output: Encodable {
        var machine: Machine
        var cores: Int
        /// The 1-minute load average when the run started (Linux), to judge how quiet the machine was.
        var loadAverage: Double?
        var throughput: [Row]
        var timeToAccuracy: [TimeToAccuracy]
    }

    func run() throws {
        #if DEBUG
        FileHandle.standardError.write(Data("note: this is a debug build; for representative numbers run `swift run -c release tutor bench`\n".utf8))
        #endif
        FloatEnvironment.flushesSubnormals = !keepSubnormals
        let machine = Machine(cpu: FloatEnvironment.cpuModel, cores: ProcessInfo.processInfo.activeProcessorCount,
                              build: FloatEnvironment.buildBaseline, vectorBits: FloatEnvironment.vectorBits,
                              cpuVectorBits: FloatEnvironment.cpuVectorBits,
                              subnormalsFlushed: FloatEnvironment.withSubnormalsFlushed { FloatEnvironment.subnormalsFlushed })
        let options = try DataSetOptions.parse([])
        let sets: [(DigitsDataSet.Kind, Double)] = [(.digits, 0.97), (.mnist5k, 0.95)]
        // Best of several short windows: on a shared machine the best window is the one least
        // disturbed by other processes, which is the figure that says what the code can do.
        let (windows, window) = quick ? (3, 0.15) : (6, 0.4)
        var throughput: [Row] = []
        let load = Self.loadAverage()
        if !json {
            emit(Self.format(machine))
            emit("cores \(ProcessInfo.processInfo.activeProcessorCount)\(load.map { String(format: ", load average %.2f", $0) } ?? ""); "
                 + "throughput is the best of \(windows) windows of \(window) s\n")
        }
        var accuracy: [TimeToAccuracy] = []
        for (kind, target) in sets {
            let data = try options.load(kind)
            let architecture = DemoArchitecture.forImages(side: data.train.width)
            for batch in [1, 32] {
                var config = TrainingConfiguration.defaults(for: kind)
                config.batchSize = batch
                let trainer = Trainer(network: DemoNetwork(architecture: architecture, seed: 1), configuration: config,
                                      train: data.train)
                _ = trainer.measureTrainingThroughput(seconds: 0.05)
                let trains = (0..<windows).map { _ in trainer.measureTrainingThroughput(seconds: window) }
                let infers = (0..<windows).map { _ in
                    trainer.network.measureInferenceThroughput(data.test, batchSize: batch, seconds: window / 2)
                }
                let train = trains.map(\.samplesPerSecond).max() ?? 0
                let infer = infers.map(\.samplesPerSecond).max() ?? 0
                let targets: [String: Double] = ["digits-1": 100_000, "digits-32": 350_000, "mnist-1": 10_000,
                                                 "mnist-32": 30_000]
                let row = Row(net: architecture.name, batch: batch, trainSamplesPerSecond: train,
                              trainGFLOPS: train * Double(architecture.trainingFLOPs) / 1e9,
                              trainCPUMicrosecondsPerSample: (trains.map(\.cpuSecondsPerSample).min() ?? 0) * 1e6,
                              inferenceSamplesPerSecond: infer,
                              inferenceGFLOPS: infer * Double(2 * architecture.forwardMACs) / 1e9,
                              inferenceCPUMicrosecondsPerSample: (infers.map(\.cpuSecondsPerSample).min() ?? 0) * 1e6,
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
            emit(jsonLine(Output(machine: machine, cores: ProcessInfo.processInfo.activeProcessorCount, loadAverage: load, throughput: throughput,
                                 timeToAccuracy: accuracy)) + "\n")
        }
    }

    static func grouped(_ x: Double) -> String { groupedThousands(Int(x.rounded())) }

    static func loadAverage() -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return nil }
        return text.split(separator: " ").first.flatMap { Double($0) }
    }

    static func padded(_ s: String, _ width: Int, left: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - s.count))
        return left ? s + fill : fill + s
    }

    static func format(_ m: Machine) -> String {
        "cpu \(m.cpu); kernels built for \(m.build), \(m.vectorBits)-bit vectors (the CPU has \(m.cpuVectorBits)-bit); "
            + "subnormals \(m.subnormalsFlushed ? "flushed to zero" : "kept (--keep-subnormals)")\n"
    }

    static func format(_ r: Row) -> String {
        var text = padded(r.net, 6, left: true) + " batch " + padded(String(r.batch), 2)
        text += "  train " + padded(grouped(r.trainSamplesPerSecond), 9) + " samples/s"
        text += String(format: " (%5.1f GFLOP/s, %6.2f µs CPU/sample)", r.trainGFLOPS, r.trainCPUMicrosecondsPerSample)
        text += "  inference " + padded(grouped(r.inferenceSamplesPerSecond), 9) + " samples/s"
        text += String(format: " (%5.1f GFLOP/s)", r.inferenceGFLOPS)
        if let t = r.trainTarget {
            text += "  [target " + grouped(t) + String(format: ": %.2fx]", r.trainSamplesPerSecond / t)
        }
        return text + "\n"
    }

    static func format(_ r: TimeToAccuracy) -> String {
        let reached = r.seconds.map { String(format: "%.0f%% test accuracy after %.2f s of training (epoch %d)", r.target * 100, $0, r.epoch ?? 0) }
            ?? String(format: "did not reach %.0f%% in %d epochs", r.target * 100, r.epochs)
        return padded(r.dataset, 7, left: true) + " " + reached
            + String(format: "; %.2f%% after %d epochs (%.2f s)", r.finalAccuracy * 100, r.epochs, r.totalTrainingSeconds)
            + "  [" + r.settings + "]\n"
    }
}
