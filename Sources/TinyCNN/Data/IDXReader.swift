import CZlib
import Foundation

/// Reads IDX files from disk, plain or gzipped (as MNIST is distributed), into `IDXFile`s.
public enum IDXReader {
    /// Reads `url`, decompressing it first when it starts with the gzip magic bytes, and checks
    /// that it has `dimensions` dimensions (3 for images, 1 for labels).
    public static func read(_ url: URL, dimensions: Int) throws(DataSetError) -> IDXFile {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .unreadable(file: url.path, reason: (error as NSError).localizedDescription)
        }
        var bytes = data
        if data.count >= 2, data[data.startIndex] == 0x1f, data[data.startIndex + 1] == 0x8b {
            bytes = Data(try gunzip([UInt8](data), file: url.path))
        }
        let file: IDXFile
        do {
            file = try IDXFile(data: bytes, name: url.path)
        } catch {
            throw .invalidIDX(error)
        }
        guard file.dimensions.count == dimensions else {
            throw .wrongDimensions(file: url.path, expected: dimensions, found: file.dimensions.count)
        }
        return file
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
