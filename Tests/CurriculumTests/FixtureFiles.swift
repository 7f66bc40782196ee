import Curriculum
import Foundation

/// The fixture documents next to these tests (written by Fixtures/make_fixtures.py).
enum FixtureFiles {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let lessons = root.appendingPathComponent("lessons")
    static let quizzes = root.appendingPathComponent("quizzes")
    static let broken = root.appendingPathComponent("broken")

    static func lessonURL(_ name: String) -> URL { lessons.appendingPathComponent(name) }

    static func load(_ name: String) throws -> (lesson: Lesson, diagnostics: [Diagnostic]) {
        let url = lessonURL(name)
        return LessonParser.parse(data: try Data(contentsOf: url), url: url)
    }

    /// The 1-based line of the first raw line containing `needle` (an oracle independent of
    /// the parser: plain splitting on LF).
    static func line(of needle: String, in url: URL) throws -> Int {
        // Split bytes, not Characters: Swift reads "\r\n" as one Character.
        let lines = try Data(contentsOf: url).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        guard let index = lines.firstIndex(where: { String(decoding: $0, as: UTF8.self).contains(needle) }) else { return -1 }
        return index + 1
    }
}

extension Array where Element == Block {
    /// Top-level blocks of one case, for assertions.
    var headings: [String] {
        compactMap { if case .heading(_, let text, _) = $0 { return text.plainText } else { return nil } }
    }
    var lists: [ListBlock] { compactMap { if case .list(let l) = $0 { return l } else { return nil } } }
    var tables: [TableBlock] { compactMap { if case .table(let t) = $0 { return t } else { return nil } } }
    var labs: [LabSpec] { compactMap { if case .lab(let s) = $0 { return s } else { return nil } } }
    var paragraphs: [String] { compactMap { if case .paragraph(let i) = $0 { return i.plainText } else { return nil } } }
    var codeBlocks: [(language: String, lines: [String])] {
        compactMap { if case .code(let lang, let lines) = $0 { return (lang, lines) } else { return nil } }
    }
}

extension ListItem {
    var text: String { blocks.first?.plainText ?? "" }
}
