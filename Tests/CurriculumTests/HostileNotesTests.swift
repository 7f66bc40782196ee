import Curriculum
import Foundation
import Testing
import TestSupport

/// Notes that try to hurt: deep nesting, megabyte lines of tabs, marker storms, odd ids. Each
/// is read whole (no stack growth with nesting, linear time) and reported in one line.
@Suite struct HostileNotesTests {
    static let depthMessage = "lists or quotes nested more than 24 deep: the deeper levels are shown as plain text"

    @Test func fiveThousandNestedQuotesAreReportedOnceWithTheirLine() {
        let text = "# Deep\n\nIntro.\n\n" + String(repeating: "> ", count: 5_000) + "bottom\n"
        let (lesson, diagnostics) = LessonParser.parse(text: text, id: "deep")
        let deep = diagnostics.filter { $0.message == Self.depthMessage }
        #expect(deep.count == 1)
        #expect(deep.first?.line == 5)
        #expect(lesson.explain.blocks.map(\.plainText).joined().contains("bottom"))
    }

    @Test func sixHundredNestedListItemsAreReportedOnce() {
        let text = "# Deep list\n\n" + (0..<600).map { String(repeating: " ", count: 2 * $0) + "- level \($0)" }.joined(separator: "\n") + "\n"
        let (lesson, diagnostics) = LessonParser.parse(text: text, id: "deep-list")
        let deep = diagnostics.filter { $0.message == Self.depthMessage }
        #expect(deep.count == 1)
        #expect((deep.first?.line ?? 0) > 3)
        let all = lesson.sections.flatMap(\.blocks).map(\.plainText).joined(separator: " ")
        #expect(all.contains("level 0") && all.contains("level 599"))
    }

    @Test func aMegabyteLineOfTabsIsExpandedWhole() {
        var bytes = Array("# Tabs\n\nstart".utf8)
        bytes += repeatElement(0x09, count: 1_000_000)
        bytes += Array("end\n".utf8)
        let lines = SourceText.lines(from: Data(bytes))
        #expect(lines.count == 3)
        let line = lines[2].text
        // Tabs run to 4-column stops: "start" ends at column 5, so the first tab fills 3.
        #expect(line.utf8.count == 5 + 3 + 4 * 999_999 + 3)
        #expect(line.hasPrefix("start   ") && line.hasSuffix("    end"))
        let (lesson, _) = LessonParser.parse(data: Data(bytes), url: URL(fileURLWithPath: "tabs.md"))
        #expect(lesson.title == "Tabs")
        // A line of nothing but tabs is blank.
        #expect(SourceText.lines(from: Data(repeating: 0x09, count: 1_000_000)).map(\.text) == [""])
    }

    @Test func cleaningMatchesTheRulesOnEveryKindOfByte() {
        let cases: [(String, String)] = [
            ("a\tb", "a   b"), ("abcd\te", "abcd    e"), ("\u{FEFF}title", "title"), ("x\u{200B}y", "xy"),
            ("a\u{00A0}b\u{2007}c\u{202F}d", "a b c d"), ("bell\u{07}\u{1B}[31m", "bell[31m"), ("c1\u{85}x", "c1x"),
            ("trailing \t \u{00A0}", "trailing"), ("caf\u{E9}", "caf\u{E9}"), ("it\u{E2}\u{20AC}\u{2122}s", "it\u{2019}s"),
            ("\u{1F600}\tx", "\u{1F600}   x"),
        ]
        for (input, expected) in cases {
            #expect(SourceText.clean(input) == expected, "\(input.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        #expect(SourceText.lines(from: "a\r\nb\rc\n\nd").map(\.text) == ["a", "b", "c", "", "d"])
        #expect(SourceText.lines(from: "a\r\nb\rc\n\nd").map(\.number) == [1, 2, 3, 4, 5])
    }

    @Test func markerStormsParseToTheirText() {
        for storm in [String(repeating: "*", count: 100_000), String(repeating: "[", count: 100_000),
                      String(repeating: "`", count: 50_001), String(repeating: "_a", count: 50_000),
                      String(repeating: "**x ", count: 20_000), String(repeating: "\\", count: 10_001)] {
            let inlines = InlineParser.parse(storm)
            #expect(inlines.plainText.utf8.count <= storm.utf8.count)
            #expect(!inlines.plainText.isEmpty)
        }
        #expect(InlineParser.parse("a **b** `c` [d](http://e) \\*f\\* _g_ <https://h>") == [
            .text("a "), .bold([.text("b")]), .text(" "), .code("c"), .text(" "), .link(text: [.text("d")], url: "http://e"),
            .text(" *f* "), .italic([.text("g")]), .text(" "), .link(text: [.text("https://h")], url: "https://h"),
        ])
        // Non-ASCII text around markers keeps its characters whole.
        #expect(InlineParser.parse("é**ü**ñ snake_case_né") == [.text("é"), .bold([.text("ü")]), .text("ñ snake_case_né")])
    }

    @Test func oddLessonQueriesAreOneLineErrors() {
        let library = LessonLibrary(url: FixtureFiles.lessons)
        for query in ["#0", "#-1", "#5", "#99999999999999999999", "#", "", " ", "\u{1B}[31m", String(repeating: "x", count: 100_000)] {
            guard case .failure(let error) = library.resolve(query) else { Issue.record("'\(query.prefix(20))' resolved"); continue }
            #expect(!error.description.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "\(error)")
            #expect(error.description.count < 1_000)
        }
        guard case .failure(let escape) = library.resolve("\u{1B}]0;title\u{07}") else { Issue.record("resolved"); return }
        #expect(escape.description.hasPrefix("no lesson '^[]0;title^G'"))
    }

    @Test func checkReportsDepthInOneLineAndExitsOne() throws {
        let binary = try #require(CurriculumTestSupport.tutorBinary(), "build the tutor binary first (swift build)")
        let dir = try CurriculumTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = "# Deep\n\n" + String(repeating: ">", count: 10_000) + " x\n"
        try Data(text.utf8).write(to: dir.appendingPathComponent("deep.md"))
        let run = try CurriculumTestSupport.run(binary, ["check", "deep.md"], environment: ["TUTOR_HOME": dir.path], directory: dir)
        #expect(run.status == 1)
        #expect(run.stdout.contains("deep.md:3: \(Self.depthMessage)\n"))
        #expect(run.stderr.split(separator: "\n").count == 1)
    }
}
