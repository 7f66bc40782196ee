import Foundation

/// Everything the tutor remembers about a learner: `progress.json`, format version 1.
///
///     {"version": 1, "lessons": {"02-conv": {...}}, "reviews": {"02-conv/stride": {...}}, "last": {...}}
///
/// Review keys are `<lesson-id>/<question-id>`.
public struct ProgressData: Codable, Sendable, Hashable {
    public var version: Int
    public var lessons: [String: LessonProgress]
    /// Spaced-review state per question, keyed `<lesson-id>/<question-id>`.
    public var reviews: [String: ReviewState]
    /// Where the learner left off ("continue where you left off").
    public var last: Position?
    /// Spaced-review sessions (the due questions of several lessons), oldest first: kept apart
    /// from the lessons' own quiz attempts.
    public var reviewSessions: [ReviewSession]

    public init(version: Int = Curriculum.progressFormatVersion, lessons: [String: LessonProgress] = [:],
                reviews: [String: ReviewState] = [:], last: Position? = nil, reviewSessions: [ReviewSession] = []) {
        self.version = version
        self.lessons = lessons
        self.reviews = reviews
        self.last = last
        self.reviewSessions = reviewSessions
    }

    enum CodingKeys: String, CodingKey { case version, lessons, reviews, last, reviewSessions }

    /// Missing parts of a (hand-edited or older) file read as empty rather than as damage.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        version = try c.decode(Int.self, forKey: .version)
        lessons = try c.decodeIfPresent([String: LessonProgress].self, forKey: .lessons) ?? [:]
        reviews = try c.decodeIfPresent([String: ReviewState].self, forKey: .reviews) ?? [:]
        last = try c.decodeIfPresent(Position.self, forKey: .last)
        reviewSessions = try c.decodeIfPresent([ReviewSession].self, forKey: .reviewSessions) ?? []
    }

    /// The progress key of a question.
    public static func key(lesson: String, question: String) -> String { "\(lesson)/\(question)" }

    /// A lesson's progress (empty if the learner has not started it).
    public func lesson(_ id: String) -> LessonProgress { lessons[id] ?? LessonProgress() }

    /// The review keys due at `now`, earliest first.
    public func due(at now: Date) -> [String] {
        reviews.filter { $0.value.due <= now }.sorted { ($0.value.due, $0.key) < ($1.value.due, $1.key) }.map(\.key)
    }

    /// How many of a lesson's questions are due at `now`.
    public func dueCount(lesson: String, at now: Date) -> Int {
        reviews.filter { $0.key.hasPrefix(lesson + "/") && $0.value.due <= now }.count
    }

    /// Combines another learner file into this one (for `--import`): sections read are
    /// united, attempts merged without duplicates, and each review state taken from whichever
    /// side reviewed the question last.
    public mutating func merge(_ other: ProgressData) {
        for (id, theirs) in other.lessons {
            var mine = lessons[id] ?? LessonProgress()
            mine.sectionsRead.formUnion(theirs.sectionsRead)
            var seen = Set(mine.attempts)  // linear, not quadratic, in the attempts merged
            for attempt in theirs.attempts where seen.insert(attempt).inserted { mine.attempts.append(attempt) }
            mine.attempts.sort { $0.date < $1.date }
            lessons[id] = mine
        }
        for (key, theirs) in other.reviews {
            if let mine = reviews[key], mine.lastReviewed >= theirs.lastReviewed { continue }
            reviews[key] = theirs
        }
        if let theirs = other.last, (last?.date ?? .distantPast) < theirs.date { last = theirs }
        for session in other.reviewSessions where !reviewSessions.contains(session) { reviewSessions.append(session) }
        reviewSessions.sort { $0.date < $1.date }
    }
}

/// What a learner has done in one lesson.
public struct LessonProgress: Codable, Sendable, Hashable {
    /// Sections read to the end.
    public var sectionsRead: Set<SectionKind>
    /// Every finished (or ended early) quiz of this lesson, oldest first. Files written before
    /// review sessions had their own record may hold `spacedReview` attempts here; they are
    /// kept but never count as the lesson's best or last.
    public var attempts: [QuizAttempt]

    public init(sectionsRead: Set<SectionKind> = [], attempts: [QuizAttempt] = []) {
        self.sectionsRead = sectionsRead
        self.attempts = attempts
    }

    /// The lesson's own quiz attempts (no spaced-review sessions), oldest first.
    public var quizAttempts: [QuizAttempt] { attempts.filter { !$0.spacedReview } }

    /// The lesson-quiz attempt with the highest fraction correct (ties: the later one).
    public var best: QuizAttempt? {
        quizAttempts.filter { $0.total > 0 }.max { a, b in
            let (x, y) = (a.score / Double(a.total), b.score / Double(b.total))
            return x != y ? x < y : a.date < b.date
        }
    }

    /// The latest lesson-quiz attempt.
    public var last: QuizAttempt? { quizAttempts.last }

    enum CodingKeys: String, CodingKey { case sectionsRead, attempts }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        sectionsRead = Set(try c.decodeIfPresent([SectionKind].self, forKey: .sectionsRead) ?? [])
        attempts = try c.decodeIfPresent([QuizAttempt].self, forKey: .attempts) ?? []
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(sectionsRead.sorted(), forKey: .sectionsRead)
        try c.encode(attempts, forKey: .attempts)
    }
}

/// One quiz sitting.
/// A quiz's outcome as counted for scores: a lesson's attempt or a spaced-review session.
public protocol ScoredRecord {
    var correct: Int { get }
    var afterHint: Int { get }
    /// Questions answered or skipped (not those left when the quiz ended early).
    var total: Int { get }
    /// Questions in the quiz.
    var asked: Int { get }
}

extension ScoredRecord {
    /// Right answers plus half of those right after a hint.
    public var score: Double { Double(correct) + Double(afterHint) / 2 }
    /// Ended before every question was answered.
    public var isPartial: Bool { total < asked }
    /// `12/22` or `12.5/22`.
    public var scoreText: String { "\(Question.format(score))/\(total)" }
}

public struct QuizAttempt: Codable, Sendable, Hashable, ScoredRecord {
    public var date: Date
    public var correct: Int
    /// Questions answered or skipped (not those left when the quiz ended early).
    public var total: Int
    /// Questions in the quiz.
    public var asked: Int
    /// Ids of the questions answered wrong or skipped.
    public var missed: [String]
    /// Only in files from before review sessions had their own record: a spaced-review
    /// session saved here, kept in the history but never counted as best or last.
    public var spacedReview: Bool
    /// Answers right only on the retry after a hint (each counts half; not in `correct`).
    public var afterHint: Int

    public init(date: Date, correct: Int, total: Int, asked: Int, missed: [String], spacedReview: Bool = false, afterHint: Int = 0) {
        self.date = date
        self.correct = correct
        self.total = total
        self.asked = asked
        self.missed = missed
        self.spacedReview = spacedReview
        self.afterHint = afterHint
    }


    enum CodingKeys: String, CodingKey { case date, correct, total, asked, missed, spacedReview, afterHint }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        date = try c.decode(Date.self, forKey: .date)
        correct = try c.decode(Int.self, forKey: .correct)
        total = try c.decode(Int.self, forKey: .total)
        asked = try c.decodeIfPresent(Int.self, forKey: .asked) ?? total
        missed = try c.decodeIfPresent([String].self, forKey: .missed) ?? []
        spacedReview = try c.decodeIfPresent(Bool.self, forKey: .spacedReview) ?? false
        afterHint = try c.decodeIfPresent(Int.self, forKey: .afterHint) ?? 0
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(date, forKey: .date)
        try c.encode(correct, forKey: .correct)
        try c.encode(total, forKey: .total)
        try c.encode(asked, forKey: .asked)
        try c.encode(missed, forKey: .missed)
        if spacedReview { try c.encode(spacedReview, forKey: .spacedReview) }
        if afterHint > 0 { try c.encode(afterHint, forKey: .afterHint) }
    }
}

/// One spaced-review session: the due questions of one or more lessons.
public struct ReviewSession: Codable, Sendable, Hashable, ScoredRecord {
    public var date: Date
    public var correct: Int
    /// Answers right only on the retry after a hint.
    public var afterHint: Int
    /// Questions answered or skipped.
    public var total: Int
    /// Questions that were due and asked.
    public var asked: Int
    /// The lessons the questions came from, in the order first asked.
    public var lessons: [String]
    /// Progress keys (`lesson/question`) of the questions missed or skipped.
    public var missed: [String]

    public init(date: Date, correct: Int, afterHint: Int = 0, total: Int, asked: Int, lessons: [String], missed: [String]) {
        self.date = date
        self.correct = correct
        self.afterHint = afterHint
        self.total = total
        self.asked = asked
        self.lessons = lessons
        self.missed = missed
    }


    enum CodingKeys: String, CodingKey { case date, correct, afterHint, total, asked, lessons, missed }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        date = try c.decode(Date.self, forKey: .date)
        correct = try c.decode(Int.self, forKey: .correct)
        afterHint = try c.decodeIfPresent(Int.self, forKey: .afterHint) ?? 0
        total = try c.decode(Int.self, forKey: .total)
        asked = try c.decodeIfPresent(Int.self, forKey: .asked) ?? total
        lessons = try c.decodeIfPresent([String].self, forKey: .lessons) ?? []
        missed = try c.decodeIfPresent([String].self, forKey: .missed) ?? []
    }
}

/// Where the learner was last.
public struct Position: Codable, Sendable, Hashable {
    public var lesson: String
    public var section: SectionKind
    public var date: Date

    public init(lesson: String, section: SectionKind, date: Date) {
        self.lesson = lesson
        self.section = section
        self.date = date
    }
}

/// Leitner-box state of one question: right answers move it up a box (longer wait), a miss
/// sends it back to box 1, due at once.
public struct ReviewState: Codable, Sendable, Hashable {
    /// 1 (new or missed) to 5 (well known).
    public var box: Int
    public var due: Date
    public var lastReviewed: Date
    public var timesCorrect: Int
    public var timesWrong: Int

    public init(box: Int = 1, due: Date, lastReviewed: Date, timesCorrect: Int = 0, timesWrong: Int = 0) {
        self.box = box
        self.due = due
        self.lastReviewed = lastReviewed
        self.timesCorrect = timesCorrect
        self.timesWrong = timesWrong
    }

    /// Days to wait after a right answer, by the box it lands in.
    public static let intervals: [Int: Double] = [1: 1, 2: 2, 3: 4, 4: 8, 5: 16]

    /// The state after an answer at `now` (`nil` state: first time seen). Skips change nothing.
    public static func after(_ state: ReviewState?, verdict: Grade.Verdict, now: Date) -> ReviewState? {
        switch verdict {
        case .correct:
            var s = state ?? ReviewState(box: 0, due: now, lastReviewed: now)
            s.box = s.box >= 5 ? 5 : max(0, s.box) + 1  // a hand-edited box never overflows
            s.due = now.addingTimeInterval((intervals[s.box] ?? 1) * 86_400)
            s.lastReviewed = now
            s.timesCorrect = s.timesCorrect.addingReportingOverflow(1).overflow ? Int.max : s.timesCorrect + 1
            return s
        case .wrong:
            var s = state ?? ReviewState(due: now, lastReviewed: now)
            s.box = 1
            s.due = now
            s.lastReviewed = now
            s.timesWrong = s.timesWrong.addingReportingOverflow(1).overflow ? Int.max : s.timesWrong + 1
            return s
        case .correctAfterHint:
            // Right only after a hint: counted, but the question stays in box 1, due tomorrow.
            var s = state ?? ReviewState(due: now, lastReviewed: now)
            s.box = 1
            s.due = now.addingTimeInterval(86_400)
            s.lastReviewed = now
            s.timesCorrect += 1
            return s
        case .skipped, .needsSelfGrade, .unreadable:
            return state
        }
    }
}
