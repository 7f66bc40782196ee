import ArgumentParser
import Curriculum
import Foundation
import TutorResources

/// The `--lessons` / `--quizzes` options shared by the curriculum commands.
struct CurriculumOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A folder of lessons or a single lesson file (default: the bundled lessons).", valueName: "dir|file"))
    var lessons: String?

    @Option(name: .long, help: ArgumentHelp("A folder of quiz files (default: the bundled quizzes).", valueName: "dir"))
    var quizzes: String?

    /// The lessons location: `--lessons`, else the bundled folder.
    func lessonsURL() throws -> URL {
        if let lessons { return URL(fileURLWithPath: lessons) }
        guard let url = BundledContent.url(for: .lessons) else {
            throw CurriculumCLI.fail("cannot find the bundled lessons (looked in \(BundledContent.candidateRoots().map(\.path).joined(separator: ", "))); pass --lessons DIR")
        }
        return url
    }

    /// The quizzes location: `--quizzes`, else a `quizzes` folder beside a `--lessons` folder,
    /// else the bundled folder.
    func quizzesURL() -> URL? {
        if let quizzes { return URL(fileURLWithPath: quizzes) }
        if let lessons {
            let sibling = URL(fileURLWithPath: lessons).deletingLastPathComponent().appendingPathComponent("quizzes")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: sibling.path, isDirectory: &isDirectory), isDirectory.boolValue { return sibling }
            return nil
        }
        return BundledContent.url(for: .quizzes)
    }

    /// Loads the lessons; no lessons at all is a user error (exit 1).
    func loadLessons() throws -> LessonLibrary {
        let url = try lessonsURL()
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw CurriculumCLI.fail("\(lessons ?? url.path): no such file or folder")
        }
        let library = LessonLibrary(url: url)
        guard !library.lessons.isEmpty else {
            throw CurriculumCLI.fail("no lessons (.md, .markdown, .txt) in \(lessons ?? url.path)")
        }
        return library
    }

    func loadQuizzes() -> QuizLibrary { QuizLibrary(url: quizzesURL()) }
}

/// Small helpers for the plain curriculum commands.
enum CurriculumCLI {
    /// Prints `tutor: message` on stderr and returns exit status 1 to throw.
    static func fail(_ message: String) -> ExitCode {
        printError(message)
        return ExitCode(1)
    }

    /// A bad flag value: one line on stderr, exit status 2.
    static func badFlag(_ message: String) -> ExitCode {
        printError(message)
        return ExitCode(2)
    }

    static func printError(_ message: String) {
        FileHandle.standardError.write(Data("tutor: \(message)\n".utf8))
    }

    static func warn(_ message: String) {
        printError("warning: \(message)")
    }

    /// The progress store in use (`$TUTOR_HOME`, `$XDG_STATE_HOME/cnn-tutor` or `~/.local/state/cnn-tutor`).
    static func store() -> ProgressStore { ProgressStore(directory: ProgressStore.defaultDirectory()) }

    /// Loads progress, printing any warning; a failure is a one-line error (exit 1).
    static func loadProgress(_ store: ProgressStore, now: Date) throws -> ProgressData {
        do {
            let snapshot = try store.load(now: now)
            snapshot.warnings.forEach(warn)
            return snapshot.data
        } catch {
            throw fail("\(error)")
        }
    }

    static func isTTY(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// Columns of the terminal on stdout, if it is one.
    static func terminalWidth() -> Int? {
        guard isTTY(STDOUT_FILENO) else { return nil }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    /// `text` cut to `width` columns with `…` when longer.
    static func fit(_ text: String, _ width: Int) -> String {
        guard DisplayWidth.of(text) > width else { return text }
        var out = ""
        var used = 0
        for ch in text {
            let w = DisplayWidth.of(ch)
            if used + w > width - 1 { break }
            out.append(ch); used += w
        }
        return out + "…"
    }

    /// `text` padded with spaces to `width` columns (display width, not characters).
    static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - DisplayWidth.of(text)))
    }

    static func date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }
}
