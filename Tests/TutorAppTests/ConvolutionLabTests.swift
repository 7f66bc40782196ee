import Canvas
import Foundation
import Testing
import TestSupport
@testable import TutorApp
@testable import Widgets
import TinyCNN

/// The convolution of the textbook definition, written out loop by loop: the oracle the lab's
/// TinyCNN-computed values are checked against.
private func naiveConvolution(_ input: LabGrid, _ kernel: LabGrid, stride: Int, padding: Int, dilation: Int, bias: Float)
    -> (rows: Int, columns: Int, values: [Float], topLeft: [(Int, Int)]) {
    let spanH = dilation * (kernel.rows - 1) + 1, spanW = dilation * (kernel.columns - 1) + 1
    var values: [Float] = [], corners: [(Int, Int)] = []
    var rows = 0, columns = 0
    var r = 0
    while r + spanH <= input.rows + 2 * padding {
        rows += 1
        columns = 0
        var c = 0
        while c + spanW <= input.columns + 2 * padding {
            columns += 1
            var sum: Double = 0
            for a in 0..<kernel.rows {
                for b in 0..<kernel.columns {
                    let y = r + a * dilation - padding, x = c + b * dilation - padding
                    let v: Float = (y >= 0 && y < input.rows && x >= 0 && x < input.columns) ? input[y, x] : 0
                    sum += Double(v) * Double(kernel[a, b])
                }
            }
            values.append(Float(sum) + bias)
            corners.append((r, c))
            c += stride
        }
        r += stride
    }
    return (rows, columns, values, corners)
}

private func labState(_ lab: ConvolutionLabState, width: Int = 100, height: Int = 30) -> AppState {
    var state = AppState(width: width, height: height, capabilities: .plain)
    state.convolutionLab = lab
    state.routes.append(.convolutionLab)
    return state
}

private let ramp5 = LabGrid(name: "m", rows: 5, columns: 5, values: (0..<25).map { Float($0 % 7) - 2 })

@Test func steppingWithStride2Padding1VisitsExactlyTheRightWindows() throws {
    // 5×5 input, 3×3 kernel, stride 2, padding 1: padded 7×7, output 3×3, windows at rows and
    // columns 0, 2, 4 of the padded input.
    let kernel = try #require(LabPresets.kernel(named: "sobel-x"))
    var state = labState(ConvolutionLabState(input: ramp5, kernel: kernel, stride: 2, padding: 1))
    var visited: [(Int, Int)] = []
    for _ in 0..<12 {
        let lab = try #require(state.convolutionLab)
        let cells = lab.windowCells(of: lab.position)
        visited.append((cells[0].row, cells[0].column))
        _ = reduce(&state, .convolutionLab(.nextWindowPressed))
    }
    let expected = [(0, 0), (0, 2), (0, 4), (2, 0), (2, 2), (2, 4), (4, 0), (4, 2), (4, 4)]
    #expect(visited.prefix(9).map { "\($0)" } == expected.map { "\($0)" })
    // Past the end the window stays on the last position and says the map is complete.
    #expect(visited.suffix(3).allSatisfy { $0 == (4, 4) })
    #expect(state.status?.contains("complete") == true)
}

@Test func everyWindowAndValueMatchesTheDefinitionForEverySmallCase() throws {
    var checked = 0
    for size in 3...6 {
        for k in 1...3 {
            for stride in 1...3 {
                for padding in 0...2 {
                    for dilation in 1...2 {
                        let input = LabGrid(name: "t", rows: size, columns: size + 1, values: (0..<(size * (size + 1))).map { Float(($0 * 7) % 11) - 5 })
                        let kernel = LabGrid(name: "k", rows: k, columns: k, values: (0..<(k * k)).map { Float(($0 * 3) % 5) - 2 })
                        let oracle = naiveConvolution(input, kernel, stride: stride, padding: padding, dilation: dilation, bias: 0.5)
                        var lab = ConvolutionLabState(input: input, kernel: kernel, stride: stride, padding: padding, dilation: dilation, bias: 0.5)
                        let name = "size \(size)×\(size + 1) k \(k) stride \(stride) padding \(padding) dilation \(dilation)"
                        if oracle.rows == 0 || oracle.columns == 0 {
                            #expect(lab.output.error != nil, "\(name): expected no output")
                            continue
                        }
                        #expect(lab.output.rows == oracle.rows && lab.output.columns == oracle.columns, "\(name): output size")
                        for p in 0..<oracle.values.count {
                            let corner = lab.windowCells(of: lab.position)[0]
                            #expect(corner.row == oracle.topLeft[p].0 && corner.column == oracle.topLeft[p].1, "\(name): window \(p) at \(corner)")
                            let shown = lab.output.values[lab.position]
                            #expect(abs(shown - oracle.values[p]) <= 1e-4, "\(name): window \(p) value \(shown) vs \(oracle.values[p])")
                            let sum = lab.products(at: lab.position).reduce(0, +) + lab.bias
                            #expect(abs(sum - shown) <= 1e-4, "\(name): window \(p) products sum \(sum) vs output \(shown)")
                            _ = lab.apply(.nextWindowPressed, samples: SampleBank(), learned: [])
                        }
                        checked += 1
                    }
                }
            }
        }
    }
    #expect(checked > 100)
}

@Test func revealedValuesEqualConv2DForward() throws {
    // The walk the lab steps through gives the same numbers as the layer the networks use.
    for (stride, padding, dilation) in [(1, 0, 1), (2, 1, 1), (1, 2, 2), (3, 1, 1)] {
        let kernel = try #require(LabPresets.kernel(named: "sharpen"))
        let lab = ConvolutionLabState(input: ramp5, kernel: kernel, stride: stride, padding: padding, dilation: dilation, bias: -0.5)
        let conv = Conv2D(inChannels: 1, filters: 1, kernelSize: 3, stride: stride, padding: padding, dilation: dilation)
        conv.weight.value = Tensor(shape: [1, 1, 3, 3], storage: kernel.values)
        conv.bias?.value = Tensor(shape: [1], storage: [-0.5])
        let y = conv.forward(Tensor(shape: [1, 1, 5, 5], storage: ramp5.values), training: false)
        #expect(y.shape == [1, 1, lab.output.rows, lab.output.columns], "stride \(stride) padding \(padding) dilation \(dilation)")
        for (i, (a, b)) in zip(lab.output.values, y.storage).enumerated() {
            #expect(abs(a - b) <= 1e-5 * max(1, abs(b)), "stride \(stride) padding \(padding) dilation \(dilation) window \(i): \(a) vs \(b)")
        }
    }
}

@Test func theShownOutputValueIsTheLibrarysValue() throws {
    let kernel = try #require(LabPresets.kernel(named: "laplacian"))
    var state = labState(ConvolutionLabState(input: ramp5, kernel: kernel, padding: 1, bias: 1, relu: true))
    let oracle = naiveConvolution(ramp5, kernel, stride: 1, padding: 1, dilation: 1, bias: 1)
    for p in 0..<4 {
        let text = render(state).text
        let z = NumberText.fixed(oracle.values[p], decimals: 2)
        let relu = NumberText.fixed(max(0, oracle.values[p]), decimals: 2)
        #expect(text.contains("out[0,\(p)] = sum of products"), "window \(p)")
        #expect(text.contains("= \(z)   ReLU → \(relu)"), "window \(p): expected z \(z), relu \(relu) in\n\(text)")
        _ = reduce(&state, .convolutionLab(.nextWindowPressed))
    }
}

@Test func predictModeGradesRightAndWrongAnswers() throws {
    let kernel = try #require(LabPresets.kernel(named: "sobel-x"))
    let oracle = naiveConvolution(ramp5, kernel, stride: 1, padding: 0, dilation: 1, bias: 0)
    var state = labState(ConvolutionLabState(input: ramp5, kernel: kernel))
    _ = reduce(&state, action(for: .character("p"), in: state))
    #expect(state.convolutionLab?.awaitingPrediction == true)
    // The value is hidden until answered.
    #expect(render(state).text.contains("= ?   your prediction: _"))
    // Stepping on without an answer is refused.
    _ = reduce(&state, .convolutionLab(.nextWindowPressed))
    #expect(state.convolutionLab?.position == 0)
    // A right answer, typed key by key.
    for ch in NumberText.fixed(oracle.values[0], decimals: 2) { _ = reduce(&state, action(for: .character(ch), in: state)) }
    _ = reduce(&state, action(for: .enter, in: state))
    var grade = try #require(state.convolutionLab?.lastGrade)
    #expect(grade.correct && grade.truth == oracle.values[0])
    #expect(render(state).text.contains("right"))
    // Next window, a wrong answer.
    _ = reduce(&state, action(for: .enter, in: state))
    #expect(state.convolutionLab?.position == 1)
    let wrong = NumberText.fixed(oracle.values[1] + 1, decimals: 2)
    for ch in wrong { _ = reduce(&state, action(for: .character(ch), in: state)) }
    _ = reduce(&state, action(for: .enter, in: state))
    grade = try #require(state.convolutionLab?.lastGrade)
    #expect(!grade.correct && grade.position == 1)
    #expect(render(state).text.contains("you said \(wrong)"))
    #expect(state.convolutionLab?.score.right == 1 && state.convolutionLab?.score.asked == 2)
    // Esc leaves predict mode, not the lab.
    _ = reduce(&state, .convolutionLab(.nextWindowPressed))
    _ = reduce(&state, action(for: .escape, in: state))
    #expect(state.route == .convolutionLab && state.convolutionLab?.predicting == false)
}

@Test func settingsFromALabBlockOpenTheLab() throws {
    var state = AppState(width: 80, height: 24, capabilities: .plain)
    state.labSamples = SampleBank.bundled()
    _ = reduce(&state, .labRequested(kind: "convolution", settings: [("input", "digit:3"), ("kernel", "sobel-y"), ("stride", "2"), ("padding", "1")]))
    let lab = try #require(state.convolutionLab)
    #expect(state.route == .convolutionLab)
    #expect(lab.input.name == "digit:3" && lab.input.rows == 8 && lab.kernel.name == "sobel-y" && lab.stride == 2 && lab.padding == 1)
    #expect(lab.output.rows == 4 && lab.output.columns == 4)
    _ = reduce(&state, .labRequested(kind: "convolution", settings: [("stride", "0"), ("colour", "red")]))
    #expect(state.status?.contains("stride=0") == true && state.status?.contains("colour") == true)
    #expect(state.routes.count == 2)
}

@Test func tabAndPlusChangeTheStrideAndTheFormula() throws {
    let kernel = try #require(LabPresets.kernel(named: "box-blur"))
    var state = labState(ConvolutionLabState(input: ramp5, kernel: kernel), width: 80, height: 24)
    #expect(state.convolutionLab?.focus == .stride)
    _ = reduce(&state, action(for: .character("+"), in: state))
    #expect(state.convolutionLab?.stride == 2)
    #expect(render(state).text.contains("(5 − 3 + 2·0) / 2 + 1 = 2"))
    _ = reduce(&state, action(for: .tab, in: state))
    _ = reduce(&state, action(for: .character("+"), in: state))
    #expect(state.convolutionLab?.padding == 1 && state.convolutionLab?.output.rows == 3)
}

@Test func theLabRendersAt80x24And120x40() throws {
    let bank = SampleBank.bundled()
    for (w, h) in [(80, 24), (120, 40)] {
        for (name, caps) in [("plain", Capabilities.plain), ("256", Capabilities(colorLevel: .indexed256, unicode: true))] {
            var state = AppState(width: w, height: h, capabilities: caps)
            state.labSamples = bank
            _ = reduce(&state, .labRequested(kind: "convolution", settings: [("input", "digit:3"), ("kernel", "sobel-x"), ("padding", "1")]))
            for _ in 0..<3 { _ = reduce(&state, action(for: .character("n"), in: state)) }
            let snapshot = "labs/convolution-\(w)x\(h)-\(name)"
            #expect(Snapshot.verify(Snapshot.describe(render(state), styles: name != "plain"), named: snapshot) == nil, "\(snapshot)")
        }
    }
    var state = AppState(width: 80, height: 24, capabilities: .plain)
    state.labSamples = bank
    _ = reduce(&state, .labRequested(kind: "convolution", settings: [("input", "mnist:7"), ("stride", "2")]))
    _ = reduce(&state, .helpPressed)
    #expect(Snapshot.verify(Snapshot.describe(render(state), styles: false), named: "labs/convolution-help-80x24") == nil)
}

@Test func autoplayStepsOnTicksAtTheChosenSpeed() throws {
    let kernel = try #require(LabPresets.kernel(named: "identity"))
    var state = labState(ConvolutionLabState(input: ramp5, kernel: kernel))
    #expect(state.tickInterval == nil)
    _ = reduce(&state, action(for: .character(" "), in: state))
    #expect(state.tickInterval.map { $0 <= 60 } == true)
    // Speed index 2: 2 windows a second. Ticks 50 ms apart step once every 500 ms.
    let t0 = Date(timeIntervalSinceReferenceDate: 0)
    for k in 0...20 { _ = reduce(&state, .ticked(t0.addingTimeInterval(Double(k) * 0.05))) }
    #expect(state.convolutionLab?.position == 3, "steps at 0, 0.5 and 1.0 s")
    _ = reduce(&state, action(for: .character("]"), in: state))   // 4 a second
    for k in 21...40 { _ = reduce(&state, .ticked(t0.addingTimeInterval(Double(k) * 0.05))) }
    #expect(state.convolutionLab?.position == 7)
    // The end stops autoplay.
    for k in 41...200 { _ = reduce(&state, .ticked(t0.addingTimeInterval(Double(k) * 0.05))) }
    #expect(state.convolutionLab?.position == 8 && state.convolutionLab?.autoplay == false)
}

@Test func paintingTheInputAndEditingTheKernelRecompute() throws {
    let kernel = try #require(LabPresets.kernel(named: "box-blur"))
    let zeros = LabGrid(name: "zeros", rows: 4, columns: 4, values: Array(repeating: 0, count: 16))
    var state = labState(ConvolutionLabState(input: zeros, kernel: kernel))
    _ = reduce(&state, action(for: .character("e"), in: state))
    #expect(state.convolutionLab?.editing == .input(row: 0, column: 0))
    _ = reduce(&state, action(for: .right, in: state))
    _ = reduce(&state, action(for: .down, in: state))
    _ = reduce(&state, action(for: .character(" "), in: state))       // paints (1, 1)
    _ = reduce(&state, action(for: .escape, in: state))
    var lab = try #require(state.convolutionLab)
    #expect(state.route == .convolutionLab && lab.editing == nil && lab.input[1, 1] == 1 && lab.input.name == "painted")
    // Every window of the 2×2 output covers (1, 1): each output is 1/9.
    for v in lab.output.values { #expect(abs(v - 1.0 / 9.0) < 1e-6) }
    // Choose the kernel, edit its centre: + twice.
    _ = reduce(&state, action(for: .backTab, in: state))   // stride → kernel
    #expect(state.convolutionLab?.focus == .kernel)
    _ = reduce(&state, action(for: .character("e"), in: state))
    _ = reduce(&state, action(for: .down, in: state))
    _ = reduce(&state, action(for: .right, in: state))
    _ = reduce(&state, action(for: .character("+"), in: state))
    lab = try #require(state.convolutionLab)
    #expect(lab.kernel.name == "custom" && abs(lab.kernel[1, 1] - (1 + 1.0 / 9.0)) < 1e-6)
    // Window (0,0) has (1,1) under the kernel's centre: 1 + 1/9.
    #expect(abs(lab.output.values[0] - (1 + 1.0 / 9.0)) < 1e-5)
}

@Test func everyLabScreenHasHelpThatFitsAt80x24() throws {
    var state = AppState(width: 80, height: 24, capabilities: .plain)
    state.labSamples = SampleBank.bundled()
    for kind in ["convolution", "pooling", "network", "training"] {
        _ = reduce(&state, .labRequested(kind: kind, settings: []))
        let frame = render(state).text
        #expect(frame.contains("? help") && frame.contains("q leave"), "\(kind) footer:\n\(frame)")
        _ = reduce(&state, .helpPressed)
        let help = render(state).text
        #expect(help.contains("press ? or Esc to close") && help.contains("show or hide this help"), "\(kind) help:\n\(help)")
        _ = reduce(&state, .backPressed)
        _ = reduce(&state, action(for: .character("q"), in: state))
        #expect(state.route == .home, "\(kind): q goes back home")
    }
}

@Test func aTrainedNetworksFiltersAreKernelsOfTheLab() throws {
    var state = AppState(width: 80, height: 24, capabilities: .plain)
    state.learnedFilters = (1...8).map { LabGrid(name: "learned:\($0)", rows: 3, columns: 3, values: (0..<9).map { Float($0) / 10 }) }
    _ = reduce(&state, .labRequested(kind: "convolution", settings: [("input", "checker"), ("kernel", "learned:2")]))
    #expect(state.convolutionLab?.kernel.name == "learned:2" && state.status == nil)
    // Cycling the kernel from the last preset reaches the learned filters.
    _ = reduce(&state, .labRequested(kind: "convolution", settings: [("input", "checker"), ("kernel", "edge-v")]))
    _ = reduce(&state, action(for: .backTab, in: state))
    _ = reduce(&state, action(for: .character("+"), in: state))
    #expect(state.convolutionLab?.kernel.name == "learned:1")
    #expect(render(state).text.contains("kernel learned:1"))
}

@Test func predictModeHidesTheProductsAndAcceptsWorkFromTheShownNumbers() throws {
    // Every input value is 0.3125, shown as 0.31: nine of them under a 3×3 kernel of ones sum to
    // 2.8125, but a learner adding what the screen shows gets 2.79. Both are right; 2.75 is not.
    let input = LabGrid(name: "m", rows: 3, columns: 3, values: Array(repeating: 0.3125, count: 9))
    let ones = LabGrid(name: "ones", rows: 3, columns: 3, values: Array(repeating: 1, count: 9))
    for (answer, right) in [("2.79", true), ("2.81", true), ("2.8125", true), ("2.75", false), ("2.85", false)] {
        var state = labState(ConvolutionLabState(input: input, kernel: ones))
        _ = reduce(&state, action(for: .character("p"), in: state))
        let waiting = render(state).text
        // Neither the products nor their sum are on screen before the answer.
        #expect(!waiting.contains("products 2.79") && !waiting.contains("2.8125"), "the sum is shown before the answer:\n\(waiting)")
        #expect(waiting.contains("?    ?    ?") || waiting.contains("? ? ?"), "products not hidden:\n\(waiting)")
        for ch in answer { _ = reduce(&state, action(for: .character(ch), in: state)) }
        _ = reduce(&state, action(for: .enter, in: state))
        let grade = try #require(state.convolutionLab?.lastGrade)
        #expect(grade.correct == right, "answer \(answer) graded \(grade.correct)")
        // The sum line adds the products as shown, with the unrounded sum beside it.
        #expect(render(state).text.contains("products 2.79 (unrounded 2.8125)"), "the sum is shown after the answer")
    }
}

@Test func thePanelsBesideTheWindowDoNotShiftWhileStepping() throws {
    // 36 windows: the kernel panel must start in the same column at window 1 and window 10.
    let kernel = try #require(LabPresets.kernel(named: "sobel-x"))
    let input = LabGrid(name: "m", rows: 8, columns: 8, values: (0..<64).map { Float($0 % 5) })
    var state = labState(ConvolutionLabState(input: input, kernel: kernel))
    func kernelColumn() -> Int? {
        guard let line = render(state).lines().first(where: { $0.contains("kernel sobel-x") }),
              let hit = line.range(of: "kernel sobel-x") else { return nil }
        return line.distance(from: line.startIndex, to: hit.lowerBound)
    }
    let first = try #require(kernelColumn())
    for _ in 0..<9 { _ = reduce(&state, .convolutionLab(.nextWindowPressed)) }
    #expect(render(state).text.contains("window 10/36"), "\(render(state).text)")
    #expect(kernelColumn() == first)
    #expect(windowCounter(0, of: 36) == " 1/36" && windowCounter(35, of: 36) == "36/36" && windowCounter(4, of: 9) == "5/9")
}

@Test func zeroWhilePaintingSetsTheCellToZeroAsTheHelpSays() throws {
    // Help: "Space 0 Esc  painting: paint, set 0, stop". 0 must clear, never paint.
    let kernel = try #require(LabPresets.kernel(named: "identity"))
    let zeros = LabGrid(name: "zeros", rows: 4, columns: 4, values: Array(repeating: 0, count: 16))
    var state = labState(ConvolutionLabState(input: zeros, kernel: kernel))
    _ = reduce(&state, action(for: .character("e"), in: state))
    _ = reduce(&state, action(for: .character("0"), in: state))          // on a 0 cell: stays 0
    #expect(state.convolutionLab?.input[0, 0] == 0)
    _ = reduce(&state, action(for: .character(" "), in: state))          // paints
    #expect(state.convolutionLab?.input[0, 0] == 1)
    _ = reduce(&state, action(for: .character("0"), in: state))          // clears
    #expect(state.convolutionLab?.input[0, 0] == 0)
    _ = reduce(&state, action(for: .character("0"), in: state))          // and again: still 0
    #expect(state.convolutionLab?.input[0, 0] == 0)
    // In the kernel, 0 clears the weight too.
    _ = reduce(&state, action(for: .escape, in: state))
    _ = reduce(&state, action(for: .backTab, in: state))
    _ = reduce(&state, action(for: .character("e"), in: state))
    _ = reduce(&state, action(for: .down, in: state))
    _ = reduce(&state, action(for: .right, in: state))
    _ = reduce(&state, action(for: .character("0"), in: state))
    let lab = try #require(state.convolutionLab)
    #expect(lab.kernel[1, 1] == 0 && lab.kernel.name == "custom")
    #expect(lab.output.values.allSatisfy { $0 == 0 })
}

@Test func aLessonsSmallWholeNumberMatrixOpensAsNumbers() throws {
    // Lesson 2's first lab and lesson 3's pooling lab: 4×4 matrices of whole numbers read as
    // the figure in the text; v still switches to the heatmap and back. A digit stays a heatmap.
    for (kind, settings, row) in [
        ("convolution", [("input", "1 2 0 1; 0 1 3 1; 2 0 1 0; 1 1 0 2"), ("kernel", "1 0 1; 0 1 0; 1 0 1")], "1 2 0 1"),
        ("pooling", [("input", "2 5 2 4; 2 5 6 2; 4 4 6 3; 1 4 0 3"), ("kernel", "2"), ("stride", "2"), ("mode", "max")], "2 5 2 4"),
    ] {
        var state = AppState(width: 100, height: 30, capabilities: Capabilities())
        state.labSamples = SampleBank.bundled()
        _ = reduce(&state, .labRequested(kind: kind, settings: settings))
        #expect(render(state).text.contains(row), "\(kind): the input is not shown as numbers:\n\(render(state).text)")
        _ = reduce(&state, action(for: .character("v"), in: state))
        #expect(!render(state).text.contains(row), "\(kind): v should switch to the heatmap")
        _ = reduce(&state, action(for: .character("v"), in: state))
        #expect(render(state).text.contains(row), "\(kind): v should switch back to numbers")
    }
    var state = AppState(width: 100, height: 30, capabilities: Capabilities())
    state.labSamples = SampleBank.bundled()
    _ = reduce(&state, .labRequested(kind: "convolution", settings: [("input", "digit:3")]))
    #expect(state.convolutionLab?.numbersShown == false)
}

@Test func theFloorOfTheSizeFormulaIsSpelledOutWithoutUnicode() throws {
    // The terminal's ASCII fallback has no stand-in for ⌊ ⌋ and printed "?(28 - 3 + 2*0) / 2? + 1".
    for kind in ["convolution", "pooling"] {
        for caps in [Capabilities.plain, Capabilities()] {
            var state = AppState(width: 80, height: 24, capabilities: caps)
            state.labSamples = SampleBank.bundled()
            _ = reduce(&state, .labRequested(kind: kind, settings: [("input", "mnist:7"), ("stride", "2"), ("kernel", "3")].filter { kind == "pooling" || $0.0 != "kernel" }))
            let line = try #require(render(state).lines().first { $0.contains("output 13") }, "\(kind)")
            if caps.unicode {
                #expect(line.contains("⌊(28 − 3 + 2·0) / 2⌋ + 1 = 13"), "\(kind): \(line)")
            } else {
                #expect(line.contains("floor((28 − 3 + 2·0) / 2) + 1 = 13") && !line.contains("⌊"), "\(kind): \(line)")
            }
        }
    }
}

@Test func aSmallOutputLeavesItsRoomToAWideInput() throws {
    // Padded 10×10 in numbers is 50 columns; beside a 3×3 output it fits at 100 columns and
    // must not be cropped to 9 columns ("input 10×10 r0–9 c1–9").
    var state = AppState(width: 100, height: 30, capabilities: Capabilities())
    state.labSamples = SampleBank.bundled()
    _ = reduce(&state, .labRequested(kind: "convolution", settings: [("input", "digit:3"), ("stride", "2"), ("padding", "1"), ("dilation", "2")]))
    _ = reduce(&state, action(for: .character("v"), in: state))
    let text = render(state).text
    #expect(text.contains("input (padded) 10×10") && !text.contains("c1–9") && !text.contains("c0–8"), "\(text)")
    #expect(text.contains("output 3×3"))
    #expect(text.contains(" 0.00 0.00 0.31 0.88 0.25 0.69 0.44 0.00 0.00 0.00"), "the third padded row, all 10 values:\n\(text)")
}

@Test func aDilatedFormulaFitsAt80Columns() throws {
    var state = AppState(width: 80, height: 24, capabilities: Capabilities())
    state.labSamples = SampleBank.bundled()
    _ = reduce(&state, .labRequested(kind: "convolution", settings: [("input", "digit:3"), ("padding", "1"), ("dilation", "2")]))
    let line = try #require(render(state).lines().first { $0.contains("output 6×6") })
    #expect(line.contains("(8 − 5 + 2·1) / 1 + 1 = 6") && line.contains("2·(3 − 1) + 1 = 5)"), "\(line)")
    // At 120 columns the note keeps its full wording.
    _ = reduce(&state, .windowResized(width: 120, height: 40))
    #expect(render(state).text.contains("(dilated kernel span 2·(3 − 1) + 1 = 5)"))
}
