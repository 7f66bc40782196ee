import Foundation
import Testing
import TestSupport

/// Hostile inputs through the built binary (issue 14): each ends in one line on stderr starting
/// `tutor:`, a non-zero exit that is not a crash, and (where /usr/bin/time can measure it) a peak
/// memory under 200 MB.
@Suite(.serialized) struct HostileInputTests {
    /// One hostile run: the arguments (`{dir}` is the fixture folder), extra environment, and a
    /// piece of the expected message.
    struct Case: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        var expect: String
        var environment: [String: String] = [:]
        var testDescription: String { arguments.joined(separator: " ").prefix(70).description }
    }

    static let cases: [Case] = [
        // Specs whose numbers would overflow or allocate without end.
        Case(arguments: ["shapes", "conv 8 3 dilation 9223372036854775807"], expect: "dilation 9223372036854775807 is over the limit of 1024"),
        Case(arguments: ["shapes", "conv 8 3 pad 9223372036854775807"], expect: "padding 9223372036854775807 is over the limit"),
        Case(arguments: ["shapes", "conv 8 3 stride 9223372036854775807"], expect: "stride 9223372036854775807 is over the limit"),
        Case(arguments: ["shapes", "conv 9223372036854775807 3"], expect: "filters is over the limit"),
        Case(arguments: ["shapes", "conv 8 9223372036854775807x2"], expect: "kernel size 9223372036854775807 is over the limit"),
        Case(arguments: ["shapes", "dense 9223372036854775807"], expect: "units is over the limit"),
        Case(arguments: ["shapes", "pool 9223372036854775807"], expect: "kernel size 9223372036854775807 is over the limit"),
        Case(arguments: ["shapes", "dense 65536", "--input", "65536x65536x65536"], expect: "sizes too large to compute"),
        Case(arguments: ["shapes", "conv 8 3", "--input", "1x99999999999999999999x5"], expect: "--input"),
        Case(arguments: ["shapes", "conv 8 3", "--input", "1x100000x100000"], expect: "over the limit of 65536"),
        Case(arguments: ["shapes", ""], expect: "no layers"),
        // Calculators.
        Case(arguments: ["convolve", "--input", "1", "--kernel", "1", "--padding", "3000"], expect: "padding 3000 is over the limit of 1024"),
        Case(arguments: ["convolve", "--input", "1", "--kernel", "1 1", "--dilation", "9223372036854775807"], expect: "dilation 9223372036854775807 is over the limit"),
        Case(arguments: ["convolve", "--input", "1", "--kernel", "1", "--padding", "1024"], expect: "over the limit of 4194304 values"),
        Case(arguments: ["convolve", "--input", "1", "--kernel", "1", "--stride", "-9223372036854775808"], expect: "stride must be at least 1"),
        Case(arguments: ["convolve", "--input", "1 2; 3", "--kernel", "1"], expect: "--input"),
        Case(arguments: ["convolve", "--input", "nan", "--kernel", "1"], expect: "--input"),
        Case(arguments: ["convolve", "--input", "1", "--kernel", "1", "--bias", "1e999"], expect: "--bias"),
        Case(arguments: ["convolve", "--input", "1", "--kernel", "1", "--decimals", "99"], expect: "--decimals"),
        Case(arguments: ["convolve", "--input", "/dev/zero", "--kernel", "1"], expect: "not a regular file"),
        Case(arguments: ["convolve", "--input", "{dir}/wide.txt", "--kernel", "1"], expect: "the limit for a matrix"),
        Case(arguments: ["pool", "--input", "1", "--kernel", "9223372036854775807"], expect: "kernel 9223372036854775807 is over the limit"),
        Case(arguments: ["pool", "--input", "1", "--kernel", "2", "--padding", "9223372036854775807"], expect: "padding"),
        Case(arguments: ["pool", "--input", "1 2; 3 4", "--mode", "median"], expect: "median"),
        // Model files.
        Case(arguments: ["eval", "--model", "{dir}/huge-input.json"], expect: "over the limit of 16,777,216"),
        Case(arguments: ["eval", "--model", "{dir}/huge-kernel.json"], expect: "smaller than the kernel"),
        Case(arguments: ["eval", "--model", "{dir}/nested.json"], expect: "not a cnn-tutor model file"),
        Case(arguments: ["eval", "--model", "{dir}/infinite.json"], expect: "not a cnn-tutor model file"),
        Case(arguments: ["eval", "--model", "{dir}/huge-dense.json"], expect: "over the limit of 10,000,000"),
        Case(arguments: ["eval", "--model", "/dev/zero"], expect: "not a regular file"),
        Case(arguments: ["eval", "--model", "{dir}"], expect: "directory"),
        Case(arguments: ["eval", "--model", "{dir}/missing.json"], expect: "no such file"),
        // Training flags and data sets.
        Case(arguments: ["train", "--batch", "9223372036854775807"], expect: "--batch must be between 1 and 65536"),
        Case(arguments: ["train", "--epochs", "0"], expect: "--epochs"),
        Case(arguments: ["train", "--optimizer", "foo"], expect: "--optimizer: 'foo' is not one of 'sgd' and 'adam'"),
        Case(arguments: ["train", "--dataset", "cifar"], expect: "--dataset: 'cifar' is not one of"),
        Case(arguments: ["convolve", "--input", "1", "--kernel", "1", "--stride", "two"], expect: "--stride: 'two' is not a whole number"),
        Case(arguments: ["train", "--data", "{dir}/empty", "--epochs", "1"], expect: "holds no images"),
        Case(arguments: ["train", "--data", "{dir}/tiny", "--epochs", "1"], expect: "1x1 images"),
        Case(arguments: ["train", "--data", "{dir}/four", "--epochs", "1", "--early-stop", "2"], expect: "--early-stop"),
        Case(arguments: ["train", "--data", "{dir}/bomb", "--epochs", "1"], expect: "decompresses to more than the limit"),
        Case(arguments: ["train", "--data", "{dir}/garbage", "--epochs", "1"], expect: "garbage after the compressed data"),
        Case(arguments: ["train", "--data", "{dir}/devices", "--epochs", "1"], expect: "not a regular file"),
        Case(arguments: ["train", "--epochs", "1", "--save", "{dir}/fifo"], expect: "a FIFO, not a regular file, is there; nothing was written"),
        Case(arguments: ["train", "--epochs", "1", "--save", "/dev/null"], expect: "not a regular file"),
        Case(arguments: ["bench-frame", "--frames", "0"], expect: "--frames must be between 1 and 100000"),
        // Content files.
        Case(arguments: ["check", "{dir}/deep/quizzes/deep.yaml"], expect: "nest more than 32 levels"),
        Case(arguments: ["check", "{dir}/big/quizzes/big.yaml"], expect: "over the limit of 1048576 bytes"),
        Case(arguments: ["check", "{dir}/fifo-quiz/quizzes"], expect: "not a regular file"),
        Case(arguments: ["check", "{dir}/fifo-lesson/lessons"], expect: "not a regular file"),
        Case(arguments: ["check", "{dir}/big-lesson/lessons"], expect: "over the limit of 4194304 bytes"),
        // Progress.
        Case(arguments: ["progress"], expect: "not a regular file", environment: ["TUTOR_HOME": "{dir}/home-dir"]),
        Case(arguments: ["progress", "--reset-all"], expect: "a FIFO", environment: ["TUTOR_HOME": "{dir}/home-fifo"]),
        Case(arguments: ["progress", "--export", "/dev/null"], expect: "not a regular file, is there; nothing was written"),
        Case(arguments: ["progress", "--export", "{dir}/fifo"], expect: "a FIFO"),
        Case(arguments: ["progress", "--import", "/dev/zero"], expect: "not a regular file"),
        Case(arguments: ["progress", "--import", "{dir}/nested.json"], expect: "nested.json"),
        Case(arguments: ["progress", "--import", "{dir}/missing.json"], expect: "missing.json"),
    ]

    /// Extreme values are results, not crashes: every number prints, heatmaps included.
    @Test(arguments: [
        ["convolve", "--input", "3e38 -3e38; 1 2", "--kernel", "1 1"],
        ["convolve", "--input", "9e18", "--kernel", "1"],
        ["convolve", "--input", "3e38 3e38", "--kernel", "1 1", "--steps"],
        ["pool", "--input", "3e38 -3e38; 1 2", "--mode", "avg", "--kernel", "1"],
        ["convolve", "--input", "1e-38 -1e-38", "--kernel", "1e30", "--json"],
    ])
    func extremeValuesPrint(arguments: [String]) throws {
        let run = try TutorBinary.run(arguments)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty)
        #expect(!run.stdout.isEmpty)
    }

    /// A model whose outputs overflow evaluates to a NaN loss: spelled out, in text and JSON.
    @Test func aNaNLossIsSpelledOut() throws {
        let dir = try Self.fixture()
        let model = dir.appendingPathComponent("overflowing.json")
        let weights = Array(repeating: "3e38", count: 640).joined(separator: ",")
        try Data(("{\"format\":\"cnn-tutor-model\",\"version\":1,\"spec\":\"flatten, dense 10\",\"inputShape\":[1,8,8],"
            + "\"weights\":[{\"layer\":2,\"name\":\"weight\",\"shape\":[10,64],\"values\":[\(weights)]},"
            + "{\"layer\":2,\"name\":\"bias\",\"shape\":[10],\"values\":[0,0,0,0,0,0,0,0,0,0]}]}").utf8).write(to: model)
        let json = try TutorBinary.run(["eval", "--model", model.path, "--json"])
        #expect(json.status == 0, "\(json.stderr)")
        #expect(json.stdout.contains("\"loss\":\"nan\"") && json.stdout.contains("\"accuracy\":"), "\(json.stdout.prefix(200))")
        let text = try TutorBinary.run(["eval", "--model", model.path])
        #expect(text.stdout.contains("mean loss nan\n"), "\(text.stdout.prefix(300))")
    }

    @Test func thereAreAtLeastFortyCases() {
        #expect(Self.cases.count >= 40)
    }

    @Test(arguments: cases)
    func endsInOneLineAndANonZeroExit(_ hostile: Case) throws {
        let dir = try Self.fixture()
        let arguments = hostile.arguments.map { $0.replacingOccurrences(of: "{dir}", with: dir.path) }
        var environment = ["TUTOR_HOME": dir.appendingPathComponent("home").path, "TUTOR_LOCK_TIMEOUT": "2"]
        for (key, value) in hostile.environment { environment[key] = value.replacingOccurrences(of: "{dir}", with: dir.path) }
        let run = try Self.measure(arguments, environment: environment)
        #expect(run.status != 0 && run.status < 128, "exit status \(run.status): \(run.stderr)")
        let lines = run.stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 1, "stderr: \(run.stderr)")
        #expect(run.stderr.hasPrefix("tutor: "), "stderr: \(run.stderr)")
        // The reason is on stderr, or for `check` in its report on stdout.
        #expect((run.stderr + run.stdout).contains(hostile.expect), "stderr: \(run.stderr)stdout: \(run.stdout.prefix(300))")
        #expect(!(run.stderr + run.stdout).contains("\u{1B}"))
        if let peak = run.peakKB { #expect(peak < 200 * 1024, "peak memory \(peak) KB") }
    }

    @Test func aHeldLockIsWaitedForWithAMessageThenAnErrorAndReadsDoNotWait() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-lock-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let fd = open(home.appendingPathComponent("progress.lock").path, O_RDWR | O_CREAT, 0o644)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX) == 0)
        let env = ["TUTOR_HOME": home.path, "TUTOR_LOCK_TIMEOUT": "1"]
        let reset = try TutorBinary.run(["progress", "--reset-all"], environment: env)
        #expect(reset.status == 1)
        let lines = reset.stderr.split(separator: "\n")
        #expect(lines.count == 2, "\(reset.stderr)")
        #expect(lines.first?.hasPrefix("tutor: warning: waiting for another tutor to finish saving") == true)
        #expect(lines.last?.contains("another tutor held the progress lock for 1 s; nothing was saved") == true)
        // Showing progress and listing lessons take no lock.
        let shown = try TutorBinary.run(["progress"], environment: env)
        #expect(shown.status == 0 && shown.stderr.isEmpty, "\(shown.stderr)")
        let listed = try TutorBinary.run(["lessons"], environment: env)
        #expect(listed.status == 0 && listed.stderr.isEmpty, "\(listed.stderr)")
    }

    // MARK: Running with a memory measurement

    struct Run { var status: Int32; var stdout: String; var stderr: String; var peakKB: Int? }

    /// Runs the tutor under /usr/bin/time (when present) to read its peak resident memory.
    static func measure(_ arguments: [String], environment: [String: String]) throws -> Run {
        let time = "/usr/bin/time"
        guard FileManager.default.isExecutableFile(atPath: time) else {
            let out = try TutorBinary.run(arguments, environment: environment)
            return Run(status: out.status, stdout: out.stdout, stderr: out.stderr, peakKB: nil)
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let memory = scratch.appendingPathComponent("memory")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: time)
        process.arguments = ["-f", "%M", "-o", memory.path, try TutorBinary.url().path] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = try TutorBinary.capture(process)
        let report = (try? String(contentsOf: memory, encoding: .utf8)) ?? ""
        // time writes "Command exited with non-zero status N" before the number.
        let peak = report.split(separator: "\n").last.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        return Run(status: out.status, stdout: out.stdout, stderr: out.stderr, peakKB: peak)
    }

    // MARK: Fixture files

    nonisolated(unsafe) static var made: URL?
    static let lock = NSLock()

    /// The hostile files, made once per test run.
    static func fixture() throws -> URL {
        lock.lock()
        defer { lock.unlock() }
        if let made { return made }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-hostile-\(UUID().uuidString)")
        let fm = FileManager.default
        func write(_ name: String, _ data: Data) throws {
            let url = dir.appendingPathComponent(name)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        func text(_ name: String, _ string: String) throws { try write(name, Data(string.utf8)) }
        try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        let model = { (spec: String, shape: String, weights: String) in
            "{\"format\":\"cnn-tutor-model\",\"version\":1,\"spec\":\"\(spec)\",\"inputShape\":\(shape),\"weights\":\(weights)}"
        }
        try text("huge-input.json", model("dense 10000", "[1,60000,60000]", "[]"))
        try text("huge-kernel.json", model("conv 60000 60000", "[1,8,8]", "[]"))
        try text("huge-dense.json", model("dense 10000", "[1,300,300]", "[]"))
        try text("nested.json", String(repeating: "[", count: 100_000))
        try text("infinite.json", model("dense 10", "[1,8,8]", "[{\"layer\":1,\"name\":\"weight\",\"shape\":[10,64],\"values\":[1e999]}]"))
        // IDX sets: empty, 1×1 images, one 4×4 image, a gzip bomb, gzip with garbage after it.
        func idx(_ dims: [UInt32], _ body: [UInt8] = []) -> Data {
            var bytes: [UInt8] = [0, 0, 8, UInt8(dims.count)]
            for d in dims { bytes += [UInt8(d >> 24), UInt8((d >> 16) & 255), UInt8((d >> 8) & 255), UInt8(d & 255)] }
            return Data(bytes + body)
        }
        func set(_ folder: String, images: Data, labels: Data) throws {
            for split in ["train", "t10k"] {
                try write("\(folder)/\(split)-images-idx3-ubyte", images)
                try write("\(folder)/\(split)-labels-idx1-ubyte", labels)
            }
        }
        try set("empty", images: idx([0, 28, 28]), labels: idx([0]))
        try set("tiny", images: idx([1, 1, 1], [5]), labels: idx([1], [1]))
        try set("four", images: idx([1, 4, 4], [UInt8](repeating: 9, count: 16)), labels: idx([1], [1]))
        let header = Data([31, 139, 8, 0, 0, 0, 0, 0, 2, 3, 99, 96, 224, 96, 102, 96, 120, 149, 192, 192, 192, 32, 3, 194, 0, 125, 3, 154, 175, 16, 0, 0, 0])
        let zeros = Data(base64Encoded: "H4sIAAAAAAACA+3BMQEAAADCoPVPbQhfoAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAPgMc6jinAAAQAA==")!
        var bomb = header
        for _ in 0..<80 { bomb += zeros }  // 80 MB of zeros from 84 KB
        try write("bomb/train-images-idx3-ubyte.gz", bomb)
        try write("bomb/train-labels-idx1-ubyte", idx([1], [1]))
        try write("bomb/t10k-images-idx3-ubyte", idx([1, 28, 28], [UInt8](repeating: 0, count: 784)))
        try write("bomb/t10k-labels-idx1-ubyte", idx([1], [1]))
        try write("garbage/train-images-idx3-ubyte.gz", header + Data("trailing junk".utf8))
        try write("garbage/train-labels-idx1-ubyte", idx([1], [1]))
        try write("garbage/t10k-images-idx3-ubyte", idx([1, 28, 28], [UInt8](repeating: 0, count: 784)))
        try write("garbage/t10k-labels-idx1-ubyte", idx([1], [1]))
        try fm.createDirectory(at: dir.appendingPathComponent("devices"), withIntermediateDirectories: true)
        for name in ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"] {
            try fm.createSymbolicLink(atPath: dir.appendingPathComponent("devices/\(name)").path, withDestinationPath: "/dev/zero")
        }
        // A matrix file of 2,000 × 1,000 values (over the 1,048,576-value limit).
        try text("wide.txt", String(repeating: String(repeating: "1 ", count: 1_000) + "\n", count: 2_000))
        // Quiz files: 5,000 nested brackets in 10 KB; one over the size limit.
        try text("deep/quizzes/deep.yaml", "lesson: deep\nquestions: " + String(repeating: "[", count: 5_000) + "\n")
        try text("big/quizzes/big.yaml", "lesson: big\n# " + String(repeating: "x", count: 1_100_000) + "\n")
        // Progress folders with a directory or a FIFO where progress.json belongs; a FIFO to export to.
        try fm.createDirectory(at: dir.appendingPathComponent("home-dir/progress.json"), withIntermediateDirectories: true)
        try fm.createDirectory(at: dir.appendingPathComponent("home-fifo"), withIntermediateDirectories: true)
        _ = mkfifo(dir.appendingPathComponent("home-fifo/progress.json").path, 0o644)
        _ = mkfifo(dir.appendingPathComponent("fifo").path, 0o644)
        try fm.createDirectory(at: dir.appendingPathComponent("fifo-quiz/quizzes"), withIntermediateDirectories: true)
        _ = mkfifo(dir.appendingPathComponent("fifo-quiz/quizzes/stuck.yaml").path, 0o644)
        try fm.createDirectory(at: dir.appendingPathComponent("fifo-lesson/lessons"), withIntermediateDirectories: true)
        _ = mkfifo(dir.appendingPathComponent("fifo-lesson/lessons/stuck.md").path, 0o644)
        try text("big-lesson/lessons/big.md", "# Big\n\n" + String(repeating: "word ", count: 1_000_000))
        made = dir
        // Removed when the test process ends.
        atexit {
            if let made = HostileInputTests.made { try? FileManager.default.removeItem(at: made) }
        }
        return dir
    }
}
