import CZlib
import Foundation

/// Reads IDX files from disk, plain or gzipped (as MNIST is distributed), into `IDXFile`s.
public enum IDXReader {
    /// Reads `url`, decompressing it first when it starts with the gzip magic bytes, and checks
    /// that it has `dimensions` dimensions (3 for images, 1 for labels). Only regular files are
    /// read, and neither the file nor its decompressed contents may pass `Limits.idxBytes`:
    /// decompression stops at the limit, so a small "zip bomb" costs no more than that.
    public static func read(_ url: URL, dimensions: Int) throws(DataSetError) -> IDXFile {
        let data = try readBounded(url)
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
        guard file.count <= Limits.idxItems else {
            throw .tooLarge(file: url.path, reason: "\(file.count) items, over the limit of \(Limits.idxItems)")
        }
        return file
    }

    /// The bytes of a regular file of at most `Limits.idxBytes`.
    static func readBounded(_ url: URL) throws(DataSetError) -> Data {
        var info = stat()
        guard stat(url.path, &info) == 0 else {
            throw .unreadable(file: url.path, reason: String(cString: strerror(errno)))
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw .unreadable(file: url.path, reason: (info.st_mode & S_IFMT == S_IFDIR ? "a directory" : "not a regular file"))
        }
        guard info.st_size <= Int64(Limits.idxBytes) else {
            throw .tooLarge(file: url.path, reason: "\(info.st_size) bytes, over the limit of \(Limits.idxBytes) bytes")
        }
        do {
            return try Data(contentsOf: url)
        } catch {
            throw .unreadable(file: url.path, reason: (error as NSError).localizedDescription)
        }
    }

    /// Inflates gzip data with zlib (window bits 15 + 32 detects the gzip header). Several
    /// gzip members one after another (as `cat a.gz b.gz` makes) are read as one stream;
    /// anything else after the last member is an error, as is output past `limit` bytes.
    static func gunzip(_ input: [UInt8], file: String, limit: Int = Limits.idxBytes) throws(DataSetError) -> [UInt8] {
        var stream = z_stream()
        guard czlib_inflate_init2(&stream, 15 + 32) == Z_OK else {
            throw .badCompression(file: file, reason: "zlib would not start")
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        output.reserveCapacity(min(limit, input.count * 4))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var status: Int32 = Z_OK
        var tooLarge = false
        var trailing = 0
        var source = input
        source.withUnsafeMutableBufferPointer { src in
            stream.next_in = src.baseAddress
            stream.avail_in = uInt(src.count)
            while true {
                repeat {
                    chunk.withUnsafeMutableBufferPointer { out in
                        stream.next_out = out.baseAddress
                        stream.avail_out = uInt(out.count)
                        status = inflate(&stream, Z_NO_FLUSH)
                        let produced = out.count - Int(stream.avail_out)
                        if output.count + produced > limit { tooLarge = true; return }
                        output.append(contentsOf: out[0..<produced])
                    }
                } while status == Z_OK && !tooLarge
                guard status == Z_STREAM_END, !tooLarge, stream.avail_in > 0 else { return }
                // Another member must start with the gzip magic bytes; anything else is garbage.
                let rest = Int(stream.avail_in)
                let next = src.count - rest
                guard rest >= 2, src[next] == 0x1f, src[next + 1] == 0x8b else { trailing = rest; return }
                guard inflateReset(&stream) == Z_OK else { status = Z_DATA_ERROR; return }
            }
        }
        if tooLarge {
            throw .tooLarge(file: file, reason: "decompresses to more than the limit of \(limit) bytes")
        }
        guard status == Z_STREAM_END else {
            let reason = status == Z_BUF_ERROR ? "the compressed stream ends early" : "zlib error \(status)"
            throw .badCompression(file: file, reason: reason)
        }
        if trailing > 0 {
            throw .badCompression(file: file, reason: "\(trailing) bytes of garbage after the compressed data")
        }
        return output
    }
}
