import Foundation

/// Checks on a progress file made elsewhere (`tutor progress --import`), so that no imported
/// number can later overflow a counter or make every save slow.
extension ProgressData {
    /// Limits on what an imported file may hold (stated with the other content limits).
    public typealias ImportLimits = ContentLimits.Import

    /// This progress with every field brought into range, and one line per kind of change made
    /// (naming the field), e.g. `reviews.*.timesCorrect: 3 values clamped to 0...1000000`.
    /// Ids that are too long or hold control characters are dropped.
    public func validatedForImport() -> (ProgressData, [String]) {
        var notes: [String: Int] = [:]
        func note(_ field: String) { notes[field, default: 0] += 1 }
        func clamp(_ value: Int, _ range: ClosedRange<Int>, _ field: String) -> Int {
            if range.contains(value) { return value }
            note("\(field): values clamped to \(range.lowerBound)...\(range.upperBound)")
            return min(max(value, range.lowerBound), range.upperBound)
        }
        func goodID(_ id: String, _ field: String) -> Bool {
            let ok = !id.isEmpty && id.count <= ImportLimits.idLength
                && !id.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
            if !ok { note("\(field): ids dropped (empty, over \(ImportLimits.idLength) characters, or holding control characters)") }
            return ok
        }
        let maxCount = ImportLimits.counter
        var out = ProgressData(version: version)
        var attemptsLeft = ImportLimits.attemptsInAll
        for id in lessons.keys.sorted().prefix(ImportLimits.lessons) where goodID(id, "lessons") {
            guard let lesson = lessons[id] else { continue }
            var attempts = lesson.attempts
            let keep = min(ImportLimits.attemptsPerLesson, attemptsLeft)
            if attempts.count > keep {
                note("lessons.*.attempts: attempts dropped past the latest \(ImportLimits.attemptsPerLesson) per lesson and \(ImportLimits.attemptsInAll) in all")
                attempts = Array(attempts.sorted { $0.date < $1.date }.suffix(keep))
            }
            attemptsLeft -= attempts.count
            attempts = attempts.map { a in
                var a = a
                a.asked = clamp(a.asked, 0...maxCount, "lessons.*.attempts.asked")
                a.total = clamp(a.total, 0...a.asked, "lessons.*.attempts.total")
                a.correct = clamp(a.correct, 0...a.total, "lessons.*.attempts.correct")
                a.missed = a.missed.filter { goodID($0, "lessons.*.attempts.missed") }
                if a.missed.count > a.total {
                    note("lessons.*.attempts.missed: lists cut to the attempt's total")
                    a.missed = Array(a.missed.prefix(a.total))
                }
                return a
            }
            out.lessons[id] = LessonProgress(sectionsRead: lesson.sectionsRead, attempts: attempts)
        }
        if lessons.count > ImportLimits.lessons { note("lessons: lessons dropped past \(ImportLimits.lessons)") }
        for key in reviews.keys.sorted().prefix(ImportLimits.entries) where goodID(key, "reviews") {
            guard var state = reviews[key] else { continue }
            state.box = clamp(state.box, 1...5, "reviews.*.box")
            state.timesCorrect = clamp(state.timesCorrect, 0...maxCount, "reviews.*.timesCorrect")
            state.timesWrong = clamp(state.timesWrong, 0...maxCount, "reviews.*.timesWrong")
            out.reviews[key] = state
        }
        if reviews.count > ImportLimits.entries { note("reviews: review states dropped past \(ImportLimits.entries)") }
        if let last, goodID(last.lesson, "last.lesson") { out.last = last }
        let lines = notes.keys.sorted().map { "\($0) (\(notes[$0] ?? 0))" }
        return (out, lines)
    }
}
