import Foundation
import Testing
@testable import TinyCNN

/// Inputs past the stated limits are refused with a line naming the limit, before anything
/// large is allocated; size arithmetic never overflows (issue 14).
struct LimitsTests {
    static let vgg16 = "conv 64 3 pad 1, conv 64 3 pad 1, pool 2, conv 128 3 pad 1, conv 128 3 pad 1, pool 2, "
        + "conv 256 3 pad 1, conv 256 3 pad 1, conv 256 3 pad 1, pool 2, conv 512 3 pad 1, conv 512 3 pad 1, "
        + "conv 512 3 pad 1, pool 2, conv 512 3 pad 1, conv 512 3 pad 1, conv 512 3 pad 1, pool 2, "
        + "flatten, dense 4096, dense 4096, dense 1000"

    @Test func vgg16IsTabledByArithmeticButNotBuilt() throws {
        let spec = try ModelSpec(parsing: Self.vgg16)
        let shapes = try spec.shapes(inputShape: [3, 224, 224])
        // The published count for VGG-16: 138,357,544 parameters.
        #expect(shapes.reduce(0) { $0 + $1.parameterCount } == 138_357_544)
        #expect(shapes.last?.outputShape == [1000])
        #expect(shapes[18].note == "512×7×7 → 25088")
        let error = #expect(throws: ShapeError.self) { try Sequential(spec: spec, inputShape: [3, 224, 224], seed: 1) }
        #expect(error?.description.contains("over the limit of") == true)
    }

    @Test(arguments: [
        ("conv 8 3 dilation 9223372036854775807", "dilation 9223372036854775807 is over the limit of 1024"),
        ("conv 8 3 pad 9223372036854775807", "padding 9223372036854775807 is over the limit of 1024"),
        ("conv 8 3 stride 9223372036854775807", "stride 9223372036854775807 is over the limit of 1024"),
        ("conv 9223372036854775807 3", "9223372036854775807 filters is over the limit of 65536"),
        ("conv 8 9223372036854775807x1", "kernel size 9223372036854775807 is over the limit of 65536"),
        ("pool 9223372036854775807", "kernel size 9223372036854775807 is over the limit of 65536"),
        ("dense 9223372036854775807", "9223372036854775807 units is over the limit of 65536"),
    ])
    func hugeSettingsNameTheLimit(spec: String, message: String) throws {
        let parsed = try ModelSpec(parsing: spec)
        let error = #expect(throws: ShapeError.self) { try parsed.shapes(inputShape: [1, 28, 28]) }
        #expect(error?.description.contains(message) == true, "\(error.map { "\($0)" } ?? "no error")")
    }

    @Test func sizeArithmeticIsOverflowChecked() throws {
        // 65536 × 65536 × 65536 = 2^48 values flatten fine; a dense layer over them needs 2^64
        // weights, which overflows: the table says so instead of trapping.
        let spec = try ModelSpec(parsing: "flatten")
        let shapes = try spec.shapes(inputShape: [65536, 65536, 65536])
        #expect(shapes[0].outputShape == [281_474_976_710_656])
        #expect(throws: ShapeError.self) { try ModelSpec(parsing: "dense 65536").shapes(inputShape: [65536, 65536, 65536]) }
        #expect(Limits.product([Int.max, 2]) == nil)
        #expect(Limits.product([3, 4], limit: 11) == nil)
        #expect(Limits.product([3, 4], limit: 12) == 12)
    }

    @Test func aDenseLayerOverAHugeImageIsRefusedBeforeAllocating() throws {
        let spec = try ModelSpec(parsing: "dense 10000")
        let shapes = try spec.shapes(inputShape: [1, 300, 300])
        #expect(shapes[0].parameterCount == 900_010_000)
        #expect(throws: ShapeError.self) { try spec.makeLayers(inputShape: [1, 300, 300]) }
    }

    @Test func walksRefuseHugePaddingAndHugeWalks() throws {
        let one = Matrix([[1]])
        let padding = #expect(throws: WalkError.self) { try ConvolutionWalk(input: one, kernel: one, padding: 3000) }
        #expect(padding?.message == "padding 3000 is over the limit of 1024")
        let dilation = #expect(throws: WalkError.self) {
            try ConvolutionWalk(input: one, kernel: Matrix([[1, 1]]), dilation: Int.max)
        }
        #expect(dilation?.message.contains("over the limit") == true)
        // 2049 × 2049 windows of one value each, kept twice: over the walk limit.
        let big = #expect(throws: WalkError.self) { try ConvolutionWalk(input: one, kernel: one, padding: 1024) }
        #expect(big?.message.contains("over the limit of \(Limits.walkValues) values") == true)
        #expect(throws: WalkError.self) { try PoolingWalk(input: one, mode: .max, kernel: Int.max) }
    }

    static let hello: [UInt8] = [31, 139, 8, 0, 0, 0, 0, 0, 2, 3, 203, 72, 205, 201, 201, 87, 0, 0, 246, 249, 129, 237, 6, 0, 0, 0]
    static let world: [UInt8] = [31, 139, 8, 0, 0, 0, 0, 0, 2, 3, 43, 207, 47, 202, 73, 1, 0, 67, 17, 119, 58, 5, 0, 0, 0]

    @Test func gzipMembersAreReadOneAfterAnother() throws {
        #expect(try IDXReader.gunzip(Self.hello, file: "f") == Array("hello ".utf8))
        #expect(try IDXReader.gunzip(Self.hello + Self.world, file: "f") == Array("hello world".utf8))
    }

    @Test func garbageAfterAGzipStreamIsAnError() {
        let error = #expect(throws: DataSetError.self) { try IDXReader.gunzip(Self.hello + [1, 2, 3], file: "f") }
        #expect(error?.description == "f: not a valid gzip file (3 bytes of garbage after the compressed data)")
    }

    @Test func decompressionStopsAtTheLimit() {
        let error = #expect(throws: DataSetError.self) { try IDXReader.gunzip(Self.hello + Self.world, file: "f", limit: 8) }
        #expect(error?.description == "f: decompresses to more than the limit of 8 bytes")
    }

    @Test func anEmptyIDXSetIsRefused() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("idx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data([0, 0, 8, 3, 0, 0, 0, 0, 0, 0, 0, 8, 0, 0, 0, 8]).write(to: dir.appendingPathComponent("i"))
        try Data([0, 0, 8, 1, 0, 0, 0, 0]).write(to: dir.appendingPathComponent("l"))
        let error = #expect(throws: DataSetError.self) {
            try DigitsDataSet.loadSplit(name: "t", images: dir.appendingPathComponent("i"), labels: dir.appendingPathComponent("l"), kind: .digits)
        }
        #expect(error?.description.hasSuffix("holds no images (a data set needs at least one)") == true)
    }

    @Test func aModelFileThatIsNotARegularFileIsRefused() {
        let error = #expect(throws: ModelFileError.self) { try ModelFile.read(from: URL(fileURLWithPath: "/dev/zero")) }
        #expect(error?.description == "/dev/zero: cannot read the model file: not a regular file")
    }
}
