import Foundation

/// Why a data set could not be loaded; every case names the file (or folder) at fault so that the
/// printed message tells the user what to fix.
public enum DataSetError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file does not exist or cannot be read.
    case unreadable(file: String, reason: String)
    /// The file is gzipped but does not decompress.
    case badCompression(file: String, reason: String)
    /// Not a well-formed IDX file of unsigned bytes (bad magic number, truncated, …).
    case invalidIDX(IDXError)
    /// The file holds a different number of dimensions than its role needs.
    case wrongDimensions(file: String, expected: Int, found: Int)
    /// The images and labels files disagree on how many samples there are.
    case countMismatch(images: String, imageCount: Int, labels: String, labelCount: Int)
    /// A label outside 0...9.
    case badLabel(file: String, index: Int, value: UInt8)
    /// The images are not the size the data set (or its test split) needs.
    case wrongImageSize(file: String, expected: String, found: String)
    /// A pixel above the data set's maximum (e.g. an MNIST file given as `digits`).
    case pixelOutOfRange(file: String, index: Int, value: UInt8, maximum: Int)
    /// A folder passed with `--data` lacks one of the standard MNIST files.
    case missingFile(folder: String, name: String)
    /// Past one of `Limits` (file size, decompressed size, item count); `reason` names it.
    case tooLarge(file: String, reason: String)
    /// A split with no samples.
    case empty(file: String)

    public var description: String {
        switch self {
        case let .unreadable(file, reason):
            return "\(file): cannot read the file (\(reason))"
        case let .badCompression(file, reason):
            return "\(file): not a valid gzip file (\(reason))"
        case let .invalidIDX(error):
            return error.description
        case let .wrongDimensions(file, expected, found):
            return "\(file): expected an IDX file with \(expected) dimension\(expected == 1 ? "" : "s"), found \(found)"
        case let .countMismatch(images, imageCount, labels, labelCount):
            return "\(images) holds \(imageCount) images but \(labels) holds \(labelCount) labels"
        case let .badLabel(file, index, value):
            return "\(file): label \(index) is \(value), expected a digit 0-9"
        case let .wrongImageSize(file, expected, found):
            return "\(file): images are \(found), expected \(expected)"
        case let .pixelOutOfRange(file, index, value, maximum):
            return "\(file): pixel \(index) is \(value), above this data set's maximum \(maximum) (is it the right data set?)"
        case let .missingFile(folder, name):
            return "\(folder): no \(name) or \(name).gz (the standard MNIST file names are expected)"
        case let .tooLarge(file, reason):
            return "\(file): \(reason)"
        case let .empty(file):
            return "\(file): holds no images (a data set needs at least one)"
        }
    }
}
