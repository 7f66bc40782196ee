import ArgumentParser
import Curriculum
import Foundation

/// `tutor progress`: what has been read and scored, and resetting, exporting or importing it.
struct ProgressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "progress",
        abstract: "Show progress, or reset, export or import it.",
        discussion: "Progress lives in $TUTOR_HOME, else $XDG_STATE_HOME/cnn-tutor, else ~/.local/state/cnn-tutor."
    )

    @Option(name: .long, help: ArgumentHelp("Forget one lesson's progress.", valueName: "lesson"))
    var reset: String?

    @Flag(name: .long, help: "Forget all progress.")
    var resetAll = false

    @Option(name: .long, help: ArgumentHelp("Write the progress to FILE.", valueName: "file"))
    var export: String?

    @Option(name: .customLong("import"), help: ArgumentHelp("Merge progress from FILE (made by --export).", valueName: "file"))
    var importFile: String?

    @OptionGroup var options: CurriculumOptions

    func run() throws {
        let actions = [reset != nil, resetAll, export != nil, importFile != nil].filter { $0 }.count
        guard actions <= 1 else {
            throw CLIOutput.badFlag("use only one of --reset, --reset-all, --export, --import")
        }
        // Changes wait for another tutor's lock (saying so); showing takes no lock at all.
        let store = CurriculumCLI.store(forChanges: actions > 0 && export == nil)
        let now = Date()
        do {
            // Reading first reports a damaged file (moved aside) before anything is written.
            let progress = try CurriculumCLI.loadProgress(store, now: now)
            if let reset {
                let library = (try? options.lessonsURL()).map { LessonLibrary(url: $0) }
                let id = library?.find(reset)?.id ?? reset
                guard progress.lessons[id] != nil || progress.reviews.keys.contains(where: { $0.hasPrefix(id + "/") }) || progress.last?.lesson == id else {
                    throw CLIOutput.fail("no progress recorded for lesson '\(reset)'")
                }
                try store.reset(lesson: id, now: now)
                print("Progress for \(id) reset.")
            } else if resetAll {
                try store.resetAll(now: now)
                print("All progress reset.")
            } else if let export {
                let data = try store.export(to: URL(fileURLWithPath: export), now: now)
                print("Progress exported to \(export) (\(Self.counts(data))).")
            } else if let importFile {
                let (saved, notes) = try store.importFile(URL(fileURLWithPath: importFile), now: now)
                notes.forEach { CLIOutput.warn("\(importFile): \($0)") }
                print("Progress from \(importFile) merged into \(store.fileURL.path); it now holds \(Self.counts(saved)).")
            } else {
                show(progress, store: store, now: now)
            }
        } catch let error as CLIError {
            throw error
        } catch let error as ProgressError {
            throw CLIOutput.fail("\(error)")
        } catch let error as WriteTarget.Refused {
            throw CLIOutput.fail("\(error)")
        } catch {
            throw CLIOutput.fail("\(error.localizedDescription)")
        }
    }

    /// "3 lessons, 26 review states, 4 attempts": what a progress file holds, for the saved lines.
    static func counts(_ data: ProgressData) -> String {
        let attempts = data.lessons.values.map(\.attempts.count).reduce(0, +)
        func n(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
        return "\(n(data.lessons.count, "lesson")), \(n(data.reviews.count, "review state")), \(n(attempts, "attempt"))"
    }

    func show(_ progress: ProgressData, store: ProgressStore, now: Date) {
        let library = (try? options.lessonsURL()).map { LessonLibrary(url: $0) }
        print("Progress file: \(store.fileURL.path)")
        if let last = progress.last {
            print("Continue: \(last.lesson), \(last.section.title) (\(CurriculumCLI.date(last.date)))")
        }
        var ids = library?.lessons.map(\.id) ?? []
        for id in progress.lessons.keys.sorted() where !ids.contains(id) { ids.append(id) }
        let started = ids.filter { progress.lessons[$0] != nil || progress.dueCount(lesson: $0, at: now) > 0 }
        guard !started.isEmpty else {
            print("No progress yet.")
            return
        }
        let idWidth = min(32, max(6, started.map { DisplayWidth.of($0) }.max() ?? 6))
        print(CurriculumCLI.pad("LESSON", idWidth) + "  READ     QUIZZES   BEST    LAST    DUE")
        for id in started {
            let p = progress.lesson(id)
            let read = SectionKind.allCases.map { p.sectionsRead.contains($0) ? String($0.title.prefix(1)) : "." }.joined()
            let best = p.best.map(\.scoreText) ?? "-"
            let quizzes = p.quizAttempts
            let last = p.last.map(\.scoreText) ?? "-"
            print(CurriculumCLI.pad(CurriculumCLI.fit(id, idWidth), idWidth) + "  " + CurriculumCLI.pad(read, 7) + "  "
                  + CurriculumCLI.pad(String(quizzes.count), 8) + "  " + CurriculumCLI.pad(best, 6) + "  "
                  + CurriculumCLI.pad(last, 6) + "  " + String(progress.dueCount(lesson: id, at: now)))
        }
        for id in started {
            guard let last = progress.lesson(id).last, last.isPartial else { continue }
            print("\(id): the last quiz ended early, \(last.total) of \(last.asked) answered (\(last.scoreText) right) on \(CurriculumCLI.date(last.date))")
        }
        printReviewSessions(progress.reviewSessions)
        let due = progress.due(at: now).count
        print(due > 0 ? "\(due) question\(due == 1 ? " is" : "s are") due for review: tutor quiz --plain" : "Nothing is due for review.")
    }

    /// Spaced-review sessions, apart from the lessons' own quizzes: the latest five.
    func printReviewSessions(_ sessions: [ReviewSession]) {
        guard !sessions.isEmpty else { return }
        print("Review sessions: \(sessions.count)" + (sessions.count > 5 ? " (the latest 5)" : ""))
        for session in sessions.suffix(5) {
            let partial = session.isPartial ? " (ended after \(session.total) of \(session.asked))" : ""
            print("  \(CurriculumCLI.date(session.date))  \(session.scoreText)\(partial)  from \(CurriculumCLI.fit(session.lessons.joined(separator: ", "), 48))")
        }
    }
}
