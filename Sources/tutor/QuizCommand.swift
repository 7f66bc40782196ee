import ArgumentParser
import Curriculum
import Foundation

/// `tutor quiz [LESSON] --plain`: a review quiz on stdout, answers from stdin.
struct QuizCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quiz",
        abstract: "Take a lesson's review quiz, or the questions due for review.",
        discussion: """
        Without LESSON, asks the questions whose spaced review is due. Answers are read one per \
        line; an empty line skips a question; end of input ends the quiz and saves what was answered.
        """
    )

    @Argument(help: "The lesson whose review quiz to take (id, unique prefix or number).")
    var lesson: String?

    @Flag(name: .long, help: "Plain text on stdout, answers from stdin (works with pipes).")
    var plain = false

    @Option(name: .long, help: "Seed for generated questions (the same seed gives the same questions).")
    var seed: UInt64?

    @OptionGroup var options: CurriculumOptions
    @OptionGroup var display: DisplayOptions

    func run() throws {
        let library = try options.loadLessons()
        if !plain, CurriculumCLI.isTTY(STDIN_FILENO), CurriculumCLI.isTTY(STDOUT_FILENO) {
            // The full-screen quiz; the lesson is checked here so a typo is a plain error.
            var id: String?
            if let lesson {
                let found = try library.lesson(named: lesson)
                id = found.id
            }
            try runTUI(display: display, options: options, initial: .quizLinkOpened(lesson: id))
            return
        }
        let quizzes = options.loadQuizzes()
        let store = CurriculumCLI.store()
        let now = Date()
        // Read progress up front so that a damaged file is reported (and moved aside) before
        // the first answer is saved.
        let progress = try CurriculumCLI.loadProgress(store, now: now)
        let items: [QuizItem]
        let title: String
        if let lesson {
            let found = try library.lesson(named: lesson)
            items = ReviewQuiz.items(for: found, quiz: quizzes.quiz(for: found.id))
            title = "Review quiz: \(found.title)"
            if items.isEmpty {
                print("\(found.title) has no review questions yet.")
                return
            }
        } else {
            items = ReviewQuiz.due(progress: progress, lessons: library, quizzes: quizzes, now: now)
            title = "Spaced review"
            if items.isEmpty {
                let next = progress.reviews.values.map(\.due).min()
                print("Nothing is due for review." + (next.map { " Next review: \(CurriculumCLI.date($0))." } ?? " Take a lesson's quiz first: tutor quiz LESSON --plain"))
                return
            }
        }
        var runner = PlainQuizRunner(session: QuizSession(items: items, seed: seed ?? UInt64.random(in: 0...UInt64.max)),
                                     store: store, echo: !CurriculumCLI.isTTY(STDIN_FILENO), spacedReview: lesson == nil,
                                     library: library)
        try runner.run(title: title)
    }
}

/// Runs a quiz session on stdin/stdout, saving each answer as it is given.
struct PlainQuizRunner {
    var session: QuizSession
    let store: ProgressStore
    /// Echo answers read from a pipe so the transcript reads like a conversation.
    let echo: Bool
    /// A due-questions session rather than one lesson's quiz: saved as a review session.
    let spacedReview: Bool
    /// Answers whose save was written to disk, and the first failed save (which stops saving).
    var answersSaved = 0
    var saveFailure: String?
    /// Names the lesson each question of a spaced review comes from.
    var library: LessonLibrary? = nil

    mutating func run(title: String) throws {
        let total = session.items.count
        print("\(title): \(total) question\(total == 1 ? "" : "s"). Type an answer and press Enter; an empty line skips.")
        var ended = false
        while let item = session.current {
            let q = item.question
            print("")
            print("Question \(session.position + 1) of \(total) (\(q.kindName))")
            if spacedReview { print("From the lesson: \(library?.lesson(id: item.lesson)?.title ?? item.lesson)") }
            print(q.prompt)
            if case .choice(let choices, _) = q.kind {
                for (i, choice) in choices.enumerated() { print("  \(Question.choiceLetter(i))) \(choice)") }
            }
            // The same question until the session records an answer: a reply that is not an
            // answer of the kind asked is asked once more, a first miss gets a hint and a retry.
            var grade: Grade?
            while grade == nil {
                guard let answer = ask("> ") else { break }
                let before = session.results.count
                let reply = session.answer(answer)
                if reply.verdict == .needsSelfGrade {
                    grade = selfGrade(given: answer, model: reply.modelAnswer)
                    if grade == nil { break }
                } else if session.results.count > before {
                    grade = reply
                    report(reply, showAnswer: true)
                } else if let hint = reply.retryHint {
                    print("Not quite. Hint: \(hint)")
                    print("One more try (right now counts half; an empty line gives up):")
                } else {
                    print(reply.note ?? "Try again.")
                }
            }
            guard let grade else { ended = true; break }
            save(item, grade)
        }
        try finish(endedEarly: ended)
    }

    /// An open question: the learner's answer beside the model answer, then y/n.
    mutating func selfGrade(given: String, model: String) -> Grade? {
        print("Your answer:  \(given.count > 200 ? String(given.prefix(200)) + "…" : given)")
        print("Model answer: \(model)")
        while true {
            guard let line = ask("Did you get it right? [y/n] ") else { return nil }
            if let reply = session.selfGrade(line) {
                report(reply, showAnswer: false)
                return reply
            }
            print("Please answer y or n (an empty line skips).")
        }
    }

    func ask(_ prompt: String) -> String? {
        print(prompt, terminator: "")
        fflush(nil)  // all streams: Swift 6 forbids touching the `stdout` global
        guard let line = readLine(strippingNewline: true) else {
            print("")
            return nil
        }
        if echo { print(line.count > 200 ? String(line.prefix(200)) + "…" : line) }
        return line
    }

    func report(_ grade: Grade, showAnswer: Bool) {
        switch grade.verdict {
        case .correct: print("Right.")
        case .correctAfterHint: print("Right after the hint: counts half, and it comes back for review sooner.")
        case .wrong: print("Wrong.")
        case .skipped: print("Skipped.")
        case .needsSelfGrade, .unreadable: break
        }
        if let note = grade.note { print(note) }
        if showAnswer || grade.verdict == .skipped, !grade.modelAnswer.isEmpty { print("Answer: \(grade.modelAnswer)") }
        if let explain = grade.explain, !explain.isEmpty { print("Why: \(explain)") }
    }

    /// Saves one answer; after a failed save nothing more is written (the file might be one
    /// this tutor cannot read back), and the quiz ends in an error exit.
    mutating func save(_ item: QuizItem, _ grade: Grade) {
        guard saveFailure == nil else { return }
        do {
            try store.recordAnswer(lesson: item.lesson, question: item.question.id, verdict: grade.verdict, now: Date())
            answersSaved += 1
        } catch {
            saveFailure = "\(error)"
            CLIOutput.warn("\(error); answers from here on are not saved")
        }
    }

    func finish(endedEarly: Bool) throws {
        print("")
        let answered = session.results.count
        if endedEarly { print("Input ended after \(answered) of \(session.items.count) questions.") }
        print("Score: \(Question.format(session.score))/\(answered)"
              + (session.afterHintCount > 0 ? " (\(session.afterHintCount) right after a hint, counting half)" : ""))
        let missed = session.missed
        if !missed.isEmpty {
            print("Missed:")
            for result in missed {
                let prompt = result.item.question.prompt.split(separator: "\n").first.map(String.init) ?? ""
                print("  \(result.item.question.id): \(CurriculumCLI.fit(prompt, 68))")
            }
        }
        let now = Date()
        var failure = saveFailure
        if failure == nil {
            if spacedReview {
                if let record = session.reviewSession(now: now) {
                    do {
                        try store.update(now: now) { $0.reviewSessions.append(record) }
                    } catch {
                        failure = "\(error)"
                    }
                }
            } else {
                for (lesson, attempt) in session.attempts(now: now).sorted(by: { $0.key < $1.key }) {
                    do {
                        try store.recordAttempt(lesson: lesson, attempt: attempt, now: now)
                    } catch {
                        failure = "\(error)"
                        break
                    }
                }
            }
        }
        if answered > 0 {
            // Counted from the saves that reached the disk, not from the answers given.
            let wrong = session.results.filter { $0.grade.verdict == .wrong }.count
            if let failure {
                let kept = answersSaved == 0 ? "none was saved" : "only the first \(answersSaved) \(answersSaved == 1 ? "was" : "were") saved"
                throw CLIOutput.fail("\(failure); of \(answered) answer\(answered == 1 ? "" : "s"), \(kept)")
            }
            print("Saved \(answersSaved) answer\(answersSaved == 1 ? "" : "s") to \(store.fileURL.path)"
                  + (wrong > 0 ? "; \(wrong) missed question\(wrong == 1 ? "" : "s") come\(wrong == 1 ? "s" : "") back at the next review." : "."))
        } else {
            if let failure { throw CLIOutput.fail(failure) }
            print("Nothing answered, nothing saved.")
        }
    }
}
