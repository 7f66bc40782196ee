import Foundation

/// A train/test pair of digit images, as the tutor trains on them.
///
/// Three sources: the two bundled sets (`digits`, 8x8 with pixels 0...16; `mnist5k`, 28x28 with
/// pixels 0...255) and a folder holding the standard MNIST files a user downloaded
/// (`train-images-idx3-ubyte`, `train-labels-idx1-ubyte`, `t10k-images-idx3-ubyte`,
/// `t10k-labels-idx1-ubyte`, each optionally with `.gz`). TinyCNN does not know where the bundled
/// files live; callers pass the folder in (the `tutor` executable asks `BundledContent`).
public struct DigitsDataSet: Sendable, Equatable {
    /// Which data set, and therefore which file names and pixel scale.
    public enum Kind: String, Sendable, CaseIterable, Codable {
        /// scikit-learn's 8x8 digits: 1,437 train / 360 test, pixels 0...16.
        case digits
        /// 5,000 MNIST images: 4,000 train / 1,000 test, pixels 0...255.
        case mnist5k
        /// Full MNIST from a user's folder with the standard names: pixels 0...255.
        case mnist

        /// The largest raw pixel value, which maps to 1.0.
        public var pixelScale: Float { self == .digits ? 16 : 255 }

        /// The images' side length in pixels.
        public var side: Int { self == .digits ? 8 : 28 }

        /// The four file names in a folder, as (train images, train labels, test images, test labels).
        public var fileNames: (trainImages: String, trainLabels: String, testImages: String, testLabels: String) {
            switch self {
            case .digits, .mnist5k:
                let p = rawValue
                return ("\(p)-train-images.idx3-ubyte", "\(p)-train-labels.idx1-ubyte",
                        "\(p)-test-images.idx3-ubyte", "\(p)-test-labels.idx1-ubyte")
            case .mnist:
                return ("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                        "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")
            }
        }
    }

    public var kind: Kind
    public var train: DataSet
    public var test: DataSet

    public init(kind: Kind, train: DataSet, test: DataSet) {
        precondition(train.height == test.height && train.width == test.width,
                     "DigitsDataSet: train and test images differ in size")
        self.kind = kind
        self.train = train
        self.test = test
    }

    /// Loads `kind` from `folder`, which holds its four files (plain or `.gz`).
    public static func load(_ kind: Kind, from folder: URL) throws(DataSetError) -> DigitsDataSet {
        let names = kind.fileNames
        let trainImages = try locate(names.trainImages, in: folder)
        let trainLabels = try locate(names.trainLabels, in: folder)
        let testImages = try locate(names.testImages, in: folder)
        let train = try loadSplit(name: "\(kind.rawValue)/train", images: trainImages, labels: trainLabels, kind: kind)
        let test = try loadSplit(name: "\(kind.rawValue)/test", images: testImages,
                                 labels: locate(names.testLabels, in: folder), kind: kind)
        guard test.height == train.height, test.width == train.width else {
            throw .wrongImageSize(file: testImages.path,
                                  expected: "\(train.height)x\(train.width) like the training images",
                                  found: "\(test.height)x\(test.width)")
        }
        return DigitsDataSet(kind: kind, train: train, test: test)
    }

    /// Reads one images file and its labels file and checks that they agree.
    public static func loadSplit(name: String, images: URL, labels: URL, kind: Kind) throws(DataSetError) -> DataSet {
        let imageFile = try IDXReader.read(images, dimensions: 3)
        let labelFile = try IDXReader.read(labels, dimensions: 1)
        let (n, h, w) = (imageFile.dimensions[0], imageFile.dimensions[1], imageFile.dimensions[2])
        if kind != .mnist, h != kind.side || w != kind.side {
            throw .wrongImageSize(file: images.path, expected: "\(kind.side)x\(kind.side)", found: "\(h)x\(w)")
        }
        guard h > 0, w > 0 else {
            throw .wrongImageSize(file: images.path, expected: "at least 1x1", found: "\(h)x\(w)")
        }
        guard n > 0 else { throw .empty(file: images.path) }
        guard labelFile.dimensions[0] == n else {
            throw .countMismatch(images: images.path, imageCount: n, labels: labels.path, labelCount: labelFile.dimensions[0])
        }
        var labelValues = [Int](repeating: 0, count: n)
        for (i, value) in labelFile.bytes.enumerated() {
            guard value <= 9 else { throw .badLabel(file: labels.path, index: i, value: value) }
            labelValues[i] = Int(value)
        }
        let scale = 1 / kind.pixelScale
        var pixels = [Float](repeating: 0, count: imageFile.bytes.count)
        var overRange: Int?
        for (i, byte) in imageFile.bytes.enumerated() {
            if Float(byte) > kind.pixelScale, overRange == nil { overRange = i }
            pixels[i] = min(Float(byte) * scale, 1)
        }
        if let i = overRange {
            throw .pixelOutOfRange(file: images.path, index: i, value: imageFile.bytes[i], maximum: Int(kind.pixelScale))
        }
        return DataSet(name: name, height: h, width: w, images: pixels, labels: labelValues)
    }

    /// `name` in `folder`, or `name.gz` when only that exists.
    static func locate(_ name: String, in folder: URL) throws(DataSetError) -> URL {
        let plain = folder.appendingPathComponent(name)
        if FileManager.default.fileExists(atPath: plain.path) { return plain }
        let gz = folder.appendingPathComponent(name + ".gz")
        guard FileManager.default.fileExists(atPath: gz.path) else {
            throw .missingFile(folder: folder.path, name: name)
        }
        return gz
    }
}
