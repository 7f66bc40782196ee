import Canvas
import Curriculum
import Foundation
import Testing
import TestSupport
import TinyCNN
@testable import TutorApp

/// The lab registry (`LabKind`): lesson blocks, `tutor lab`'s check and the lab screens read one
/// schema, so a value one accepts the others accept, and one they refuse they all refuse.
@Suite struct LabRegistryTests {
    /// Every whole-number and number setting at its ends and just outside them.
    static var boundaryCases: [(LabKind, String, String, Bool)] {
        var cases: [(LabKind, String, String, Bool)] = []
        for kind in LabKind.allCases {
            for setting in kind.settings {
                let name = setting.name.rawValue
                switch setting.type {
                case .integer(let r):
                    cases += [(kind, name, "\(r.lowerBound)", true), (kind, name, "\(r.upperBound)", true),
                              (kind, name, "\(r.lowerBound - 1)", false), (kind, name, "\(r.upperBound + 1)", false)]
                case .number(let r, let above):
                    cases += [(kind, name, "\(r.upperBound)", true), (kind, name, "\(r.upperBound + 0.5)", false),
                              (kind, name, "\(r.lowerBound)", !above), (kind, name, "nan", false)]
                case .choice(let words, let aliases):
                    cases += words.map { (kind, name, $0, true) } + aliases.keys.map { (kind, name, $0, true) } + [(kind, name, "cifar", false)]
                case .flag:
                    cases += [(kind, name, "on", true), (kind, name, "off", true), (kind, name, "maybe", false)]
                case .seed:
                    cases += [(kind, name, "0", true), (kind, name, "18446744073709551615", true), (kind, name, "-1", false)]
                case .image:
                    cases += [(kind, name, "digit:3", true), (kind, name, "cross", true), (kind, name, "1 2; 3 4", true),
                              (kind, name, "digit:12", false), (kind, name, "1 2; 3", false)]
                case .kernel:
                    cases += [(kind, name, "sobel-x", true), (kind, name, "1 0; 0 -1", true), (kind, name, "fancy", false)]
                case .modelName:
                    cases += [(kind, name, "demo-digits", true), (kind, name, "digits-98.1pct-20261204-160000-2", true),
                              (kind, name, "../demo-digits", false), (kind, name, ".hidden", false), (kind, name, "a b", false),
                              (kind, name, String(repeating: "x", count: 201), false)]
                }
            }
        }
        return cases
    }

    @Test func lessonBlocksTutorLabAndTheScreensAgreeOnEveryValue() {
        let samples = SampleBank.bundled()
        // Pooling's padding is also bounded by the kernel (2 by default): give it room.
        func pairs(_ kind: LabKind, _ key: String, _ value: String) -> [(String, String)] {
            kind == .pooling && key == "padding" ? [("kernel", "5"), (key, value)] : [(key, value)]
        }
        var checked = 0
        for (kind, key, value, valid) in Self.boundaryCases {
            let settings = pairs(kind, key, value)
            let block = kind.rawValue + " " + settings.map { "\($0.0)=\"\($0.1)\"" }.joined(separator: " ")
            let parsed = (try? LabSpec.parse(block, line: 1)) != nil
            let checkedByTutorLab = (try? LabSettingsCheck.validate(kind: kind.rawValue, settings: settings, samples: samples)) != nil
            var state = AppState(width: 100, height: 30, capabilities: .plain)
            state.labSamples = samples
            _ = openLab(&state, kind: kind, settings: settings)
            let opened = state.status == nil
            #expect(parsed == valid && checkedByTutorLab == valid && opened == valid,
                    "\(block): lesson block \(parsed), tutor lab \(checkedByTutorLab), screen \(opened) (\(state.status ?? "")); want \(valid)")
            checked += 1
        }
        #expect(checked > 60)
    }

    @Test func aLessonBlockMayGiveEveryKeyTutorLabTakes() throws {
        // `seed` used to be refused in lesson blocks while `tutor lab` took it.
        let spec = try LabSpec.parse("training dataset=digits seed=7", line: 1)
        var state = AppState(width: 100, height: 30, capabilities: .plain)
        _ = openLab(&state, spec: spec)
        #expect(state.status == nil && state.training?.settings.seed == 7)
        #expect(throws: LabSpecError.self) { try LabSpec.parse("network seed=7", line: 1) }
    }

    @Test func theScreensStopWhereTheSchemaDoes() {
        var state = AppState(width: 100, height: 30, capabilities: .plain)
        _ = openLab(&state, kind: .convolution, settings: [("input", "cross"), ("stride", "3")])
        for _ in 0..<ConvolutionLabState.Field.allCases.count where state.convolutionLab?.focus != .stride {
            _ = reduce(&state, .convolutionLab(.nextFieldPressed))
        }
        #expect(state.convolutionLab?.focus == .stride)
        for _ in 0..<5 { _ = reduce(&state, .convolutionLab(.increasePressed)) }
        guard case .integer(let strides)? = LabKind.convolution.setting(.stride)?.type else { Issue.record("stride is no integer"); return }
        #expect(state.convolutionLab?.stride == strides.upperBound)
    }

    @Test func theKernelPresetsAreTinyCNNs() {
        #expect(LabSetting.kernelPresets == KernelPreset.allCases.map(\.rawValue))
        #expect(LabSetting.inputPatterns.allSatisfy { LabPresets.pattern(named: $0) != nil })
    }

    @Test func everySettingHasHelpAndADefaultThatItAccepts() throws {
        for kind in LabKind.allCases {
            #expect(kind.helpLines.count == kind.settings.count)
            for setting in kind.settings {
                #expect(!setting.help.isEmpty)
                if let fallback = setting.defaultValue { #expect((try? setting.check(fallback)) != nil, "\(kind) \(setting.name)=\(fallback)") }
            }
        }
    }
}

/// Screens scoped to their own state: replies, status lines, closed screens.
@Suite struct ScreenScopeTests {
    @Test func aStatusMessageSurvivesTicksAndSnapshots() {
        var state = AppState(width: 100, height: 30, capabilities: .plain)
        _ = reduce(&state, .labRequested(kind: "training", settings: [("dataset", "digits")]))
        _ = reduce(&state, .training(.startPressed))
        _ = reduce(&state, .training(.runStarted(runID: 1, test: DataSet(name: "none", height: 8, width: 8, images: [], labels: []))))
        _ = reduce(&state, .training(.learningRateRaised))
        let message = state.status
        #expect(message?.hasPrefix("learning rate now") == true)
        let progress = TrainingProgress(step: 1, epoch: 0, stepInEpoch: 1, stepsPerEpoch: 50, elapsed: 0.01, learningRate: 0.006, loss: 1)
        for i in 0..<20 {
            _ = reduce(&state, .training(.updateReceived(TrainingUpdate(runID: 1, progress: progress, points: []))))
            _ = reduce(&state, .ticked(Date(timeIntervalSince1970: Double(i))))
        }
        #expect(state.status == message)
        #expect(render(state).text.contains("learning rate now"))
        // The learner's next key replaces it.
        _ = reduce(&state, .training(.confusionToggled))
        #expect(state.status != message)
    }

    @Test func aTestSetThatCannotBeLoadedIsSaidSo() {
        var state = AppState(width: 100, height: 30, capabilities: .plain)
        _ = reduce(&state, .labRequested(kind: "network", settings: [("dataset", "mnist")]))
        #expect(render(state).text.contains("loading the mnist test set"))
        _ = reduce(&state, .networkView(.dataLoadFailed("could not load mnist5k: no such file")))
        let text = render(state).text
        #expect(!text.contains("loading the mnist test set"))
        #expect(text.contains("The mnist test set could not be loaded") && text.contains("no such file"))
    }

    @Test func anActionForAClosedScreenChangesNothingAndSaysSoInDebug() {
        var state = AppState(width: 100, height: 30, capabilities: .plain)
        let effects = reduce(&state, .poolingLab(.nextWindowPressed)) + reduce(&state, .training(.startPressed))
        #expect(effects.isEmpty && state.routes == [.home] && state.poolingLab == nil && state.training == nil)
        #if DEBUG
        #expect(state.status?.contains("ignored") == true)
        #endif
    }

    @Test func aKeptNetworkReachesTheNetworkViewAndTheConvolutionLab() {
        var state = AppState(width: 100, height: 30, capabilities: .plain)
        _ = reduce(&state, .labRequested(kind: "training", settings: [("dataset", "digits")]))
        _ = reduce(&state, .training(.startPressed))
        let network = DemoNetwork(architecture: .digits, seed: 2)
        _ = reduce(&state, .training(.updateReceived(TrainingUpdate(
            runID: 1, progress: TrainingProgress(step: 450, epoch: 9, stepInEpoch: 45, stepsPerEpoch: 45, elapsed: 1, learningRate: 0.0005, loss: 0.1),
            points: []))))
        _ = reduce(&state, .training(.runEnded(runID: 1, outcome: "done", diverged: false, network: network)))
        #expect(state.network(for: "digits") == network && state.status?.hasPrefix("kept") == true)
        #expect(state.networks["digits"]?.info.origin == "live")
        let effects = reduce(&state, .training(.savePressed))
        #expect(effects == [.training(.saveModel)])
    }
}
