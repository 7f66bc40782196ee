import Canvas
import Foundation

/// A window stepping over an output map, row by row, shared by the convolution and pooling labs
/// (and any lab that walks windows): where the window is, which outputs are revealed, autoplay,
/// and predict mode with its answer and score.
///
/// The rule that keeps the map honest: outputs `0...revealedThrough` are shown, and outside predict
/// mode every move reveals each window up to the one it reaches, whatever key made it (`→`, `↓`,
/// Enter, autoplay). So "the output map is complete" is said only when every output shows.
public struct WindowStepper: Sendable {
    /// The verdict on the last prediction.
    public struct Grade: Hashable, Sendable {
        public var position: Int
        public var answer: Float
        public var truth: Float
        public var correct: Bool
    }

    /// How many windows (output values) there are; 0 when the settings allow none.
    public private(set) var count = 0
    /// Outputs per row of the map (what `↓` skips).
    public private(set) var columns = 1
    /// Why there are no windows, when there are none.
    public private(set) var unavailable: String?
    /// The window shown, in output order (row by row).
    public var position = 0
    /// Outputs `0...revealedThrough` are shown on the output map (-1: none).
    public var revealedThrough = 0
    public var autoplay = false
    public var lastAutoStep: Date?
    /// Predict mode: each value is typed before it is shown, and graded.
    public var predicting = false
    public var answer = ""
    public var lastGrade: Grade?
    public var score = (right: 0, asked: 0)

    public init() {}

    /// Whether the current window's value is hidden, waiting for a prediction.
    public var awaitingPrediction: Bool { predicting && count > 0 && position > revealedThrough }

    /// Whether every output is on the map.
    public var isComplete: Bool { count > 0 && revealedThrough >= count - 1 }

    /// Takes a recomputed map of `count` windows in rows of `columns` (or none, and why), keeping
    /// the window in range.
    public mutating func fit(count: Int, columns: Int, unavailable: String? = nil) {
        self.count = unavailable == nil ? max(0, count) : 0
        self.columns = max(1, columns)
        self.unavailable = unavailable
        guard self.count > 0 else {
            position = 0
            revealedThrough = -1
            return
        }
        position = min(max(0, position), self.count - 1)
        revealedThrough = min(revealedThrough, self.count - 1)
        if !predicting { revealedThrough = max(revealedThrough, position) }
    }

    /// Back to the first window after a setting changed: nothing predicted yet, no grade.
    public mutating func settingsChanged() {
        position = 0
        revealedThrough = predicting ? -1 : 0
        lastGrade = nil
    }

    /// Moves the window by `delta` windows; returns a status line when it cannot go all the way.
    public mutating func step(by delta: Int) -> String? {
        guard count > 0 else { return "no windows: \(unavailable ?? "no output")" }
        if predicting && delta > 0 && awaitingPrediction { return "type your prediction for this window first, then Enter" }
        var target = position + delta
        // In predict mode the window goes on one unpredicted output at a time.
        if predicting && target > revealedThrough + 1 { target = revealedThrough + 1 }
        guard target >= 0 else {
            position = 0
            return "this is the first window"
        }
        guard target < count else {
            position = count - 1
            autoplay = false
            if !predicting { revealedThrough = count - 1 }
            return isComplete ? "the output map is complete: r restarts" : nil
        }
        position = target
        if !predicting {
            revealedThrough = max(revealedThrough, position)
            lastGrade = nil
        }
        return nil
    }

    /// Moves the window `rows` rows down (up when negative), along the map's rows.
    public mutating func moveRows(_ rows: Int) -> String? {
        step(by: rows * columns)
    }

    /// `r`: back to the first window, score cleared.
    public mutating func restart() {
        position = 0
        revealedThrough = predicting ? -1 : 0
        autoplay = false
        lastGrade = nil
        answer = ""
        score = (0, 0)
    }

    /// Space: autoplay on or off (from the start when the map is complete).
    public mutating func toggleAutoplay() -> String? {
        if predicting { return "autoplay is off in predict mode: type each value, then Enter" }
        autoplay.toggle()
        lastAutoStep = nil
        if autoplay && position >= count - 1 { position = 0 }
        return nil
    }

    /// A tick: one step when autoplay is on and `interval` seconds have passed since the last.
    public mutating func tick(_ now: Date, interval: Double) -> String? {
        guard autoplay else { return nil }
        if let last = lastAutoStep, now.timeIntervalSince(last) < interval { return nil }
        lastAutoStep = now
        return step(by: 1)
    }

    /// `p`: predict mode on or off; `what` names the value to type ("output value").
    public mutating func togglePredicting(what: String) -> String {
        predicting.toggle()
        autoplay = false
        answer = ""
        lastGrade = nil
        revealedThrough = predicting ? position - 1 : max(revealedThrough, position)
        return predicting ? "predict mode: type the \(what) of the highlighted window, then Enter" : "predict mode off"
    }

    /// A character of the prediction (digits, one `.`, a leading `-`).
    public mutating func type(_ ch: Character) {
        guard awaitingPrediction, answer.count < 12 else { return }
        if ch == "-" && !answer.isEmpty { return }
        if ch == "." && answer.contains(".") { return }
        answer.append(ch)
    }

    public mutating func erase() {
        if !answer.isEmpty { answer.removeLast() }
    }

    /// Enter: grades the typed prediction against `truth` (with `accepts` deciding) and reveals
    /// the window; outside a prediction, the next window.
    public mutating func submit(truth: (Int) -> Float, accepts: (Float, Int) -> Bool, example: String) -> String? {
        guard awaitingPrediction else { return step(by: 1) }
        guard let value = Float(answer) else { return "type a number such as \(example), then Enter" }
        let correct = accepts(value, position)
        lastGrade = Grade(position: position, answer: value, truth: truth(position), correct: correct)
        score.asked += 1
        if correct { score.right += 1 }
        revealedThrough = position
        answer = ""
        return nil
    }
}

/// A lab whose window steps with a `WindowStepper`: its stepping state reads as the lab's own
/// (`lab.position`, `lab.predicting`), defined once here for every such lab.
public protocol WindowStepping {
    var stepper: WindowStepper { get set }
}

extension WindowStepping {
    // Read-only: the stepper's methods make every change, so the rules above hold.
    public var position: Int { stepper.position }
    public var revealedThrough: Int { stepper.revealedThrough }
    public var autoplay: Bool { stepper.autoplay }
    public var predicting: Bool { stepper.predicting }
    public var answer: String { stepper.answer }
    public var lastGrade: WindowStepper.Grade? { stepper.lastGrade }
    public var score: (right: Int, asked: Int) { stepper.score }
    public var awaitingPrediction: Bool { stepper.awaitingPrediction }
    /// The number of window positions (output values).
    public var positionCount: Int { stepper.count }
}

/// The actions every stepping lab has; the labs' action enums conform with their cases.
protocol SteppingLabAction: Sendable {
    static var nextWindowPressed: Self { get }
    static var previousWindowPressed: Self { get }
    static var autoplayToggled: Self { get }
    static var restartPressed: Self { get }
    static var predictModeToggled: Self { get }
    static func answerTyped(_ character: Character) -> Self
    static var answerErased: Self { get }
    static var answerSubmitted: Self { get }
    static var nextFieldPressed: Self { get }
    static var previousFieldPressed: Self { get }
    static var increasePressed: Self { get }
    static var decreasePressed: Self { get }
    static var valueViewToggled: Self { get }
}

extension SteppingLabAction {
    /// A key while a prediction is awaited: a character of the number (digits, `.`, `-`), erase,
    /// submit, or leave predict mode; nil for other keys.
    static func predictionAction(for key: Key) -> Self? {
        switch key {
        case .character(let c) where c.isNumber || c == "." || c == "-": return .answerTyped(c)
        case .backspace, .delete: return .answerErased
        case .enter: return .answerSubmitted
        case .character("p"), .escape: return .predictModeToggled
        default: return nil
        }
    }

    /// The stepping keys' bindings (the help's "Stepping" section); `rows` is the action of `↓`
    /// (1) and `↑` (-1), `autoplayKeys` and `autoplayHelp` name the autoplay keys.
    static func steppingBindings<Subject: WindowStepping>(in _: Subject.Type, rows: @escaping @Sendable (Int) -> Self, autoplayKeys: String = "Space",
                                                         autoplayHelp: String = "autoplay on or off", restartRank: Int) -> [KeyBinding<Subject, Self>] {
        [
            KeyBinding([.right, .character("n"), .enter], "→ n Enter", "next window", footer: ("→ n", "next", rank: 0)) { key, lab in
                key == .enter && lab.predicting ? .answerSubmitted : .nextWindowPressed
            },
            KeyBinding([.left, .character("N")], "← N", "previous window", footer: ("← N", "back", rank: 1), .previousWindowPressed),
            KeyBinding([.down, .up], "↓ ↑", "a whole output row on or back") { key, _ in rows(key == .down ? 1 : -1) },
            KeyBinding([.character(" ")], autoplayKeys, autoplayHelp, footer: ("Space", "play", rank: 2), .autoplayToggled),
            KeyBinding([.character("r")], "r", "restart from the first window", footer: ("r", "restart", rank: restartRank), .restartPressed),
        ]
    }

    /// The settings keys every stepping lab has (`Tab`, `+ -`, `v`, `p`); `fields` lists what
    /// `Tab` chooses from.
    static func settingBindings<Subject: WindowStepping>(in _: Subject.Type, fields: String) -> [KeyBinding<Subject, Self>] {
        [
            KeyBinding([.tab, .backTab], "Tab Shift-Tab", fields, footer: ("Tab + -", "settings", rank: 3)) { key, _ in
                key == .tab ? .nextFieldPressed : .previousFieldPressed
            },
            KeyBinding([.character("+"), .character("="), .character("-")], "+ -", "change the chosen setting") { key, _ in
                key == .character("-") ? .decreasePressed : .increasePressed
            },
            KeyBinding([.character("v")], "v", "values as numbers or as a heatmap", footer: ("v", "numbers", rank: 6), .valueViewToggled),
            KeyBinding([.character("p")], "p", "predict mode: type each output, Enter", footer: ("p", "predict", rank: 4), .predictModeToggled),
        ]
    }
}
