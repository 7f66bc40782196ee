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
