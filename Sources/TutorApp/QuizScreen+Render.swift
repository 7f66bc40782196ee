import Canvas
import Curriculum
import Widgets

func renderQuiz(_ state: AppState, in area: Rect, into buffer: inout Buffer) {
    guard let quiz = state.quiz else { return }
    let theme = state.theme, glyphs = state.glyphs
    let width = min(area.width - 4, 100)
    let x = area.x + 2
    var lines: [[StyledText.Run]] = []
    func add(_ runs: [StyledText.Run], indent: Int = 0) { lines += StyledText.wrap(asciiSpelled(runs, state), width: width, indent: indent) }
    func gap() { lines.append([]) }

    let total = quiz.session.items.count
    if case .finished = quiz.phase {
        renderQuizSummary(quiz, state: state, area: area, into: &buffer)
        return
    }
    // Header: which question, of how many, what kind; the running score.
    let shownIndex: Int
    let item: QuizItem?
    switch quiz.phase {
    case .feedback(let feedback): shownIndex = quiz.answered; item = feedback.item
    case .asking, .selfGrading, .finished: shownIndex = quiz.answered + 1; item = quiz.session.current
    }
    guard let item else { return }
    let right = "\(Question.format(quiz.session.score)) right so far"
    buffer.put("Question \(shownIndex) of \(total)  \(glyphs.bullet) \(kindLabel(item.question))", x: x, y: area.y + 1, style: theme.heading, clip: area)
    buffer.put(right, x: x + width - TextWidth.of(right), y: area.y + 1, style: theme.muted, clip: area)
    buffer.put(String(repeating: glyphs.horizontal, count: width), x: x, y: area.y + 2, style: theme.border, clip: area)

    if quiz.lessonID == nil {
        // The spaced review mixes lessons: say which one this question comes from.
        let lesson = state.curriculum.lessons.lesson(id: item.lesson)?.title ?? item.lesson
        add([StyledText.Run("From the lesson: ", theme.muted), StyledText.Run(lesson, theme.accent)], indent: 17)
    }
    add([StyledText.Run(item.question.prompt, theme.text.adding(.bold))])
    gap()
    var fieldRow: Int?
    switch quiz.phase {
    case .asking:
        if let choices = quiz.currentChoices {
            for (i, choice) in choices.enumerated() {
                let selected = i == quiz.choiceCursor
                let marker = selected ? glyphs.arrowRight + " " : "  "
                add([StyledText.Run(marker, theme.accent), StyledText.Run("\(Question.choiceLetter(i))) ", theme.keyName),
                     StyledText.Run(choice, selected ? theme.selection : theme.text)], indent: 5)
            }
            gap()
            if !quiz.field.isEmpty {
                // Typing an option's words: shown in the answer field, Enter picks what it names.
                fieldRow = lines.count
                lines.append([])
            }
            if let notice = quiz.notice { add([StyledText.Run(notice, theme.accent)]) }
            add([StyledText.Run(quiz.field.isEmpty
                                ? "Press a letter or number, or \(glyphs.arrowUp)\(glyphs.arrowDown) and Enter, or type an option's words."
                                : "Enter picks the option these words name (s alone skips); Backspace to clear.", theme.muted)])
        } else {
            if quiz.session.isRetrying, let notice = quiz.notice {
                add([StyledText.Run("\(glyphs.cross) ", theme.failure), StyledText.Run(notice, theme.text)], indent: 2)
                add([StyledText.Run("One more try: right now counts half. An empty Enter gives up and shows the answer.", theme.muted)])
                gap()
            }
            fieldRow = lines.count
            lines.append([])
            if !quiz.session.isRetrying, let notice = quiz.notice { add([StyledText.Run(notice, theme.accent)]) } else { gap() }
            if !quiz.session.isRetrying { add([StyledText.Run(answerHint(item.question), theme.muted)]) }
        }
    case .selfGrading(let given):
        if !given.isEmpty { add([StyledText.Run("You wrote: ", theme.muted), StyledText.Run(given, theme.text)], indent: 11) }
        add([StyledText.Run("Model answer: ", theme.heading), StyledText.Run(shownAnswer(item.question, item.question.modelAnswer, glyphs: glyphs), theme.text)], indent: 14)
        gap()
        add([StyledText.Run("Did you get it right?  ", theme.accent), StyledText.Run("y", theme.keyName), StyledText.Run(" yes   ", theme.text),
             StyledText.Run("n", theme.keyName), StyledText.Run(" no   ", theme.text), StyledText.Run("s", theme.keyName), StyledText.Run(" skip", theme.text)])
    case .feedback(let feedback):
        let verdict: (String, Style)
        switch feedback.grade.verdict {
        case .correct: verdict = ("\(glyphs.check) Right.", theme.success)
        case .correctAfterHint: verdict = ("\(glyphs.check) Right after the hint: counts half, and it comes back for review sooner.", theme.success)
        case .wrong: verdict = ("\(glyphs.cross) Wrong.", theme.failure)
        case .skipped: verdict = ("- Skipped.", theme.accent)
        case .needsSelfGrade, .unreadable: verdict = ("", theme.text)
        }
        add([StyledText.Run(verdict.0, verdict.1)])
        if let note = feedback.grade.note { add([StyledText.Run(note, theme.muted)]) }
        if !feedback.given.isEmpty, feedback.item.question.kindName != "open" {
            add([StyledText.Run("Your answer: ", theme.muted), StyledText.Run(feedback.given, theme.text)], indent: 13)
        }
        if case .grid(let rows, _) = feedback.item.question.kind {
            add([StyledText.Run("Answer:", theme.heading)])
            for row in gridRows(rows) { add([StyledText.Run("  " + row, theme.text)]) }
        } else if !feedback.grade.modelAnswer.isEmpty {
            add([StyledText.Run("Answer: ", theme.heading), StyledText.Run(shownAnswer(feedback.item.question, feedback.grade.modelAnswer, glyphs: glyphs), theme.text)], indent: 8)
        }
        if let explain = feedback.grade.explain, !explain.isEmpty {
            add([StyledText.Run("Why: ", theme.heading), StyledText.Run(explain, theme.text)], indent: 5)
        }
        gap()
        if feedback.grade.verdict != .correct {
            add([StyledText.Run("l", theme.keyName), StyledText.Run(" reads what the lesson says about this (Esc comes back here).", theme.muted)])
        }
        add([StyledText.Run("Enter", theme.keyName), StyledText.Run(quiz.session.isFinished ? " shows your score." : " goes on to the next question.", theme.muted)])
    case .finished:
        break
    }
    let body = Rect(x: x, y: area.y + 4, width: width, height: max(0, area.height - 4))
    StyledText(lines: lines).render(in: body, into: &buffer)
    if let fieldRow, fieldRow < body.height {
        // The field's first column is its "more to the left" marker, so it starts on the space.
        let label = "Your answer:"
        buffer.put(label, x: x, y: body.y + fieldRow, style: theme.accent, clip: body)
        let field = Rect(x: x + label.count, y: body.y + fieldRow, width: min(50, width - label.count), height: 1)
        quiz.field.render(in: field, into: &buffer, style: theme.text.adding(.underline), cursorStyle: Style(attributes: .reverse))
    }
    if quiz.confirmingLeave { renderLeaveQuestion(quiz, state: state, in: area, into: &buffer) }
}

/// Question text in ASCII mode spells symbols out ("w^2", "eta") as the lesson reader does,
/// rather than leaving them to the terminal's one-column stand-ins ("w2", "n").
private func asciiSpelled(_ runs: [StyledText.Run], _ state: AppState) -> [StyledText.Run] {
    guard state.glyphs.isASCII else { return runs }
    return runs.map { StyledText.Run(ASCIIText.spelled($0.text), $0.style) }
}

/// A grid's rows as text, columns right-aligned: ["9  6", "9 10"].
func gridRows(_ rows: [[Double]]) -> [String] {
    let cells = rows.map { $0.map(Question.format) }
    let width = cells.flatMap { $0 }.map(\.count).max() ?? 1
    return cells.map { row in row.map { String(repeating: " ", count: width - $0.count) + $0 }.joined(separator: " ") }
}

/// A model answer as the screen shows it: shapes with the same × the questions use ("26×26×64",
/// or "26x26x64" in ASCII), everything else as graded.
func shownAnswer(_ question: Question, _ graded: String, glyphs: Glyphs) -> String {
    guard case .shape(let dims) = question.kind else { return graded }
    return dims.map(String.init).joined(separator: glyphs.times)
}

private func kindLabel(_ question: Question) -> String {
    switch question.kind {
    case .choice: return "choose one"
    case .numeric: return "a number"
    case .shape: return "a shape"
    case .grid: return "a grid of numbers"
    case .short: return "a few words"
    case .open: return "your own words, then self-check"
    case .generated: return "a number"
    }
}

private func answerHint(_ question: Question) -> String {
    switch question.kind {
    case .numeric, .generated: return "Type a number and press Enter (an empty answer skips)."
    case .shape: return "Type the dimensions, like 12x12x8 or 5x5, and press Enter (an empty answer skips)."
    case .grid: return "Type the rows, separated by ; (like 1 2; 3 4), and press Enter (an empty answer skips)."
    case .short: return "Type a short answer and press Enter (an empty answer skips)."
    case .open: return "Answer in your own words, then press Enter to see the model answer beside yours (an empty answer skips)."
    case .choice: return ""
    }
}

/// Rows the score page has for its text (the content area less its top margin).
func quizSummaryRows(_ state: AppState) -> Int { max(1, state.height - 4) }

/// The score page's text at the quiz screen's width: score, what was saved, then every miss.
/// The reducer uses it too, to keep the scroll offset within the text.
func quizSummaryLines(_ quiz: QuizScreenState, state: AppState) -> [[StyledText.Run]] {
    let theme = state.theme, glyphs = state.glyphs
    let width = min(state.width - 4, 100)
    var lines: [[StyledText.Run]] = []
    func add(_ runs: [StyledText.Run], _ indent: Int) { lines += StyledText.wrap(asciiSpelled(runs, state), width: width, indent: indent) }
    func gap() { lines.append([]) }
    let answered = quiz.answered, score = quiz.session.score
    let percent = answered == 0 ? 0 : Int(score * 100 / Double(answered))
    let halves = quiz.session.afterHintCount
    add([StyledText.Run("Finished: all \(quiz.session.items.count) question\(quiz.session.items.count == 1 ? "" : "s") answered.", theme.heading)], 0)
    gap()
    add([StyledText.Run("Score: \(Question.format(score)) of \(quiz.session.items.count) right (\(percent)%)"
                        + (halves > 0 ? ", \(halves) right after a hint counting half" : ""),
                        quiz.session.correctCount == answered ? theme.success : theme.accent)], 0)
    if let id = quiz.lessonID, let best = state.curriculum.progress.lesson(id).best {
        add([StyledText.Run("Best so far: \(best.scoreText)", theme.muted)], 0)
    }
    // What was saved comes before the misses, so a long list of misses cannot push it off screen.
    let missed = quiz.session.missed
    let saved = quiz.answersSaved
    add([StyledText.Run("Saved to your progress: \(saved) answer\(saved == 1 ? "" : "s") and this \(quiz.lessonID == nil ? "review session" : "attempt"). "
                        + (missed.isEmpty ? "Right answers come back for review later, at longer intervals."
                                          : "Missed questions come back first in the spaced review on the home screen."), theme.muted)], 0)
    gap()
    if missed.isEmpty {
        add([StyledText.Run("No misses.", theme.success)], 0)
    } else {
        add([StyledText.Run("Missed (\(missed.count)):", theme.heading)], 0)
        for result in missed {
            let mark = result.grade.verdict == .skipped ? "-" : result.grade.verdict == .correctAfterHint ? (glyphs.isASCII ? "1/2" : "½") : glyphs.cross
            let prompt = result.item.question.prompt.split(separator: "\n").first.map(String.init) ?? ""
            add([StyledText.Run("  \(mark) ", theme.failure), StyledText.Run(prompt, theme.text),
                 StyledText.Run("  (answer: \(shownAnswer(result.item.question, result.grade.modelAnswer, glyphs: glyphs)))", theme.muted)], 4)
        }
    }
    return lines
}

/// The largest first line the score page scrolls to.
func quizSummaryMaxOffset(_ quiz: QuizScreenState, state: AppState) -> Int {
    let total = quizSummaryLines(quiz, state: state).count
    let rows = quizSummaryRows(state)
    return total <= rows ? 0 : total - (rows - 1)
}

private func renderQuizSummary(_ quiz: QuizScreenState, state: AppState, area: Rect, into buffer: inout Buffer) {
    let width = min(area.width - 4, 100)
    let x = area.x + 2
    let lines = quizSummaryLines(quiz, state: state)
    let rows = quizSummaryRows(state)
    guard lines.count > rows else {
        StyledText(lines: lines).render(in: Rect(x: x, y: area.y + 1, width: width, height: rows), into: &buffer)
        return
    }
    // Too long for the window: scroll it, with a position line at the bottom.
    let offset = min(max(0, quiz.summaryOffset), quizSummaryMaxOffset(quiz, state: state))
    StyledText(lines: lines).render(in: Rect(x: x, y: area.y + 1, width: width, height: rows - 1), into: &buffer, firstLine: offset)
    let last = min(lines.count, offset + rows - 1)
    let more = last < lines.count ? "\(state.glyphs.arrowDown) more  " : ""
    let position = "\(more)lines \(offset + 1)-\(last) of \(lines.count)  (j k Space scroll)"
    buffer.put(position, x: x + width - TextWidth.of(position), y: area.y + rows, style: state.theme.muted, clip: area)
}

private func renderLeaveQuestion(_ quiz: QuizScreenState, state: AppState, in area: Rect, into buffer: inout Buffer) {
    let theme = state.theme
    let kept = quiz.answered == 0 ? "Nothing has been answered yet."
        : state.progressSaveError != nil ? "Saving progress failed: answers are not being saved."
        : quiz.answered == 1 ? "The answer given so far stays saved." : "The \(quiz.answered) answers given so far stay saved."
    let lines = ["Leave this quiz?", kept, "", "y leave    n stay"]
    let box = area.centered(width: max(40, TextWidth.of(kept) + 6), height: lines.count + 2)
    let inner = Box(title: "Leave", style: theme.accent, titleStyle: theme.title).render(in: box, into: &buffer, glyphs: state.glyphs)
    for (i, line) in lines.enumerated() {
        buffer.put(line, x: inner.x + 1, y: inner.y + i, style: i == 0 ? theme.heading : theme.text, clip: inner)
    }
}
