@testable import Curriculum
import Foundation
import Testing

/// The byte-level helpers the parser's hot loops use, each against an independent oracle
/// (the former scalar-by-scalar trimming, splitting `plainText`, the obvious linear search).
@Suite struct ByteParsingTests {
    /// Pieces that make trimming and splitting interesting: ASCII and Unicode spaces, tabs,
    /// pipes, backslashes, backticks, combining marks and multi-byte letters.
    static let pieces = [" ", "\t", "a", "bc", "é", "e\u{301}", "\u{A0}", "\u{2003}", "\u{3000}", "\u{1680}", "\u{202F}",
                         "\u{205F}", "\u{200A}", "\u{200B}", "|", "\\", "`", "-", ":", "日本", "🙂", "**", "x y"]

    static func randomText(_ rng: inout SplitMix64, maxPieces: Int = 12) -> String {
        (0..<Int.random(in: 0...maxPieces, using: &rng)).map { _ in pieces.randomElement(using: &rng) ?? "" }.joined()
    }

    /// Trimming as the parser always did it, scalar by scalar: tabs and space separators (Zs),
    /// not the zero-width space (a format character) that Foundation's `.whitespaces` also cuts.
    static func oracleTrimmed(_ s: String) -> String {
        func isSpace(_ u: Unicode.Scalar) -> Bool { u == "\t" || u.properties.generalCategory == .spaceSeparator }
        let scalars = Array(s.unicodeScalars)
        guard let start = scalars.firstIndex(where: { !isSpace($0) }), let end = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[start...end])
        return String(out)
    }

    @Test func trimmedCutsTabsAndSpaceSeparators() {
        var rng = SplitMix64(seed: 7)
        for round in 0..<2_000 {
            let text = Self.randomText(&rng)
            let expected = Self.oracleTrimmed(text)
            #expect(MarkdownParser.trimmed(text) == expected, "round \(round): \(text.debugDescription)")
            #expect(MarkdownParser.isBlank(text) == expected.isEmpty, "round \(round): \(text.debugDescription)")
        }
        #expect(MarkdownParser.trimmed("\u{2003} word \u{A0}") == "word")
        #expect(MarkdownParser.trimmed("\u{200B}x") == "\u{200B}x")  // a zero-width space is no space separator
    }

    /// The cells of a row as the former Character-by-Character loop found them.
    static func oracleCells(_ row: String) -> [String] {
        var t = oracleTrimmed(row)
        if t.hasPrefix("|") { t.removeFirst() }
        if t.hasSuffix("|") && !t.hasSuffix("\\|") { t.removeLast() }
        var cells: [String] = [], current = "", inCode = false
        var previous: Character = " "
        for c in t {
            if c == "`" { inCode.toggle() }
            if c == "|" && !inCode && previous != "\\" {
                cells.append(oracleTrimmed(current)); current = ""
            } else {
                current.append(c)
            }
            previous = c
        }
        cells.append(oracleTrimmed(current))
        return cells
    }

    @Test func tableRowsSplitAsBefore() {
        #expect(MarkdownParser.splitRow("| a | `b|c` | d\\|e |") == ["a", "`b|c`", "d\\|e"])
        #expect(MarkdownParser.splitRow("x|\u{2003}y\u{2003}|") == ["x", "y"])
        var rng = SplitMix64(seed: 11)
        for round in 0..<2_000 {
            // Combining marks right after a delimiter are left out: they join it into one
            // Character, which the old loop compared as a whole.
            let row = Self.randomText(&rng).replacingOccurrences(of: "e\u{301}", with: "é")
            #expect(MarkdownParser.splitRow(row) == Self.oracleCells(row), "round \(round): \(row.debugDescription)")
        }
    }

    @Test func tableDelimiterRows() {
        #expect(MarkdownParser.isTableDelimiter("|---|:---:|--:|"))
        #expect(MarkdownParser.isTableDelimiter("--- | ---"))
        #expect(!MarkdownParser.isTableDelimiter("| --- | x |"))
        #expect(!MarkdownParser.isTableDelimiter("| : | : |"))
        #expect(!MarkdownParser.isTableDelimiter("| a | b |"))
    }

    @Test func markerTextIsCutOnlyWhenAsked() throws {
        let bullet = try #require(MarkdownParser.marker("  -   item *text*  x"))
        #expect(bullet.text == "item *text*  x" && bullet.indent == 2 && !bullet.ordered && bullet.contentColumn == 6)
        let numbered = try #require(MarkdownParser.marker("12) twelve\u{2003}"))
        #expect(numbered.text == "twelve" && numbered.number == 12 && numbered.ordered)
        let dot = try #require(MarkdownParser.marker("• dot"))
        #expect(dot.text == "dot")
        #expect(MarkdownParser.marker("-no space") == nil)
        #expect(try #require(MarkdownParser.marker("-")).text == "")
    }

    /// Every block of every bundled lesson and fixture: `wordCount` counts what splitting
    /// `plainText` at white space counts.
    @Test func wordCountMatchesPlainText() throws {
        let bundled = FixtureFiles.root.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("lessons")
        let library = LessonLibrary(urls: [bundled, FixtureFiles.lessons, FixtureFiles.root.appendingPathComponent("notes")])
        #expect(library.lessons.count > 9)
        var blocks = 0
        for lesson in library.lessons {
            for section in lesson.sections {
                for block in section.blocks {
                    let expected = block.plainText.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).count
                    #expect(block.wordCount == expected, "\(lesson.id) \(section.kind): \(block.plainText.prefix(80))")
                    blocks += 1
                }
                #expect(section.wordCount == section.blocks.map(\.wordCount).reduce(0, +))
            }
        }
        #expect(blocks > 300)
        let list = Block.list(ListBlock(ordered: false, start: 0, items: [
            ListItem(blocks: [.paragraph([.text("one"), .bold([.text("two")])]), .code(language: "", lines: ["a b", "c"])], line: 1),
            ListItem(blocks: [.paragraph([.text("three ")])], line: 2),
        ]))
        #expect(list.wordCount == 5)  // "onetwo a b c three"
    }

    @Test func headingsAfterAPositionAreFoundByBinarySearch() {
        let text = (0..<40).map { $0 % 3 == 0 ? "## Heading \($0)" : "text \($0)" }.joined(separator: "\n")
        let document = LessonDocument(lines: SourceText.lines(from: text))
        for index in -1...41 {
            let expected = document.headings.firstIndex { $0.index > index } ?? document.headings.count
            #expect(document.firstHeading(after: index) == expected, "after \(index)")
        }
    }
}
