import Foundation
import Testing
import TestSupportCore

/// `tutor convolve` with several channels (`|` between them), and negative numbers as the
/// value of every option.
@Suite struct ConvolveChannelsCLITests {
    static let input = "1 2; 3 4 | 0 1; 1 0"
    static let kernel = "1 0; 0 1 | 1 1; 0 0"

    @Test func twoChannelsStepByStep() throws {
        // Channel 1: 1·1 + 2·0 + 3·0 + 4·1 = 5; channel 2: 0·1 + 1·1 + 1·0 + 0·0 = 1; 5 + 1 − 0.5 = 5.5.
        let result = try TutorBinary.run(["convolve", "--input", Self.input, "--kernel", Self.kernel, "--bias", "-0.5", "--steps"])
        #expect(result.status == 0 && result.stderr.isEmpty, "\(result.stderr)")
        let out = result.stdout
        #expect(out.contains("Input: 2 channels of 2×2"))
        #expect(out.contains("Kernel: 2 slices of 2×2, one per input channel"))
        #expect(out.contains("Step 1 of 1: output[0, 0], window rows 0–1, columns 0–1"))
        #expect(out.contains("    partial 1 = 1 + 0 + 0 + 4 = 5\n"), "\(out)")
        #expect(out.contains("    partial 2 = 0 + 1 + 0 + 0 = 1\n"))
        #expect(out.contains("  Σ partials = 5 + 1 = 6\n"))
        #expect(out.contains("  Σ partials + bias = 6.00 + -0.50 = 5.50\n"))
        #expect(out.contains("Output (1×1)\n5.50\n"))
        // Channel 2's block: its patch, its slice, their products, side by side.
        #expect(out.contains("  channel 2:\n"))
        let order = ["channel 1:", "partial 1 =", "channel 2:", "partial 2 =", "Σ partials ="].compactMap { out.range(of: $0)?.lowerBound }
        #expect(order.count == 5 && order == order.sorted())
    }

    @Test func jsonHoldsThePartialsOfEveryOutputCell() throws {
        let result = try TutorBinary.run(["convolve", "--input", "1 2 0; 3 4 1 | 0 1 2; 1 0 -1", "--kernel", Self.kernel,
                                          "--bias", "-0.5", "--relu", "--json", "--steps"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        // Cell (0,1): channel 1 [2 0; 4 1]·[1 0; 0 1] = 3; channel 2 [1 2; 0 -1]·[1 1; 0 0] = 3; 3 + 3 − 0.5 = 5.5.
        let partials = (json["partials"] as? [[[NSNumber]]])?.map { $0.map { $0.map(\.doubleValue) } }
        #expect(partials == [[[5, 1], [3, 3]]])
        #expect((json["output"] as? [[NSNumber]])?.map { $0.map(\.doubleValue) } == [[5.5, 5.5]])
        #expect(json["channels"] as? Int == 2 && json["relu"] as? Bool == true)
        #expect((json["inputs"] as? [Any])?.count == 2 && json["input"] == nil)
        let steps = try #require(json["steps"] as? [[String: Any]])
        let channels = try #require(steps.first?["channels"] as? [[String: Any]])
        #expect(channels.count == 2 && (channels[1]["partial"] as? NSNumber)?.doubleValue == 1)
        #expect((steps[1]["preActivation"] as? NSNumber)?.doubleValue == 5.5)
        // A single channel keeps its plain `input` and `kernel` and has one partial per cell.
        let one = try #require(try JSONSerialization.jsonObject(with: Data(TutorBinary.run(["convolve", "--input", "1 2; 3 4", "--kernel", "1", "--json"]).stdout.utf8)) as? [String: Any])
        #expect((one["partials"] as? [[[NSNumber]]])?.map { $0.map { $0.map(\.doubleValue) } } == [[[1], [2]], [[3], [4]]])
        #expect(one["input"] != nil && one["channels"] as? Int == 1)
    }

    @Test func aChannelCountMismatchIsOneLineNamingBothCounts() throws {
        let cases: [([String], String)] = [
            (["--input", Self.input, "--kernel", "1 0; 0 1"], "the kernel has 1 channel but the input has 2 (a kernel needs one slice per input channel)"),
            (["--input", "1 2; 3 4", "--kernel", "1 | 1 | 1"], "the kernel has 3 channels but the input has 1 (a kernel needs one slice per input channel)"),
            (["--input", "1 2; 3 4 | 1 2 3; 4 5 6", "--kernel", "1 | 1"], "input channel 2 is 2×3 but channel 1 is 2×2 (every channel must be the same size)"),
            (["--input", "1 2; 3 4 | nan", "--kernel", "1 | 1"], "--input: channel 2: no such file or preset 'nan' (presets: identity, box-blur, gaussian, sharpen, sobel-x, sobel-y, laplacian, edge-h, edge-v, checker, cross, ramp, digit:N, mnist:N)"),
            (["--input", "1 2; 3 4 |", "--kernel", "1 | 1"], "--input: channel 2: the matrix is empty"),
            (["--input", "1 2; 3 4 | 1 x; 3 4", "--kernel", "1 | 1"], "--input: channel 2: 'x' is not a number (row 1, column 2)"),
        ]
        for (arguments, message) in cases {
            let result = try TutorBinary.run(["convolve"] + arguments)
            #expect(result.status == 1, "\(arguments): status \(result.status)")
            #expect(result.stderr == "tutor: \(message)\n", "\(arguments)")
            #expect(result.stdout.isEmpty)
        }
    }

    @Test func hostileChannels() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("channels-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // A 1024×1024 channel is within a matrix's limit; eight of them under a 3×3 kernel are a
        // walk of over a million windows of 72 values: refused before it is computed.
        let big = dir.appendingPathComponent("big.txt").path
        let row = Array(repeating: "1", count: 1024).joined(separator: " ")
        try Array(repeating: row, count: 1024).joined(separator: "\n").write(toFile: big, atomically: true, encoding: .utf8)
        let eight = Array(repeating: big, count: 8).joined(separator: " | ")
        let slices = Array(repeating: "1 0 1; 0 1 0; 1 0 1", count: 8).joined(separator: " | ")
        let cases: [([String], String)] = [
            // 65,537 channels: refused by counting the separators, before any is read.
            (["--input", String(repeating: "|", count: 65_536), "--kernel", "1"], "--input: 65537 channels, over the limit of 65536"),
            (["--input", eight, "--kernel", slices], "over the limit of 4194304 values"),
            (["--input", "1 2 | \u{1B}[31m", "--kernel", "1 | 1"], "--input: channel 2: no such file or preset"),
            (["--input", "1 2 | 1 1e999", "--kernel", "1 | 1"], "--input: channel 2: '1e999' is not a number"),
        ]
        for (arguments, message) in cases {
            let result = try TutorBinary.run(["convolve"] + arguments)
            #expect(result.status == 1, "\(arguments.joined(separator: " ").prefix(80)): status \(result.status)")
            #expect(result.stderr.hasPrefix("tutor: ") && result.stderr.contains(message), "\(result.stderr.prefix(300))")
            #expect(result.stderr.filter { $0 == "\n" }.count == 1, "one line: \(result.stderr.prefix(300))")
            #expect(!result.stderr.contains("\u{1B}"), "no raw escape byte on the terminal")
        }
    }

    /// A negative number is the value of every option that takes one, not a flag.
    @Test func negativeNumbersAsOptionValues() throws {
        let ok = try TutorBinary.run(["convolve", "--input", "-1 -2; -3 4", "--kernel", "-1 0; 0 -1", "--bias", "-0.5", "--json"])
        #expect(ok.status == 0, "\(ok.stderr)")
        // −1·−1 + −2·0 + −3·0 + 4·−1 = −3, − 0.5 = −3.5.
        #expect(ok.stdout.contains("\"output\":[[-3.5]]"), "\(ok.stdout)")
        let spaced = try TutorBinary.run(["convolve", "--input", "1 2 3", "--kernel", "-1 0 1", "--bias", "-2"])
        #expect(spaced.status == 0 && spaced.stdout.contains("Output (1×1)\n0\n"), "\(spaced.stdout)\(spaced.stderr)")
        let fraction = try TutorBinary.run(["convolve", "--input", "9", "--kernel", "-1/9", "--bias=-1", "--json"])
        #expect(fraction.stdout.contains("\"output\":[[-2]]"), "\(fraction.stdout)")
        let refused: [([String], Int32, String)] = [
            (["--stride", "-1"], 1, "stride must be at least 1, got -1"),
            (["--padding", "-2"], 1, "padding must be 0 or more, got -2"),
            (["--dilation", "-3"], 1, "dilation must be at least 1, got -3"),
            (["--decimals", "-1"], 2, "--decimals: must be between 0 and 6, got -1"),
        ]
        for (flags, status, message) in refused {
            let result = try TutorBinary.run(["convolve", "--input", "1 2; 3 4", "--kernel", "1"] + flags)
            #expect(result.status == status && result.stderr == "tutor: \(message)\n", "\(flags): \(result.stderr)")
        }
    }
}
