import Foundation
import TinyCNN

/// A one-line progress bar redrawn in place on a terminal (at most ten times a second);
/// does nothing when disabled (stdout not a TTY, or JSON output).
final class ProgressLine {
    let enabled: Bool
    let epochs: Int
    private var lastDraw = 0.0
    private var drawn = false

    init(enabled: Bool, epochs: Int) {
        self.enabled = enabled
        self.epochs = epochs
    }

    func update(_ s: TrainingSnapshot) {
        guard enabled else { return }
        let now = Date().timeIntervalSinceReferenceDate
        guard now - lastDraw >= 0.1 || s.stepInEpoch == s.stepsPerEpoch else { return }
        lastDraw = now
        let width = 30
        let filled = s.stepsPerEpoch == 0 ? 0 : width * s.stepInEpoch / s.stepsPerEpoch
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let text = String(format: "\r\u{1B}[Kepoch %d/%d [%@] %d/%d  loss %.4f  acc %.1f%%",
                          s.epoch + 1, epochs, bar, s.stepInEpoch, s.stepsPerEpoch, s.runningLoss, s.runningAccuracy * 100)
        emit(text)
        drawn = true
    }

    /// Erases the bar so that a normal line can be printed.
    func clear() {
        guard enabled, drawn else { return }
        emit("\r\u{1B}[K")
        drawn = false
    }
}

/// `tutor train --json`: one per epoch.
struct EpochRecord: Encodable {
    var type = "epoch"
    var epoch: Int
    var epochs: Int
    var loss: Double
    var trainAccuracy: Double
    var testAccuracy: Double?
    var testLoss: Double?
    var validationLoss: Double?
    var learningRate: Float
    var samplesPerSecond: Double
    var elapsedSeconds: Double

    init(_ s: EpochSummary, epochs: Int) {
        epoch = s.epoch + 1
        self.epochs = epochs
        loss = s.trainLoss
        trainAccuracy = s.trainAccuracy
        testAccuracy = s.testAccuracy
        testLoss = s.testLoss
        validationLoss = s.validationLoss
        learningRate = s.learningRate
        samplesPerSecond = s.samplesPerSecond
        elapsedSeconds = s.elapsed
    }
}

/// The test report as JSON (`train --json`'s final object and `eval --json`).
struct ReportRecord: Encodable {
    var accuracy: Double
    var loss: Double
    var correct: Int
    var total: Int
    var confusion: [[Int]]
    var perClass: [ClassMetrics]
    var macroF1: Double
    var misclassified: [Int]

    init(_ r: EvaluationReport) {
        accuracy = r.accuracy
        loss = r.loss
        correct = r.confusion.correct
        total = r.confusion.total
        confusion = r.confusion.counts
        perClass = r.perClass
        macroF1 = r.confusion.macroF1
        misclassified = r.misclassified
    }
}

/// `tutor train --json`: the last line.
struct FinalRecord: Encodable {
    var type = "final"
    var outcome: String
    var divergedAtStep: Int?
    var bestEpoch: Int?
    var steps: Int
    var trainingSeconds: Double
    var test: ReportRecord?
    var saved: String?

    init(_ r: TrainingResult, saved: String?) {
        switch r.outcome {
        case .completed: outcome = "completed"
        case .stopped: outcome = "stopped"
        case let .earlyStopped(best): outcome = "early-stopped"; bestEpoch = best + 1
        case let .diverged(step, _, _): outcome = "diverged"; divergedAtStep = step
        }
        steps = r.steps
        trainingSeconds = r.trainingSeconds
        test = r.test.map(ReportRecord.init)
        self.saved = saved
    }
}
