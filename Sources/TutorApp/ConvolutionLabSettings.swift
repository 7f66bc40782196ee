import Curriculum
import Foundation
import TinyCNN

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

    /// A grid holding a TinyCNN matrix.
    public init(name: String, matrix: Matrix) {
        self.init(name: name, rows: matrix.rows, columns: matrix.columns, values: matrix.values)
    }

    /// The grid as a TinyCNN matrix.
    public var matrix: Matrix { Matrix(rows: rows, columns: columns, values: values) }

    public subscript(row: Int, column: Int) -> Float {
        get { values[row * columns + column] }
        set { values[row * columns + column] = newValue }
    }
}

/// The named inputs and kernels the labs offer, and the parsing of SPEC strings
/// (`digit:3`, `sobel-x`, `"1 2; 3 4"`) shared by lab blocks and `tutor lab`: TinyCNN's
/// `KernelPreset`, `InputPreset` and `Matrix(parsing:)`, the same as `tutor convolve`.
public enum LabPresets {
    /// Kernel presets in the order the lab cycles through them.
    public static let kernelNames = KernelPreset.allCases.map(\.rawValue)

    /// A named kernel, or nil.
    public static func kernel(named name: String) -> LabGrid? {
        KernelPreset(rawValue: name).map { LabGrid(name: name, matrix: $0.matrix) }
    }

    /// Input presets that need no data set, in cycling order.
    public static let patternNames = LabSetting.inputPatterns

    /// A toy pattern (8×8), or nil.
    public static func pattern(named name: String) -> LabGrid? {
        guard patternNames.contains(name), let preset = try? InputPreset(name: name),
              let m = try? preset.matrix(dataDirectory: nil) else { return nil }
        return LabGrid(name: name, matrix: m)
    }

    /// An inline matrix: rows separated by `;`, values by spaces or commas.
    public static func matrix(_ text: String, name: String = "custom") -> LabGrid? {
        guard let m = try? Matrix(parsing: text), m.rows > 0, m.columns > 0 else { return nil }
        return LabGrid(name: name, matrix: m)
    }

    /// Resolves an input SPEC: `digit:N`, `mnist:N` (from `samples`), a pattern, or a matrix.
    public static func input(_ spec: String, samples: SampleBank) throws(LabSettingError) -> LabGrid {
        if let p = pattern(named: spec) { return p }
        let preset: InputPreset?
        do { preset = try InputPreset(name: spec) } catch { throw LabSettingError(key: "input", value: spec, reason: error.description) }
        switch preset {
        case .digit(let n)?, .mnist(let n)?:
            let kind: SampleBank.Kind = spec.lowercased().hasPrefix("digit") ? .digits : .mnist
            guard let grid = samples.sample(kind, label: n) else {
                throw LabSettingError(key: "input", value: spec, reason: "the bundled \(kind == .digits ? "digits" : "mnist5k") data set was not found")
            }
            return grid
        default:
            break
        }
        do {
            return LabGrid(name: "custom", matrix: try Matrix(parsing: spec))
        } catch {
            throw LabSettingError(key: "input", value: spec, reason: whyNotAMatrix(spec, error, hint: "inputs are digit:N, mnist:N, checker, cross, ramp, or rows like \"1 2; 3 4\""))
        }
    }

    /// Resolves an input SPEC of one or more channels (`digit:3 | checker`, `"1 2; 3 4 | 0 1; 1 0"`).
    public static func inputs(_ spec: String, samples: SampleBank) throws(LabSettingError) -> [LabGrid] {
        try channels(spec, key: "input") { (part: String) throws(LabSettingError) -> LabGrid in try input(part, samples: samples) }
    }

    /// Resolves a kernel SPEC of one or more slices (`sobel-x | sobel-y`).
    public static func kernels(_ spec: String) throws(LabSettingError) -> [LabGrid] {
        try channels(spec, key: "kernel") { (part: String) throws(LabSettingError) -> LabGrid in try kernel(part) }
    }

    /// Each `|`-separated part resolved by `resolve`; an error names the channel, and channels
    /// of different sizes are refused.
    private static func channels(_ spec: String, key: String, _ resolve: (String) throws(LabSettingError) -> LabGrid) throws(LabSettingError) -> [LabGrid] {
        let parts = spec.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count > 1 else { return [try resolve(spec)] }
        guard parts.count <= LabSetting.maxChannels else {
            throw LabSettingError(key: key, value: spec, reason: "\(parts.count) channels, over the limit of \(LabSetting.maxChannels)")
        }
        var grids: [LabGrid] = []
        for (index, part) in parts.enumerated() {
            do {
                grids.append(try resolve(part))
            } catch {
                throw LabSettingError(key: key, value: spec, reason: "channel \(index + 1): \(error.reason)")
            }
            if let first = grids.first, let last = grids.last, last.rows != first.rows || last.columns != first.columns {
                throw LabSettingError(key: key, value: spec, reason: "channel \(index + 1) is \(last.rows)×\(last.columns) but channel 1 is \(first.rows)×\(first.columns) (every channel must be the same size)")
            }
        }
        return grids
    }

    /// Resolves a kernel SPEC: a preset or a matrix.
    public static func kernel(_ spec: String) throws(LabSettingError) -> LabGrid {
        if let k = kernel(named: spec.lowercased()) { return k }
        do {
            return LabGrid(name: "custom", matrix: try Matrix(parsing: spec))
        } catch {
            throw LabSettingError(key: "kernel", value: spec, reason: whyNotAMatrix(spec, error, hint: "kernels are \(kernelNames.joined(separator: ", ")), or rows like \"1 0; 0 -1\""))
        }
    }

    /// Why `spec` is no matrix: TinyCNN's word for a SPEC that is nothing it knows (`no such file
    /// or preset`, listing the presets), else the parse error of what looked like rows, with `hint`.
    private static func whyNotAMatrix(_ spec: String, _ parseError: MatrixError, hint: String) -> String {
        do {
            _ = try MatrixSource(spec: spec)
            return "\(parseError); \(hint)"
        } catch {
            return error.description
        }
    }
}
