import Curriculum
import Foundation
import TutorApp
import TutorResources

extension TUIRunner {
    /// The lessons (`--lessons` or the bundled ones), their quizzes (`--quizzes`, else the
    /// `quizzes` folder beside `--lessons`, else the bundled ones) and the learner's progress.
    func loadCurriculum() -> Action {
        .curriculumLoaded(curriculumContent(quizzesUnlessIdle: false).content)
    }

    /// The content `loadCurriculum` loads. With `quizzesUnlessIdle`, the quiz files are left
    /// out when no question is due (the home screen then shows nothing that comes from them);
    /// `quizzesLeftOut` says so, and the caller loads them after the first frame.
    func curriculumContent(quizzesUnlessIdle: Bool) -> (content: CurriculumContent, quizzesLeftOut: Bool) {
        let now = Date()
        let lessonsURL = content.lessons.map { URL(fileURLWithPath: $0) } ?? BundledContent.url(for: .lessons)
        let library = lessonsURL.map { LessonLibrary(url: $0) } ?? LessonLibrary(lessons: [])
        var warnings: [String] = []
        let progress: ProgressData
        do {
            let snapshot = try store.load(now: now)
            warnings += snapshot.warnings
            progress = snapshot.data
        } catch {
            warnings.append("\(error)")
            progress = ProgressData()
        }
        let leaveOut = quizzesUnlessIdle && progress.due(at: now).isEmpty
        return (CurriculumContent(
            lessons: library, quizzes: leaveOut ? QuizLibrary() : QuizLibrary(url: quizzesURL()), progress: progress,
            source: lessonsURL?.path ?? "(no lessons folder found)", now: now,
            seed: UInt64.random(in: 0...UInt64.max), warnings: warnings), leaveOut)
    }

    /// `--quizzes`, else a `quizzes` folder beside the `--lessons` folder (or beside the folder of
    /// a `--lessons` file), else the bundled quizzes: the rule of the plain commands.
    func quizzesURL() -> URL? {
        if let quizzes { return URL(fileURLWithPath: quizzes) }
        guard let lessons = content.lessons else { return BundledContent.url(for: .quizzes) }
        var base = URL(fileURLWithPath: lessons)
        var isDirectory: ObjCBool = false
        if !(FileManager.default.fileExists(atPath: base.path, isDirectory: &isDirectory) && isDirectory.boolValue) {
            base = base.deletingLastPathComponent()
        }
        let sibling = base.deletingLastPathComponent().appendingPathComponent("quizzes")
        guard FileManager.default.fileExists(atPath: sibling.path, isDirectory: &isDirectory), isDirectory.boolValue else { return nil }
        return sibling
    }

    /// The screen cannot print a "waiting" line, so another tutor's lock is waited for only
    /// briefly; a save that times out is shown like any failed save.
    var store: ProgressStore { ProgressStore(directory: ProgressStore.defaultDirectory(), lockTimeout: 3) }

    /// Loads the curriculum, or saves one change to the progress file at once (the file as
    /// written comes back).
    func performCurriculum(_ effect: CurriculumEffect) -> Action {
        let now = Date()
        do {
            let snapshot: ProgressStore.Snapshot
            switch effect {
            case .loadLessons:
                return loadCurriculum()
            case .saveLessonOpened(let lesson, let section):
                snapshot = try store.update(now: now) { $0.last = Position(lesson: lesson, section: section, date: now) }
            case .saveSectionRead(let lesson, let section):
                snapshot = try store.update(now: now) { data in
                    var progress = data.lesson(lesson)
                    progress.sectionsRead.insert(section)
                    data.lessons[lesson] = progress
                }
            case .saveAnswer(let lesson, let question, let verdict):
                snapshot = try store.update(now: now) { data in
                    let key = ProgressData.key(lesson: lesson, question: question)
                    data.reviews[key] = ReviewState.after(data.reviews[key], verdict: verdict, now: now)
                }
            case .saveQuizAttempt(let lesson, var attempt):
                attempt.date = now
                snapshot = try store.update(now: now) { data in
                    var progress = data.lesson(lesson)
                    progress.attempts.append(attempt)
                    data.lessons[lesson] = progress
                }
            case .saveReviewSession(var session):
                session.date = now
                snapshot = try store.update(now: now) { $0.reviewSessions.append(session) }
            }
            return .progressSaved(snapshot.data, now: now)
        } catch {
            return .progressSaveFailed("progress not saved: \(error)")
        }
    }
}
