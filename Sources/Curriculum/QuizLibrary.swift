import Foundation

/// The quiz files of a folder (or single files), by the lesson they belong to.
public struct QuizLibrary: Sendable {
    public private(set) var quizzes: [String: Quiz]
    public private(set) var diagnostics: [Diagnostic]

    public init(quizzes: [Quiz] = [], diagnostics: [Diagnostic] = []) {
        self.quizzes = Dictionary(quizzes.map { ($0.lesson, $0) }, uniquingKeysWith: { first, _ in first })
        self.diagnostics = diagnostics
    }

    /// Loads every `.yaml`/`.yml` file in the folders and the files given. A missing folder
    /// is an empty library (lessons need no quiz files).
    public init(urls: [URL]) {
        var quizzes: [String: Quiz] = [:]
        var diagnostics: [Diagnostic] = []
        for url in urls {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { continue }
            let files: [URL]
            if isDirectory.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
                files = names.sorted().filter { QuizFile.extensions.contains(($0 as NSString).pathExtension.lowercased()) && !$0.hasPrefix(".") }
                    .map { url.appendingPathComponent($0) }
            } else {
                files = [url]
            }
            for file in files {
                let (quiz, found) = QuizFile.load(url: file)
                diagnostics.append(contentsOf: found)
                guard let quiz else { continue }
                let fileID = file.deletingPathExtension().lastPathComponent
                if fileID != quiz.lesson {
                    diagnostics.append(Diagnostic(path: file.path, line: 1, message: "quiz file is named '\(fileID)' but says lesson: \(quiz.lesson) (name it \(quiz.lesson).yaml)"))
                }
                if let other = quizzes[quiz.lesson] {
                    diagnostics.append(Diagnostic(path: file.path, line: 1, message: "a second quiz for lesson '\(quiz.lesson)' (the first is \(other.source?.path ?? "?")); ignored"))
                    continue
                }
                quizzes[quiz.lesson] = quiz
            }
        }
        self.quizzes = quizzes
        self.diagnostics = diagnostics
    }

    public init(url: URL?) {
        self.init(urls: url.map { [$0] } ?? [])
    }

    public func quiz(for lesson: String) -> Quiz? { quizzes[lesson] }
}

/// A question in a running quiz, with the lesson it belongs to.
public struct QuizItem: Sendable, Hashable {
    public var lesson: String
    public var question: Question

    public init(lesson: String, question: Question) {
        self.lesson = lesson
        self.question = question
    }

    /// The progress key: `<lesson-id>/<question-id>`.
    public var key: String { ProgressData.key(lesson: lesson, question: question.id) }
}

/// Builds the questions of review quizzes.
public enum ReviewQuiz {
    /// A lesson's review quiz: its own review questions (`review-<n>`), then its quiz file's.
    /// A review question that a quiz-file question `replaces` is left out, and so is a
    /// quiz-file question whose prompt repeats one already in the quiz: each is asked once.
    public static func questions(for lesson: Lesson, quiz: Quiz?) -> [Question] {
        let replaced = Set((quiz?.questions ?? []).flatMap(\.replaces))
        let own = lesson.reviewQuestions.filter { !replaced.contains($0.id) }.map { rq in
            // A question made from the notes is a cloze: a short answer (typos forgiven).
            rq.made.map { Question(id: rq.id, prompt: rq.prompt, kind: .short(accept: [$0.term], keywords: []),
                                   explain: "From your notes: \($0.sentence)", line: rq.line) }
                ?? Question(id: rq.id, prompt: rq.prompt, kind: reviewKind(answer: rq.answer), explain: nil, line: rq.line)
        }
        // Without a quiz file there is nothing to compare prompts with.
        guard let quiz, !quiz.questions.isEmpty else { return own }
        var seen = Set(own.map { normalisedPrompt($0.prompt) })
        let extra = quiz.questions.filter { $0.kindName == "generated" || seen.insert(normalisedPrompt($0.prompt)).inserted }
        return own + extra
    }

    /// A prompt as compared for repeats: its terms, without case, punctuation or articles.
    public static func normalisedPrompt(_ prompt: String) -> String {
        AnswerText.terms(prompt).joined(separator: " ")
    }

    /// The items of a lesson's review quiz.
    public static func items(for lesson: Lesson, quiz: Quiz?) -> [QuizItem] {
        questions(for: lesson, quiz: quiz).map { QuizItem(lesson: lesson.id, question: $0) }
    }

    /// A lesson's review question is graded as `open`, unless its model answer is a number
    /// or a shape.
    public static func reviewKind(answer: String) -> Question.Kind {
        if let n = AnswerText.wholeNumber(answer) {
            return .numeric(answer: n, tolerance: AnswerText.writtenPrecision(answer))
        }
        if let dims = AnswerText.wholeShape(answer) { return .shape(dims) }
        return .open(answer: answer)
    }

    /// The questions due for spaced review at `now`, across all lessons, earliest due first.
    /// Questions whose lesson or id no longer exist are left out.
    public static func due(progress: ProgressData, lessons: LessonLibrary, quizzes: QuizLibrary, now: Date) -> [QuizItem] {
        let keys = progress.due(at: now)
        guard !keys.isEmpty else { return [] }
        // Only lessons with a question due are built: a key is `<lesson-id>/<question-id>`,
        // and either id may hold a `/`, so every prefix ending before a `/` is a candidate.
        var candidates = Set<Substring>()
        for key in keys {
            var index = key.startIndex
            while let slash = key[index...].firstIndex(of: "/") {
                candidates.insert(key[..<slash])
                index = key.index(after: slash)
            }
        }
        var byKey: [String: QuizItem] = [:]
        for lesson in lessons.lessons where candidates.contains(Substring(lesson.id)) {
            for item in items(for: lesson, quiz: quizzes.quiz(for: lesson.id)) { byKey[item.key] = item }
        }
        return keys.compactMap { byKey[$0] }
    }
}
