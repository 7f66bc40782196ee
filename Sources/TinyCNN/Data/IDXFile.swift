import Foundation

/// An uncompressed IDX file of unsigned bytes, the format of MNIST and the bundled data sets.
///
/// Layout (big-endian): two zero bytes, the element type (`0x08` = UInt8), the number of
/// dimensions `D`, then `D` 32-bit sizes, then the data in row-major order. Images are
/// `[N, H, W]`, labels `[N]`.
public struct IDXFile: Sendable, Equatable {
    /// The sizes of each dimension, e.g. `[1437, 8, 8]`.
    public let dimensions: [Int]
    /// The data, row-major; `bytes.count == dimensions.product`.
    public let bytes: [UInt8]

    /// Reads and checks an IDX file; errors name the file.
    public init(contentsOf url: URL) throws(IDXError) {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw .unreadable(path: url.path, reason: FileManager.default.fileExists(atPath: url.path) ? "cannot be read" : "no such file")
        }
        try self.init(data: data, name: url.path)
    }

    /// Parses IDX bytes; `name` identifies the source in errors.
    public init(data: Data, name: String) throws(IDXError) {
        let raw = [UInt8](data)
        guard raw.count >= 4 else { throw .truncated(path: name, expectedBytes: 4, foundBytes: raw.count) }
        guard raw[0] == 0, raw[1] == 0 else {
            throw .badMagic(path: name, found: raw[0..<4].map { String(format: "%02x", $0) }.joined())
        }
        guard raw[2] == 0x08 else { throw .unsupportedType(path: name, typeCode: raw[2]) }
        let rank = Int(raw[3])
        guard rank >= 1 else { throw .badMagic(path: name, found: raw[0..<4].map { String(format: "%02x", $0) }.joined()) }
        let headerSize = 4 + 4 * rank
        guard raw.count >= headerSize else { throw .truncated(path: name, expectedBytes: headerSize, foundBytes: raw.count) }
        var dims: [Int] = []
        for d in 0..<rank {
            let o = 4 + 4 * d
            dims.append(Int(raw[o]) << 24 | Int(raw[o + 1]) << 16 | Int(raw[o + 2]) << 8 | Int(raw[o + 3]))
        }
        let (expected, overflow) = dims.reduce((1, false)) { acc, d in
            let (v, o) = acc.0.multipliedReportingOverflow(by: d)
            return (v, acc.1 || o)
        }
        guard !overflow else { throw .truncated(path: name, expectedBytes: Int.max, foundBytes: raw.count) }
        guard raw.count >= headerSize + expected else {
            throw .truncated(path: name, expectedBytes: headerSize + expected, foundBytes: raw.count)
        }
        guard raw.count == headerSize + expected else {
            throw .trailingBytes(path: name, expectedBytes: headerSize + expected, foundBytes: raw.count)
        }
        dimensions = dims
        bytes = Array(raw[headerSize...])
    }

    /// The number of items (the first dimension).
    public var count: Int { dimensions[0] }

    /// The bytes of item `index` (one image, or one label).
    public func item(_ index: Int) -> ArraySlice<UInt8> {
        precondition(index >= 0 && index < count, "IDX item \(index) is outside 0..<\(count)")
        let size = dimensions.dropFirst().reduce(1, *)
        return bytes[(index * size)..<((index + 1) * size)]
    }
}

/// Why an IDX file could not be read. Every case names the file.
public enum IDXError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case badMagic(path: String, found: String)
    case unsupportedType(path: String, typeCode: UInt8)
    case truncated(path: String, expectedBytes: Int, foundBytes: Int)
    case trailingBytes(path: String, expectedBytes: Int, foundBytes: Int)

    public var description: String {
        switch self {
        case let .unreadable(path, reason): return "\(path): \(reason)"
        case let .badMagic(path, found): return "\(path): not an IDX file (magic number 0x\(found))"
        case let .unsupportedType(path, code):
            return "\(path): IDX element type 0x\(String(format: "%02x", code)) is not supported (only 0x08, unsigned bytes)"
        case let .truncated(path, expected, found):
            return "\(path): truncated IDX file (\(found) bytes, the header promises \(expected))"
        case let .trailingBytes(path, expected, found):
            return "\(path): IDX file has \(found - expected) bytes more than its header describes"
        }
    }
}
