import Foundation
import Testing
import Curriculum

/// `lessons/README.md` maps every curriculum bullet to the lesson sections that teach it and
/// the questions that test it; every reference must resolve.
@Suite("Curriculum coverage table")
struct CoverageTableTests {
    struct Row {
        var id: String
        var quote: String
        var taught: String
        var tested: [String]
    }

    /// The table rows: `| 1.1 | "quote" (...) | taught in | tested by |`.
    static func rows() throws -> [Row] {
        let url = try #require(BundledLessons.lessonsURL).appendingPathComponent("README.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n").compactMap { line -> Row? in
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 6, cells[1].range(of: #"^\d\.\d$"#, options: .regularExpression) != nil else { return nil }
            let quoteParts = cells[2].split(separator: "\"", omittingEmptySubsequences: false)
            let quote = quoteParts.count >= 3 ? String(quoteParts[1]) : ""
            let tested = cells[4].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            return Row(id: cells[1], quote: quote, taught: cells[3], tested: tested)
        }
    }

    @Test("every curriculum bullet has exactly one row that quotes it")
    func everyBulletHasARow() throws {
        let rows = try Self.rows()
        for bullet in CurriculumBullets.all {
            let matching = rows.filter { $0.id == bullet.id }
            #expect(matching.count == 1, "bullet \(bullet.id) has \(matching.count) rows")
            guard let row = matching.first else { continue }
            #expect(row.quote.count >= 20 && bullet.opening.hasPrefix(row.quote),
                    "bullet \(bullet.id): the row quotes \"\(row.quote)\", the curriculum says \"\(bullet.opening)\"")
        }
        #expect(rows.count == CurriculumBullets.all.count, "\(rows.count) rows for \(CurriculumBullets.all.count) bullets")
    }

    @Test("the lessons and Explain subsections named in 'taught in' exist")
    func taughtInResolves() throws {
        for row in try Self.rows() {
            let ids = matches(of: #"`(\d\d-[a-z0-9-]+)`"#, in: row.taught)
            #expect(!ids.isEmpty, "\(row.id) names no lesson")
            let lessons = ids.compactMap { BundledLessons.library.lesson(id: $0) }
            #expect(lessons.count == ids.count, "\(row.id) names a lesson that does not exist: \(ids)")
            let headings = Set(lessons.flatMap(BundledLessons.explainHeadings(of:)))
            for heading in matches(of: #"\*([^*]+)\*"#, in: row.taught) {
                #expect(headings.contains(heading), "\(row.id): no Explain subsection '\(heading)' in \(ids)")
            }
            for keypoint in matches(of: #"Keypoint (\d+)"#, in: row.taught).compactMap(Int.init) {
                let most = lessons.map { BundledLessons.orderedItemCount(in: $0.keypoint) }.max() ?? 0
                #expect(keypoint <= most, "\(row.id): Keypoint \(keypoint) does not exist")
            }
        }
    }

    @Test("every question named in 'tested by' exists")
    func testedByResolves() throws {
        for row in try Self.rows() {
            #expect(!row.tested.isEmpty, "\(row.id) is tested by nothing")
            for reference in row.tested {
                let parts = reference.split(separator: "/").map(String.init)
                guard parts.count == 2, let lesson = BundledLessons.lesson(parts[0]) else {
                    Issue.record("\(row.id): malformed or unknown reference '\(reference)'")
                    continue
                }
                // The lesson's Review questions count even when a quiz question replaces them.
                let quizIDs = BundledLessons.quizzes.quiz(for: lesson.id)?.questions.map(\.id) ?? []
                let ids = Set(lesson.reviewQuestions.map(\.id) + quizIDs)
                #expect(ids.contains(parts[1]), "\(row.id): \(lesson.id) has no question '\(parts[1])'")
            }
        }
    }

    @Test("every lesson teaches at least one bullet and every quiz question is mapped or a generator")
    func nothingOrphaned() throws {
        let rows = try Self.rows()
        let referenced = Set(rows.flatMap(\.tested))
        for lesson in BundledLessons.lessons {
            #expect(rows.contains { $0.taught.contains("`\(lesson.id)`") }, "\(lesson.id) teaches no curriculum bullet")
            let number = String(lesson.id.prefix(2))
            for q in BundledLessons.quizzes.quiz(for: lesson.id)?.questions ?? [] {
                if case .generated = q.kind, !referenced.contains("\(number)/\(q.id)") { continue }
                #expect(referenced.contains("\(number)/\(q.id)"), "\(number)/\(q.id) is in no row of the coverage table")
            }
        }
    }

    func matches(of pattern: String, in text: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }
}
