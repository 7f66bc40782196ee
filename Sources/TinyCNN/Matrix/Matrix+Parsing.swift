import Foundation

/// A matrix that could not be read: where, and what is wrong.
public struct MatrixError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `kernel.txt:3`, or nil for inline text.
    public var location: String?
    /// What is wrong, e.g. `row 2 has 2 values, row 1 has 3`.
    public var message: String

    public init(location: String? = nil, _ message: String) {
        self.location = location
        self.message = message
    }

    public var description: String {
        location.map { "\($0): \(message)" } ?? message
    }
}

extension Matrix {
    /// Parses an inline matrix: rows separated by `;` (or new lines), values by spaces or
    /// commas, e.g. `"1 2 3; 4 5 6"`. Values may be decimals, exponents or fractions (`1/9`).
    public init(parsing text: String) throws(MatrixError) {
        guard text.utf8.count <= Limits.matrixFileBytes else {
            throw MatrixError("the matrix text is \(text.utf8.count) bytes, over the limit of \(Limits.matrixFileBytes)")
        }
        var rows = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == ";" || $0 == "\n" })
            .map { $0.trimmingCharacters(in: .whitespaces) }
        // A trailing separator ("1 2; 3 4;") is harmless.
        while rows.last?.isEmpty == true { rows.removeLast() }
        guard !rows.isEmpty else { throw MatrixError("the matrix is empty") }
        var parsed: [[Float]] = []
        for (index, row) in rows.enumerated() {
            if row.isEmpty { throw MatrixError("row \(index + 1) is empty") }
            parsed.append(try Matrix.parseRow(row, rowNumber: index + 1, location: nil))
            try Matrix.checkWidth(parsed, location: nil)
            try Matrix.checkSize(parsed, location: nil)
        }
        self.init(parsed)
    }

    /// Reads a matrix from a text file: one row per line, values separated by spaces or
    /// commas; blank lines and lines starting with `#` are skipped. Errors carry `file:line`.
    public init(contentsOfFile path: String) throws(MatrixError) {
        var info = stat()
        if stat(path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFREG || info.st_mode & S_IFMT == S_IFDIR else {
                throw MatrixError(location: path, "not a regular file")
            }
            guard info.st_size <= Int64(Limits.matrixFileBytes) else {
                throw MatrixError(location: path, "\(info.st_size) bytes, over the limit of \(Limits.matrixFileBytes) bytes for a matrix file")
            }
        }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            var isDirectory: ObjCBool = false
            if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
                throw MatrixError(location: path, "no such file")
            }
            throw MatrixError(location: path, isDirectory.boolValue ? "is a directory, not a matrix file" : "cannot be read as UTF-8 text")
        }
        var parsed: [[Float]] = []
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let row = line.trimmingCharacters(in: .whitespaces)
            if row.isEmpty || row.hasPrefix("#") { continue }
            let location = "\(path):\(index + 1)"
            parsed.append(try Matrix.parseRow(row, rowNumber: parsed.count + 1, location: location))
            try Matrix.checkWidth(parsed, location: location)
            try Matrix.checkSize(parsed, location: location)
        }
        guard !parsed.isEmpty else { throw MatrixError(location: path, "the file holds no rows of numbers") }
        self.init(parsed)
    }

    private static func parseRow(_ row: String, rowNumber: Int, location: String?) throws(MatrixError) -> [Float] {
        let cells = row.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," })
        guard !cells.isEmpty else { throw MatrixError(location: location, "row \(rowNumber) is empty") }
        var values: [Float] = []
        for (column, cell) in cells.enumerated() {
            guard let value = parseNumber(String(cell)) else {
                throw MatrixError(location: location, "'\(cell)' is not a number (row \(rowNumber), column \(column + 1))")
            }
            values.append(value)
        }
        return values
    }

    /// At most `Limits.matrixElements` values.
    private static func checkSize(_ rows: [[Float]], location: String?) throws(MatrixError) {
        guard let first = rows.first, first.count * rows.count > Limits.matrixElements else { return }
        throw MatrixError(location: location, "more than \(Limits.matrixElements) values (the limit for a matrix)")
    }

    private static func checkWidth(_ rows: [[Float]], location: String?) throws(MatrixError) {
        guard let first = rows.first, let last = rows.last, last.count != first.count else { return }
        throw MatrixError(location: location, "row \(rows.count) has \(last.count) value\(last.count == 1 ? "" : "s"), row 1 has \(first.count)")
    }

    /// A finite decimal (`-1.5`, `2e-3`) or a fraction of two decimals (`1/9`).
    static func parseNumber(_ text: String) -> Float? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        func decimal(_ s: Substring) -> Double? {
            // Float("inf"), Float("nan") and hex forms parse in Swift; a matrix wants plain decimals.
            guard !s.isEmpty, s.allSatisfy({ "0123456789.-+eE".contains($0) }), let v = Double(s), v.isFinite else { return nil }
            return v
        }
        let value: Double
        switch parts.count {
        case 1:
            guard let a = decimal(parts[0]) else { return nil }
            value = a
        case 2:
            guard let a = decimal(parts[0]), let b = decimal(parts[1]), b != 0 else { return nil }
            value = a / b
        default: return nil
        }
        let single = Float(value)
        return single.isFinite ? single : nil
    }
}
