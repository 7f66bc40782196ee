import Canvas
import Curriculum
import Testing
import TestSupport
@testable import TutorApp
import Widgets

/// The curriculum screens' keys as values (home, reader, quiz, each mode its own map), the
/// screens scoped to their own state, and the lab registry the home list and router read.
@Suite struct CurriculumKeyMapTests {
    private func keys<S, A>(_ map: KeyMap<S, A>) -> [Key] { map.bindings.flatMap(\.keys) }

    @Test func noKeyIsBoundTwiceInAnyMode() {
        let maps: [(String, [Key])] = [
            ("home", keys(homeKeyMap)), ("home filter", keys(homeFilterKeyMap)), ("reader", keys(readerKeyMap)),
            ("quiz leaving", keys(QuizKeys.leaving)), ("quiz choosing", keys(QuizKeys.choosing)), ("quiz typing", keys(QuizKeys.typing)),
            ("quiz judging", keys(QuizKeys.judging)), ("quiz feedback", keys(QuizKeys.feedback)), ("quiz score", keys(QuizKeys.score)),
        ]
        for (name, all) in maps {
            let repeated = Dictionary(grouping: all, by: { $0 }).filter { $0.value.count > 1 }.keys
            #expect(repeated.isEmpty, "\(name) binds \(Array(repeated)) twice")
        }
    }

    /// Pressing a binding's key on its screen sends the binding's action, through the same
    /// `action(for:in:)` the run loop uses.
    @Test func everyReaderAndHomeBindingSendsItsAction() throws {
        var reader = try LearnerFixture.state()
        _ = reduce(&reader, .lessonLinkOpened(lesson: "01-fixture-filters", section: .explain))
        let home = try LearnerFixture.state()
        var pressed = 0
        for binding in readerKeyMap.bindings {
            for key in binding.keys {
                let expected = binding.action(key, reader).map(Action.reader) ?? .unboundKeyPressed(key)
                #expect("\(action(for: key, in: reader))" == "\(expected)", "reader: \(key)")
                pressed += 1
            }
        }
        for binding in homeKeyMap.bindings {
            for key in binding.keys where key != .escape {
                let expected = binding.action(key, home.home).map(Action.home) ?? .unboundKeyPressed(key)
                #expect("\(action(for: key, in: home))" == "\(expected)", "home: \(key)")
                pressed += 1
            }
        }
        #expect(pressed == 40)
    }

    @Test func theReaderFooterFollowsWhatTheKeysDoNow() throws {
        var s = try LearnerFixture.state()
        _ = reduce(&s, .lessonLinkOpened(lesson: "01-fixture-filters", section: .preview))
        #expect(readerFooterKeys(s).map(\.keys) == ["1-4 Tab", "j k Space", "t", "?", "q"])
        _ = reduce(&s, .reader(.sectionPressed(.review)))
        #expect(readerFooterKeys(s).map(\.keys).contains("a A"))
        // The help overlay lists each binding once, with the keys the footer names.
        let help = readerHelp.flatMap(\.hints).map(\.keys)
        #expect(help.count == 10 && help.contains("1 2 3 4") && help.contains("a  A"))
    }

    @Test func homeFiltersWithItsOwnMapAndEscClearsBeforeQuitting() throws {
        var s = try LearnerFixture.state()
        #expect(homeFooterKeys(s).map(\.label) == ["move", "open", "filter", "help", "quit"])
        LearnerFixture.press([.character("/")], on: &s)
        #expect(homeFooterKeys(s).map(\.keys) == ["type", "↑↓", "Enter", "Esc"])
        LearnerFixture.type("shap", on: &s)
        LearnerFixture.press([.enter], on: &s)
        #expect(homeFooterKeys(s).last == KeyHint("Esc", "clear filter"))
        LearnerFixture.press([.escape], on: &s)
        #expect(s.home.filter.isEmpty && s.route == .home)
        #expect("\(action(for: .escape, in: s))" == "\(Action.backPressed)", "with no filter Esc is the global quit")
    }

    /// On an open question's y/n, q used to fall through to the global "back" and left the quiz
    /// without a word; it now asks first, as Esc does.
    @Test func qWhileJudgingAnOpenAnswerAsksBeforeLeaving() throws {
        var s = try LearnerFixture.state()
        _ = reduce(&s, .quizLinkOpened(lesson: "01-fixture-filters"))
        s.quiz?.phase = .selfGrading(given: "my answer")
        #expect(quizFooterKeys(s).map(\.keys) == ["y", "n", "s", "Esc"])
        LearnerFixture.press([.character("q")], on: &s)
        #expect(s.route == .quiz && s.quiz?.confirmingLeave == true)
        #expect(quizFooterKeys(s).map(\.keys) == ["y", "n Esc"])
    }

    @Test func theQuizHelpIsItsModesBindingsAndFitsAt80x24() {
        #expect(quizHelp.map(\.heading) == ["Answering", "After answering", ""])
        #expect(quizHelp.map { $0.hints.count } == [6, 6, 2])
        #expect(quizHelp.flatMap(\.hints).first == KeyHint("a-d 1-4", "pick a choice (or ↑↓ then Enter; other letters type its words; s Enter skips)"))
    }

    #if DEBUG
    /// An action for a screen that is not open changes nothing, and a debug build says so.
    @Test func anActionForAClosedScreenIsAVisibleNoOp() throws {
        for sent in [Action.reader(.lineDownPressed), .quiz(.continuePressed), .reader(.quizPressed), .quiz(.leaveConfirmed)] {
            var s = try LearnerFixture.state()
            let effects = reduce(&s, sent)
            #expect(effects.isEmpty && s.route == .home && s.reader == nil && s.quiz == nil, "\(sent)")
            #expect(s.status?.hasPrefix("debug:") == true && s.status?.contains("ignored") == true, "\(sent): \(s.status ?? "no status")")
        }
    }
    #endif

    /// The home list's labs, their routes and their headers come from the one registry.
    @Test func theHomeListAndTheRouterReadTheLabRegistry() throws {
        var s = try LearnerFixture.state(width: 100, height: 30)
        let labs = s.homeItems.compactMap { item -> LabKind? in if case .lab(let lab) = item { return lab } else { return nil } }
        #expect(labs == LabKind.allCases)
        #expect(labs.map(\.screen.title) == ["Convolution lab", "Pooling lab", "Network view", "Live training", "Gradient lab"])
        #expect(render(s).lines().contains { $0.contains("Pooling lab") && $0.contains("max and average pooling, step by step") })
        for kind in LabKind.allCases {
            s.routes = [.home]
            s.home.selection = try #require(s.homeItems.firstIndex(of: .lab(kind)))
            _ = reduce(&s, .home(.openPressed))
            #expect(s.route == .lab(kind), "\(kind)")
            #expect(render(s).lines().first?.contains(kind.screen.title) == true, "\(kind)")
        }
        #expect(Route.convolutionLab == .lab(.convolution) && Route.training == .lab(.training))
    }
}
