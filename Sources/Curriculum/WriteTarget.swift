import Foundation

/// Where a save may go: a path that is missing, a regular file, or a symlink (followed) to one.
///
/// Saves write a temporary file and `rename` it over the target. Renaming over a symlink,
/// a FIFO or a device node would replace it with a plain file, so every save first resolves the
/// path with `WriteTarget.resolve(_:)`: a symlink the user made is followed (the file it points
/// to is replaced, the link stays), and anything that is not a regular file is refused.
public enum WriteTarget {
    /// Why a path cannot be saved to; reads as one line.
    public struct Refused: Error, Sendable, CustomStringConvertible, Equatable {
        public var path: String
        public var reason: String
        public var description: String { "\(path): \(reason); nothing was written" }
    }

    /// The path to write: `url` itself, or the final target of a symlink at `url`.
    /// - Throws: `Refused` when the path (or what a symlink points to) exists and is not a
    ///   regular file, or when a symlink chain is broken in a folder that does not exist.
    public static func resolve(_ url: URL) throws -> URL {
        var path = url.path
        for _ in 0..<32 {
            var info = stat()
            guard lstat(path, &info) == 0 else {
                if errno == ENOENT { return URL(fileURLWithPath: path) }
                throw Refused(path: url.path, reason: "cannot inspect the path (\(String(cString: strerror(errno))))")
            }
            switch info.st_mode & S_IFMT {
            case S_IFREG:
                return URL(fileURLWithPath: path)
            case S_IFLNK:
                guard let next = try? FileManager.default.destinationOfSymbolicLink(atPath: path) else {
                    throw Refused(path: url.path, reason: "cannot read the symbolic link")
                }
                path = next.hasPrefix("/") ? next : (path as NSString).deletingLastPathComponent + "/" + next
            default:
                throw Refused(path: url.path, reason: "\(kind(info.st_mode)), not a regular file, is there")
            }
        }
        throw Refused(path: url.path, reason: "too many levels of symbolic links")
    }

    /// A phrase naming a non-regular file type ("a directory", "a FIFO", ...).
    static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: return "a directory"
        case S_IFIFO: return "a FIFO"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        default: return "a special file"
        }
    }

    /// Writes `bytes` to `url` atomically (a temporary file beside the target, then `rename`),
    /// after `resolve(_:)`; the temporary file is removed if anything fails.
    /// - Returns: the path actually written (the symlink's target when `url` is a symlink).
    @discardableResult
    public static func write(_ bytes: Data, to url: URL) throws -> URL {
        let target = try resolve(url)
        let folder = target.deletingLastPathComponent()
        let temp = folder.appendingPathComponent(".\(target.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        let fd = open(temp.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw Refused(path: url.path, reason: "cannot create a file in \(folder.path) (\(String(cString: strerror(errno))))")
        }
        var failure: String?
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, base + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                offset += n
            }
        }
        if failure == nil, fsync(fd) != 0, errno != EINVAL { failure = String(cString: strerror(errno)) }
        close(fd)
        if failure == nil, rename(temp.path, target.path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temp.path)
            throw Refused(path: url.path, reason: "cannot write (\(failure))")
        }
        return target
    }
}
