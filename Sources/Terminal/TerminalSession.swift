import CNCurses
import Canvas
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Why the full-screen tutor cannot start here.
public enum TerminalError: Error, CustomStringConvertible, Equatable {
    case notATerminal(stdin: Bool, stdout: Bool)
    case unusableTerm(String)

    public var description: String {
        switch self {
        case .notATerminal(let stdin, let stdout):
            let which = !stdin && !stdout ? "stdin and stdout are" : !stdin ? "stdin is" : "stdout is"
            return "tutor: the full-screen tutor needs a terminal, but \(which) not one. "
                + "Use the plain commands instead (tutor --help lists them, e.g. tutor lessons, tutor quiz LESSON --plain, tutor convolve)."
        case .unusableTerm(let term):
            return "tutor: cannot drive the terminal type '\(term)' (check TERM). "
                + "Use the plain commands instead (tutor --help lists them)."
        }
    }
}

/// One event from the terminal.
public enum TerminalEvent: Equatable, Sendable {
    case key(Key)
    case resized(width: Int, height: Int)
    case timeout
    /// SIGINT, SIGTERM, SIGHUP or SIGQUIT arrived; the caller should stop and exit 128 + signal.
    case signal(Int32)
    /// Text pasted into the terminal (bracketed paste), as one event: line breaks and tabs
    /// become spaces, other control characters are dropped, and at most `pasteLimit`
    /// characters are kept (the rest of the paste is read and discarded).
    case paste(String)
}

/// Options the user chose for the terminal.
public struct TerminalOptions: Sendable {
    /// Pure ASCII glyphs even under a UTF-8 locale.
    public var ascii: Bool
    /// No colour (also implied by a non-empty `NO_COLOR`).
    public var noColor: Bool

    public init(ascii: Bool = false, noColor: Bool = false) {
        self.ascii = ascii
        self.noColor = noColor
    }
}

nonisolated(unsafe) private var pendingSignal: Int32 = 0
/// Whether the run loop is busy (not waiting in `nextEvent`): a signal then cannot wait for
/// the loop to notice it, so the handler restores the terminal and ends the process itself.
nonisolated(unsafe) private var busy: Int32 = 0

/// The signals that end the tutor with the terminal restored (Ctrl-C, Ctrl-\\, kill, hang-up).
private let endingSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

/// The ncurses screen: started once, always restored (normal exit, signals, thrown errors,
/// crashes), drawing only the cells that changed since the last frame.
public final class TerminalSession {
    public let colorLevel: ColorLevel
    public let unicode: Bool
    private var screen: OpaquePointer?
    private var previous: Buffer?
    private var pairs: [Style: Int32] = [:]
    private var nextPair: Int32 = 1
    private var stopped = false

    /// Checks that stdin and stdout are terminals, before any ncurses call.
    public static func preflight() throws {
        let stdinTTY = isatty(STDIN_FILENO) == 1
        let stdoutTTY = isatty(STDOUT_FILENO) == 1
        if !stdinTTY || !stdoutTTY { throw TerminalError.notATerminal(stdin: stdinTTY, stdout: stdoutTTY) }
    }

    /// Starts full-screen mode. Throws when not on a terminal or `TERM` is unusable.
    public init(options: TerminalOptions = TerminalOptions()) throws {
        try TerminalSession.preflight()
        setlocale(LC_ALL, "")
        let codeset = String(cString: cn_codeset())
        unicode = !options.ascii && codeset.uppercased().replacingOccurrences(of: "-", with: "") == "UTF8"
        let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
        guard !term.isEmpty, let screen = cn_newterm() else {
            throw TerminalError.unusableTerm(term)
        }
        self.screen = screen
        cn_install_fatal_handlers()
        cbreak()
        // Bracketed paste: a paste arrives wrapped in ESC [200~ … ESC [201~ and becomes one event.
        FileHandle.standardOutput.write(Data("\u{1B}[?2004h".utf8))
        noecho()
        nonl()
        keypad(cn_stdscr(), true)
        mousemask(0, nil)
        curs_set(0)
        set_escdelay(25)
        let noColorEnv = !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        if options.noColor || noColorEnv || !has_colors() {
            colorLevel = .none
        } else {
            start_color()
            use_default_colors()
            colorLevel = cn_colors() >= 256 ? .indexed256 : .basic16
        }
        TerminalSession.installSignalHandlers()
    }

    deinit { stop() }

    /// Restores the terminal. Safe to call more than once.
    public func stop() {
        guard !stopped else { return }
        stopped = true
        busy = 0
        curs_set(1)
        endwin()
        FileHandle.standardOutput.write(Data("\u{1B}[?2004l".utf8))
        if let screen { delscreen(screen) }
        screen = nil
        cn_reset_fatal_handlers()
        for sig in endingSignals { signal(sig, SIG_DFL) }
    }

    /// The window size in cells.
    public var size: (width: Int, height: Int) { (Int(cn_cols()), Int(cn_lines())) }

    /// Draws `buffer`, writing only the cells that differ from the last frame.
    public func draw(_ buffer: Buffer) {
        let changes = buffer.diff(from: previous)
        if previous == nil || previous?.width != buffer.width || previous?.height != buffer.height {
            erase()
        }
        for change in changes { put(change.cell, x: change.x, y: change.y) }
        previous = buffer
        refresh()
    }

    /// Forgets the last frame so the next draw repaints everything.
    public func invalidate() { previous = nil }

    /// The most characters a paste event keeps.
    public static let pasteLimit = 4_096

    /// Waits up to `timeout` milliseconds for a key, a resize or a signal. Outside this wait
    /// (loading, drawing, handling an action) a signal ends the process at once, restoring the
    /// terminal, so Ctrl-C works however long the work takes.
    public func nextEvent(timeout milliseconds: Int) -> TerminalEvent {
        busy = 0
        defer { busy = 1 }
        if pendingSignal != 0 { return .signal(pendingSignal) }
        timeout(Int32(max(0, milliseconds)))
        var ch: wint_t = 0
        let result = cn_get_wch(&ch)
        if pendingSignal != 0 { return .signal(pendingSignal) }
        if result == cn_err() { return .timeout }
        if result == cn_key_code_yes() {
            if Int32(ch) == cn_key_resize() {
                previous = nil
                return .resized(width: Int(cn_cols()), height: Int(cn_lines()))
            }
            return KeyDecoder.functionKey(Int32(ch)).map(TerminalEvent.key) ?? .timeout
        }
        if ch == 27, let event = readEscapeSequence() { return event }
        return KeyDecoder.character(UInt32(ch)).map(TerminalEvent.key) ?? .timeout
    }

    /// Reads a bracketed paste up to its end marker (ESC [201~) in one linear pass, waiting at
    /// most 200 ms for each next character so that a lost end marker cannot hang the tutor.
    private func readPaste() -> TerminalEvent {
        var text = String.UnicodeScalarView()
        var kept = 0
        var tail: [UInt32] = []  // the last characters, to spot the end marker
        let end: [UInt32] = [27, 91, 50, 48, 49, 126]  // ESC [ 2 0 1 ~
        timeout(200)
        defer { timeout(0) }
        while true {
            var next: wint_t = 0
            let result = cn_get_wch(&next)
            if result == cn_err() || pendingSignal != 0 { break }
            if result == cn_key_code_yes() { continue }
            let code = UInt32(next)
            tail.append(code)
            if tail.count > end.count { tail.removeFirst() }
            if tail == end { break }
            guard kept < TerminalSession.pasteLimit + end.count, let scalar = Unicode.Scalar(code) else { continue }
            text.append(scalar)
            kept += 1
        }
        // Drop the end marker's first characters (kept before it was recognised).
        var scalars = Array(text)
        if tail == end { scalars.removeLast(min(scalars.count, end.count - 1)) }
        return .paste(TerminalSession.pasteText(String(String.UnicodeScalarView(scalars))))
    }

    /// Pasted text made safe to type: CR, LF and tab become spaces, other control characters
    /// (escape sequences included) are dropped, at most `pasteLimit` characters.
    public static func pasteText(_ raw: String) -> String {
        var out = String.UnicodeScalarView()
        var count = 0
        for scalar in raw.unicodeScalars {
            guard count < pasteLimit else { break }
            switch scalar.value {
            case 9, 10, 13: out.append(" ")
            case 0..<0x20, 0x7F...0x9F: continue
            default: out.append(scalar)
            }
            count += 1
        }
        return String(out)
    }

    /// After an Esc, reads what is already waiting to see whether it is a key's escape sequence
    /// ncurses did not decode (or the start of a paste). Characters that are not part of one
    /// are given back to ncurses.
    private func readEscapeSequence() -> TerminalEvent? {
        var tail: [Character] = []
        var codes: [wint_t] = []
        timeout(0)
        defer {
            for code in codes.reversed() { _ = cn_unget_wch(wchar_t(bitPattern: code)) }
        }
        while true {
            var next: wint_t = 0
            let result = cn_get_wch(&next)
            guard result != cn_err(), result != cn_key_code_yes(), let scalar = Unicode.Scalar(UInt32(next)) else {
                // A decoded key (an arrow right after Esc) goes back first, so that it comes out
                // after the characters pushed back by `defer`.
                if result == cn_key_code_yes() { _ = ungetch(Int32(next)) }
                return nil
            }
            codes.append(next)
            tail.append(Character(scalar))
            switch EscapeSequence.match(tail) {
            case .key(let key):
                codes.removeAll()
                return .key(key)
            case .pasteStart:
                codes.removeAll()
                return readPaste()
            case .incomplete:
                continue
            case .none:
                return nil
            }
        }
    }

    private func put(_ cell: Cell, x: Int, y: Int) {
        var glyph = cell.glyph
        if !unicode { glyph = Glyphs.asciiFallback(for: glyph) }
        var attrs = cn_a_normal()
        let a = cell.style.attributes
        if a.contains(.bold) { attrs |= cn_a_bold() }
        if a.contains(.dim) { attrs |= cn_a_dim() }
        if a.contains(.italic) { attrs |= cn_a_italic() }
        if a.contains(.underline) { attrs |= cn_a_underline() }
        if a.contains(.reverse) { attrs |= cn_a_reverse() }
        let pair = pairNumber(for: cell.style)
        var wide = Array(glyph.unicodeScalars.prefix(4).map { wchar_t(bitPattern: $0.value) })
        wide.append(0)
        _ = wide.withUnsafeBufferPointer { cn_put_cell(Int32(y), Int32(x), $0.baseAddress, attrs, pair) }
    }

    private func pairNumber(for style: Style) -> Int32 {
        guard colorLevel != .none else { return 0 }
        let key = Style(foreground: style.foreground, background: style.background)
        if key.foreground == .default && key.background == .default { return 0 }
        if let pair = pairs[key] { return pair }
        guard nextPair < cn_color_pairs() else { return 0 }
        let pair = nextPair
        nextPair += 1
        init_extended_pair(pair, colorNumber(key.foreground), colorNumber(key.background))
        pairs[key] = pair
        return pair
    }

    private func colorNumber(_ color: Color) -> Int32 {
        switch color.downgraded(to: colorLevel) {
        case .default: return -1
        case .basic(let n): return cn_colors() >= 16 ? Int32(n) : Int32(n % 8)
        case .indexed(let n): return Int32(n)
        }
    }

    private static func installSignalHandlers() {
        pendingSignal = 0
        // A parent may have left these blocked; the tutor must see them to restore the terminal.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for sig in endingSignals + [SIGWINCH] { sigaddset(&unblock, sig) }
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        busy = 1
        for sig in endingSignals {
            signal(sig) { received in
                guard busy != 0 else {
                    pendingSignal = received
                    return
                }
                // The loop is busy (a long load): give the terminal back and end now.
                endwin()
                let off: [UInt8] = Array("\u{1B}[?2004l".utf8)
                _ = off.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
                _exit(128 + received)
            }
        }
    }
}
