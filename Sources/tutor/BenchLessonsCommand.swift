import ArgumentParser
import Canvas
import Curriculum
import Foundation
import TinyCNN
import TutorApp
import TutorResources
import Widgets

/// `tutor bench-lessons`: how fast study notes are read and shown. Parses a generated
/// document of about 2 MB (the bundled lessons repeated) in process (MB/s), times whole
/// `tutor --lessons DOC lessons` runs beside `cmark DOC` when cmark is installed, parses the
/// bundled lessons, and times key presses in the reader's long Review section. Build in release
/// for real numbers: `swift run -c release tutor bench-lessons`.
struct BenchLessonsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-lessons",
        abstract: "Benchmark lesson parsing (MB/s) and reader key presses on a generated 2 MB document, beside cmark when installed."
    )

    @Option(help: "Size of the generated document in megabytes.") var megabytes = 2.0
    @Option(help: "Measure this document instead of generating one.") var file: String?
    @Option(help: "Runs of each measurement; the best is reported.") var rounds = 5
    @Option(help: "Key presses timed in the reader.") var keys = 200
    @Flag(help: "Print one JSON object instead of text.") var json = false

    func run() throws {
        guard megabytes > 0, megabytes <= 64 else { throw CLIOutput.badFlag("--megabytes must be more than 0 and at most 64 (got \(megabytes))") }
        guard (1...100).contains(rounds) else { throw CLIOutput.badFlag("--rounds must be between 1 and 100 (got \(rounds))") }
        guard (1...100_000).contains(keys) else { throw CLIOutput.badFlag("--keys must be between 1 and 100000 (got \(keys))") }
        guard let bundled = BundledContent.url(for: .lessons) else { throw CLIOutput.fail("cannot find the bundled lessons") }

        let document: URL
        var temporary: URL?
        if let file {
            document = URL(fileURLWithPath: file)
            guard FileManager.default.isReadableFile(atPath: document.path) else { throw CLIOutput.fail("\(file): cannot read the file") }
        } else {
            document = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-bench-\(getpid()).md")
            try generate(from: bundled, to: document)
            temporary = document
        }
        defer { if let temporary { try? FileManager.default.removeItem(at: temporary) } }
        let data = try Data(contentsOf: document)
        let megabytesRead = Double(data.count) / 1_000_000

        // In process: bytes → lines → sections (the work `tutor lessons` does per file).
        var parse = Double.infinity
        var lesson: Lesson?
        for _ in 0..<rounds {
            let start = DispatchTime.now()
            let parsed = LessonParser.parse(data: data, url: document).lesson
            parse = min(parse, seconds(since: start))
            lesson = parsed
        }
        var bundledSeconds = Double.infinity
        for _ in 0..<rounds {
            let start = DispatchTime.now()
            _ = LessonLibrary(url: bundled)
            bundledSeconds = min(bundledSeconds, seconds(since: start))
        }

        // Whole processes, side by side.
        let tutorRun = try bestRun(executable: URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath(),
                                   arguments: ["--lessons", document.path, "lessons"])
        let cmark = findExecutable("cmark")
        let cmarkRun = try cmark.map { try bestRun(executable: $0, arguments: [document.path]) }

        // The reader: open the document's Review section, then press j (one line down).
        let reader = try measureReader(lesson)

        if json {
            var object: [String: Any] = [
                "document_bytes": data.count, "parse_seconds": parse, "parse_mb_per_second": megabytesRead / parse,
                "bundled_lessons_parse_ms": bundledSeconds * 1000, "tutor_lessons_process_seconds": tutorRun,
                "reader_open_ms": reader.open * 1000, "reader_key_ms_mean": reader.mean * 1000,
                "reader_key_ms_p95": reader.p95 * 1000, "reader_key_ms_max": reader.max * 1000, "reader_review_lines": reader.lines,
            ]
            object["cpu"] = FloatEnvironment.cpuModel
            object["cores"] = ProcessInfo.processInfo.activeProcessorCount
            if let cmarkRun {
                object["cmark_process_seconds"] = cmarkRun
                object["tutor_over_cmark"] = tutorRun / cmarkRun
            }
            let out = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            print(String(decoding: out, as: UTF8.self))
            return
        }
        print("machine: \(FloatEnvironment.cpuModel), \(ProcessInfo.processInfo.activeProcessorCount) cores (other load on it slows every figure)")
        print("document: \(f(megabytesRead)) MB (\(file ?? "bundled lessons repeated")), best of \(rounds)")
        print("  parse in process:        \(f(parse * 1000)) ms  (\(f(megabytesRead / parse)) MB/s)")
        print("  tutor --lessons DOC lessons, whole process: \(f(tutorRun * 1000)) ms")
        if let cmarkRun {
            print("  cmark DOC, whole process: \(f(cmarkRun * 1000)) ms  (tutor/cmark = \(f(tutorRun / cmarkRun)), target ≤ 2)")
        } else {
            print("  cmark: not installed (apt-get install cmark to compare)")
        }
        print("bundled lessons parsed in \(f(bundledSeconds * 1000)) ms (target < 10 ms)")
        print("reader, Review section of \(reader.lines) lines at 100×40: open \(f(reader.open * 1000)) ms; "
            + "key press (reduce + render), \(keys) presses: mean \(f(reader.mean * 1000)) ms, p95 \(f(reader.p95 * 1000)) ms, "
            + "max \(f(reader.max * 1000)) ms (target < 16 ms)")
    }

    /// The bundled lesson files concatenated until the document reaches `megabytes`.
    private func generate(from folder: URL, to url: URL) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter(LessonLibrary.isLessonFileName).sorted()
        let parts = try names.map { try Data(contentsOf: folder.appendingPathComponent($0)) }
        guard parts.contains(where: { !$0.isEmpty }) else { throw CLIOutput.fail("the bundled lessons are empty") }
        var out = Data()
        let target = Int(megabytes * 1_000_000)
        while out.count < target {
            for part in parts where out.count < target { out.append(part); out.append(0x0A) }
        }
        try out.write(to: url)
    }

    private func measureReader(_ lesson: Lesson?) throws -> (open: Double, mean: Double, p95: Double, max: Double, lines: Int) {
        guard let lesson else { return (0, 0, 0, 0, 0) }
        var state = AppState(width: 100, height: 40, capabilities: Capabilities(colorLevel: .indexed256, unicode: true))
        _ = reduce(&state, .curriculumLoaded(CurriculumContent(lessons: LessonLibrary(lessons: [lesson]))))
        var buffer = Buffer(width: state.width, height: state.height)
        let openStart = DispatchTime.now()
        _ = reduce(&state, .lessonLinkOpened(lesson: lesson.id, section: .review))
        render(state, into: &buffer)
        let open = seconds(since: openStart)
        var times: [Double] = []
        for _ in 0..<keys {
            let start = DispatchTime.now()
            _ = reduce(&state, action(for: .character("j"), in: state))
            render(state, into: &buffer)
            times.append(seconds(since: start))
        }
        times.sort()
        let lines = TutorApp.readerLineCount(state)
        return (open, times.reduce(0, +) / Double(times.count), times[min(times.count - 1, times.count * 95 / 100)], times.last ?? 0, lines)
    }

    /// The fastest of `rounds` runs of a process, in seconds, output discarded.
    private func bestRun(executable: URL, arguments: [String]) throws -> Double {
        var best = Double.infinity
        for _ in 0..<rounds {
            let process = Process()
            process.executableURL = executable
            process.arguments = arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            let start = DispatchTime.now()
            try process.run()
            process.waitUntilExit()
            best = min(best, seconds(since: start))
        }
        return best
    }

    private func findExecutable(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    private func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }

    private func f(_ x: Double) -> String { String(format: "%.2f", x) }
}
