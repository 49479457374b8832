import CNcursesw
import TermGrid
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the live screen cannot start: one line for the CLI, which exits with code 2.
public struct TerminalError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// The real terminal, through ncurses: the only place rnnbook touches it.
///
/// `start()` takes the terminal over; `restore()` gives it back exactly as it was (the same
/// `stty -g`, cursor shown, mouse reporting off, the normal screen). Restoring also happens on
/// Ctrl-C, SIGTERM, SIGHUP, SIGQUIT and crashes (the process then dies of the same signal),
/// and around Ctrl-Z: the terminal is restored while stopped and taken back on `fg`.
/// Only one terminal is active at a time.
public final class Terminal: TerminalScreen {
    /// The active terminal; `atexit` restores it if the process exits without doing so.
    nonisolated(unsafe) static weak var active: Terminal?
    nonisolated(unsafe) private static var exitHookInstalled = false

    /// Columns and rows, updated on resize.
    public private(set) var width: Int
    public private(set) var height: Int
    /// How many colours terminfo says the terminal has (COLORS; 0 without colour).
    public let colorCount: Int
    /// How many colour pairs ncurses offers (COLOR_PAIRS).
    public let colorPairCount: Int
    /// Whether the locale is UTF-8, which braille, blocks and box drawing need.
    public let localeIsUTF8: Bool
    /// The richest colour the terminal itself can show, for `Capabilities`.
    public let terminalColorDepth: ColorDepth
    /// The colours `draw` folds to: the terminal's by default; set it from the user's choice
    /// (`--color`, NO_COLOR). It never goes above what the terminal can show.
    public var colorDepth: ColorDepth { didSet { applyColorDepth() } }

    private let screen: OpaquePointer
    var painter: CellPainter
    private var restored = false

    // MARK: Availability

    /// Nil when the live screen can run; otherwise the one-line reason, pointing to the
    /// commands that work without a terminal. The CLI prints it and exits with code 2.
    public static func unavailableReason() -> String? {
        let alternatives = "use `rnnbook render SCENARIO` to print a frame, or `rnnbook run SCENARIO` to train headless"
        if isatty(STDOUT_FILENO) == 0 { return "stdout is not a terminal, so the live notebook cannot run; " + alternatives }
        if isatty(STDIN_FILENO) == 0 { return "stdin is not a terminal, so the live notebook cannot read keys; " + alternatives }
        return nil
    }

    // MARK: Start

    /// Takes over the terminal: saves its exact settings, starts curses in cbreak mode
    /// (keys arrive one at a time, Ctrl-C/Ctrl-Z/Ctrl-\ still send signals), no echo, keypad
    /// decoding, no cursor, mouse presses, default colours, a short Escape delay.
    public static func start() throws -> Terminal {
        if active != nil { throw TerminalError("the terminal is already in use") }
        if let reason = unavailableReason() { throw TerminalError(reason) }
        setlocale(LC_ALL, "")
        let fd = STDOUT_FILENO
        SignalState.prepare()
        guard tcgetattr(fd, SignalState.savedTermios) == 0 else {
            throw TerminalError("cannot read the terminal's settings")
        }
        SignalState.flags[2] = fd
        // Our handlers go in first: ncurses then leaves SIGINT, SIGTERM and SIGTSTP alone
        // and installs only its SIGWINCH handler, which turns resizes into KEY_RESIZE.
        TerminalSignals.install()
        guard let screen = newterm(nil, stdout, stdin) else {
            TerminalSignals.uninstall()
            let name = getenv("TERM").map { String(cString: $0) } ?? ""
            throw TerminalError("the terminal type TERM=\(name) is unknown to terminfo; "
                + "set TERM to one that is (xterm-256color, tmux-256color), or use `rnnbook render`")
        }
        let terminal = Terminal(screen: screen, fd: fd)
        active = terminal
        SignalState.flags[0] = 1
        if !exitHookInstalled {
            exitHookInstalled = true
            atexit { Terminal.active?.restore() }
        }
        return terminal
    }

    private init(screen: OpaquePointer, fd: Int32) {
        self.screen = screen
        _ = set_term(screen)
        _ = cbreak(); _ = noecho(); _ = nonl()
        _ = keypad(stdscr, true); _ = intrflush(stdscr, false); _ = leaveok(stdscr, true)
        _ = curs_set(0)
        _ = set_escdelay(25)
        Self.freeControlKeys(fd: fd)
        var colors = 0, pairs = 0
        if has_colors() {
            _ = start_color(); _ = use_default_colors()
            colors = Int(COLORS); pairs = Int(COLOR_PAIRS)
        }
        colorCount = colors
        colorPairCount = pairs
        localeIsUTF8 = rnn_locale_is_utf8() != 0
        let palette = Palette(colors: colors)
        switch palette {
        case .direct: terminalColorDepth = .truecolor
        case .indexed256: terminalColorDepth = .c256
        case .basic: terminalColorDepth = .c16
        case .none: terminalColorDepth = .mono
        }
        colorDepth = terminalColorDepth
        painter = CellPainter(palette: palette, pairCapacity: min(pairs, 0x7FFF), utf8: localeIsUTF8)
        _ = rnn_enable_mouse()
        width = Int(rnn_getmaxx(stdscr)); height = Int(rnn_getmaxy(stdscr))
        SignalState.setRestoreBytes(Self.restoreSequence())
    }

    /// cbreak leaves Ctrl-S and Ctrl-Q to flow control, which would freeze the screen; turn
    /// that off and tell ncurses this is the mode to come back to after Ctrl-Z.
    private static func freeControlKeys(fd: Int32) {
        var modes = termios()
        guard tcgetattr(fd, &modes) == 0 else { return }
        modes.c_iflag &= ~tcflag_t(IXON)
        _ = tcsetattr(fd, TCSADRAIN, &modes)
        _ = def_prog_mode()
    }

    /// Cancel any half-written sequence (CAN), reset attributes, mouse off, cursor on, keypad
    /// off, leave the alternate screen: what a signal handler writes before the termios.
    private static func restoreSequence() -> [UInt8] {
        var bytes: [UInt8] = [0x18]
        func add(_ capability: String) {
            if let s = rnn_tigetstr(capability) { bytes += Array(String(cString: s).utf8) }
        }
        add("sgr0")
        bytes += Array("\u{1B}[?1000l\u{1B}[?1002l\u{1B}[?1003l\u{1B}[?1006l".utf8)
        add("cnorm"); add("rmkx"); add("rmcup")
        return bytes
    }

    private func applyColorDepth() {
        painter.setPalette(Palette(colors: colorCount).limited(to: colorDepth))
    }

    // MARK: Restore

    /// Gives the terminal back exactly as `start` found it. Safe to call more than once.
    public func restore() {
        guard !restored else { return }
        restored = true
        rnn_disable_mouse()
        _ = curs_set(1)
        _ = endwin()
        SignalState.flags[0] = 0
        // endwin restores ncurses' idea of the shell mode; the termios saved before
        // initscr is the exact original. Mouse-off and cursor-on again, for terminals that
        // ignore ncurses' versions.
        let fd = SignalState.flags[2]
        let tail = Array("\u{1B}[?1000l\u{1B}[?1002l\u{1B}[?1003l\u{1B}[?1006l".utf8)
        tail.withUnsafeBufferPointer { _ = write(fd, $0.baseAddress, $0.count) }
        if let cnorm = rnn_tigetstr("cnorm") { _ = write(fd, cnorm, strlen(cnorm)) }
        _ = tcsetattr(fd, TCSADRAIN, SignalState.savedTermios)
        delscreen(screen)
        TerminalSignals.uninstall()
        if Terminal.active === self { Terminal.active = nil }
    }

    deinit { restore() }

    // MARK: Suspend and resume

    /// After `fg`: the handler gave the terminal back when stopping, behind ncurses' back.
    /// Take it again the same way: program tty modes, alternate screen, keypad, no cursor,
    /// mouse; then repaint everything. (Not endwin + refresh: endwin would leave the alternate
    /// screen a second time and move the shell's cursor back to where curses first started.)
    func resumeIfNeeded() -> Bool {
        guard let terminalWasReleased = TerminalSignals.takeResume(), !restored else { return false }
        if terminalWasReleased {
            _ = reset_prog_mode()
            // Straight to the terminal: ncurses' output buffer is empty between frames, and
            // putp does not reliably send these while ncurses thinks they are in effect.
            let fd = SignalState.flags[2]
            for capability in ["smcup", "smkx", "civis"] {
                if let s = rnn_tigetstr(capability) { _ = write(fd, s, strlen(s)) }
            }
            rnn_disable_mouse()
            _ = rnn_enable_mouse()
        }
        _ = clearok(curscr, true)
        updateSize()
        repaintAll()
        return true
    }

    /// Reads the size ncurses has after a resize or resume.
    func updateSize() {
        width = Int(rnn_getmaxx(stdscr)); height = Int(rnn_getmaxy(stdscr))
    }

    /// Forces the next `draw` to repaint every cell.
    public func repaintAll() { painter.invalidate() }
}
