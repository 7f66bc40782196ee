import Curriculum
import Foundation
import Testing

@Suite struct TextLayoutTests {
    func text(_ markdown: String, width: Int, ascii: Bool = false) -> String {
        TextLayout.layout(MarkdownParser.parse(markdown), width: width, ascii: ascii).plainText
    }

    @Test func paragraphsWrapGreedily() {
        #expect(text("The quick brown fox jumps over the lazy dog.", width: 16) == """
        The quick brown
        fox jumps over
        the lazy dog.
        """)
        // A word longer than the line is broken where the width runs out.
        #expect(text("abcdefghij kl", width: 4) == "abcd\nefgh\nij\nkl")
    }

    @Test func listsHangTheirIndent() {
        #expect(text("- alpha beta gamma delta\n  - nested words wrap here\n10. ten\n", width: 18) == """
        • alpha beta gamma
          delta
          ◦ nested words
            wrap here

        10. ten
        """)
        #expect(text("3. three\n4. four", width: 20, ascii: true) == "3. three\n4. four")
        #expect(text("- a\n  - b", width: 20, ascii: true) == "- a\n  * b")
    }

    @Test func codeAndTablesAreCutNotWrapped() {
        let code = "```\nshort\nthis line is much too long to fit\n```"
        #expect(text(code, width: 16) == "  short\n  this line is …")
        #expect(text(code, width: 16, ascii: true) == "  short\n  this line is >")
        let table = "| name | value |\n|---|---|\n| kernel | 3x3 |"
        #expect(text(table, width: 40, ascii: true) == """
        +--------+-------+
        | name   | value |
        +--------+-------+
        | kernel | 3x3   |
        +--------+-------+
        """)
        #expect(text(table, width: 10) == "┌────────…\n│ name   …\n├────────…\n│ kernel …\n└────────…")
    }

    @Test func labBoxesSayHowToOpenThemAndRecordWhereTheyAre() throws {
        let blocks = MarkdownParser.parse("Before.\n\n```lab\nconvolution input=digit:3 kernel=sobel-x\n```\n\nAfter.")
        let layout = TextLayout.layout(blocks, width: 60)
        #expect(layout.plainText == """
        Before.

        ┌─────────────────────────────────────────────────┐
        │ ▶ Convolution lab                               │
        │ input=digit:3 kernel=sobel-x                    │
        │ press Enter to open this in the convolution lab │
        └─────────────────────────────────────────────────┘

        After.
        """)
        let lab = try #require(layout.labs.first)
        #expect(lab.lines == 2..<7)
        #expect(lab.spec.kind == .convolution)
        #expect(layout.lab(at: 4)?.spec == lab.spec)
        #expect(layout.lab(at: 0) == nil)
        #expect(layout.lines[2].spans.allSatisfy { $0.style.contains(.labBox) })
        // A lab inside a list item is found at its shifted position.
        let nested = TextLayout.layout(MarkdownParser.parse("- item\n\n  ```lab\n  pooling kernel=2\n  ```"), width: 50)
        #expect(nested.labs.first.map { nested.lines[$0.lines.lowerBound].text.contains("┌") } == true)
    }

    @Test func stylesAreSemantic() throws {
        let blocks = MarkdownParser.parse("# Title\n\n{{< ask >}}\nwhy?\n{{< /ask >}}\n\nSee **bold** and [docs](https://d.io) and `x`.\n\n> q")
        let layout = TextLayout.layout(blocks, width: 80)
        func style(of text: String) -> SpanStyle? {
            layout.lines.flatMap(\.spans).first { $0.text.contains(text) }?.style
        }
        #expect(style(of: "Title")?.contains(.heading1) == true)
        #expect(style(of: "asked:")?.contains(.asked) == true)
        #expect(style(of: "why?")?.contains(.dim) == true)
        #expect(style(of: "bold") == .bold)
        #expect(style(of: "docs") == .link)
        #expect(style(of: "(https://d.io)") == [.linkURL, .dim])
        #expect(layout.lines.flatMap(\.spans).contains { $0.text == "x" && $0.style == .code })
        #expect(style(of: "q")?.contains(.quote) == true)
    }

    @Test func headingsAreUnderlinedByLevelSoPlainTextShowsThem() {
        #expect(text("# One\n## Two\n### Three\n#### Four", width: 40) == "One\n═══\n\nTwo\n───\n\nThree\n┄┄┄┄┄\n\nFour")
        #expect(text("# One\n## Two\n### Three", width: 40, ascii: true) == "One\n===\n\nTwo\n---\n\nThree\n.....")
    }

    @Test func labSettingsWithSpacesAreQuoted() {
        let out = text("```lab\nconvolution input=\"1 2; 3 4\" stride=1\n```", width: 60, ascii: true)
        #expect(out.contains("| input=\"1 2; 3 4\" stride=1"), "\(out)")
    }

    @Test func wideCharactersAreMeasured() {
        #expect(DisplayWidth.of("漢字") == 4)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("👍") == 2)
        #expect(DisplayWidth.of("a\u{7}b") == 2)
        // The layout measures with the buffer's table: an emoji presentation is two columns.
        #expect(DisplayWidth.of("\u{2764}\u{FE0F}") == 2 && DisplayWidth.of("\u{2764}") == 1)
        #expect(text("漢字 漢字 漢字", width: 9) == "漢字 漢字\n漢字")
        // A cut never splits a wide character across the edge.
        #expect(text("```\n漢字漢字漢字\n```", width: 8) == "漢字漢 …")
    }

    /// Every line of every fixture fits, at every width from 1 to 100, in both glyph sets.
    @Test func everyLineFitsAtEveryWidth() throws {
        let library = LessonLibrary(url: FixtureFiles.lessons)
        for lesson in library.lessons {
            for section in lesson.sections {
                for width in 1...100 {
                    for ascii in [false, true] {
                        let layout = TextLayout.layout(section.blocks, width: width, ascii: ascii)
                        if let wide = layout.lines.firstIndex(where: { $0.width > width }) {
                            Issue.record("\(lesson.id) \(section.kind) width \(width) ascii \(ascii): line \(wide) is \(layout.lines[wide].width) wide")
                        }
                        for lab in layout.labs where !(0...layout.lines.count).contains(lab.lines.upperBound) {
                            Issue.record("\(lesson.id) width \(width): lab range \(lab.lines) outside \(layout.lines.count) lines")
                        }
                    }
                }
            }
        }
    }

    @Test func asciiModeUsesOnlyASCIIGlyphs() {
        let doc = "# T\n\n- a\n  - b\n    - c\n\n| x | y |\n|---|---|\n| 1 | 2 |\n\n> q\n\n---\n\n```lab\npooling kernel=2\n```\n\n```\nlong long long long long long\n```"
        for width in [10, 20, 40, 80] {
            let out = text(doc, width: width, ascii: true)
            #expect(out.unicodeScalars.allSatisfy { $0.isASCII }, "width \(width):\n\(out)")
        }
    }

    /// ASCII mode spells symbols out instead of leaving them to the terminal's one-column
    /// stand-ins, which turned "(1 − 3)²" into "(1 - 3)2" and "w ← w − η" into "w < w - n".
    @Test func asciiSpellsSymbolsOutInProseCodeAndTables() {
        #expect(text("The loss is L = (y − t)², stepped by the learning rate **η**.", width: 80, ascii: true)
                == "The loss is L = (y - t)^2, stepped by the learning rate eta.")
        #expect(text("```\nw ← w − η · dL/dw\n```", width: 40, ascii: true) == "  w <- w - eta * dL/dw")
        #expect(text("| a | b |\n|---|---|\n| x ≤ 3 | 2×2 |", width: 40, ascii: true)
                == "+--------+-----+\n| a      | b   |\n+--------+-----+\n| x <= 3 | 2x2 |\n+--------+-----+")
        #expect(text("Inline `σ(0) = 0.5` and λ · Σ w².", width: 80, ascii: true) == "Inline sigma(0) = 0.5 and lambda * sum w^2.")
        // Spelled-out text still wraps at the width.
        #expect(text("a ← b ← c ← d", width: 9, ascii: true) == "a <- b <-\nc <- d")
        // Unicode mode keeps the symbols.
        #expect(text("(1 − 3)² = 4", width: 40) == "(1 − 3)² = 4")
    }
}
