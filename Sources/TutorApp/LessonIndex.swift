import Foundation

/// A quick index of lesson files for the home screen: title (front matter or first `#`
/// heading) and the number of `##` sections, in `weight` then file-name order.
public enum LessonIndex {
    public static func scan(_ url: URL) -> [LessonSummary] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return [] }
        let files: [URL]
        if isDirectory.boolValue {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            files = names.filter { name in
                let lower = name.lowercased()
                return !lower.hasPrefix("readme") && (lower.hasSuffix(".md") || lower.hasSuffix(".markdown") || lower.hasSuffix(".txt"))
            }.map { url.appendingPathComponent($0) }
        } else {
            files = [url]
        }
        let entries: [(weight: Double, name: String, summary: LessonSummary)] = files.compactMap { file in
            guard let data = try? Data(contentsOf: file) else { return nil }
            let text = String(decoding: data, as: UTF8.self)
            let id = file.deletingPathExtension().lastPathComponent
            var title: String?
            var weight = Double.infinity
            var sections = 0
            var inFrontMatter = false
            for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
                if n == 0 && (line == "+++" || line == "---") { inFrontMatter = true; continue }
                if inFrontMatter {
                    if line == "+++" || line == "---" { inFrontMatter = false; continue }
                    let parts = line.split(separator: line.contains("=") ? "=" : ":", maxSplits: 1).map {
                        $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
                    }
                    if parts.count == 2 && parts[0] == "title" { title = parts[1] }
                    if parts.count == 2 && parts[0] == "weight" { weight = Double(parts[1]) ?? weight }
                    continue
                }
                if line.hasPrefix("## ") { sections += 1 }
                if title == nil && line.hasPrefix("# ") { title = String(line.dropFirst(2)) }
            }
            return (weight, file.lastPathComponent, LessonSummary(id: id, title: title ?? id, sectionCount: sections))
        }
        return entries.sorted { ($0.weight, $0.name) < ($1.weight, $1.name) }.map(\.summary)
    }
}
