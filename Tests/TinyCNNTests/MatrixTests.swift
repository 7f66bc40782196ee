import Foundation
import Testing
import TestSupportCore
import TinyCNN

@Suite struct MatrixTests {
    @Test func inlineMatrices() throws {
        #expect(try Matrix(parsing: "1 2 3; 4 5 6") == Matrix([[1, 2, 3], [4, 5, 6]]))
        #expect(try Matrix(parsing: "1,2; -3.5, 1e-1;") == Matrix([[1, 2], [-3.5, 0.1]]))
        #expect(try Matrix(parsing: "1/4 2/8") == Matrix([[0.25, 0.25]]))
        #expect(try Matrix(parsing: "7") == Matrix([[7]]))
    }

    @Test(arguments: [
        ("1 2 3; 4 5", "row 2 has 2 values, row 1 has 3"),
        ("1 x 3", "'x' is not a number (row 1, column 2)"),
        ("1 2; 3 nan", "'nan' is not a number (row 2, column 2)"),
        ("1 2;; 3 4", "row 2 is empty"),
        ("1/0", "'1/0' is not a number (row 1, column 1)"),
        (" ; ", "the matrix is empty"),
        ("1; 2 3", "row 2 has 2 values, row 1 has 1"),
    ])
    func inlineErrors(text: String, message: String) {
        #expect(throws: MatrixError(message)) { try Matrix(parsing: text) }
    }

    @Test func filesReportFileAndLine() throws {
        let dir = try CurriculumTestSupport.temporaryFolder("matrix")
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = dir.appendingPathComponent("good.txt").path
        try "# a kernel\n1, 0, -1\n\n2 0 -2\n1 0 -1\n".write(toFile: good, atomically: true, encoding: .utf8)
        #expect(try Matrix(contentsOfFile: good) == KernelPreset.sobelX.matrix.negatedColumns())
        let ragged = dir.appendingPathComponent("ragged.txt").path
        try "1 2 3\n\n4 5\n".write(toFile: ragged, atomically: true, encoding: .utf8)
        #expect(throws: MatrixError(location: "\(ragged):3", "row 2 has 2 values, row 1 has 3")) { try Matrix(contentsOfFile: ragged) }
        let word = dir.appendingPathComponent("word.txt").path
        try "1 2\n3 four\n".write(toFile: word, atomically: true, encoding: .utf8)
        #expect(throws: MatrixError(location: "\(word):2", "'four' is not a number (row 2, column 2)")) { try Matrix(contentsOfFile: word) }
        let missing = dir.appendingPathComponent("missing.txt").path
        #expect(throws: MatrixError(location: missing, "no such file")) { try Matrix(contentsOfFile: missing) }
        let empty = dir.appendingPathComponent("empty.txt").path
        try "# nothing\n\n".write(toFile: empty, atomically: true, encoding: .utf8)
        #expect(throws: MatrixError(location: empty, "the file holds no rows of numbers")) { try Matrix(contentsOfFile: empty) }
    }

    @Test func sourcesClassifySpecs() throws {
        #expect(try MatrixSource(spec: "sobel-x") == .kernelPreset(.sobelX))
        #expect(try MatrixSource(spec: "digit:3") == .inputPreset(.digit(3)))
        #expect(try MatrixSource(spec: "1 2; 3 4") == .inline("1 2; 3 4"))
        #expect(try MatrixSource(spec: "1 x; 3 4") == .inline("1 x; 3 4"))
        #expect(throws: MatrixError("'digit:12': the class must be a digit 0-9")) { try MatrixSource(spec: "digit:12") }
        #expect(throws: MatrixError("no such file or preset 'sobelx' (presets: identity, box-blur, gaussian, sharpen, sobel-x, sobel-y, laplacian, edge-h, edge-v, checker, cross, ramp, digit:N, mnist:N)")) {
            try MatrixSource(spec: "sobelx")
        }
    }

    @Test func presets() throws {
        for preset in KernelPreset.allCases {
            #expect(preset.matrix.rows == 3 && preset.matrix.columns == 3, "\(preset)")
        }
        // Blurs keep brightness: their weights sum to 1; edge detectors ignore flat regions: sum 0.
        for preset in [KernelPreset.boxBlur, .gaussian, .identity, .sharpen] {
            #expect(abs(preset.matrix.values.reduce(0, +) - 1) < 1e-6, "\(preset)")
        }
        for preset in [KernelPreset.sobelX, .sobelY, .laplacian, .edgeH, .edgeV] {
            #expect(preset.matrix.values.reduce(0, +) == 0, "\(preset)")
        }
        let checker = try InputPreset.checker.matrix(dataDirectory: nil)
        #expect(checker.nested[0] == [0, 0, 1, 1, 0, 0, 1, 1] && checker.nested[2] == [1, 1, 0, 0, 1, 1, 0, 0])
        let cross = try InputPreset.cross.matrix(dataDirectory: nil)
        #expect(cross.nested[0] == [0, 0, 0, 1, 1, 0, 0, 0] && cross.nested[3] == Array(repeating: 1, count: 8))
        #expect(try InputPreset.ramp.matrix(dataDirectory: nil).nested[5] == (0..<8).map { Float($0) / 7 })
        #expect(throws: MatrixError("'digit:3' needs the bundled digits data, which was not found")) {
            try InputPreset.digit(3).matrix(dataDirectory: nil)
        }
    }

    @Test func digitPresetsReadTheBundledData() throws {
        let data = Self.dataDirectory
        for n in 0...9 {
            let digit = try InputPreset.digit(n).matrix(dataDirectory: data)
            #expect(digit.rows == 8 && digit.columns == 8 && digit.values.allSatisfy { (0...1).contains($0) })
            #expect(digit.values.contains(1) || digit.values.max() ?? 0 > 0.5, "digit \(n) has ink")
        }
        let labels = try IDXFile(contentsOf: data.appendingPathComponent("digits-test-labels.idx1-ubyte"))
        let images = try IDXFile(contentsOf: data.appendingPathComponent("digits-test-images.idx3-ubyte"))
        let first7 = try #require(labels.bytes.firstIndex(of: 7))
        #expect(try InputPreset.digit(7).matrix(dataDirectory: data).values == images.item(first7).map { Float($0) / 16 })
        let mnist = try InputPreset.mnist(4).matrix(dataDirectory: data)
        #expect(mnist.rows == 28 && mnist.columns == 28)
    }

    static var dataDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("data")
    }
}

extension Matrix {
    /// Mirrors left and right (for the file test's flipped Sobel).
    func negatedColumns() -> Matrix {
        Matrix(nested.map { row in row.reversed() })
    }
}
