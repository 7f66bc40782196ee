import Canvas
import Foundation
import Testing
import TinyCNN
@testable import TutorApp
import TestSupport
import Widgets

/// A lab that steps a window over an output map of 3×3 windows, driven by keys.
struct SteppingLab: CustomStringConvertible, Sendable {
    var description: String
    var open: @Sendable (inout AppState) -> Void
    var stepper: @Sendable (AppState) -> WindowStepper?
    /// The value of window `i`, as a learner would type it.
    var value: @Sendable (AppState, Int) -> Float?

    static let all: [SteppingLab] = [
        SteppingLab(
            description: "convolution lab",
            open: { _ = openLab(&$0, kind: .convolution, settings: [("input", "1 2 3 4; 5 6 7 8; 9 10 11 12; 13 14 15 16"), ("kernel", "1 0; 0 1")]) },
            stepper: { $0.convolutionLab?.stepper },
            value: { state, i in state.convolutionLab?.output.values[i] }),
        SteppingLab(
            description: "pooling lab",
            open: { _ = openLab(&$0, kind: .pooling, settings: [("input", "1 2 3 4 5 6; 7 8 9 10 11 12; 1 2 3 4 5 6; 7 8 9 10 11 12; 1 2 3 4 5 6; 7 8 9 10 11 12"),
                                                                  ("kernel", "2"), ("mode", "max")]) },
            stepper: { $0.poolingLab?.stepper },
            value: { state, i in state.poolingLab?.walk?.steps[i].value }),
    ]
}

/// One suite for every lab that steps a window: each window is visited and revealed whatever
/// keys move it, and "complete" is said only when the whole map shows.
@Suite struct WindowStepperTests {
    private func opened(_ lab: SteppingLab) -> AppState {
        var state = AppState(width: 100, height: 30, capabilities: .plain)
        lab.open(&state)
        return state
    }

    private func press(_ key: Key, _ state: inout AppState) {
        _ = reduce(&state, action(for: key, in: state))
    }

    @Test(arguments: SteppingLab.all)
    func downOnTheLastRowRevealsThatRowBeforeSayingTheMapIsComplete(_ lab: SteppingLab) throws {
        var state = opened(lab)
        #expect(lab.stepper(state)?.count == 9, "\(lab)")
        press(.down, &state)
        press(.down, &state)
        var stepper = try #require(lab.stepper(state))
        #expect(stepper.position == 6 && stepper.revealedThrough == 6 && state.status == nil, "\(lab): \(state.status ?? "")")
        press(.down, &state)
        stepper = try #require(lab.stepper(state))
        #expect(stepper.position == 8 && stepper.revealedThrough == 8, "\(lab): the last row's outputs stay hidden")
        #expect(state.status == "the output map is complete: r restarts", "\(lab)")
    }

    @Test(arguments: SteppingLab.all)
    func upOnTheFirstRowStaysAndSaysSo(_ lab: SteppingLab) throws {
        var state = opened(lab)
        press(.right, &state)
        press(.up, &state)
        #expect(lab.stepper(state)?.position == 0 && state.status == "this is the first window", "\(lab)")
    }

    @Test(arguments: SteppingLab.all)
    func anyKeysKeepEveryVisitedWindowRevealed(_ lab: SteppingLab) throws {
        var state = opened(lab)
        var generator = SeededGenerator(seed: 18)
        let keys: [Key] = [.right, .left, .down, .up, .enter, .character("n"), .character("N"), .character("r")]
        for move in 0..<400 {
            let key = keys[Int.random(in: 0..<keys.count, using: &generator)]
            press(key, &state)
            let stepper = try #require(lab.stepper(state))
            #expect((0..<stepper.count).contains(stepper.position), "\(lab) move \(move)")
            #expect(stepper.revealedThrough >= stepper.position, "\(lab) move \(move) \(key): window \(stepper.position) shown hidden")
            if state.status?.contains("complete") == true { #expect(stepper.isComplete, "\(lab) move \(move)") }
        }
        // Right arrows alone visit every window.
        press(.character("r"), &state)
        for _ in 0..<8 { press(.right, &state) }
        #expect(lab.stepper(state)?.isComplete == true, "\(lab)")
    }

    @Test(arguments: SteppingLab.all)
    func autoplayRevealsTheWholeMapAndStops(_ lab: SteppingLab) throws {
        var state = opened(lab)
        press(.character(" "), &state)
        for second in 0..<20 { _ = reduce(&state, .ticked(Date(timeIntervalSince1970: Double(second)))) }
        let stepper = try #require(lab.stepper(state))
        #expect(stepper.isComplete && !stepper.autoplay && stepper.position == 8, "\(lab)")
    }

    @Test(arguments: SteppingLab.all)
    func predictModeTakesTheWindowsOneAtATime(_ lab: SteppingLab) throws {
        var state = opened(lab)
        press(.character("p"), &state)
        #expect(lab.stepper(state)?.awaitingPrediction == true, "\(lab)")
        // ↓ does not skip the window waiting for its value.
        press(.down, &state)
        #expect(lab.stepper(state)?.position == 0 && state.status?.contains("prediction") == true, "\(lab)")
        let value = try #require(lab.value(state, 0))
        for ch in NumberText.compact(Double(value)) { press(.character(ch), &state) }
        press(.enter, &state)
        var stepper = try #require(lab.stepper(state))
        #expect(stepper.lastGrade?.correct == true && stepper.score.right == 1 && stepper.revealedThrough == 0, "\(lab)")
        // After a graded window, ↓ moves on to the next unpredicted one, not past it.
        press(.down, &state)
        stepper = try #require(lab.stepper(state))
        #expect(stepper.position == 1 && stepper.awaitingPrediction, "\(lab)")
        press(.character("p"), &state)
        #expect(lab.stepper(state)?.predicting == false && lab.stepper(state)?.revealedThrough == 1, "\(lab)")
    }
}

/// The convolution lab's sum line adds up from the products it shows.
@Test func theLabsSumLineIsTheSumOfTheShownProducts() throws {
    var state = AppState(width: 120, height: 40, capabilities: .plain)
    state.labSamples = SampleBank.bundled()
    _ = openLab(&state, kind: .convolution, settings: [("input", "digit:3"), ("kernel", "sobel-x")])
    let lab = try #require(state.convolutionLab)
    var carried = 0
    for position in 0..<lab.positionCount {
        state.convolutionLab?.stepper.position = position
        let products = lab.products(at: position)
        let line = try #require(render(state).lines().first { $0.contains("sum of products") }, "window \(position)")
        if line.contains("unrounded") {
            carried += 1
            let decimals = products.allSatisfy { $0 == $0.rounded() } ? 0 : 2
            let shown = products.reduce(0.0) { $0 + (Double(GridText.format($1, decimals: decimals)) ?? 0) }
            #expect(line.contains("sum of products \(GridText.format(Float(shown), decimals: 2)) (unrounded"), "window \(position): \(line)")
        }
    }
    #expect(carried > 0, "digit:3 with sobel-x has windows whose rounded products carry")
}
