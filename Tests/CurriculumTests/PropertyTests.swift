import Curriculum
import Foundation
import Testing
import TestSupport

/// Arbitrary bytes and arbitrary mutations of the fixtures never crash the loader, the
/// layout, the quiz reader or `tutor check`; diagnostics always point inside the file.
@Suite struct PropertyTests {
    static let tokens: [[UInt8]] = [
        "```", "```lab\n", "~~~", "{{< ", " >}}", "{{< /", "{% embed url=\"", "%}", "|", "| --- |", "- ", "* ", "1. ", "10) ",
        "# ", "### ", ">", "> > ", "**", "*", "_", "`", "[", "](", "<http://", "+++\n", "---\n", "Answer:", "?", "\r", "\r\n",
        "\t", "    ", "\n\n", "## Review\n", "## FAQs\n", "## 1. ", "convolution stride=", "\"", "=", "\\",
    ].map { Array($0.utf8) } + [[0xFF], [0xE2, 0x80], [0xC3], [0x00], [0x1B, 0x5B], [0xE2, 0x80, 0x99], [0xF0, 0x9F, 0x98, 0x80]]

    static func mutate(_ original: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
        var bytes = original
        for _ in 0..<Int.random(in: 1...12, using: &rng) {
            let at = bytes.isEmpty ? 0 : Int.random(in: 0...bytes.count, using: &rng)
            switch Int.random(in: 0..<6, using: &rng) {
            case 0: bytes.insert(contentsOf: tokens.randomElement(using: &rng) ?? [], at: at)
            case 1 where at < bytes.count: bytes[at] = UInt8.random(in: 0...255, using: &rng)
            case 2 where !bytes.isEmpty:
                let end = min(bytes.count, at + Int.random(in: 1...200, using: &rng))
                if at < end { bytes.removeSubrange(at..<end) }
            case 3 where !bytes.isEmpty:
                let end = min(bytes.count, at + Int.random(in: 1...300, using: &rng))
                if at < end { bytes.insert(contentsOf: bytes[at..<end], at: at) }
            case 4: bytes = Array(bytes.prefix(at))
            default: bytes.insert(UInt8.random(in: 0...255, using: &rng), at: at)
            }
        }
        return bytes
    }

    func exercise(_ bytes: [UInt8], name: String, width: Int, context: String) {
        let url = URL(fileURLWithPath: "/fuzz/\(name)")
        let (lesson, diagnostics) = LessonParser.parse(data: Data(bytes), url: url, path: name)
        let lineCount = SourceText.lines(from: Data(bytes)).count
        for d in diagnostics where d.line < 0 || d.line > max(1, lineCount) {
            Issue.record("\(context): diagnostic line \(d.line) outside 1...\(lineCount): \(d)")
        }
        for section in lesson.sections {
            let layout = TextLayout.layout(section.blocks, width: width, ascii: width % 2 == 0)
            if let bad = layout.lines.first(where: { $0.width > width }) {
                Issue.record("\(context): \(section.kind) line wider than \(width): \(bad.text.debugDescription)")
            }
        }
        for q in ReviewQuiz.questions(for: lesson, quiz: nil) {
            _ = Grader.grade(bytes: Array(bytes.prefix(300)), for: q)
        }
        _ = QuizFile.parse(text: SourceText.decode(bytes), path: name)
    }

    @Test func arbitraryBytes() {
        var rng = SplitMix64(seed: 0xC0FFEE)
        for round in 0..<400 {
            let length = Int.random(in: 0...1_500, using: &rng)
            var bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
            // Half the rounds: printable-ish text with Markdown tokens, which reaches deeper.
            if round % 2 == 0 {
                bytes = []
                while bytes.count < length {
                    bytes += Bool.random(using: &rng) ? (Self.tokens.randomElement(using: &rng) ?? []) : Array("word ".utf8)
                }
            }
            exercise(bytes, name: "random-\(round).md", width: Int.random(in: 1...120, using: &rng), context: "round \(round)")
        }
    }

    @Test func mutatedFixtures() throws {
        var rng = SplitMix64(seed: 42)
        let names = try FileManager.default.contentsOfDirectory(atPath: FixtureFiles.lessons.path).sorted()
            + ["../quizzes/shape-a-pooling.yaml", "../broken/bad-lab.md", "../broken/missing-answer.yaml"]
        for name in names {
            let original = [UInt8](try Data(contentsOf: FixtureFiles.lessons.appendingPathComponent(name)))
            for round in 0..<150 {
                let bytes = Self.mutate(original, &rng)
                exercise(bytes, name: name, width: Int.random(in: 1...120, using: &rng), context: "\(name) mutation \(round)")
            }
        }
    }

    /// The real `tutor check`, on a folder of mutated lessons and quizzes: it reports and exits
    /// 0 or 1, never crashes, and every report line reads `path:line: message`.
    @Test func checkCommandSurvivesMutations() throws {
        let binary = try #require(CurriculumTestSupport.tutorBinary(), "build the tutor binary first (swift build)")
        let dir = try CurriculumTestSupport.temporaryFolder("tutor-fuzz")
        defer { try? FileManager.default.removeItem(at: dir) }
        var rng = SplitMix64(seed: 7)
        let sources = ["shape-a-pooling.md", "shape-b-pooling-article.markdown", "shape-c-activation-notes.txt",
                       "shape-d-convolution-guide.md", "../quizzes/shape-a-pooling.yaml"]
        for (n, source) in sources.enumerated() {
            let original = [UInt8](try Data(contentsOf: FixtureFiles.lessons.appendingPathComponent(source)))
            for round in 0..<12 {
                let ext = source.hasSuffix(".yaml") ? "yaml" : "md"
                try Data(Self.mutate(original, &rng)).write(to: dir.appendingPathComponent("m\(n)-\(round).\(ext)"))
            }
        }
        let run = try CurriculumTestSupport.run(binary, ["check", dir.path, "--lessons", dir.path], environment: ["TUTOR_HOME": dir.path])
        #expect(run.status == 0 || run.status == 1, "status \(run.status), stderr: \(run.stderr)")
        for line in run.stdout.split(separator: "\n") where !line.hasSuffix("no problems found") && !line.hasPrefix("read ") {
            let parts = line.split(separator: ":", maxSplits: 2)
            #expect(parts.count == 3 && parts[0].hasPrefix(dir.path) && Int(parts[1]) != nil, "\(line)")
        }
    }
}
