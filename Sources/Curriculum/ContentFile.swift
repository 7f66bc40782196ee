import Foundation

/// Reads a lesson or quiz file safely: only a regular file (a FIFO or device named `x.md`
/// would block or never end), and at most a stated number of bytes.
enum ContentFile {
    /// The file's bytes, or why they cannot be read, as a diagnostic's message.
    static func read(_ url: URL, limit: Int) -> Result<Data, ContentFileError> {
        var info = stat()
        guard stat(url.path, &info) == 0 else { return .failure(ContentFileError("cannot read the file")) }
        guard info.st_mode & S_IFMT == S_IFREG else { return .failure(ContentFileError("not a regular file")) }
        guard info.st_size <= Int64(limit) else {
            return .failure(ContentFileError("the file is \(info.st_size) bytes, over the limit of \(limit) bytes"))
        }
        guard let data = FileManager.default.contents(atPath: url.path) else { return .failure(ContentFileError("cannot read the file")) }
        return .success(data)
    }
}

/// Why a content file was not read.
struct ContentFileError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
