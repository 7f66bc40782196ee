import Foundation
import Testing
import TestSupportCore

/// The calculators as a learner runs them: the built `tutor` binary, its output and exit status.
@Suite struct CalculatorCLITests {
    static let input = "1 2 0 1; 0 1 3 1; 2 0 1 0; 1 1 0 2"
    static let kernel = "1 0 -1; 1 0 -1; 1 0 -1"

    static func json(_ output: TutorBinary.Output) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8))
        return try #require(object as? [String: Any])
    }

    static func grid(_ value: Any?) -> [[Double]] {
        (value as? [[NSNumber]])?.map { $0.map(\.doubleValue) } ?? []
    }

    @Test func convolveHandCheckable4x4() throws {
        // output[0,0] = (1 + 0 + 2) − (0 + 3 + 1) = −1; [0,1] = (2 + 1 + 0) − (1 + 1 + 0) = 1; …
        let text = try TutorBinary.run(["convolve", "--input", Self.input, "--kernel", Self.kernel])
        #expect(text.status == 0 && text.stderr.isEmpty)
        #expect(text.stdout.contains("Output (2×2)\n-1  1\n-1 -1\n"))
        #expect(text.stdout.contains("output rows:    (4 − 3 + 2·0) / 1 + 1 = 2"))
        #expect(!text.stdout.contains("\u{1B}"), "no escape codes when not a terminal")
        let json = try Self.json(TutorBinary.run(["convolve", "--input", Self.input, "--kernel", Self.kernel, "--json"]))
        #expect(Self.grid(json["output"]) == [[-1, 1], [-1, -1]])
        #expect(json["outputSize"] as? [Int] == [2, 2])
    }

    @Test func convolveStrideTwoPaddingOne() throws {
        // Padded 6×6; windows start at padded (0,0), (0,2), (2,0), (2,2). With this kernel each
        // output is (left column sum) − (right column sum) of the window: −3, 1, −2, −1.
        let result = try TutorBinary.run(["convolve", "--input", Self.input, "--kernel", Self.kernel,
                                          "--stride", "2", "--padding", "1", "--json"])
        #expect(result.status == 0)
        let json = try Self.json(result)
        #expect(Self.grid(json["output"]) == [[-3, 1], [-2, -1]])
        #expect((json["formula"] as? [String: String])?["rows"] == "⌊(4 − 3 + 2·1) / 2⌋ + 1 = 2")
    }

    @Test func convolveStepsReadLikeAWorkedExample() throws {
        let result = try TutorBinary.run(["convolve", "--input", Self.input, "--kernel", Self.kernel, "--bias", "0.5", "--steps"])
        #expect(result.status == 0)
        let out = result.stdout
        #expect(out.contains("Step 1 of 4: output[0, 0], window rows 0–2, columns 0–2"))
        #expect(out.contains("Step 4 of 4: output[1, 1], window rows 1–3, columns 1–3"))
        #expect(out.contains("  [1  2  0] 1\n"))
        #expect(out.contains("  sum = 1 + 0 + 0 + 0 + 0 − 3 + 2 + 0 − 1 = -1"))
        #expect(out.contains("  sum + bias = -1.00 + 0.50 = -0.50"))
        // Steps come in reading order.
        let order = ["Step 1 of 4", "Step 2 of 4", "Step 3 of 4", "Step 4 of 4", "Output (2×2)"].compactMap { out.range(of: $0)?.lowerBound }
        #expect(order.count == 5 && order == order.sorted())
        let json = try Self.json(TutorBinary.run(["convolve", "--input", Self.input, "--kernel", Self.kernel, "--steps", "--json"]))
        let steps = try #require(json["steps"] as? [[String: Any]])
        #expect(steps.count == 4)
        #expect(Self.grid(steps[0]["products"]) == [[1, 0, 0], [0, 0, -3], [2, 0, -1]])
    }

    @Test func presetsAndDigits() throws {
        let result = try TutorBinary.run(["convolve", "--input", "digit:3", "--kernel", "sobel-x", "--padding", "1"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Input (8×8)") && result.stdout.contains("Output (8×8)"))
        #expect(result.stdout.contains("Heatmaps"))
        // A 28×28 digit does not fit as numbers: the report says so and stays within 80 columns.
        let wide = try TutorBinary.run(["convolve", "--input", "mnist:3", "--kernel", "sobel-x"])
        #expect(wide.status == 0)
        #expect(wide.stdout.contains("Output (26×26)\n(too wide to list at 80 columns: see the heatmap, or use --json)"))
        let longest = wide.stdout.split(separator: "\n").map(\.count).max() ?? 0
        #expect(longest <= 80, "longest line \(longest)")
    }

    @Test func poolMaxAndAverage() throws {
        let max = try Self.json(TutorBinary.run(["pool", "--input", Self.input, "--kernel", "2", "--mode", "max", "--json"]))
        #expect(Self.grid(max["output"]) == [[2, 3], [2, 2]])
        let avg = try Self.json(TutorBinary.run(["pool", "--input", Self.input, "--kernel", "2", "--stride", "2", "--mode", "avg", "--json"]))
        #expect(Self.grid(avg["output"]) == [[1, 1.25], [1, 0.75]])
        let steps = try TutorBinary.run(["pool", "--input", Self.input, "--mode", "max", "--steps"])
        #expect(steps.stdout.contains("  max = 3 at window row 1, column 0"))
    }

    @Test func shapesTableAndError() throws {
        let spec = "conv 10 5, pool 2, conv 20 5, pool 2, flatten, dense 50, dense 10"
        let ok = try TutorBinary.run(["shapes", spec, "--input", "1x28x28"])
        #expect(ok.status == 0)
        #expect(ok.stdout.contains("1  conv 5×5   10×24×24         260"))
        #expect(ok.stdout.contains("total parameters: 21,840"))
        let bad = try TutorBinary.run(["shapes", spec, "--input", "1x8x8"])
        #expect(bad.status == 1 && bad.stdout.isEmpty)
        #expect(bad.stderr == "tutor: layer 3 (conv 5×5): input is 10×2×2, smaller than the kernel\n")
        let json = try Self.json(TutorBinary.run(["shapes", "conv 8 3 pad 1, relu", "--input", "1x8x8", "--json"]))
        #expect(json["totalParameters"] as? Int == 80)
    }

    /// Runs each command line: it exits with `status`, prints nothing on stdout and one line,
    /// `tutor: message`, on stderr.
    static func expectEach(_ cases: [([String], String)], exitsWith status: Int32) throws {
        for (arguments, message) in cases {
            let result = try TutorBinary.run(arguments)
            #expect(result.status == status, "\(arguments): status \(result.status)")
            #expect(result.stderr == "tutor: \(message)\n", "\(arguments)")
            #expect(result.stdout.isEmpty, "\(arguments)")
        }
    }

    @Test func badInputIsOneLineAndExitOne() throws {
        let dir = try CurriculumTestSupport.temporaryFolder("cli")
        defer { try? FileManager.default.removeItem(at: dir) }
        let ragged = dir.appendingPathComponent("ragged.txt").path
        try "1 2 3\n4 5 6\n7 8\n".write(toFile: ragged, atomically: true, encoding: .utf8)
        let missing = dir.appendingPathComponent("missing.txt").path
        let presets = "identity, box-blur, gaussian, sharpen, sobel-x, sobel-y, laplacian, edge-h, edge-v, checker, cross, ramp, digit:N, mnist:N"
        let cases: [([String], String)] = [
            (["convolve", "--input", "1 2 3; 4 5", "--kernel", "identity"], "--input: row 2 has 2 values, row 1 has 3"),
            (["convolve", "--input", Self.input, "--kernel", "1 x; 3 4"], "--kernel: 'x' is not a number (row 1, column 2)"),
            (["convolve", "--input", "1 2; 3 4", "--kernel", "sobel-x"], "the kernel (3×3) is larger than the input (2×2)"),
            (["convolve", "--input", "1 2; 3 4", "--kernel", "1 1 1 1 1; 1 1 1 1 1", "--padding", "1"], "the kernel (2×5) is larger than the padded input (4×4)"),
            (["convolve", "--input", Self.input, "--kernel", Self.kernel, "--stride", "0"], "stride must be at least 1, got 0"),
            (["convolve", "--input", Self.input, "--kernel", Self.kernel, "--padding=-1"], "padding must be 0 or more, got -1"),
            (["convolve", "--input", missing, "--kernel", "identity"], "--input: no such file or preset '\(missing)' (presets: \(presets))"),
            (["convolve", "--input", ragged, "--kernel", "identity"], "--input: \(ragged):3: row 3 has 2 values, row 1 has 3"),
            (["convolve", "--input", "digit:12", "--kernel", "identity"], "--input: 'digit:12': the class must be a digit 0-9"),
            (["pool", "--input", "1 2; 3 4", "--kernel", "3"], "the window (3×3) is larger than the input (2×2)"),
            (["pool", "--input", Self.input, "--stride", "0"], "stride must be at least 1, got 0"),
            (["shapes", "conv 8 x", "--input", "1x8x8"], "layer 1 ('conv 8 x'): 'x' is not a kernel size (write 3 or 3x5)"),
        ]
        try Self.expectEach(cases, exitsWith: 1)
    }

    @Test func badFlagValuesExitTwo() throws {
        let cases: [([String], String)] = [
            (["convolve", "--input", Self.input, "--kernel", Self.kernel, "--stride", "two"], "--stride: 'two' is not a whole number"),
            (["convolve", "--input", Self.input, "--kernel", Self.kernel, "--bias", "b"], "--bias: 'b' is not a number"),
            (["convolve", "--input", Self.input, "--kernel", Self.kernel, "--decimals", "9"], "--decimals: must be between 0 and 6, got 9"),
            (["pool", "--input", Self.input, "--mode", "median"], "--mode: 'median' is not one of 'max' and 'avg'"),
            (["pool", "--input", Self.input, "--kernel", "2.5"], "--kernel: '2.5' is not a whole number"),
            (["shapes", "relu", "--input", "1x8y8"], "--input: '1x8y8' is not a shape (write CxHxW such as 1x28x28, HxW, or F)"),
        ]
        try Self.expectEach(cases, exitsWith: 2)
        // Flags ArgumentParser itself rejects (unknown or missing) fail without running.
        let unknown = try TutorBinary.run(["convolve", "--input", Self.input, "--kernal", "identity"])
        #expect(unknown.status != 0 && unknown.stdout.isEmpty)
    }
}
