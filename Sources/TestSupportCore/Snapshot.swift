import Canvas
import Foundation

/// Text snapshots of rendered frames, stored next to the test files that check them.
///
/// A snapshot lives in `Snapshots/<name>.txt` beside the calling test file. When it is missing,
/// or when `RECORD_SNAPSHOTS=1` is set, the actual text is written and the check reports that it
/// recorded (so a first run never passes silently).
public enum Snapshot {
    /// A frame as text: its rows, then (with `styles`) a map of each cell's style as a letter
    /// (`.` for plain) and the legend of the letters. Colour and attributes are part of what a
    /// snapshot pins down; a frame of coloured blanks would otherwise compare equal to any other.
    public static func describe(_ buffer: Buffer, styles: Bool = true) -> String {
        var out = buffer.lines().joined(separator: "\n")
        guard styles else { return out + "\n" }
        var letters: [Style: Character] = [:]
        var legend: [String] = []
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        var map: [String] = []
        for y in 0..<buffer.height {
            var row = ""
            for x in 0..<buffer.width {
                let cell = buffer[x, y]
                if cell.isContinuation { continue }
                if cell.style == .plain { row.append("."); continue }
                if let letter = letters[cell.style] {
                    row.append(letter)
                } else {
                    let letter = letters.count < alphabet.count ? alphabet[letters.count] : "~"
                    letters[cell.style] = letter
                    legend.append("\(letter) \(describe(cell.style))")
                    row.append(letter)
                }
            }
            while row.last == "." { row.removeLast() }
            map.append(row)
        }
        out += "\n-- styles --\n" + map.joined(separator: "\n") + "\n-- legend --\n" + legend.joined(separator: "\n")
        return out + "\n"
    }

    /// One style in words: `fg=indexed(75) bg=default bold reverse`.
    public static func describe(_ style: Style) -> String {
        func color(_ c: Color) -> String {
            switch c {
            case .default: return "default"
            case .basic(let n): return "basic(\(n))"
            case .indexed(let n): return "indexed(\(n))"
            }
        }
        var parts = ["fg=\(color(style.foreground))", "bg=\(color(style.background))"]
        let names: [(Attributes, String)] = [(.bold, "bold"), (.dim, "dim"), (.italic, "italic"), (.underline, "underline"), (.reverse, "reverse")]
        for (attribute, name) in names where style.attributes.contains(attribute) { parts.append(name) }
        return parts.joined(separator: " ")
    }

    /// Compares `actual` with the stored snapshot `name` (a path under `Snapshots/` without the
    /// `.txt`). Returns nil when they match, else a message saying what differs (or that it
    /// recorded).
    public static func verify(_ actual: String, named name: String, file: StaticString = #filePath) -> String? {
        let testDirectory = URL(fileURLWithPath: "\(file)").deletingLastPathComponent()
        let url = testDirectory.appendingPathComponent("Snapshots").appendingPathComponent(name + ".txt")
        let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
        let stored = try? String(contentsOf: url, encoding: .utf8)
        if record || stored == nil {
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try actual.write(to: url, atomically: true, encoding: .utf8)
            } catch {
                return "could not record snapshot \(url.path): \(error)"
            }
            return record ? nil : "recorded new snapshot \(url.path); check it and run again"
        }
        guard let stored, stored != actual else { return nil }
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let s = stored.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(a.count, s.count) {
            let got = i < a.count ? String(a[i]) : "<missing>"
            let want = i < s.count ? String(s[i]) : "<missing>"
            if got != want {
                return "snapshot \(name) differs at line \(i + 1):\n  expected: \(want)\n  actual:   \(got)\n(RECORD_SNAPSHOTS=1 re-records)\n--- actual ---\n\(actual)"
            }
        }
        return "snapshot \(name) differs"
    }
}
