import Foundation
import Testing
import TestSupport

/// `tutor lessons` counts the questions each lesson's quiz really asks: its own, plus what the
/// quiz file adds (repeats and replaced review questions not counted twice).
@Suite struct LessonsCountTests {
    @Test func theQuestionsColumnAddsUpToWhatEachBundledQuizAsks() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("lessons-count-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        let env = ["TUTOR_HOME": home.path]
        let listing = try TutorBinary.run(["lessons"], environment: env)
        #expect(listing.status == 0)
        let rows = listing.stdout.split(separator: "\n").dropFirst().filter { $0.first?.isNumber == true }
        #expect(rows.count >= 9)
        for row in rows {
            let fields = row.split(separator: " ")
            let id = String(fields[0])
            guard let column = fields.first(where: { $0.contains("+") && $0.first?.isNumber == true }) else {
                Issue.record("no question count in: \(row)"); continue
            }
            let listed = column.split(separator: "+").compactMap { Int($0.filter(\.isNumber)) }.reduce(0, +)
            let quiz = try TutorBinary.run(["quiz", id, "--plain", "--seed", "1"], environment: env)
            let header = quiz.stdout.split(separator: "\n").first.map(String.init) ?? ""
            #expect(header.contains(": \(listed) questions."), "\(id): lessons lists \(column), the quiz says: \(header)")
        }
    }
}
