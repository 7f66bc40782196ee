import Canvas
import Foundation

/// Whole-screen snapshots as text files: compare a rendered buffer with the file, or write the
/// file when `RECORD_SNAPSHOTS=1` (then review the diff before committing it).
public enum ScreenSnapshot {
    /// The difference between `buffer`'s text and the snapshot file `name`.txt in `directory`,
    /// or nil when they match (or when recording). A missing file is recorded at once and
    /// reported, so a new snapshot never passes unseen.
    public static func mismatch(_ buffer: Buffer, named name: String, in directory: URL) -> String? {
        let actual = buffer.lines().joined(separator: "\n") + "\n"
        let file = directory.appendingPathComponent(name + ".txt")
        let recording = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
        let existing = try? String(contentsOf: file, encoding: .utf8)
        if recording || existing == nil {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try? actual.write(to: file, atomically: true, encoding: .utf8)
            return recording ? nil : "snapshot \(name) did not exist; recorded it at \(file.path): check it and run again"
        }
        guard let expected = existing, expected != actual else { return nil }
        let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let got = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var report = "snapshot \(name) differs (re-record with RECORD_SNAPSHOTS=1):\n"
        for row in 0..<max(want.count, got.count) {
            let w = row < want.count ? String(want[row]) : "<none>"
            let g = row < got.count ? String(got[row]) : "<none>"
            if w != g { report += "row \(row):\n  want |\(w)|\n  got  |\(g)|\n" }
        }
        return report + "whole screen now:\n" + actual
    }

    /// The snapshot folder `Snapshots/<group>` beside a test file (pass `#filePath`).
    public static func directory(group: String, besides testFile: String) -> URL {
        URL(fileURLWithPath: testFile).deletingLastPathComponent().appendingPathComponent("Snapshots").appendingPathComponent(group)
    }
}
