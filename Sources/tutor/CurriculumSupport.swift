import Canvas
import ArgumentParser
import Curriculum
import Foundation
import TutorResources

/// The `--lessons` / `--quizzes` options shared by the curriculum commands.
///
/// `--lessons` is the root command's own `ContentOptions`: ArgumentParser lets the root parse
/// it wherever it appears on the command line, and hands the same decoded value to any
/// subcommand whose option group has that type, so `tutor show X --lessons DIR` and
/// `tutor --lessons DIR show X` both work.
struct CurriculumOptions: ParsableArguments {
    @OptionGroup var content: ContentOptions

    @Option(name: .long, help: ArgumentHelp("A folder of quiz files (default: the bundled quizzes).", valueName: "dir"))
    var quizzes: String?

    /// The `--lessons` value, if given.
    var lessons: String? { content.lessons }

    /// The lessons location: `--lessons`, else the bundled folder.
    func lessonsURL() throws -> URL {
        if let lessons { return URL(fileURLWithPath: lessons) }
        guard let url = BundledContent.url(for: .lessons) else {
            throw CLIOutput.fail("cannot find the bundled lessons (looked in \(BundledContent.candidateRoots().map(\.path).joined(separator: ", "))); pass --lessons DIR")
        }
        return url
    }

    /// The quizzes location: `--quizzes`, else a `quizzes` folder beside the `--lessons` folder
    /// (or beside the folder of a `--lessons` file), else the bundled folder.
    func quizzesURL() -> URL? {
        if let quizzes { return URL(fileURLWithPath: quizzes) }
        if let lessons {
            // `notes/lessons/` (or a file in it) pairs with `notes/quizzes/`.
            var base = URL(fileURLWithPath: lessons)
            var isDirectory: ObjCBool = false
            if !(FileManager.default.fileExists(atPath: base.path, isDirectory: &isDirectory) && isDirectory.boolValue) {
                base = base.deletingLastPathComponent()
            }
            let sibling = base.deletingLastPathComponent().appendingPathComponent("quizzes")
            if FileManager.default.fileExists(atPath: sibling.path, isDirectory: &isDirectory), isDirectory.boolValue { return sibling }
            return nil
        }
        return BundledContent.url(for: .quizzes)
    }

    /// Loads the lessons; no lessons at all is a user error (exit 1).
    func loadLessons() throws -> LessonLibrary {
        let url = try lessonsURL()
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw CLIOutput.fail("\(lessons ?? url.path): no such file or folder")
        }
        let library = LessonLibrary(url: url)
        guard !library.lessons.isEmpty else {
            throw CLIOutput.fail("no lessons (.md, .markdown, .txt) in \(lessons ?? url.path)")
        }
        return library
    }

    func loadQuizzes() -> QuizLibrary { QuizLibrary(url: quizzesURL()) }
}

/// Small helpers for the plain curriculum commands.
enum CurriculumCLI {




    /// The progress store in use (`$TUTOR_HOME`, `$XDG_STATE_HOME/cnn-tutor` or `~/.local/state/cnn-tutor`).
    /// `forChanges`: the store will be written, so a held lock is waited for with a message on
    /// stderr, up to `$TUTOR_LOCK_TIMEOUT` seconds (default 10).
    static func store(forChanges: Bool = true) -> ProgressStore {
        let timeout = ProcessInfo.processInfo.environment["TUTOR_LOCK_TIMEOUT"].flatMap(Double.init)
            .map { min(max($0, 0), 3600) } ?? 10
        let tell: (@Sendable (String) -> Void)? = forChanges ? { @Sendable message in
            FileHandle.standardError.write(Data("tutor: warning: \(VisibleText.line(message))\n".utf8))
        } : nil
        return ProgressStore(directory: ProgressStore.defaultDirectory(), lockTimeout: timeout, onWait: tell)
    }

    /// Loads progress, printing any warning; a failure is a one-line error (exit 1).
    static func loadProgress(_ store: ProgressStore, now: Date) throws -> ProgressData {
        do {
            let snapshot = try store.load(now: now)
            snapshot.warnings.forEach(CLIOutput.warn)
            return snapshot.data
        } catch {
            throw CLIOutput.fail("\(error)")
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
