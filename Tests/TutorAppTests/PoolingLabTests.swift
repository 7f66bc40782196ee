import Canvas
import Foundation
import Testing
import TestSupport
import TinyCNN
@testable import TutorApp
@testable import Widgets

private let grid = LabGrid(name: "m", rows: 4, columns: 4, values: [1, 3, 2, 0, 4, 0, 1, 2, 0, 5, 3, 1, 2, 1, 0, 6])

@Test func maxPoolingStepsThroughTheWindowsAndHighlightsTheMaximum() throws {
    var state = AppState(width: 80, height: 24, capabilities: .plain)
    _ = reduce(&state, .labRequested(kind: "pooling", settings: [("input", "1 3 2 0; 4 0 1 2; 0 5 3 1; 2 1 0 6"), ("kernel", "2"), ("mode", "max")]))
    #expect(state.route == .poolingLab)
    // Hand-computed 2×2 max pooling, stride 2: [[4, 2], [5, 6]].
    let expected: [(String, String)] = [("0,0", "4.00"), ("0,1", "2.00"), ("1,0", "5.00"), ("1,1", "6.00")]
    for (at, value) in expected {
        let text = render(state).text
        #expect(text.contains("out[\(at)] = max of the window = \(value)"), "window \(at) in\n\(text)")
        _ = reduce(&state, action(for: .character("n"), in: state))
    }
    #expect(state.status?.contains("complete") == true)
}

@Test func averagePoolingDividesByTheWholeWindow() throws {
    var lab = PoolingLabState(input: grid, mode: .avg, kernel: 2, stride: 1, padding: 1)
    // Padded 6×6, window 2×2, stride 1: 5×5 outputs; the first window holds only input[0,0] = 1.
    #expect(lab.walk?.output.rows == 5)
    #expect(lab.walk?.steps[0].value == 0.25)
    var state = AppState(width: 80, height: 24, capabilities: .plain)
    state.poolingLab = lab
    state.routes.append(.poolingLab)
    #expect(render(state).text.contains("out[0,0] = sum 1.00 / 4 = 0.25"))
    #expect(render(state).text.contains("pad"))
    // Every value equals TinyCNN's AvgPool2D.
    let pool = AvgPool2D(kernelSize: 2, stride: 1, padding: 1)
    let y = pool.forward(Tensor(shape: [1, 1, 4, 4], storage: grid.values), training: false)
    #expect(lab.walk?.output.values == y.storage)
    _ = lab.apply(.increasePressed, samples: SampleBank())   // focus is the mode: max
    #expect(lab.mode == .max)
}

@Test func poolingLabRendersAt80x24() {
    var state = AppState(width: 80, height: 24, capabilities: .plain)
    state.labSamples = SampleBank.bundled()
    _ = reduce(&state, .labRequested(kind: "pooling", settings: [("input", "digit:7")]))
    _ = reduce(&state, .poolingLab(.nextWindowPressed))
    #expect(Snapshot.verify(Snapshot.describe(render(state), styles: false), named: "labs/pooling-80x24-plain") == nil)
}

@Test func predictModeHidesTheMaximumAndGrades() throws {
    var state = AppState(width: 80, height: 24, capabilities: .plain)
    _ = reduce(&state, .labRequested(kind: "pooling", settings: [("input", "1 3 2 0; 4 0 1 2; 0 5 3 1; 2 1 0 6"), ("kernel", "2")]))
    _ = reduce(&state, action(for: .character("p"), in: state))
    #expect(state.poolingLab?.awaitingPrediction == true)
    var text = render(state).text
    #expect(text.contains("out[0,0] = max of the window = ?   your prediction: _"))
    // Right: 4.
    _ = reduce(&state, action(for: .character("4"), in: state))
    _ = reduce(&state, action(for: .enter, in: state))
    text = render(state).text
    #expect(text.contains("= 4.00") && text.contains("right"))
    // Next window: wrong (3, the truth is 2).
    _ = reduce(&state, action(for: .enter, in: state))
    _ = reduce(&state, action(for: .character("3"), in: state))
    _ = reduce(&state, action(for: .enter, in: state))
    #expect(state.poolingLab?.lastGrade?.correct == false && state.poolingLab?.lastGrade?.truth == 2)
    #expect(render(state).text.contains("you said 3.00"))
    #expect(state.poolingLab?.score.right == 1 && state.poolingLab?.score.asked == 2)
    // Esc while a value is awaited ends predict mode and stays in the lab.
    _ = reduce(&state, action(for: .enter, in: state))
    _ = reduce(&state, action(for: .escape, in: state))
    #expect(state.route == .poolingLab && state.poolingLab?.predicting == false)
}
