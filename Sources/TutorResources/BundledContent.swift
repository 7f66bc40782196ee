import Foundation

/// Finds the lessons, quizzes and data sets that ship with the tutor, whatever the working
/// directory.
///
/// SwiftPM copies `lessons/`, `quizzes/` and `data/` next to the built executable (in
/// `cnn-tutor_TutorResources.resources`). The generated `Bundle.module` accessor traps when that
/// folder is missing, so this type looks for it itself and falls back to the source checkout the
/// binary was built from. `TUTOR_CONTENT_DIR` overrides both (a folder holding the three).
public enum BundledContent {
    /// The three folders that ship with the tutor.
    public enum Folder: String, CaseIterable, Sendable {
        case lessons, quizzes, data
    }

    /// The folder's location, or nil when no copy can be found.
    public static func url(for folder: Folder) -> URL? {
        for root in candidateRoots() {
            let url = root.appendingPathComponent(folder.rawValue, isDirectory: true)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
                return url
            }
        }
        return nil
    }

    /// A bundled file, e.g. `file("digits-train-images.idx3-ubyte", in: .data)`.
    public static func file(_ name: String, in folder: Folder) -> URL? {
        guard let dir = url(for: folder) else { return nil }
        let url = dir.appendingPathComponent(name)
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// Where the search looks, in order; also printed by error messages that cannot find content.
    public static func candidateRoots() -> [URL] {
        var roots: [URL] = []
        let env = ProcessInfo.processInfo.environment
        if let override = env["TUTOR_CONTENT_DIR"], !override.isEmpty {
            roots.append(URL(fileURLWithPath: override, isDirectory: true))
        }
        // SwiftPM names the folder after the package's identity, which is the checkout's
        // folder name, so match any `<package>_TutorResources.resources`.
        for exe in executableDirectories() {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: exe.path)) ?? []
            for entry in entries.sorted() where entry.hasSuffix("_TutorResources.resources") {
                roots.append(exe.appendingPathComponent(entry, isDirectory: true))
            }
        }
        // The checkout this binary was built from: Sources/TutorResources/<this file>.
        let source = URL(fileURLWithPath: #filePath)
        roots.append(source.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent())
        return roots
    }

    private static func executableDirectories() -> [URL] {
        var dirs: [URL] = []
        if let link = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            dirs.append(URL(fileURLWithPath: link).deletingLastPathComponent())
        }
        if let first = CommandLine.arguments.first, first.contains("/") {
            dirs.append(URL(fileURLWithPath: first).resolvingSymlinksInPath().deletingLastPathComponent())
        }
        dirs.append(Bundle.main.bundleURL)
        return dirs
    }
}
