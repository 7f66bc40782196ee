import ArgumentParser
import Curriculum
import Foundation
import TinyCNN

/// `tutor train`: trains a demo network headless, one line (or JSON object) per epoch, then the
/// test report.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the demo network on real handwritten digits and report its test accuracy.",
        discussion: """
        Defaults: Adam with a cosine decay of the learning rate to 5%, batch 32, seed 1; \
        digits: lr 0.01, 10 epochs; mnist: lr 0.005, 5 epochs. With --optimizer sgd the default \
        lr is 0.05. The same seed gives the same run, bit for bit.
        """
    )

    @OptionGroup var data: DataSetOptions

    @Option(parsing: .unconditional, help: "Passes over the training set (default 10 for digits, 5 for mnist).")
    var epochs: Int?

    @Option(parsing: .unconditional, help: "Samples per step.")
    var batch: Int = 32

    @Option(parsing: .unconditional, help: "Base learning rate (default for adam 0.01 on digits, 0.005 on mnist; 0.05 for sgd).")
    var lr: Float?

    @Option(help: "sgd or adam.")
    var optimizer: OptimizerName = .adam

    @Option(parsing: .unconditional, help: "SGD momentum.")
    var momentum: Float = 0.9

    @Option(help: "Learning-rate schedule: constant, step (x0.5 every 3 epochs) or cosine.")
    var schedule: ScheduleName = .cosine

    @Flag(help: "Shift training images by up to 2 pixels and rotate them by up to 10 degrees.")
    var augment = false

    @Option(help: "Seed for the initial weights, the shuffles and the augmentation.")
    var seed: UInt64 = 1

    @Option(parsing: .unconditional, help: ArgumentHelp("Stop when the loss on a held-out 10% of the training set has not improved for N epochs.", valueName: "N"))
    var earlyStop: Int?

    @Option(help: ArgumentHelp("Save the trained model to FILE (JSON).", valueName: "FILE"))
    var save: String?

    @Flag(help: "One JSON object per epoch and a final one, instead of text.")
    var json = false

    /// The optimizers `--optimizer` names.
    enum OptimizerName: String, ExpressibleByArgument, CaseIterable { case sgd, adam }

    /// The learning-rate schedules `--schedule` names.
    enum ScheduleName: String, ExpressibleByArgument, CaseIterable { case constant, step, cosine }

    /// The largest `--epochs` and `--batch` (far beyond any useful run, far below an overflow).
    static let maximumEpochs = Limits.epochs
    static let maximumBatch = Limits.batch

    func validate() throws {
        if let epochs, !(1...Self.maximumEpochs).contains(epochs) {
            throw ValidationError("--epochs must be between 1 and \(Self.maximumEpochs) (got \(epochs))")
        }
        if !(1...Self.maximumBatch).contains(batch) {
            throw ValidationError("--batch must be between 1 and \(Self.maximumBatch) (got \(batch))")
        }
        if let lr, !(lr > 0 && lr.isFinite) { throw ValidationError("--lr must be a positive number") }
        if !(momentum >= 0 && momentum < 1) { throw ValidationError("--momentum must be in [0, 1)") }
        if let earlyStop, !(1...Self.maximumEpochs).contains(earlyStop) {
            throw ValidationError("--early-stop must be between 1 and \(Self.maximumEpochs) (got \(earlyStop))")
        }
    }

    /// The run's configuration from the flags and the data set's defaults.
    func configuration(for kind: DigitsDataSet.Kind) -> TrainingConfiguration {
        let choice: OptimizerChoice = optimizer == .sgd ? .sgd(momentum: momentum, nesterov: false) : .adamDefaults
        var config = TrainingConfiguration.defaults(for: kind, optimizer: choice)
        if let epochs { config.epochs = epochs }
        config.batchSize = batch
        config.seed = seed
        if let lr { config.learningRate = lr }
        switch schedule {
        case .constant: config.schedule = .constant
        case .step: config.schedule = .step(epochs: 3, gamma: 0.5)
        case .cosine: config.schedule = .cosine(floor: 0.05)
        }
        config.augmentation = augment ? .standard : nil
        config.earlyStoppingPatience = earlyStop
        return config
    }

    func run() throws {
        let kind = try data.kind() ?? .digits
        let set = try data.load(kind)
        let config = configuration(for: kind)
        guard set.train.width == set.train.height, set.train.width % 4 == 0, set.train.width <= 256 else {
            throw CLIError.input("\(set.train.name): \(set.train.height)x\(set.train.width) images; the demo nets take square images whose side is a multiple of 4 (up to 256)")
        }
        let architecture = DemoArchitecture.forImages(side: set.train.width)
        if config.earlyStoppingPatience != nil, set.train.count < 10 {
            throw CLIError.input("--early-stop holds out 10% of the training set for validation; \(set.train.name) has only \(set.train.count) image\(set.train.count == 1 ? "" : "s")")
        }
        // Resolved before training, so a refused path costs no training time.
        let saveURL = try save.map { path in
            do { return try WriteTarget.resolve(URL(fileURLWithPath: path)) } catch { throw CLIError.input("--save \(error)") }
        }
        var train = set.train
        var validation: DataSet?
        if config.earlyStoppingPatience != nil {
            (train, validation) = Self.holdOut(set.train, fraction: 0.1, seed: config.seed)
        }
        let network = DemoNetwork(architecture: architecture, seed: seed)
        let trainer = Trainer(network: network, configuration: config, train: train, test: set.test, validation: validation)
        let progress = ProgressLine(enabled: !json && stdoutIsTerminal, epochs: config.epochs)
        if !json {
            emit("Training the \(architecture.name) net (\(network.parameterCount) parameters) on \(set.kind.rawValue): "
                 + "\(train.count) training, \(set.test.count) test images\n")
            emit(config.summary + "\n")
        }
        let result = trainer.run(
            snapshots: progress.enabled ? SnapshotRequest(every: 1) : nil,
            onSnapshot: { progress.update($0) },
            onEpoch: { summary in
                progress.clear()
                emit(json ? jsonLine(EpochRecord(summary, epochs: config.epochs)) + "\n" : Self.line(summary, epochs: config.epochs))
            })
        progress.clear()
        if let save {
            do {
                var metadata = ["dataset": set.kind.rawValue, "seed": String(config.seed),
                                "optimizer": config.optimizer.name, "epochs": String(result.epochs.count)]
                if let test = result.test { metadata["testAccuracy"] = String(format: "%.4f", test.accuracy) }
                try result.network.save(to: saveURL ?? URL(fileURLWithPath: save), metadata: metadata)
            } catch {
                throw CLIError.input("\(save): cannot write the model file (\((error as NSError).localizedDescription))")
            }
        }
        if json {
            emit(jsonLine(FinalRecord(result, saved: save)) + "\n")
        } else {
            emit(Self.outcomeLine(result))
            if let report = result.test { emit("\n" + report.formatted() + "\n") }
            if let save { emit("\nSaved the model to \(save)\n") }
        }
        switch result.outcome {
        case .diverged, .failed: throw ExitCode(1)
        case .completed, .stopped, .earlyStopped: break
        }
    }

    static func line(_ s: EpochSummary, epochs: Int) -> String {
        let digits = String(epochs).count
        let epoch = String(repeating: " ", count: digits - String(s.epoch + 1).count) + String(s.epoch + 1)
        var text = String(format: "epoch %@/%d  loss %.4f  train %6.2f%%", epoch, epochs, s.trainLoss, s.trainAccuracy * 100)
        if let acc = s.testAccuracy { text += String(format: "  test %6.2f%%", acc * 100) }
        if let v = s.validationLoss { text += String(format: "  val loss %.4f", v) }
        text += String(format: "  %8.0f samples/s  %.2f s\n", s.samplesPerSecond, s.elapsed)
        return text
    }

    static func outcomeLine(_ r: TrainingResult) -> String {
        switch r.outcome {
        case .completed:
            return String(format: "Trained %d steps in %.2f s of training.\n", r.steps, r.trainingSeconds)
        case .stopped:
            return "Stopped after \(r.steps) steps.\n"
        case let .earlyStopped(best):
            return "Stopped early: the validation loss last improved in epoch \(best + 1); keeping that epoch's weights.\n"
        case let .diverged(step, epoch, loss):
            return "Diverged: the loss became \(loss) at step \(step) (epoch \(epoch + 1)). Try a smaller --lr.\n"
        case let .failed(failure):
            return "Stopped: \(failure.summary).\nHint: \(failure.hint) (--lr, --optimizer sgd).\n"
        }
    }

    /// Splits off the last `fraction` of a seeded shuffle of `set` as a validation set.
    static func holdOut(_ set: DataSet, fraction: Double, seed: UInt64) -> (DataSet, DataSet) {
        var generator = SeededGenerator(seed: seed ^ 0x7661_6C69_6461_7465)
        var order = Array(0..<set.count)
        order.shuffle(using: &generator)
        let cut = set.count - max(1, Int(Double(set.count) * fraction))
        func subset(_ indices: ArraySlice<Int>, _ name: String) -> DataSet {
            var images: [Float] = []
            images.reserveCapacity(indices.count * set.pixelCount)
            for i in indices { images.append(contentsOf: set.image(at: i)) }
            return DataSet(name: name, height: set.height, width: set.width, images: images, labels: indices.map { set.labels[$0] })
        }
        return (subset(order[..<cut], set.name), subset(order[cut...], set.name + " (validation)"))
    }
}
