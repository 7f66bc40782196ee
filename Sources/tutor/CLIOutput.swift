import ArgumentParser
import Canvas
import Foundation

/// A plain command's failure (from `run()`; `validate()` throws ArgumentParser's
/// `ValidationError`, which `Tutor.main` prints the same way with exit status 2). `Tutor.main` prints it as one line on stderr that starts `tutor:`
/// (control characters shown visibly, never sent) and exits with `status`: 1 for bad input
/// (a ragged matrix, a missing file, a refused save), 2 for a bad flag value.
struct CLIError: Error, CustomStringConvertible {
    var message: String
    var status: Int32

    var description: String { message }

    /// Bad input or a failed action: exit status 1.
    static func input(_ message: String) -> CLIError { CLIError(message: message, status: 1) }

    /// A bad flag or flag value: exit status 2.
    static func usage(_ message: String) -> CLIError { CLIError(message: message, status: 2) }
}

/// Why a flag's value is not usable, thrown from an option's `transform`; ArgumentParser
/// prefixes the flag (`Tutor.main` prints `--stride: 'two' is not a whole number`).
struct FlagValueError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// How every plain command reports a problem: throw a `CLIError` (the one error style), warn
/// with `warn(_:)`.
enum CLIOutput {
    /// Prints `tutor: message` as one line on stderr, with control characters made visible.
    static func printError(_ message: String) {
        FileHandle.standardError.write(Data("tutor: \(VisibleText.line(message))\n".utf8))
    }

    /// The error for bad input (exit status 1); throw it.
    static func fail(_ message: String) -> CLIError { .input(message) }

    /// The error for a bad flag value (exit status 2); throw it.
    static func badFlag(_ message: String) -> CLIError { .usage(message) }

    static func warn(_ message: String) {
        printError("warning: \(message)")
    }
}

/// Every line a plain command prints goes through here: text from lesson, quiz, progress and
/// model files is shown with its control characters made visible (`^[`), so a file can never
/// drive the terminal (retitle it, clear it, write the clipboard). Shadows `Swift.print` in
/// this module.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    let text = items.map { "\($0)" }.joined(separator: separator)
    Swift.print(VisibleText.multiline(text), terminator: terminator)
}
