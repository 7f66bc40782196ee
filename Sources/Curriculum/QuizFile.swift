import Foundation
import Yams

/// Reads quiz files (YAML, see docs/quizzes.md), reporting every problem with its line.
///
/// Invalid questions are left out of the returned quiz and reported; a file that is not
/// YAML, or not a mapping with `lesson:` and `questions:`, gives no quiz.
public enum QuizFile {
    /// File extensions read as quizzes.
    public static let extensions: Set<String> = ["yaml", "yml"]

    static let topKeys: Set<String> = ["lesson", "questions", "title"]
    static let questionKeys: [String: Set<String>] = [
        "choice": ["id", "kind", "prompt", "choices", "answer", "explain", "replaces"],
        "numeric": ["id", "kind", "prompt", "answer", "tolerance", "unit", "explain", "hint", "replaces"],
        "shape": ["id", "kind", "prompt", "answer", "explain", "hint", "replaces"],
        "grid": ["id", "kind", "prompt", "answer", "tolerance", "explain", "hint", "replaces"],
        "short": ["id", "kind", "prompt", "accept", "keywords", "reject", "explain", "hint", "replaces"],
        "open": ["id", "kind", "prompt", "answer", "explain", "replaces"],
        "generated": ["id", "kind", "generator", "explain", "hint"],
    ]
    static let kindList = "choice, numeric, shape, grid, short, open, generated"
    static let allQuestionKeys = questionKeys.values.reduce(into: Set<String>()) { $0.formUnion($1) }

    /// Loads a quiz file; `path` is how diagnostics name it.
    public static func load(url: URL, path: String? = nil) -> (quiz: Quiz?, diagnostics: [Diagnostic]) {
        let path = path ?? url.path
        let data: Data
        switch ContentFile.read(url, limit: ContentLimits.quizFileBytes) {
        case .success(let bytes): data = bytes
        case .failure(let error): return (nil, [Diagnostic(path: path, line: 0, message: error.message + (error.message.contains("limit") ? " for a quiz file" : ""))])
        }
        var result = parse(text: SourceText.decode([UInt8](data)), path: path)
        result.quiz?.source = url
        return result
    }

    /// Parses a quiz file's text.
    public static func parse(text: String, path: String) -> (quiz: Quiz?, diagnostics: [Diagnostic]) {
        var problems: [Diagnostic] = []
        func problem(_ line: Int, _ message: String) { problems.append(Diagnostic(path: path, line: line, message: message)) }
        let root: Node?
        // The YAML parser recurses once per nesting level: refuse deep files before parsing.
        let depth = ContentLimits.yamlNesting(text)
        if depth > ContentLimits.yamlDepth {
            problem(1, "collections nest more than \(ContentLimits.yamlDepth) levels deep (the limit for a quiz file)")
            return (nil, problems)
        }
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            let (line, message) = describe(error)
            problem(line, message)
            return (nil, problems)
        }
        guard let root, let mapping = root.mapping else {
            problem(root?.mark?.line ?? 1, "a quiz file is a mapping with 'lesson:' and 'questions:'")
            return (nil, problems)
        }
        var lesson: String?
        var questions: [Question] = []
        var seen: [String: Int] = [:]
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            let line = keyNode.mark?.line ?? 1
            guard topKeys.contains(key) else {
                problem(line, "unknown key '\(key)' (expected lesson, questions)")
                continue
            }
            switch key {
            case "lesson":
                if let s = value.scalar?.string, !s.isEmpty { lesson = s } else { problem(line, "'lesson' must name a lesson id") }
            case "questions":
                guard let items = value.sequence else { problem(line, "'questions' must be a list"); continue }
                for item in items {
                    // Duplicates are found by id alone, even among questions with other problems.
                    if let id = item.mapping?["id"]?.scalar?.string {
                        let line = item.mark?.line ?? 0
                        if let first = seen[id] {
                            problem(line, "duplicate question id '\(id)' (first used on line \(first))")
                            continue
                        }
                        seen[id] = line
                    }
                    if let q = question(item, problem: problem) { questions.append(q) }
                }
            default:
                break
            }
        }
        guard let lesson else {
            problem(root.mark?.line ?? 1, "missing 'lesson:' (the id of the lesson this quiz belongs to)")
            return (nil, problems)
        }
        if mapping["questions"] == nil { problem(root.mark?.line ?? 1, "missing 'questions:'") }
        return (Quiz(lesson: lesson, questions: questions), problems)
    }

    /// One question, or nil (with problems reported) when it cannot be asked.
    static func question(_ node: Node, problem: (Int, String) -> Void) -> Question? {
        let line = node.mark?.line ?? 0
        guard let map = node.mapping else { problem(line, "each question is a mapping with id, kind and prompt"); return nil }
        func string(_ key: String) -> String? { map[key]?.scalar?.string }
        func keyLine(_ key: String) -> Int { map[key]?.mark?.line ?? line }
        guard let id = string("id"), !id.trimmingWhitespace().isEmpty else { problem(line, "question has no 'id'"); return nil }
        if id.hasPrefix("review-") { problem(keyLine("id"), "question id '\(id)' is reserved for the lesson's own review questions") }
        guard let kindName = string("kind") else { problem(line, "question '\(id)' has no 'kind' (\(kindList))"); return nil }
        guard let allowed = questionKeys[kindName] else {
            problem(keyLine("kind"), "question '\(id)' has unknown kind '\(kindName)' (expected \(kindList))")
            return nil
        }
        var valid = true
        for (keyNode, _) in map {
            let key = keyNode.string ?? ""
            if !allowQuestionKey(key, allowed: allowed) {
                valid = false
                let kl = keyNode.mark?.line ?? line
                problem(kl, allQuestionKeys.contains(key) ? "key '\(key)' does not apply to a \(kindName) question ('\(id)')" : "unknown key '\(key)' in question '\(id)'")
            }
        }
        let prompt = string("prompt")?.trimmingWhitespace() ?? ""
        if kindName != "generated", prompt.isEmpty { problem(line, "question '\(id)' has no 'prompt'"); valid = false }
        let explain = string("explain")?.trimmingWhitespace()
        var kind: Question.Kind?
        switch kindName {
        case "choice":
            let choices = map["choices"]?.sequence?.compactMap { $0.scalar?.string } ?? []
            if choices.count < 2 { problem(keyLine("choices"), "choice question '\(id)' needs at least two 'choices'"); valid = false }
            if let answer = string("answer"), let n = Int(answer) {
                if n < 1 || n > choices.count {
                    problem(keyLine("answer"), "choice answer \(n) is out of range 1-\(choices.count) in '\(id)'"); valid = false
                } else {
                    kind = .choice(choices: choices, answer: n)
                }
            } else {
                problem(keyLine("answer"), "choice question '\(id)' needs 'answer:' with the right choice's number (1-based)"); valid = false
            }
        case "numeric":
            if let text = string("answer"), let value = Double(text), value.isFinite {
                var tolerance = AnswerText.writtenPrecision(text)
                if let t = string("tolerance") {
                    if let v = Double(t), v >= 0, v.isFinite { tolerance = v } else { problem(keyLine("tolerance"), "tolerance must be a number ≥ 0 in '\(id)'"); valid = false }
                }
                kind = .numeric(answer: value, tolerance: tolerance)
            } else {
                problem(keyLine("answer"), "numeric question '\(id)' needs a number as 'answer'"); valid = false
            }
        case "shape":
            var dims: [Int]?
            if let seq = map["answer"]?.sequence {
                let values = seq.compactMap { $0.scalar?.string }.compactMap { Int($0) }
                dims = values.count == seq.count && !values.isEmpty ? values : nil
            } else if let text = string("answer") {
                dims = AnswerText.wholeShape(text)
            }
            if let dims { kind = .shape(dims) } else { problem(keyLine("answer"), "shape question '\(id)' needs 'answer' as a list of whole numbers, e.g. [26, 26, 64]"); valid = false }
        case "grid":
            var rows: [[Double]] = []
            if let seq = map["answer"]?.sequence {
                for row in seq {
                    let cells = row.sequence?.compactMap { $0.scalar?.string }.compactMap { Double($0) }.filter(\.isFinite) ?? []
                    if cells.count == (row.sequence?.count ?? -1) { rows.append(cells) } else { rows = []; break }
                }
            } else if let text = string("answer") {
                let read = AnswerText.grid(text, rows: 0, columns: 0) ?? []
                rows = read
            }
            var tolerance = 0.0
            if let t = string("tolerance") {
                if let v = Double(t), v >= 0, v.isFinite { tolerance = v } else { problem(keyLine("tolerance"), "tolerance must be a number ≥ 0 in '\(id)'"); valid = false }
            }
            let columns = rows.first?.count ?? 0
            if rows.isEmpty || columns == 0 || rows.contains(where: { $0.count != columns }) || rows.count * columns > 400 {
                problem(keyLine("answer"), "grid question '\(id)' needs 'answer' as rows of numbers of equal length, e.g. [[9, 6], [9, 9]] or \"9 6; 9 9\""); valid = false
            } else {
                kind = .grid(rows: rows, tolerance: tolerance)
            }
        case "short":
            let accept = map["accept"].map { stringList($0) } ?? []
            var keywords: [[String]] = []
            if let node = map["keywords"], let groups = node.sequence {
                for group in groups {
                    if let inner = group.sequence { keywords.append(inner.compactMap { $0.scalar?.string }) } else if let s = group.scalar?.string { keywords.append([s]) }
                }
            }
            if accept.isEmpty && keywords.isEmpty { problem(line, "short question '\(id)' needs 'accept' or 'keywords'"); valid = false }
            kind = .short(accept: accept, keywords: keywords.filter { !$0.isEmpty })
        case "open":
            if let answer = string("answer")?.trimmingWhitespace(), !answer.isEmpty { kind = .open(answer: answer) } else { problem(keyLine("answer"), "open question '\(id)' needs a model 'answer'"); valid = false }
        case "generated":
            if let name = string("generator") {
                if let generator = QuestionGenerator(rawValue: name) { kind = .generated(generator) } else {
                    problem(keyLine("generator"), "unknown generator '\(name)' (expected \(QuestionGenerator.allCases.map(\.rawValue).joined(separator: ", ")))"); valid = false
                }
            } else {
                problem(line, "generated question '\(id)' needs a 'generator'"); valid = false
            }
        default:
            break
        }
        var unit = Question.NumericUnit.plain
        if let u = string("unit") {
            if let known = Question.NumericUnit(rawValue: u) { unit = known } else {
                problem(keyLine("unit"), "unknown unit '\(u)' in '\(id)' (expected percent or fraction)"); valid = false
            }
        }
        guard valid, let kind else { return nil }
        let hint = string("hint")?.trimmingWhitespace()
        return Question(id: id, prompt: prompt, kind: kind, explain: explain?.isEmpty == true ? nil : explain, line: line,
                        hint: hint?.isEmpty == true ? nil : hint, reject: map["reject"].map { stringList($0) } ?? [],
                        unit: unit, replaces: map["replaces"].map { stringList($0) } ?? [])
    }

    static func allowQuestionKey(_ key: String, allowed: Set<String>) -> Bool { allowed.contains(key) }

    static func stringList(_ node: Node) -> [String] {
        if let seq = node.sequence { return seq.compactMap { $0.scalar?.string } }
        if let s = node.scalar?.string { return [s] }
        return []
    }

    /// The line and a readable message of a YAML error.
    static func describe(_ error: Error) -> (Int, String) {
        guard let yaml = error as? YamlError else { return (1, "cannot read the YAML: \(error)") }
        switch yaml {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            // The context mark says where the broken construct began (an unterminated
            // string's opening quote), which is where the learner has to look.
            guard let context else { return (mark.line, "YAML syntax error: \(problem)") }
            return (min(context.mark.line, mark.line), "YAML syntax error: \(problem) (\(context.text) that starts here)")
        case .reader(let problem, _, _, _):
            return (1, "YAML syntax error: \(problem)")
        default:
            return (1, "YAML error: \(yaml)")
        }
    }
}
