import Canvas
import Curriculum
import Foundation
import Testing
import TestSupport
@testable import TutorApp
@testable import Widgets
import TinyCNN

/// The convolution lab over several channels: each channel's patch × slice and partial sum,
/// then Σ partials + bias (→ ReLU) = value; the selected channel, paging, predict mode for
/// partial sums, and the lab opened on an explicit computation.
@Suite struct ConvolutionLabChannelsTests {
    static func grid(_ name: String, _ text: String) -> LabGrid {
        LabPresets.matrix(text, name: name)!
    }

    static func state(_ lab: ConvolutionLabState, width: Int = 100, height: Int = 30) -> AppState {
        var state = AppState(width: width, height: height, capabilities: .plain)
        state.convolutionLab = lab
        state.routes.append(.convolutionLab)
        return state
    }

    static func press(_ keys: String, _ state: inout AppState) {
        for ch in keys { _ = reduce(&state, action(for: .character(ch), in: state)) }
    }

    /// Eight 6×6 maps and eight 3×3 slices of a conv2 filter, seeded, with a bias and ReLU.
    static func conv2Like() -> (inputs: [LabGrid], kernels: [LabGrid]) {
        var generator = SeededGenerator(seed: 16)
        func values(_ n: Int, scale: Float) -> [Float] { (0..<n).map { _ in Float(Int(generator.next() % 201) - 100) / 100 * scale } }
        let inputs = (0..<8).map { LabGrid(name: "pool1 map \($0 + 1)", rows: 6, columns: 6, values: values(36, scale: 1).map { max(0, $0) }) }
        let kernels = (0..<8).map { LabGrid(name: "conv2 f5 slice \($0 + 1)", rows: 3, columns: 3, values: values(9, scale: 0.5)) }
        return (inputs, kernels)
    }

    @Test func anExplicitEightChannelLabOpensAtTheWindowWithTheLayersValue() throws {
        let (inputs, kernels) = Self.conv2Like()
        let lab = ConvolutionLabState(inputs: inputs, kernels: kernels, padding: 1, bias: 0.125, relu: true, window: (row: 2, column: 4))
        #expect(lab.channelCount == 8 && lab.output.rows == 6 && lab.output.columns == 6)
        #expect(lab.outputCoordinates(of: lab.position) == (2, 4) && lab.revealedThrough == lab.position)
        // The value is Conv2D's, filter by filter, with the ReLU after it.
        let conv = Conv2D(inChannels: 8, filters: 1, kernelSize: 3, padding: 1)
        conv.weight.value = Tensor(shape: [1, 8, 3, 3], storage: kernels.flatMap(\.values))
        conv.bias?.value = Tensor(shape: [1], storage: [0.125])
        let layer = conv.forward(Tensor(shape: [1, 8, 6, 6], storage: inputs.flatMap(\.values)), training: false)
        let z = layer.storage[2 * 6 + 4]
        #expect(lab.output.preActivation[lab.position] == z && lab.output.values[lab.position] == max(0, z))
        #expect(lab.partials(at: lab.position).count == 8)
        // Out-of-range windows are brought onto the map.
        let clamped = ConvolutionLabState(inputs: inputs, kernels: kernels, window: (row: 99, column: -3))
        #expect(clamped.outputCoordinates(of: clamped.position) == (3, 0))
    }

    @Test func theSelectedChannelIsWhatPaintingAndTheInputMapUse() throws {
        var state = Self.state(ConvolutionLabState(inputs: [Self.grid("a", "1 2; 3 4"), Self.grid("b", "0 1; 1 0")],
                                                   kernels: [Self.grid("k1", "1 0; 0 1"), Self.grid("k2", "1 1; 0 0")]))
        #expect(state.convolutionLab?.channel == 0)
        Self.press("c", &state)
        #expect(state.convolutionLab?.channel == 1 && state.status == "channel 2 of 2")
        Self.press("c", &state)
        #expect(state.convolutionLab?.channel == 0)
        Self.press("C", &state)
        #expect(state.convolutionLab?.channel == 1)
        // Painting paints channel 2 only: its (0,0) becomes ink, channel 1 is unchanged.
        _ = reduce(&state, .convolutionLab(.editPressed))
        _ = reduce(&state, .convolutionLab(.cellPainted))
        let lab = try #require(state.convolutionLab)
        #expect(lab.inputs[1].values == [1, 1, 1, 0] && lab.inputs[0].values == [1, 2, 3, 4])
        // 5 + (1 + 1) = 7.
        #expect(lab.output.values == [7])
        // One channel: c says so.
        var single = Self.state(ConvolutionLabState(input: Self.grid("a", "1 2; 3 4"), kernel: Self.grid("k", "1")))
        Self.press("c", &single)
        #expect(single.status == "this input has one channel")
    }

    @Test func cyclingAChannelOffersOnlyInputsOfTheSameSize() throws {
        var state = Self.state(ConvolutionLabState(inputs: [Self.grid("a", "1 2; 3 4"), Self.grid("b", "0 1; 1 0")],
                                                   kernels: [Self.grid("k1", "1 0; 0 1"), Self.grid("k2", "1 1; 0 0")]))
        state.convolutionLab?.focus = .input
        Self.press("+", &state)
        #expect(state.status == "no preset input is 2×2 like the other channels: paint this one with e")
        #expect(state.convolutionLab?.inputs[0].name == "a")
        state.convolutionLab?.focus = .kernel
        Self.press("+", &state)
        #expect(state.status == "no preset kernel is 2×2 like the other slices: edit this one with e")
        // 8×8 patterns cycle among themselves; 3×3 presets among themselves.
        let checker = try #require(LabPresets.pattern(named: "checker")), cross = try #require(LabPresets.pattern(named: "cross"))
        let sobel = try #require(LabPresets.kernel(named: "sobel-x"))
        var eight = Self.state(ConvolutionLabState(inputs: [checker, cross], kernels: [sobel, sobel]))
        eight.convolutionLab?.focus = .input
        Self.press("+", &eight)
        #expect(eight.convolutionLab?.inputs[0].rows == 8 && eight.convolutionLab?.inputs[0].name != "checker")
        #expect(eight.convolutionLab?.output.error == nil)
    }

    @Test func predictingEachPartialSumThenTheValue() throws {
        var state = Self.state(ConvolutionLabState(inputs: [Self.grid("a", "1 2 0; 3 4 1"), Self.grid("b", "0 1 2; 1 0 -1")],
                                                   kernels: [Self.grid("k1", "1 0; 0 1"), Self.grid("k2", "1 1; 0 0")], bias: -0.5))
        Self.press("P", &state)
        #expect(state.convolutionLab?.predictPartials == true)
        Self.press("p", &state)
        #expect(state.convolutionLab?.awaitingPartial == true)
        #expect(render(state).text.contains("channel 1: partial sum = its patch × slice, added up = ?"))
        // Channel 1's partial is 5: right. Channel 2's is 1: 2 is wrong.
        Self.press("5", &state)
        _ = reduce(&state, action(for: .enter, in: state))
        #expect(state.status == "channel 1's partial sum: right; now channel 2's partial sum")
        #expect(state.convolutionLab?.channel == 1)
        Self.press("2", &state)
        _ = reduce(&state, action(for: .enter, in: state))
        #expect(state.status == "channel 2's partial sum: it is 1.00; now the output value")
        let lab = try #require(state.convolutionLab)
        #expect(!lab.awaitingPartial && lab.awaitingPrediction)
        #expect(lab.partialGrades.map(\.correct) == [true, false])
        // Then the value: 5 + 1 − 0.5 = 5.5.
        for ch in "5.5" { _ = reduce(&state, action(for: .character(ch), in: state)) }
        _ = reduce(&state, action(for: .enter, in: state))
        #expect(state.convolutionLab?.lastGrade?.correct == true)
        #expect(state.convolutionLab.map { ($0.score.right, $0.score.asked) } ?? (0, 0) == (2, 3))
        let text = render(state).text
        #expect(text.contains("partial = 5 ") && text.contains("partial = 1 "), "\(text)")
        // The next window asks again from channel 1.
        _ = reduce(&state, action(for: .enter, in: state))
        #expect(state.convolutionLab?.position == 1 && state.convolutionLab?.partialGrades.isEmpty == true)
        #expect(state.convolutionLab?.channel == 0 && state.convolutionLab?.awaitingPartial == true)
    }

    @Test func predictingOnlyTheValueHidesEveryPartial() throws {
        var state = Self.state(ConvolutionLabState(inputs: [Self.grid("a", "1 2; 3 4"), Self.grid("b", "0 1; 1 0")],
                                                   kernels: [Self.grid("k1", "1 0; 0 1"), Self.grid("k2", "1 1; 0 0")], bias: 1))
        Self.press("p", &state)
        #expect(state.convolutionLab?.awaitingPartial == false && state.convolutionLab?.awaitingPrediction == true)
        let hidden = render(state).text
        #expect(hidden.contains("partial = ?") && !hidden.contains("partial = 5"))
        #expect(hidden.contains("out[0,0] = Σ partials + bias 1.00 = ?"))
        Self.press("7", &state)
        _ = reduce(&state, action(for: .enter, in: state))
        #expect(state.convolutionLab?.lastGrade?.correct == true)
        let shown = render(state).text
        #expect(shown.contains("partial = 5") && shown.contains("partial = 1"))
        #expect(shown.contains("out[0,0] = Σ partials 5 + 1 = 6.00, + bias 1.00 = 7.00"), "\(shown)")
    }

    @Test func labBlocksTakeChannels() throws {
        var state = AppState(width: 100, height: 30, capabilities: .plain)
        _ = reduce(&state, .labRequested(kind: "convolution", settings: [("input", "1 2; 3 4 | 0 1; 1 0"), ("kernel", "1 0; 0 1 | 1 1; 0 0"),
                                                                          ("bias", "-0.5"), ("relu", "on"), ("predict", "partials")]))
        let lab = try #require(state.convolutionLab)
        #expect(lab.channelCount == 2 && lab.output.values == [5.5] && lab.relu && lab.predictPartials)
        let errors: [([(String, String)], String)] = [
            ([("input", "1 2; 3 4 | 0 1; 1 0"), ("kernel", "1 0; 0 1")],
             "kernel=1 0; 0 1: the kernel has 1 slice but the input has 2 channels (one slice per input channel, separated by |)"),
            ([("input", "1 2; 3 4 | 0 1 2; 1 0 2"), ("kernel", "1 | 1")], "input=1 2; 3 4 | 0 1 2; 1 0 2: channel 2 is 2×3 but channel 1 is 2×2 (every channel must be the same size)"),
            ([("input", "1 2 | nope"), ("kernel", "1 | 1")], "input=1 2 | nope: channel 2: expected one of checker, cross, ramp, digit:N, mnist:N or a quoted matrix"),
            ([("input", String(repeating: "1|", count: 64) + "1"), ("kernel", "1")], "channels, over the limit of 64"),
            ([("predict", "everything")], "predict=everything: expected value or partials"),
        ]
        for (settings, message) in errors {
            #expect(throws: LabSettingError.self) { try LabSettingsCheck.validate(kind: "convolution", settings: settings, samples: SampleBank()) }
            do {
                try LabSettingsCheck.validate(kind: "convolution", settings: settings, samples: SampleBank())
            } catch {
                #expect(error.description.contains(message), "\(error.description)")
            }
        }
    }

    /// Two channels read as the lesson's example; eight channels page with `c` where they do
    /// not fit.
    @Test func snapshotsAt80x24And120x40() throws {
        for (w, h) in [(80, 24), (120, 40)] {
            var two = AppState(width: w, height: h, capabilities: .plain)
            _ = reduce(&two, .labRequested(kind: "convolution", settings: [("input", "1 2 0; 0 1 3; 2 0 1 | 0 1 1; 1 0 0; 2 1 0"),
                                                                            ("kernel", "1 0; 0 1 | 1 1; 0 0"), ("bias", "-0.5")]))
            Self.press("n", &two)
            #expect(render(two).text.contains("out[0,1] = Σ partials 5 + 2 = 7.00, + bias -0.50 = 6.50"), "\(render(two).text)")
            #expect(Snapshot.verify(Snapshot.describe(render(two), styles: false), named: "labs/convolution-2ch-\(w)x\(h)-plain") == nil)
            let (inputs, kernels) = Self.conv2Like()
            var eight = Self.state(ConvolutionLabState(inputs: inputs, kernels: kernels, padding: 1, bias: 0.125, relu: true,
                                                       window: (row: 1, column: 2)), width: w, height: h)
            #expect(Snapshot.verify(Snapshot.describe(render(eight), styles: false), named: "labs/convolution-8ch-\(w)x\(h)-plain") == nil)
            // Paging: c moves the selection; the page follows it to channel 8.
            for _ in 0..<7 { Self.press("c", &eight) }
            let last = render(eight).text
            #expect(last.contains("channel 8 (selected)"), "\(last)")
            #expect(last.contains("channel 8/8"))
        }
    }
}
