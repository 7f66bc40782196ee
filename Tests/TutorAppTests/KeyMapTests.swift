import Canvas
import Testing
@testable import TutorApp
import Widgets

/// The labs' key maps as values: each key is bound once, and the footer and help come from the
/// bindings.
@Suite struct KeyMapTests {
    private func keys<S, A>(_ map: KeyMap<S, A>) -> [Key] { map.sections.flatMap(\.bindings).flatMap(\.keys) }

    @Test func noKeyIsBoundTwiceOnAScreen() {
        let maps: [(String, [Key])] = [("convolution", keys(convolutionLabKeyMap)), ("pooling", keys(poolingLabKeyMap)),
                                       ("network", keys(networkViewKeyMap))]
        for (name, all) in maps {
            let repeated = Dictionary(grouping: all, by: { $0 }).filter { $0.value.count > 1 }.keys
            #expect(repeated.isEmpty, "\(name) binds \(Array(repeated)) twice")
            #expect(!all.contains(.character("?")) && !all.contains(.character("q")), "\(name) takes a global key")
        }
    }

    @Test func everyBindingsKeysSendItsAction() {
        let state = AppState(width: 100, height: 30, capabilities: .plain)
        var lab = state
        _ = openLab(&lab, kind: .convolution, settings: [("input", "cross")])
        let conv = lab.convolutionLab!
        for binding in convolutionLabKeyMap.sections.flatMap(\.bindings) {
            for key in binding.keys {
                #expect(convolutionLabKeyAction(for: key, in: conv) == binding.action(key, conv), "\(key)")
                #expect(convolutionLabKeyAction(for: key, in: conv) != nil, "\(key) does nothing")
            }
        }
    }

    @Test func theFooterAndHelpAreTheBindings() {
        #expect(convolutionLabKeys.map(\.keys) == ["→ n", "← N", "Space", "Tab + -", "p", "?", "q", "v", "e", "r"])
        #expect(poolingLabKeys.map(\.keys) == ["→ n", "← N", "Space", "Tab + -", "p", "?", "q", "v", "r"])
        #expect(networkViewKeys.map(\.label) == ["move", "explain", "help", "leave", "layer", "sample", "data set", "overlays", "train"])
        let helpLines = convolutionLabHelp.flatMap(\.hints).count
        #expect(helpLines == convolutionLabKeyMap.sections.flatMap(\.bindings).filter { $0.help != nil }.count)
        #expect(helpLines == 13)
    }
}
