import TinyCNN

// The JSON objects `tutor train --json` and `tutor eval --json` print, one per line.

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
    /// What went wrong and what to try, when the failure detector stopped the run.
    var failure: String?
    var hint: String?
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
        case let .failed(failure): outcome = "failed"; self.failure = failure.summary; hint = failure.hint
        }
        steps = r.steps
        trainingSeconds = r.trainingSeconds
        test = r.test.map(ReportRecord.init)
        self.saved = saved
    }
}
