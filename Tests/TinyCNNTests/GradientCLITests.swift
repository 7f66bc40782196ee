import Foundation
import Testing
import TestSupportCore

/// `tutor convolve --backward` and `tutor pool --backward` as a learner runs them.
@Suite struct GradientCLITests {
    static let input = "1 2 0; 0 1 3; 2 1 1"
    static let kernel = "1 -1; 0 2"

    static func json(_ output: TutorBinary.Output) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
    }

    static func grids(_ value: Any?) -> [[[Double]]] {
        (value as? [[[NSNumber]]])?.map { $0.map { $0.map(\.doubleValue) } } ?? []
    }

    /// The training lesson's example, worked by hand: dW[u,v] sums the input cells weight (u,v)
    /// met times their window's dL/dY; dX[y,x] sums dL/dY times the weight over the windows
    /// that covered the cell.
    @Test func convolutionGradientsOfTheLessonExample() throws {
        let result = try TutorBinary.run(["convolve", "--input", Self.input, "--kernel", Self.kernel,
                                          "--grad", "1 0; -1 2", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let backward = try #require(try Self.json(result)["backward"] as? [String: Any])
        #expect(Self.grids(backward["weightGradient"]) == [[[3, 7], [0, 2]]])
        #expect(Self.grids(backward["inputGradient"]) == [[[1, -1, 0], [-1, 5, -2], [0, -2, 4]]])
        #expect((backward["biasGradient"] as? NSNumber)?.doubleValue == 2)
        #expect(backward["weightTaps"] == nil, "terms only with --steps")
    }

    @Test func stepsWriteEverySumOut() throws {
        let result = try TutorBinary.run(["convolve", "--input", Self.input, "--kernel", Self.kernel,
                                          "--backward", "--grad", "1 0; -1 2", "--steps"])
        #expect(result.status == 0)
        let out = result.stdout
        #expect(out.contains("Backward pass"))
        #expect(out.contains("  dW[0,1] = 1·2 + 0·0 + (-1)·1 + 2·3 = 7"))
        #expect(out.contains("  dX[1,1] = 1·2 + 0·0 + (-1)·(-1) + 2·1 = 5"))
        #expect(out.contains("  dX[0,0] = 1·1 = 1"))
        #expect(out.contains("rotated kernel"))
        #expect(out.contains("dL/db = Σ dL/dY = 1 + 0 − 1 + 2 = 2"))
        // The forward steps still come first.
        let order = ["Step 1 of 4", "Backward pass", "dL/dW", "dL/dX", "dL/db"].compactMap { out.range(of: $0)?.lowerBound }
        #expect(order.count == 5 && order == order.sorted())
        let json = try Self.json(TutorBinary.run(["convolve", "--input", Self.input, "--kernel", Self.kernel,
                                                  "--backward", "--steps", "--json"]))
        let backward = try #require(json["backward"] as? [String: Any])
        let taps = try #require(backward["weightTaps"] as? [[String: Any]])
        #expect(taps.count == 4)
        let cells = try #require(backward["inputCells"] as? [[String: Any]])
        #expect(cells.count == 9)
        // With --grad not given, dL/dY is all ones: the centre collects all four weights.
        #expect(Self.grids(backward["inputGradient"]) == [[[1, 0, -1], [1, 2, 1], [0, 2, 2]]])
    }

    @Test func strideLeavesCellsUncovered() throws {
        let result = try TutorBinary.run(["convolve", "--input", "1 2 3 4 5; 6 7 8 9 10; 1 1 1 1 1; 2 2 2 2 2; 3 3 3 3 3",
                                          "--kernel", "1 2; 3 4", "--stride", "3", "--backward", "--steps"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("dX[0,2] = 0 (no window covered this cell)"))
    }

    @Test func maxPoolingRoutesToTheFirstMaximum() throws {
        let result = try TutorBinary.run(["pool", "--input", "1 3 3; 3 0 2; 1 1 1", "--kernel", "2", "--stride", "1",
                                          "--grad", "1 10; 100 1000", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let backward = try #require(try Self.json(result)["backward"] as? [String: Any])
        #expect((backward["inputGradient"] as? [[NSNumber]])?.map { $0.map(\.doubleValue) } == [[0, 11, 0], [100, 0, 1000], [0, 0, 0]])
        let text = try TutorBinary.run(["pool", "--input", "1 3 3; 3 0 2; 1 1 1", "--kernel", "2", "--stride", "1",
                                        "--backward", "--steps"])
        #expect(text.stdout.contains("window [0,0]: 1 → input [0,1]"))
        #expect(text.stdout.contains("dX[0,1] = 1 + 1 = 2"))
    }

    @Test func averagePoolingSpreadsTheGradient() throws {
        let result = try TutorBinary.run(["pool", "--input", "4 8; 0 4", "--kernel", "2", "--mode", "avg", "--grad", "8", "--steps"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("window [0,0]: 8 / 4 = 2 → each of 4 input cells"))
        #expect(result.stdout.contains("dL/dX (2×2)\n2 2\n2 2"))
    }

    @Test func badGradientsAreOneClearLine() throws {
        let cases: [([String], String)] = [
            (["convolve", "--input", Self.input, "--kernel", Self.kernel, "--grad", "1 2 3; 4 5 6; 7 8 9"],
             "tutor: --grad: the upstream gradient is 3×3 but the output is 2×2 (or use --grad ones)"),
            (["convolve", "--input", Self.input, "--kernel", Self.kernel, "--grad", "1 x; 2 3"], "tutor: --grad:"),
            (["convolve", "--input", Self.input, "--kernel", Self.kernel, "--grad", "nan 1; 1 1"], "tutor: --grad:"),
            (["convolve", "--input", Self.input, "--kernel", Self.kernel, "--grad", "\u{1B}[31m1 1; 1 1"], "tutor: --grad:"),
            (["convolve", "--input", Self.input, "--kernel", Self.kernel, "--grad", String(repeating: "1 ", count: 60_000)], "tutor: --grad:"),
            (["pool", "--input", "1 2; 3 4", "--grad", "1 2"], "tutor: --grad: the upstream gradient is 1×2 but the output is 1×1 (or use --grad ones)"),
        ]
        for (arguments, expected) in cases {
            let result = try TutorBinary.run(arguments)
            #expect(result.status == 1, "\(arguments.prefix(6)): status \(result.status)")
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.count == 1 && lines[0].hasPrefix(expected), "\(lines.first ?? "")")
            #expect(!result.stderr.contains("\u{1B}"), "no raw escape bytes")
            #expect(result.stdout.isEmpty)
        }
    }
}
