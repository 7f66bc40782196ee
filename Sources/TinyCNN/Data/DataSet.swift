/// One split of a digit data set: grey images as `Float` in 0...1 (NCHW with C = 1) and labels 0...9.
///
/// `images` holds `count * height * width` values, sample after sample, row after row.
public struct DataSet: Sendable, Equatable {
    /// A short name for reports, e.g. `digits/train`.
    public var name: String
    public var height: Int
    public var width: Int
    /// `count * height * width` pixel values in 0...1.
    public var images: [Float]
    /// One label per image, 0...9.
    public var labels: [Int]

    /// The number of samples.
    public var count: Int { labels.count }
    /// Pixels per image.
    public var pixelCount: Int { height * width }

    public init(name: String, height: Int, width: Int, images: [Float], labels: [Int]) {
        precondition(height > 0 && width > 0, "DataSet \(name): image size \(height)x\(width) must be positive")
        precondition(images.count == labels.count * height * width,
                     "DataSet \(name): \(images.count) pixel values for \(labels.count) images of \(height)x\(width)")
        precondition(labels.allSatisfy { (0...9).contains($0) }, "DataSet \(name): labels must be 0...9")
        self.name = name
        self.height = height
        self.width = width
        self.images = images
        self.labels = labels
    }

    /// The pixels of sample `index`, row after row.
    public func image(at index: Int) -> ArraySlice<Float> {
        precondition(index >= 0 && index < count, "DataSet \(name): sample \(index) out of 0..<\(count)")
        return images[index * pixelCount..<(index + 1) * pixelCount]
    }

    /// The first `n` samples (all of them when `n >= count`); handy for quick runs and tests.
    public func prefix(_ n: Int) -> DataSet {
        let k = min(max(n, 0), count)
        return DataSet(name: name, height: height, width: width,
                       images: Array(images[0..<k * pixelCount]), labels: Array(labels[0..<k]))
    }

    /// How many samples of each class 0...9.
    public var classCounts: [Int] {
        var counts = [Int](repeating: 0, count: 10)
        for label in labels { counts[label] += 1 }
        return counts
    }
}
