import Foundation

/// One lesson: a study-notes document mapped into the tutor's four sections.
public struct Lesson: Sendable, Hashable, Identifiable {
    /// The file name without its extension (`02-convolutional-layers`); keys progress and quizzes.
    public var id: String
    public var title: String
    /// From front matter; lessons without one sort after those with one, by file name.
    public var weight: Double?
    /// Which of the four document shapes the file was read as.
    public var shape: LessonShape
    /// The file the lesson was read from.
    public var source: URL
    public var preview: Section
    public var explain: Section
    public var keypoint: Section
    public var review: Section
    /// The questions the document asks itself, with model answers, in order; then, when it
    /// asks fewer than five, questions made from its key points (`ReviewQuestion.isMade`).
    public var reviewQuestions: [ReviewQuestion]

    /// How many review questions the document asks itself (not made from its notes).
    public var ownQuestionCount: Int { reviewQuestions.lazy.filter { !$0.isMade }.count }

    public init(id: String, title: String, weight: Double?, shape: LessonShape, source: URL,
                preview: Section, explain: Section, keypoint: Section, review: Section,
                reviewQuestions: [ReviewQuestion]) {
        self.id = id
        self.title = title
        self.weight = weight
        self.shape = shape
        self.source = source
        self.preview = preview
        self.explain = explain
        self.keypoint = keypoint
        self.review = review
        self.reviewQuestions = reviewQuestions
    }

    /// The four sections in reading order.
    public var sections: [Section] { [preview, explain, keypoint, review] }

    /// The section of a kind.
    public func section(_ kind: SectionKind) -> Section {
        switch kind {
        case .preview: return preview
        case .explain: return explain
        case .keypoint: return keypoint
        case .review: return review
        }
    }
}

/// The four document shapes study notes come in (see LESSONS.md).
public enum LessonShape: String, Sendable, Hashable, CaseIterable, Codable {
    /// Hugo page with `## Preview/Explain/Keypoint/Review`.
    case a = "A"
    /// GitBook-style article with an FAQ of `###` questions.
    case b = "B"
    /// Flat list of question / answer bullets.
    case c = "C"
    /// Free-form guide with numbered headings.
    case d = "D"
    /// Fits no shape: everything is in Explain.
    case unknown = "?"

    /// A short human name for listings.
    public var label: String {
        switch self {
        case .a: return "A sections"
        case .b: return "B article+FAQ"
        case .c: return "C Q&A bullets"
        case .d: return "D guide"
        case .unknown: return "? unknown"
        }
    }
}

/// The tutor's four sections, in reading order.
public enum SectionKind: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    case preview, explain, keypoint, review

    public var title: String {
        switch self {
        case .preview: return "Preview"
        case .explain: return "Explain"
        case .keypoint: return "Keypoint"
        case .review: return "Review"
        }
    }

    /// Reads `preview`, `Explain`, `keypoints`, `key points`, `review`, `quiz` (any case).
    public init?(name: String) {
        let n = name.lowercased().filter { $0.isLetter }
        switch n {
        case "preview": self = .preview
        case "explain", "explanation": self = .explain
        case "keypoint", "keypoints": self = .keypoint
        case "review", "quiz": self = .review
        default: return nil
        }
    }

    /// Position in reading order (0-3).
    public var index: Int {
        switch self {
        case .preview: return 0
        case .explain: return 1
        case .keypoint: return 2
        case .review: return 3
        }
    }

    public static func < (a: SectionKind, b: SectionKind) -> Bool { a.index < b.index }
}

/// One of a lesson's four sections.
public struct Section: Sendable, Hashable {
    public var kind: SectionKind
    /// The content, in order; `.asked` blocks mark the prompts that produced it.
    public var blocks: [Block]
    /// The prompts (Hugo shortcodes) found in the section, in order.
    public var asked: [String]
    /// The line the section starts at in the source (0 when synthesised).
    public var line: Int

    public init(kind: SectionKind, blocks: [Block], asked: [String] = [], line: Int = 0) {
        self.kind = kind
        self.blocks = blocks
        self.asked = asked.isEmpty ? blocks.compactMap { if case .asked(_, let p) = $0 { return p } else { return nil } } : asked
        self.line = line
    }

    /// How many words the section has (for listings).
    public var wordCount: Int {
        blocks.reduce(0) { $0 + $1.wordCount }
    }
}

/// A question a lesson asks in its Review section, with the document's own answer.
public struct ReviewQuestion: Sendable, Hashable {
    /// 1-based position among the lesson's review questions; the question id is `review-<n>`.
    public var number: Int
    public var prompt: String
    /// The model answer as written (may span several lines, joined by newlines).
    public var answer: String
    /// The line of the question in the source file.
    public var line: Int
    /// For a question made from the notes (see `NoteQuestions`), the cloze it was made from;
    /// nil for the document's own questions.
    public var made: NoteQuestions.Cloze?

    public init(number: Int, prompt: String, answer: String, line: Int, made: NoteQuestions.Cloze? = nil) {
        self.number = number
        self.prompt = prompt
        self.answer = answer
        self.line = line
        self.made = made
    }

    /// The progress and quiz id: `review-<n>` for the document's own questions, a stable
    /// `note-<hash>` for questions made from the notes.
    public var id: String { made?.id ?? "review-\(number)" }

    /// Whether the tutor made this question from the notes rather than the document asking it.
    public var isMade: Bool { made != nil }
}
