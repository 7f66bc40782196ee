import ArgumentParser
import Foundation

/// How every plain command reports a problem: one line on stderr that starts `tutor:`, then exit
/// status 1 for bad input (a ragged matrix, a missing file) or 2 for a bad flag value.
enum CLIOutput {
    static func printError(_ message: String) {
        FileHandle.standardError.write(Data("tutor: \(message)\n".utf8))
    }

    /// Prints the message; throw the result for exit status 1.
    static func fail(_ message: String) -> ExitCode {
        printError(message)
        return ExitCode(1)
    }

    /// Prints the message; throw the result for exit status 2.
    static func badFlag(_ message: String) -> ExitCode {
        printError(message)
        return ExitCode(2)
    }

    static func warn(_ message: String) {
        printError("warning: \(message)")
    }
}

/// Prints `message` as one line on stderr and exits with `code` (for code that cannot throw).
func fail(_ message: String, code: Int32) -> Never {
    CLIOutput.printError(message)
    exit(code)
}
