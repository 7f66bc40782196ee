import Foundation

/// Validates lesson and quiz files for `tutor check`.
public enum ContentChecker {
    /// What a check found.
    public struct Report: Sendable {
        public var diagnostics: [Diagnostic]
        public var lessons: Int
        public var quizzes: Int
        public var reviewQuestions: Int
        public var quizQuestions: Int
        /// Every file read, in the order read: its path as displayed and what it held
        /// (`lesson 'cnn/pooling', shape A, 5 review questions`).
        public var files: [(path: String, held: String)] = []

        /// The one-line summary printed when nothing is wrong.
        public var summary: String {
            let lessonWord = lessons == 1 ? "lesson" : "lessons"
            let quizWord = quizzes == 1 ? "quiz" : "quizzes"
            return "\(lessons) \(lessonWord) (\(reviewQuestions) review questions) and \(quizzes) \(quizWord) (\(quizQuestions) questions): no problems found"
        }
    }

    /// Checks the files and folders at `paths` (as the user typed them; relative paths are
    /// resolved against the working directory). A quiz's `lesson:` must name a lesson among
    /// those checked or in `reference` (the lessons folder in use).
    public static func check(paths: [String], reference: LessonLibrary? = nil) -> Report {
        var diagnostics: [Diagnostic] = []
        var lessonFiles: [(url: URL, display: String, id: String?)] = []
        var quizFiles: [(URL, String)] = []
        for path in paths {
            let url = URL(fileURLWithPath: path)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                diagnostics.append(Diagnostic(path: path, line: 0, message: "no such file or folder"))
                continue
            }
            if isDirectory.boolValue {
                // Lessons are found as the library finds them (recursively, ids with subfolders);
                // quizzes sit at the top of their folder.
                let prefix = path.hasSuffix("/") ? path : path + "/"
                for file in LessonLibrary.files(at: url, diagnostics: &diagnostics) {
                    let relative = String(file.url.path.dropFirst(url.path.count).drop { $0 == "/" })
                    lessonFiles.append((file.url, prefix + relative, file.id))
                }
                let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path))?.sorted() ?? []
                for name in names where !name.hasPrefix(".") {
                    let ext = (name as NSString).pathExtension.lowercased()
                    if QuizFile.extensions.contains(ext) { quizFiles.append((url.appendingPathComponent(name), prefix + name)) }
                }
            } else {
                let ext = url.pathExtension.lowercased()
                if LessonLibrary.extensions.contains(ext) {
                    lessonFiles.append((url, path, nil))
                } else if QuizFile.extensions.contains(ext) {
                    quizFiles.append((url, path))
                } else {
                    diagnostics.append(Diagnostic(path: path, line: 0, message: "not a lesson (.md, .markdown, .txt) or quiz (.yaml, .yml) file"))
                }
            }
        }

        var lessonIDs: [String: String] = [:]
        var reviewQuestions = 0
        var files: [(path: String, held: String)] = []
        for (url, display, id) in lessonFiles {
            let data: Data
            switch ContentFile.read(url, limit: ContentLimits.lessonFileBytes) {
            case .success(let bytes): data = bytes
            case .failure(let error):
                diagnostics.append(Diagnostic(path: display, line: 0, message: error.message))
                continue
            }
            let (lesson, found) = LessonParser.parse(data: data, url: url, id: id, path: display)
            let n = lesson.ownQuestionCount, made = lesson.reviewQuestions.count - n
            files.append((display, "lesson '\(lesson.id)', shape \(lesson.shape.rawValue), \(n) review question\(n == 1 ? "" : "s")"
                + (made > 0 ? " + \(made) made from notes" : "")))
            diagnostics.append(contentsOf: found)
            if let other = lessonIDs[lesson.id] {
                diagnostics.append(Diagnostic(path: display, line: 0, message: "lesson id '\(lesson.id)' is also used by \(other)"))
            }
            lessonIDs[lesson.id] = display
            reviewQuestions += lesson.ownQuestionCount
        }

        let known = Set(lessonIDs.keys).union(reference?.lessons.map(\.id) ?? [])
        var quizLessons: [String: String] = [:]
        var quizQuestions = 0
        for (url, display) in quizFiles {
            let (quiz, found) = QuizFile.load(url: url, path: display)
            diagnostics.append(contentsOf: found)
            guard let quiz else { files.append((display, "a quiz file that could not be read (its problems follow)")); continue }
            quizQuestions += quiz.questions.count
            files.append((display, "quiz for '\(quiz.lesson)', \(quiz.questions.count) question\(quiz.questions.count == 1 ? "" : "s")"))
            let line = lessonLine(url) ?? 1
            if !known.contains(quiz.lesson) {
                diagnostics.append(Diagnostic(path: display, line: line, message: "lesson '\(quiz.lesson)' names no lesson"))
            }
            let fileID = url.deletingPathExtension().lastPathComponent
            if fileID != quiz.lesson {
                diagnostics.append(Diagnostic(path: display, line: line, message: "quiz file is named '\(fileID)' but belongs to lesson '\(quiz.lesson)' (name it \(quiz.lesson).yaml)"))
            }
            if let other = quizLessons[quiz.lesson] {
                diagnostics.append(Diagnostic(path: display, line: line, message: "lesson '\(quiz.lesson)' already has a quiz file: \(other)"))
            }
            quizLessons[quiz.lesson] = display
        }
        return Report(diagnostics: diagnostics.sorted(), lessons: lessonFiles.count, quizzes: quizFiles.count,
                      reviewQuestions: reviewQuestions, quizQuestions: quizQuestions, files: files)
    }

    /// The line of a quiz file's top-level `lesson:` key.
    static func lessonLine(_ url: URL) -> Int? {
        guard let data = try? ContentFile.read(url, limit: ContentLimits.quizFileBytes).get() else { return nil }
        let lines = SourceText.lines(from: data)
        return lines.first { $0.text.hasPrefix("lesson:") }?.number
    }
}
