import Foundation

/// A grid of numbers with a name, as a lab shows it: an input image or a kernel.
public struct LabGrid: Hashable, Sendable {
    /// What produced it: `digit:3`, `sobel-x`, `custom` ...
    public var name: String
    public var rows: Int
    public var columns: Int
    public var values: [Float]

    public init(name: String, rows: Int, columns: Int, values: [Float]) {
        precondition(rows > 0 && columns > 0 && values.count == rows * columns,
                     "LabGrid \(name): \(values.count) values do not fill \(rows)×\(columns)")
        self.name = name
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    public subscript(row: Int, column: Int) -> Float {
        get { values[row * columns + column] }
        set { values[row * columns + column] = newValue }
    }
}

/// A setting a lab could not use, phrased for the learner: `stride=0: stride must be 1 or more`.
public struct LabSettingError: Error, Hashable, Sendable, CustomStringConvertible {
    public var key: String
    public var value: String
    public var reason: String

    public init(key: String, value: String, reason: String) {
        self.key = key
        self.value = value
        self.reason = reason
    }

    public var description: String { "\(key)=\(value): \(reason)" }
}

/// The named inputs and kernels the labs offer, and the parsing of SPEC strings
/// (`digit:3`, `sobel-x`, `"1 2; 3 4"`) shared by lab blocks and `tutor lab`.
public enum LabPresets {
    /// Kernel presets in the order the lab cycles through them.
    public static let kernelNames = ["identity", "box-blur", "gaussian", "sharpen", "sobel-x", "sobel-y", "laplacian", "edge-h", "edge-v"]

    /// A named kernel, or nil.
    public static func kernel(named name: String) -> LabGrid? {
        let v: [Float]
        switch name {
        case "identity": v = [0, 0, 0, 0, 1, 0, 0, 0, 0]
        case "box-blur": v = Array(repeating: 1.0 / 9.0, count: 9)
        case "gaussian": v = [1, 2, 1, 2, 4, 2, 1, 2, 1].map { $0 / 16 }
        case "sharpen": v = [0, -1, 0, -1, 5, -1, 0, -1, 0]
        case "sobel-x": v = [-1, 0, 1, -2, 0, 2, -1, 0, 1]
        case "sobel-y": v = [-1, -2, -1, 0, 0, 0, 1, 2, 1]
        case "laplacian": v = [0, 1, 0, 1, -4, 1, 0, 1, 0]
        case "edge-h": v = [-1, -1, -1, 0, 0, 0, 1, 1, 1]
        case "edge-v": v = [-1, 0, 1, -1, 0, 1, -1, 0, 1]
        default: return nil
        }
        return LabGrid(name: name, rows: 3, columns: 3, values: v)
    }

    /// Input presets that need no data set, in cycling order.
    public static let patternNames = ["checker", "cross", "ramp"]

    /// A toy pattern, 8×8.
    public static func pattern(named name: String) -> LabGrid? {
        let n = 8
        var v = [Float](repeating: 0, count: n * n)
        switch name {
        case "checker":
            for r in 0..<n { for c in 0..<n { v[r * n + c] = (r / 2 + c / 2) % 2 == 0 ? 1 : 0 } }
        case "cross":
            for i in 0..<n { v[3 * n + i] = 1; v[4 * n + i] = 1; v[i * n + 3] = 1; v[i * n + 4] = 1 }
        case "ramp":
            for r in 0..<n { for c in 0..<n { v[r * n + c] = Float(c) / Float(n - 1) } }
        default:
            return nil
        }
        return LabGrid(name: name, rows: n, columns: n, values: v)
    }

    /// An inline matrix: rows separated by `;`, values by spaces or commas.
    public static func matrix(_ text: String, name: String = "custom") -> LabGrid? {
        let rows = text.split(separator: ";").map { row in
            row.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }).map { Float(String($0)) }
        }
        guard let first = rows.first, !first.isEmpty, rows.allSatisfy({ $0.count == first.count }) else { return nil }
        let values = rows.flatMap { $0 }
        guard values.allSatisfy({ $0 != nil && $0!.isFinite }) else { return nil }
        return LabGrid(name: name, rows: rows.count, columns: first.count, values: values.compactMap { $0 })
    }

    /// Resolves an input SPEC: `digit:N`, `mnist:N` (from `samples`), a pattern, or a matrix.
    public static func input(_ spec: String, samples: SampleBank) throws(LabSettingError) -> LabGrid {
        if let p = pattern(named: spec) { return p }
        for kind in ["digit", "mnist"] where spec.hasPrefix(kind + ":") {
            guard let n = Int(spec.dropFirst(kind.count + 1)), (0...9).contains(n) else {
                throw LabSettingError(key: "input", value: spec, reason: "\(kind):N takes a class N from 0 to 9")
            }
            guard let grid = samples.sample(kind == "digit" ? .digits : .mnist, label: n) else {
                throw LabSettingError(key: "input", value: spec, reason: "the bundled \(kind == "digit" ? "digits" : "mnist5k") data set was not found")
            }
            return grid
        }
        if let m = matrix(spec) { return m }
        throw LabSettingError(key: "input", value: spec,
                              reason: "not an input: use digit:N, mnist:N, checker, cross, ramp, or rows like \"1 2; 3 4\"")
    }

    /// Resolves a kernel SPEC: a preset or a matrix.
    public static func kernel(_ spec: String) throws(LabSettingError) -> LabGrid {
        if let k = kernel(named: spec) { return k }
        if let m = matrix(spec) { return m }
        throw LabSettingError(key: "kernel", value: spec,
                              reason: "not a kernel: use \(kernelNames.joined(separator: ", ")), or rows like \"1 0; 0 -1\"")
    }

    /// A whole number in `range` for `key`.
    public static func integer(_ value: String, key: String, in range: ClosedRange<Int>) throws(LabSettingError) -> Int {
        guard let n = Int(value), range.contains(n) else {
            throw LabSettingError(key: key, value: value, reason: "\(key) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return n
    }

    /// `on`/`off` (also `true`/`false`, `yes`/`no`).
    public static func flag(_ value: String, key: String) throws(LabSettingError) -> Bool {
        switch value.lowercased() {
        case "on", "true", "yes", "1": return true
        case "off", "false", "no", "0": return false
        default: throw LabSettingError(key: key, value: value, reason: "\(key) is on or off")
        }
    }
}
