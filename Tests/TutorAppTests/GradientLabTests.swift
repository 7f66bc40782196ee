import Canvas
import Foundation
import Testing
import TestSupport
import TinyCNN
@testable import TutorApp

/// The training lesson's example: input 3×3, kernel "1 -1; 0 2", dL/dY "1 0; -1 2".
private let lessonSettings = [("input", "1 2 0; 0 1 3; 2 1 1"), ("kernel", "1 -1; 0 2"), ("grad", "1 0; -1 2"), ("lr", "0.1")]

private func openLessonLab() -> AppState {
    var state = AppState(width: 80, height: 24, capabilities: .plain)
    _ = reduce(&state, .labRequested(kind: "gradient", settings: lessonSettings))
    return state
}

@Test func gradientLabStepsThroughEveryTapEveryCellTheBiasAndTheUpdate() throws {
    var state = openLessonLab()
    #expect(state.route == .lab(.gradient))
    #expect(state.status == nil, "\(state.status ?? "")")
    let lab = try #require(state.gradientLab)
    #expect(lab.partCounts == [4, 9, 1, 1])
    // Hand-computed: dW = [[3, 7], [0, 2]], dX = [[1, −1, 0], [−1, 5, −2], [0, −2, 4]], db = 2, W[0,0] − 0.1·3 = 0.7.
    let expected: [String] = [
        "dW[0,0] = 1·1 + 0·2 + (-1)·0 + 2·1 = 3", "dW[0,1] = 1·2 + 0·0 + (-1)·1 + 2·3 = 7",
        "dW[1,0] = 1·0 + 0·1 + (-1)·2 + 2·1 = 0", "dW[1,1] = 1·1 + 0·3 + (-1)·1 + 2·1 = 2",
        "dX[0,0] = 1·1 = 1", "dX[0,1] = 1·(-1) + 0·1 = -1", "dX[0,2] = 0·(-1) = 0",
        "dX[1,0] = 1·0 + (-1)·1 = -1", "dX[1,1] = 1·2 + 0·0 + (-1)·(-1) + 2·1 = 5", "dX[1,2] = 0·2 + 2·(-1) = -2",
        "dX[2,0] = (-1)·0 = 0", "dX[2,1] = (-1)·2 + 2·0 = -2", "dX[2,2] = 2·2 = 4",
        "db = 1 + 0 + (-1) + 2 = 2", "W[0,0] = 1 − 0.1·3 = 0.700",
    ]
    var visited: [String] = []
    for line in expected {
        let text = render(state).text
        #expect(text.contains(line), "expected \(line) in\n\(text)")
        visited.append("\(state.gradientLab?.position ?? -1)")
        _ = reduce(&state, action(for: .character("n"), in: state))
    }
    // Each item once, in order; then the walk is complete.
    #expect(visited == (0..<15).map(String.init))
    #expect(state.gradientLab?.stepper.isComplete == true)
    #expect(state.status?.contains("complete") == true)
}

@Test func gradientLabPartsJumpAndRowsFollowTheGrid() throws {
    var state = openLessonLab()
    _ = reduce(&state, action(for: .character("]"), in: state))
    #expect(state.gradientLab?.locate(state.gradientLab!.position).part == .inputs)
    // ↓ in the input part moves a whole input row (3 cells).
    _ = reduce(&state, action(for: .down, in: state))
    #expect(state.gradientLab?.locate(state.gradientLab!.position).index == 3)
    _ = reduce(&state, action(for: .character("]"), in: state))
    _ = reduce(&state, action(for: .character("]"), in: state))
    #expect(state.gradientLab?.locate(state.gradientLab!.position).part == .update)
    #expect(render(state).text.contains("kernel before"))
    _ = reduce(&state, action(for: .character("["), in: state))
    #expect(state.gradientLab?.locate(state.gradientLab!.position).part == .bias)
    // Every item before the jump target was revealed on the way.
    #expect(state.gradientLab?.revealedThrough ?? 0 >= 13)
}

@Test func gradientLabPredictModeGradesEachValue() throws {
    var state = openLessonLab()
    _ = reduce(&state, action(for: .character("p"), in: state))
    #expect(state.gradientLab?.awaitingPrediction == true)
    #expect(render(state).text.contains("dW[0,0] = ?   your prediction: _"))
    for ch in "3" { _ = reduce(&state, action(for: .character(ch), in: state)) }
    _ = reduce(&state, action(for: .enter, in: state))
    #expect(state.gradientLab?.lastGrade?.correct == true)
    _ = reduce(&state, action(for: .enter, in: state))
    for ch in "6" { _ = reduce(&state, action(for: .character(ch), in: state)) }
    _ = reduce(&state, action(for: .enter, in: state))
    #expect(state.gradientLab?.lastGrade?.correct == false && state.gradientLab?.lastGrade?.truth == 7)
    #expect(render(state).text.contains("you said 6"))
    #expect(state.gradientLab?.score.right == 1 && state.gradientLab?.score.asked == 2)
    // Esc while the next value is awaited ends predict mode and stays in the lab.
    _ = reduce(&state, action(for: .enter, in: state))
    _ = reduce(&state, action(for: .escape, in: state))
    #expect(state.route == .lab(.gradient) && state.gradientLab?.predicting == false)
}

@Test func gradientLabValuesEqualTheLayersBackward() throws {
    let lab = try #require(openLessonLab().gradientLab)
    let walk = try #require(lab.walk)
    let conv = Conv2D(inChannels: 1, filters: 1, kernelSize: 2)
    conv.weight.value = Tensor(shape: [1, 1, 2, 2], storage: [1, -1, 0, 2])
    _ = conv.forward(Tensor(shape: [1, 1, 3, 3], storage: [1, 2, 0, 0, 1, 3, 2, 1, 1]), training: true)
    let dX = conv.backward(Tensor(shape: [1, 1, 2, 2], storage: [1, 0, -1, 2]))
    #expect(walk.inputGradient[0].values == dX.storage)
    #expect(walk.weightGradient[0].values == conv.weight.grad.storage)
}

@Test func gradientLabSettingsAreCheckedAndChangeLive() throws {
    var state = AppState(width: 80, height: 24, capabilities: .plain)
    _ = reduce(&state, .labRequested(kind: "gradient", settings: [("grad", "1 2 3"), ("stride", "9")]))
    #expect(state.status?.contains("grad") == true && state.status?.contains("stride") == true, "\(state.status ?? "")")
    #expect(state.gradientLab?.walk != nil, "the lab opens on its defaults")
    // The upstream choice cycles ones → random; random values are whole numbers −2…2.
    var lab = try #require(state.gradientLab)
    #expect(lab.focus == .upstream)
    let note = lab.apply(.increasePressed, samples: SampleBank())
    #expect(note == nil, "\(note ?? "")")
    #expect(lab.upstreamChoice == .random(seed: 1))
    #expect(lab.walk?.upstream.values.allSatisfy { (-2...2).contains($0) && $0 == $0.rounded() } == true)
    // Stride 2 on the 3×3 example: one window, so only the corner cells get gradient.
    lab.focus = .stride
    _ = lab.apply(.increasePressed, samples: SampleBank())
    #expect(lab.stride == 2 && lab.walk?.upstream.rows == 1)
    #expect(lab.walk?.inputCells.filter { $0.terms.isEmpty }.count == 5)
}

@Test func gradientLabRendersAt80x24() {
    var state = openLessonLab()
    for _ in 0..<9 { _ = reduce(&state, .gradientLab(.nextWindowPressed)) }
    #expect(Snapshot.verify(Snapshot.describe(render(state), styles: false), named: "labs/gradient-80x24-plain") == nil)
    _ = reduce(&state, .gradientLab(.fullCorrelationToggled))
    let text = render(state).text
    #expect(text.contains("kernel rotated 180°") && text.contains("stretched dL/dY"))
}
