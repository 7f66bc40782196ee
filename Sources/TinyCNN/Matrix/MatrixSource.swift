import Foundation

/// Where a calculator's matrix comes from: what `--input` / `--kernel` (and lab blocks) accept.
///
/// A SPEC is, tried in this order: a kernel preset (`sobel-x` …), an input preset (`checker`,
/// `digit:3` …), an inline matrix (`"1 2 3; 4 5 6"`), or a file of rows.
public enum MatrixSource: Sendable, Equatable, CustomStringConvertible {
    case kernelPreset(KernelPreset)
    case inputPreset(InputPreset)
    case inline(String)
    case file(String)

    /// Classifies a SPEC. Fails only for a malformed preset (`digit:12`) or a SPEC that is no
    /// preset, no matrix and no existing file.
    public init(spec raw: String) throws(MatrixError) {
        let spec = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !spec.isEmpty else { throw MatrixError("the matrix is empty") }
        if let preset = KernelPreset(rawValue: spec.lowercased()) {
            self = .kernelPreset(preset)
        } else if let preset = try InputPreset(name: spec) {
            self = .inputPreset(preset)
        } else if spec.allSatisfy({ "0123456789.-+eE/ ,\t;\n".contains($0) }) {
            self = .inline(spec)
        } else if FileManager.default.fileExists(atPath: spec) {
            self = .file(spec)
        } else if spec.contains(where: { $0 == ";" || $0 == " " || $0 == "," || $0 == "\t" }) {
            self = .inline(spec)
        } else {
            throw MatrixError("no such file or preset '\(spec)' (presets: \(MatrixSource.presetNames.joined(separator: ", ")))")
        }
    }

    /// Every preset name, kernels first.
    public static let presetNames = KernelPreset.allCases.map(\.rawValue) + InputPreset.names

    /// The numbers. `dataDirectory` is the bundled `data/` folder (for `digit:N`, `mnist:N`).
    public func matrix(dataDirectory: URL?) throws(MatrixError) -> Matrix {
        switch self {
        case let .kernelPreset(preset): return preset.matrix
        case let .inputPreset(preset): return try preset.matrix(dataDirectory: dataDirectory)
        case let .inline(text): return try Matrix(parsing: text)
        case let .file(path): return try Matrix(contentsOfFile: path)
        }
    }

    /// The channels a SPEC names, `|` between channels: `"1 2; 3 4 | 0 1; 1 0"` is two 2×2
    /// channels, `"digit:3 | checker"` two 8×8 ones; a SPEC without `|` is one channel. Each
    /// part is a SPEC of its own; an error in one names it (`channel 2: …`). More than
    /// `Limits.dimension` channels are refused before any is read.
    public static func channels(_ spec: String, dataDirectory: URL?) throws(MatrixError) -> [Matrix] {
        let separators = spec.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "|") ? 1 : 0) }
        guard separators < Limits.dimension else {
            throw MatrixError("\(separators + 1) channels, over the limit of \(Limits.dimension)")
        }
        guard separators > 0 else { return [try MatrixSource(spec: spec).matrix(dataDirectory: dataDirectory)] }
        var result: [Matrix] = []
        for (index, part) in spec.split(separator: "|", omittingEmptySubsequences: false).enumerated() {
            do {
                result.append(try MatrixSource(spec: String(part)).matrix(dataDirectory: dataDirectory))
            } catch {
                throw MatrixError("channel \(index + 1): \(error)")
            }
        }
        return result
    }

    public var description: String {
        switch self {
        case let .kernelPreset(preset): return preset.rawValue
        case let .inputPreset(preset): return preset.description
        case let .inline(text): return "\"\(text)\""
        case let .file(path): return path
        }
    }
}
