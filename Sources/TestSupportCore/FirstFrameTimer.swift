import Foundation

/// Measures how long the full-screen tutor takes to show its first useful frame: from starting
/// it in a fresh tmux pane until the screen contains a given text.
public enum FirstFrameTimer {
    /// Seconds to first frame for `runs` starts of `command`, sorted (so the middle one is the
    /// median). tmux's own start-up is included; it is the same for every build compared.
    public static func measure(command: String, until text: String, runs: Int = 5, width: Int = 100, height: Int = 30) throws -> [TimeInterval] {
        var times: [TimeInterval] = []
        for _ in 0..<runs {
            let start = Date()
            let tmux = try TmuxSession(width: width, height: height, command: command)
            try tmux.waitFor(text, timeout: 30)
            times.append(Date().timeIntervalSince(start))
            try? tmux.send("C-c")
        }
        return times.sorted()
    }

    /// The median of sorted `times` (0 when empty).
    public static func median(_ times: [TimeInterval]) -> TimeInterval {
        guard !times.isEmpty else { return 0 }
        let sorted = times.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}
