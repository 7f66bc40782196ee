import Foundation
import Testing
import TinyCNN
import TutorResources

/// The bundled IDX files and the loader's checks. Expected headers and first labels were read
/// with Python's `struct` straight from the files (see the numbers below), independently of
/// the Swift reader.
@Suite struct DataSetTests {
    static func dataFolder() throws -> URL {
        try #require(BundledContent.url(for: .data), "the bundled data folder")
    }

    /// (kind, train count, test count, side, first 12 train labels, first 12 test labels,
    /// raw pixel sum of the first training image)
    static let bundled: [(DigitsDataSet.Kind, Int, Int, Int, [Int], [Int], Int)] = [
        (.digits, 1437, 360, 8, [6, 0, 0, 3, 0, 5, 0, 0, 4, 1, 2, 8], [6, 9, 3, 7, 2, 1, 5, 2, 5, 2, 1, 9], 273),
        (.mnist5k, 4000, 1000, 28, [6, 0, 5, 4, 9, 9, 8, 3, 1, 2, 2, 0], [6, 3, 0, 8, 8, 3, 0, 0, 7, 8, 5, 8], 22666),
    ]

    @Test func bundledSetsLoadWithTheirHeadersAndFirstLabels() throws {
        let folder = try Self.dataFolder()
        for (kind, trainCount, testCount, side, trainLabels, testLabels, pixelSum) in Self.bundled {
            let set = try DigitsDataSet.load(kind, from: folder)
            #expect(set.train.count == trainCount, "\(kind)")
            #expect(set.test.count == testCount, "\(kind)")
            #expect(set.train.height == side && set.train.width == side, "\(kind)")
            #expect(Array(set.train.labels.prefix(12)) == trainLabels, "\(kind)")
            #expect(Array(set.test.labels.prefix(12)) == testLabels, "\(kind)")
            // Pixels are scaled by the set's maximum raw value, so the raw sum comes back exactly.
            let raw = set.train.image(at: 0).reduce(0) { $0 + Double($1) } * Double(kind.pixelScale)
            #expect(abs(raw - Double(pixelSum)) < 1e-6 * Double(pixelSum), "\(kind): first image's raw pixel sum \(raw)")
            #expect(set.train.images.max() == 1 && set.train.images.min() == 0, "\(kind)")
        }
    }

    @Test func idxHeadersOfTheBundledFiles() throws {
        let folder = try Self.dataFolder()
        let images = try IDXReader.read(folder.appendingPathComponent("digits-train-images.idx3-ubyte"), dimensions: 3)
        #expect(images.dimensions == [1437, 8, 8])
        let labels = try IDXReader.read(folder.appendingPathComponent("mnist5k-test-labels.idx1-ubyte"), dimensions: 1)
        #expect(labels.dimensions == [1000])
        #expect(Array(labels.bytes.prefix(4)) == [6, 3, 0, 8])
    }

    /// `digits-test-labels.idx1-ubyte` gzipped by `gzip.compress(data, mtime=0)` in Python.
    static let gzippedDigitsTestLabels = """
    H4sIAAAAAAACAxWQiw0AMQhC/aDgprf/BEeTJq1JgYcRyoj89pqVU1N5CFRTQh9n2weXwB64e9mbHTuTNxtncWAKw+DcDOhx7qJasbCy1FMXAHo6ew5FAnlFsewaLI44ZOyiFOes2wtHrz36DPIcptfOQmWTVX2Krhp/Ro6ZFzICdZBn3Kb2wRELs7Z/MCddQzL/lnTHLVtBarcxwquTTgp4MS+Q/fpouitGjSjbNSa8q05kWuNnyfi2mRTcxoLYCt9nAKaI9iJ+jEgf8HABAAA=
    """

    @Test func gzippedFilesReadLikeThePlainOnes() throws {
        let dir = try TemporaryFolder()
        let gz = try #require(Data(base64Encoded: Self.gzippedDigitsTestLabels))
        let url = dir.url.appendingPathComponent("labels.gz")
        try gz.write(to: url)
        let unzipped = try IDXReader.read(url, dimensions: 1)
        let plain = try IDXReader.read(Self.dataFolder().appendingPathComponent("digits-test-labels.idx1-ubyte"), dimensions: 1)
        #expect(unzipped == plain)
        // A gzip stream cut short is reported as such.
        let cut = dir.url.appendingPathComponent("cut.gz")
        try gz.prefix(gz.count / 2).write(to: cut)
        #expect(throws: DataSetError.self) { try IDXReader.read(cut, dimensions: 1) }
        do {
            _ = try IDXReader.read(cut, dimensions: 1)
        } catch {
            guard case .badCompression(let file, _) = error else { Issue.record("got \(error)"); return }
            #expect(file == cut.path)
        }
    }

    @Test func truncatedAndWrongMagicFilesGiveTheirErrors() throws {
        let dir = try TemporaryFolder()
        let plain = try Data(contentsOf: Self.dataFolder().appendingPathComponent("digits-test-images.idx3-ubyte"))
        let truncated = dir.url.appendingPathComponent("truncated.idx3-ubyte")
        try plain.prefix(16 + 64 * 10 + 5).write(to: truncated)
        #expect(throws: DataSetError.invalidIDX(.truncated(path: truncated.path, expectedBytes: 16 + 360 * 64, foundBytes: 16 + 645))) {
            try IDXReader.read(truncated, dimensions: 3)
        }
        let header = dir.url.appendingPathComponent("header.idx3-ubyte")
        try plain.prefix(10).write(to: header)
        #expect(throws: DataSetError.invalidIDX(.truncated(path: header.path, expectedBytes: 16, foundBytes: 10))) {
            try IDXReader.read(header, dimensions: 3)
        }
        var wrong = plain
        wrong[0] = 0x50
        wrong[1] = 0x4b
        let magic = dir.url.appendingPathComponent("magic.idx3-ubyte")
        try wrong.write(to: magic)
        #expect(throws: DataSetError.invalidIDX(.badMagic(path: magic.path, found: "504b0803"))) {
            try IDXReader.read(magic, dimensions: 3)
        }
        let labelsAsImages = try Self.dataFolder().appendingPathComponent("digits-test-labels.idx1-ubyte")
        #expect(throws: DataSetError.wrongDimensions(file: labelsAsImages.path, expected: 3, found: 1)) {
            try IDXReader.read(labelsAsImages, dimensions: 3)
        }
    }

    @Test func mismatchedFilesAreReportedNamingTheFile() throws {
        let dir = try TemporaryFolder()
        func write(_ name: String, dims: [Int], bytes: [UInt8]) throws -> URL {
            var data: [UInt8] = [0, 0, 8, UInt8(dims.count)]
            for d in dims { data += [UInt8(d >> 24 & 255), UInt8(d >> 16 & 255), UInt8(d >> 8 & 255), UInt8(d & 255)] }
            let url = dir.url.appendingPathComponent(name)
            try Data(data + bytes).write(to: url)
            return url
        }
        let images = try write("i", dims: [3, 8, 8], bytes: [UInt8](repeating: 4, count: 192))
        let twoLabels = try write("l2", dims: [2], bytes: [1, 2])
        #expect(throws: DataSetError.countMismatch(images: images.path, imageCount: 3, labels: twoLabels.path, labelCount: 2)) {
            try DigitsDataSet.loadSplit(name: "t", images: images, labels: twoLabels, kind: .digits)
        }
        let badLabel = try write("l3", dims: [3], bytes: [1, 12, 2])
        #expect(throws: DataSetError.badLabel(file: badLabel.path, index: 1, value: 12)) {
            try DigitsDataSet.loadSplit(name: "t", images: images, labels: badLabel, kind: .digits)
        }
        let labels = try write("l", dims: [3], bytes: [1, 2, 3])
        let bright = try write("b", dims: [3, 8, 8], bytes: [UInt8](repeating: 4, count: 100) + [200] + [UInt8](repeating: 0, count: 91))
        #expect(throws: DataSetError.pixelOutOfRange(file: bright.path, index: 100, value: 200, maximum: 16)) {
            try DigitsDataSet.loadSplit(name: "t", images: bright, labels: labels, kind: .digits)
        }
        #expect(throws: DataSetError.wrongImageSize(file: images.path, expected: "28x28", found: "8x8")) {
            try DigitsDataSet.loadSplit(name: "t", images: images, labels: labels, kind: .mnist5k)
        }
        // Any size goes for a user's own MNIST-style files, scaled by 255.
        let own = try DigitsDataSet.loadSplit(name: "t", images: images, labels: labels, kind: .mnist)
        #expect(own.count == 3 && own.images[0] == 4 / 255)
        #expect(throws: DataSetError.missingFile(folder: dir.url.path, name: "train-images-idx3-ubyte")) {
            try DigitsDataSet.load(.mnist, from: dir.url)
        }
    }

    @Test func aFolderOfStandardMNISTNamesLoadsGzippedOrNot() throws {
        let dir = try TemporaryFolder()
        let folder = try Self.dataFolder()
        let names = DigitsDataSet.Kind.mnist.fileNames
        let sources = DigitsDataSet.Kind.mnist5k.fileNames
        try FileManager.default.copyItem(at: folder.appendingPathComponent(sources.trainImages), to: dir.url.appendingPathComponent(names.trainImages))
        try FileManager.default.copyItem(at: folder.appendingPathComponent(sources.trainLabels), to: dir.url.appendingPathComponent(names.trainLabels))
        try FileManager.default.copyItem(at: folder.appendingPathComponent(sources.testImages), to: dir.url.appendingPathComponent(names.testImages))
        try FileManager.default.copyItem(at: folder.appendingPathComponent(sources.testLabels), to: dir.url.appendingPathComponent(names.testLabels))
        let own = try DigitsDataSet.load(.mnist, from: dir.url)
        let bundled = try DigitsDataSet.load(.mnist5k, from: folder)
        #expect(own.train.images == bundled.train.images && own.test.labels == bundled.test.labels)
    }
}

/// A fresh temporary folder, removed when the value goes away.
final class TemporaryFolder {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("training-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
}
