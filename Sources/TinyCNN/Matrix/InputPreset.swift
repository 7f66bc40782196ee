import Foundation

/// The named inputs a learner can convolve: three synthetic 8×8 patterns and real digits.
public enum InputPreset: Sendable, Equatable, CustomStringConvertible {
    /// 8×8 checkerboard of 2×2 squares (0 and 1).
    case checker
    /// 8×8 plus sign two pixels thick (1 on 0).
    case cross
    /// 8×8 horizontal ramp from 0 (left) to 1 (right).
    case ramp
    /// The first bundled 8×8 digits test sample of class `n`, scaled to 0…1.
    case digit(Int)
    /// The first bundled 28×28 mnist5k test sample of class `n`, scaled to 0…1.
    case mnist(Int)

    /// The names shown in help and errors.
    public static let names = ["checker", "cross", "ramp", "digit:N", "mnist:N"]

    /// Reads `checker`, `digit:3`, `mnist:7` … ; nil when `name` is not an input preset.
    /// A malformed class (`digit:x`, `digit:12`) is an error rather than nil, so it is not
    /// mistaken for a file name.
    public init?(name: String) throws(MatrixError) {
        switch name.lowercased() {
        case "checker": self = .checker
        case "cross": self = .cross
        case "ramp": self = .ramp
        default:
            let lower = name.lowercased()
            for (prefix, make) in [("digit:", InputPreset.digit), ("mnist:", InputPreset.mnist)] where lower.hasPrefix(prefix) {
                let rest = lower.dropFirst(prefix.count)
                guard let n = Int(rest), (0...9).contains(n) else {
                    throw MatrixError("'\(name)': the class must be a digit 0-9")
                }
                self = make(n)
                return
            }
            return nil
        }
    }

    public var description: String {
        switch self {
        case .checker: return "checker"
        case .cross: return "cross"
        case .ramp: return "ramp"
        case let .digit(n): return "digit:\(n)"
        case let .mnist(n): return "mnist:\(n)"
        }
    }

    /// The preset's numbers. Digit samples are read from `dataDirectory` (the bundled `data/`
    /// folder); a missing folder or file is an error naming what was looked for.
    public func matrix(dataDirectory: URL?) throws(MatrixError) -> Matrix {
        switch self {
        case .checker:
            return Matrix(rows: 8, columns: 8, values: (0..<64).map { (i: Int) -> Float in
                let parity: Int = ((i / 8) / 2 + (i % 8) / 2) % 2
                return Float(parity)
            })
        case .cross:
            return Matrix(rows: 8, columns: 8, values: (0..<64).map { (i: Int) -> Float in
                let r = i / 8, c = i % 8
                let onBar = r == 3 || r == 4 || c == 3 || c == 4
                return onBar ? 1 : 0
            })
        case .ramp:
            return Matrix(rows: 8, columns: 8, values: (0..<64).map { (i: Int) -> Float in Float(i % 8) / 7 })
        case let .digit(n):
            return try InputPreset.firstSample(of: n, set: "digits", name: description, scale: 16, dataDirectory: dataDirectory)
        case let .mnist(n):
            return try InputPreset.firstSample(of: n, set: "mnist5k", name: description, scale: 255, dataDirectory: dataDirectory)
        }
    }

    /// The first test sample of class `label` in the bundled `set`, pixels divided by `scale`;
    /// `name` is the preset as the user wrote it, for errors.
    private static func firstSample(of label: Int, set: String, name: String, scale: Float,
                                    dataDirectory: URL?) throws(MatrixError) -> Matrix {
        guard let dataDirectory else {
            throw MatrixError("'\(name)' needs the bundled \(set) data, which was not found")
        }
        let imagesURL = dataDirectory.appendingPathComponent("\(set)-test-images.idx3-ubyte")
        let labelsURL = dataDirectory.appendingPathComponent("\(set)-test-labels.idx1-ubyte")
        let images: IDXFile, labels: IDXFile
        do {
            images = try IDXFile(contentsOf: imagesURL)
            labels = try IDXFile(contentsOf: labelsURL)
        } catch {
            throw MatrixError("'\(name)': \(error)")
        }
        guard images.dimensions.count == 3, labels.dimensions.count == 1, images.dimensions[0] == labels.dimensions[0] else {
            throw MatrixError("'\(name)': \(imagesURL.lastPathComponent) and \(labelsURL.lastPathComponent) do not describe the same samples")
        }
        guard let index = labels.bytes.firstIndex(of: UInt8(label)) else {
            throw MatrixError("'\(name)': the \(set) test set has no sample of class \(label)")
        }
        let h = images.dimensions[1], w = images.dimensions[2]
        let pixels = images.bytes[(index * h * w)..<((index + 1) * h * w)]
        return Matrix(rows: h, columns: w, values: pixels.map { Float($0) / scale })
    }
}
