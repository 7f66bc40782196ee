import Curriculum
import Foundation
import Testing

@Suite struct SourceTextTests {
    @Test func lineEndsTabsTrailingSpacesAndNoFinalNewline() {
        let lines = SourceText.lines(from: Data("\u{FEFF}one  \r\ntwo\rthree\n\tfour\t\n\nfive".utf8))
        #expect(lines.map(\.text) == ["one", "two", "three", "    four", "", "five"])
        #expect(lines.map(\.number) == [1, 2, 3, 4, 5, 6])
        #expect(SourceText.lines(from: "a\n").map(\.text) == ["a"])
        #expect(SourceText.lines(from: "").isEmpty)
        #expect(SourceText.clean("ab\tc") == "ab  c")
    }

    @Test(arguments: [
        ("itâ€™s", "it’s"), ("â€˜quotedâ€™", "‘quoted’"), ("â€œhiâ€\u{9d}", "“hi”"), ("â€œhiâ€", "“hi”"),
        ("aâ€“b", "a–b"), ("aâ€”b", "a—b"), ("wait â€¦", "wait …"), ("â€¢ item", "• item"),
        ("cafÃ©", "café"), ("26 Ã— 26", "26 × 26"), ("a â†’ b", "a → b"), ("xÂ\u{a0}y", "x y"),
        ("café", "café"), ("naïve – fine", "naïve – fine"), ("Âµ", "µ"),
    ])
    func mojibakeRepaired(input: String, expected: String) {
        #expect(SourceText.clean(input) == expected, "\(input.debugDescription)")
    }

    @Test func lossyDecodingMatchesTheStandardLibrary() {
        var rng = SplitMix64(seed: 1)
        for round in 0..<300 {
            let bytes = (0..<Int.random(in: 0...40, using: &rng)).map { _ in
                // Mostly bytes that make UTF-8 interesting.
                [0x61, 0x80, 0xBF, 0xC0, 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xED, 0xA0, 0xF0, 0x9F, 0x98, 0x80, 0xF4, 0x90, 0xFF]
                    .randomElement(using: &rng).map(UInt8.init) ?? 0
            }
            #expect(SourceText.decode(bytes) == String(decoding: bytes, as: UTF8.self), "round \(round): \(bytes)")
        }
    }
}

@Suite struct InlineParserTests {
    @Test func emphasisCodeAndLinks() {
        #expect(InlineParser.parse("**bold** and *it* and `co*de*`") ==
                [.bold([.text("bold")]), .text(" and "), .italic([.text("it")]), .text(" and "), .code("co*de*")])
        #expect(InlineParser.parse("see [the docs](https://x.org \"t\") now") ==
                [.text("see "), .link(text: [.text("the docs")], url: "https://x.org"), .text(" now")])
        #expect(InlineParser.parse("![alt text](img.png)") == [.link(text: [.text("alt text")], url: "img.png")])
        #expect(InlineParser.parse("<https://a.b/c>") == [.link(text: [.text("https://a.b/c")], url: "https://a.b/c")])
        #expect(InlineParser.parse("__strong__ _em_") == [.bold([.text("strong")]), .text(" "), .italic([.text("em")])])
    }

    @Test func unmatchedMarkersStayText() {
        #expect(InlineParser.parse("2 * 3 * 4").plainText == "2 * 3 * 4")
        #expect(InlineParser.parse("snake_case_name").plainText == "snake_case_name")
        #expect(InlineParser.parse("**open").plainText == "**open")
        #expect(InlineParser.parse("`tick").plainText == "`tick")
        #expect(InlineParser.parse("[no link]").plainText == "[no link]")
        #expect(InlineParser.parse("\\*literal\\*") == [.text("*literal*")])
    }
}

@Suite struct MarkdownParserTests {
    @Test func headingsParagraphsRulesAndSetext() {
        let blocks = MarkdownParser.parse("# One #\nText that\nwraps.\n\n---\n\nTwo\n===\n### Three")
        #expect(blocks == [
            .heading(level: 1, text: [.text("One")], line: 1),
            .paragraph([.text("Text that wraps.")]),
            .rule,
            .heading(level: 1, text: [.text("Two")], line: 7),
            .heading(level: 3, text: [.text("Three")], line: 9),
        ])
    }

    @Test func listsWithBlankLinesNestingAndLooseContinuation() {
        let text = "1. First\n\n2. Second\n   continued\n   - nested a\n\n   - nested b\n3. Third\nlazy line\n\n- other list"
        let blocks = MarkdownParser.parse(text)
        #expect(blocks.count == 2)
        guard case .list(let ordered) = blocks[0], case .list(let bullets) = blocks[1] else { Issue.record("\(blocks)"); return }
        #expect(ordered.ordered && ordered.start == 1)
        #expect(ordered.items.map(\.text) == ["First", "Second continued", "Third lazy line"])
        #expect(ordered.items.map(\.line) == [1, 3, 8])
        #expect(ordered.items[1].blocks.lists.first?.items.map(\.text) == ["nested a", "nested b"])
        #expect(!bullets.ordered && bullets.items.map(\.text) == ["other list"])
    }

    @Test func codeTablesQuotesShortcodesEmbedsAndLabs() {
        let text = """
        ~~~swift
        let x = 1
        ~~~

            indented code

        | a | b |
        |---|--:|
        | 1 | 2 |

        > quoted **text**
        > more

        {{< ask_chatgpt >}}
        Explain it
        {{< /ask_chatgpt >}}
        {{% note %}}inline prompt{{% /note %}}
        {% embed url="https://e.com/v" %}

        ```lab
        network dataset=digits sample=4
        ```
        """
        let (blocks, problems) = MarkdownParser.parse(SourceText.lines(from: text))
        #expect(problems.isEmpty)
        #expect(blocks.codeBlocks.map(\.language) == ["swift", ""])
        #expect(blocks.codeBlocks.map(\.lines) == [["let x = 1"], ["indented code"]])
        #expect(blocks.tables.first?.alignments == [.left, .right])
        #expect(blocks.contains(.quote([.paragraph([.text("quoted "), .bold([.text("text")]), .text(" more")])])))
        #expect(blocks.contains(.asked(name: "ask_chatgpt", prompt: "Explain it")))
        #expect(blocks.contains(.asked(name: "note", prompt: "inline prompt")))
        #expect(blocks.contains(.embed(url: "https://e.com/v", caption: "")))
        #expect(blocks.labs.first?.kind == .network)
        #expect(blocks.labs.first?.line == 20)
    }

    @Test func unknownOrUnclosedShortcodesNeverBecomeBodyText() {
        let blocks = MarkdownParser.parse("{{< youtube abc123 >}}\nBody.\n{{< /stray >}}\n{{< weird-name x=1 >}}\nprompt\n{{< /weird-name >}}")
        #expect(blocks == [
            .asked(name: "youtube", prompt: "abc123"),
            .paragraph([.text("Body.")]),
            .asked(name: "weird-name", prompt: "prompt"),
        ])
    }

    @Test func malformedLabIsAProblemWithItsLine() {
        let (blocks, problems) = MarkdownParser.parse(SourceText.lines(from: "Intro\n\n```lab\ntelescope zoom=2\n```\n"))
        #expect(problems.map(\.line) == [3])
        #expect(problems.first?.message.hasPrefix("unknown lab kind 'telescope'") == true)
        #expect(blocks.codeBlocks.first?.language == "lab")
    }

    @Test func deepNestingIsBounded() {
        let deep = String(repeating: "> ", count: 2_000) + "x\n" + String(repeating: "  ", count: 500) + "- y"
        _ = MarkdownParser.parse(deep)
        let lists = (0..<300).map { String(repeating: "  ", count: $0) + "- item" }.joined(separator: "\n")
        _ = MarkdownParser.parse(lists)
    }
}

@Suite struct LabSpecTests {
    @Test func validSpecsKeepOrderAndQuotes() throws {
        let spec = try LabSpec.parse("convolution input=\"1 2 0; 0 1 3; 2 0 1\" kernel=sobel-x stride=2 padding=1 dilation=1 bias=-0.5 relu=on", line: 7)
        #expect(spec.kind == .convolution)
        #expect(spec.settings.map(\.key) == ["input", "kernel", "stride", "padding", "dilation", "bias", "relu"])
        #expect(spec["input"] == "1 2 0; 0 1 3; 2 0 1")
        #expect(spec.line == 7)
        #expect(try LabSpec.parse("pooling input=mnist:7 kernel=3 stride=3 mode=avg padding=0", line: 1)["mode"] == "avg")
        #expect(try LabSpec.parse("training dataset=mnist lr=0.01 batch=32 optimizer=adam epochs=2 augment=off", line: 1).settings.count == 6)
        #expect(try LabSpec.parse("network", line: 1).settings.isEmpty)
    }

    @Test(arguments: [
        ("", "empty lab block"), ("microscope", "unknown lab kind 'microscope'"),
        ("convolution stride", "malformed lab setting 'stride'"), ("convolution zoom=2", "unknown convolution lab setting 'zoom'"),
        ("convolution stride=0", "bad convolution lab setting stride=0"), ("convolution kernel=fancy", "bad convolution lab setting kernel=fancy"),
        ("convolution input=digit:12", "bad convolution lab setting input=digit:12"), ("convolution input=\"1 2; 3\"", "bad convolution lab setting"),
        ("pooling mode=median", "bad pooling lab setting mode=median"), ("training lr=-1", "bad training lab setting lr=-1"),
        ("network dataset=cifar", "bad network lab setting dataset=cifar"), ("convolution stride=1 stride=2", "given twice"),
        ("convolution input=\"1 2", "unterminated quote"),
    ])
    func invalidSpecs(text: String, message: String) {
        do {
            _ = try LabSpec.parse(text, line: 1)
            Issue.record("\(text.debugDescription) parsed")
        } catch {
            #expect("\(error)".contains(message), "\(text.debugDescription): \(error)")
        }
    }
}
