/// The largest content files the curriculum reads, stated in one place (the network's limits
/// are `Limits` in TinyCNN). Past a limit a file is refused with one line naming the limit,
/// before it is parsed.
public enum ContentLimits {
    /// Bytes in a lesson file (the bundled ones are under 40 KB).
    public static let lessonFileBytes = 4 << 20
    /// Bytes in a quiz file (the bundled ones are a few KB).
    public static let quizFileBytes = 1 << 20
    /// How deeply YAML collections may nest in a quiz file (a quiz needs 4: the file, the
    /// question list, a question, its choices). The YAML parser recurses once per level, so
    /// deeper files are refused before parsing rather than overflowing the stack.
    public static let yamlDepth = 32
    /// Bytes in a progress file (a learner's real file is a few hundred KB at most).
    public static let progressFileBytes = 16 << 20

    /// What a progress file imported with `tutor progress --import` may hold; larger values are
    /// clamped and extra entries dropped, each reported naming the field.
    public enum Import {
        /// A counter (times right or wrong, questions in an attempt) past this is clamped.
        public static let counter = 1_000_000
        /// Attempts kept per lesson (the most recent).
        public static let attemptsPerLesson = 1_000
        /// Attempts kept over all lessons.
        public static let attemptsInAll = 20_000
        /// Lessons kept.
        public static let lessons = 1_000
        /// Review states kept.
        public static let entries = 10_000
        /// Characters in a lesson or question id.
        public static let idLength = 200
    }

    /// How deeply `text`'s YAML collections nest, an upper bound found in one linear pass:
    /// flow brackets (`[`, `{`) outside quotes and comments, plus block levels (indentation
    /// steps, and each `- ` or `? ` that opens a nested item on the same line).
    /// Stops counting once `limit` is passed.
    public static func yamlNesting(_ text: String, limit: Int = yamlDepth) -> Int {
        var deepest = 0
        var indents: [Int] = []  // indentation of the open block levels
        var flow = 0
        var quote: UInt8?  // inside a quoted scalar in flow context
        var lineStart = true
        var column = 0
        var blockExtra = 0
        var previous: UInt8 = 0x20
        var inComment = false
        var markersOnly = true  // the line so far is indentation and "- " / "? " markers
        for byte in text.utf8 {
            if byte == 0x0A {
                lineStart = true
                column = 0
                inComment = false
                blockExtra = 0
                markersOnly = true
                previous = 0x20
                if flow == 0 { quote = nil }
                continue
            }
            if inComment { continue }
            if lineStart {
                if byte == 0x20 { column += 1; continue }
                lineStart = false
                if byte == 0x23 { inComment = true; continue }  // a comment line
                if flow == 0 && quote == nil {
                    while let last = indents.last, last >= column { indents.removeLast() }
                    indents.append(column)
                }
            }
            if let q = quote {
                if byte == q { quote = nil }
                previous = byte
                continue
            }
            let startsToken = previous == 0x20 || previous == 0x09 || previous == 0x5B || previous == 0x7B
                || previous == 0x2C || previous == 0x3A
            switch byte {
            case 0x22, 0x27:
                if startsToken { quote = byte }
            case 0x23:
                if previous == 0x20 || previous == 0x09 { inComment = true }
            case 0x5B, 0x7B: flow += 1
            case 0x5D, 0x7D: flow = max(0, flow - 1)
            case 0x20, 0x09:
                // "- - - x" nests a level per marker at the start of a line.
                if markersOnly, flow == 0, previous == 0x2D || previous == 0x3F { blockExtra += 1 }
            case 0x2D, 0x3F:
                break
            default:
                markersOnly = false
            }
            previous = byte
            deepest = max(deepest, indents.count + blockExtra + flow)
            if deepest > limit { return deepest }
        }
        return deepest
    }
}
