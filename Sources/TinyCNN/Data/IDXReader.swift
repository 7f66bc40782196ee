import CZlib
import Foundation

/// Reads IDX files of unsigned bytes (the MNIST format), plain or gzipped.
///
/// Layout: two zero bytes, the type byte `0x08` (uint8), the number of dimensions D, then D
/// big-endian `UInt32` sizes, then the data in row-major order. Bytes past the promised data are
/// ignored, as other MNIST readers do; fewer bytes are a `DataSetError.truncated`.
public enum IDXReader {
    /// A decoded IDX file: its dimensions and raw bytes.
    public struct Contents: Sendable, Equatable {
        public var dimensions: [Int]
        public var bytes: [UInt8]
    }

    /// Reads `url`, decompressing it first when it starts with the gzip magic bytes.
    /// - Parameter dimensions: the number of dimensions the caller needs (3 for images, 1 for labels).
    public static func read(_ url: URL, dimensions: Int) throws(DataSetError) -> Contents {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .unreadable(file: url.path, reason: (error as NSError).localizedDescription)
        }
        var bytes = [UInt8](data)
        if bytes.count >= 2, bytes[0] == 0x1f, bytes[1] == 0x8b {
            bytes = try gunzip(bytes, file: url.path)
        }
        return try decode(bytes, file: url.path, dimensions: dimensions)
    }

    /// Decodes the bytes of an (uncompressed) IDX file; `file` only names it in errors.
    public static func decode(_ bytes: [UInt8], file: String, dimensions: Int) throws(DataSetError) -> Contents {
        guard bytes.count >= 4 else {
            throw .truncated(file: file, expectedBytes: 4, foundBytes: bytes.count)
        }
        guard bytes[0] == 0, bytes[1] == 0, bytes[2] == 0x08, bytes[3] >= 1 else {
            throw .wrongMagic(file: file, found: Array(bytes[0..<4]))
        }
        let rank = Int(bytes[3])
        guard rank == dimensions else {
            throw .wrongDimensions(file: file, expected: dimensions, found: rank)
        }
        let headerSize = 4 + 4 * rank
        guard bytes.count >= headerSize else {
            throw .truncated(file: file, expectedBytes: headerSize, foundBytes: bytes.count)
        }
        var dims: [Int] = []
        var payload = 1
        for d in 0..<rank {
            let o = 4 + 4 * d
            let size = Int(bytes[o]) << 24 | Int(bytes[o + 1]) << 16 | Int(bytes[o + 2]) << 8 | Int(bytes[o + 3])
            dims.append(size)
            payload *= size
        }
        let expected = headerSize + payload
        guard bytes.count >= expected else {
            throw .truncated(file: file, expectedBytes: expected, foundBytes: bytes.count)
        }
        return Contents(dimensions: dims, bytes: Array(bytes[headerSize..<expected]))
    }

    /// Inflates a gzip stream with zlib (window bits 15 + 32 detects the gzip header).
    static func gunzip(_ input: [UInt8], file: String) throws(DataSetError) -> [UInt8] {
        var stream = z_stream()
        guard czlib_inflate_init2(&stream, 15 + 32) == Z_OK else {
            throw .badCompression(file: file, reason: "zlib would not start")
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        output.reserveCapacity(input.count * 4)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var status: Int32 = Z_OK
        var source = input
        source.withUnsafeMutableBufferPointer { src in
            stream.next_in = src.baseAddress
            stream.avail_in = uInt(src.count)
            repeat {
                chunk.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = uInt(out.count)
                    status = inflate(&stream, Z_NO_FLUSH)
                    output.append(contentsOf: out[0..<(out.count - Int(stream.avail_out))])
                }
            } while status == Z_OK
        }
        guard status == Z_STREAM_END else {
            let reason = status == Z_BUF_ERROR ? "the compressed stream ends early" : "zlib error \(status)"
            throw .badCompression(file: file, reason: reason)
        }
        return output
    }
}
