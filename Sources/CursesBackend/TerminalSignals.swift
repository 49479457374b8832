import CNcursesw
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the signal handlers need, in memory allocated once before any handler is installed,
/// so a handler only reads and writes raw memory and calls async-signal-safe functions
/// (`write`, `tcsetattr`, `sigaction`, `raise`, `sigprocmask`).
enum SignalState {
    /// The terminal settings from before curses started: what every exit path puts back.
    static let savedTermios = UnsafeMutablePointer<termios>.allocate(capacity: 1)
    /// [0] 1 while curses owns the terminal, [1] 1 after a resume (SIGCONT) the loop has not
    /// handled yet, [2] the terminal's file descriptor, [3] 1 when the Ctrl-Z handler gave
    /// the terminal back before stopping (a SIGSTOP does not).
    static let flags: UnsafeMutablePointer<Int32> = {
        let p = UnsafeMutablePointer<Int32>.allocate(capacity: 4)
        p.initialize(repeating: 0, count: 4)
        return p
    }()
    /// Escape sequences that undo curses' modes (attributes, mouse, cursor, keypad,
    /// alternate screen), written straight to the terminal by a handler.
    static let restoreBytesCapacity = 512
    static let restoreBytes = UnsafeMutablePointer<UInt8>.allocate(capacity: restoreBytesCapacity)
    static let restoreCount: UnsafeMutablePointer<Int> = {
        let p = UnsafeMutablePointer<Int>.allocate(capacity: 1)
        p.initialize(to: 0)
        return p
    }()
    /// Actions that were in place before ours, by signal number.
    static let previousActions = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)

    static var isActive: Bool { flags[0] != 0 }

    /// Touches every lazily created global, so a handler never runs an initialiser.
    static func prepare() {
        _ = savedTermios; _ = flags; _ = restoreBytes; _ = restoreCount; _ = previousActions
    }

    /// Stores the sequences a handler writes, truncated to the fixed capacity.
    static func setRestoreBytes(_ bytes: [UInt8]) {
        let n = min(bytes.count, restoreBytesCapacity)
        for i in 0..<n { restoreBytes[i] = bytes[i] }
        restoreCount.pointee = n
    }

    /// Puts the terminal back from inside a handler: the mode-resetting sequences, then the
    /// saved termios. No locks, no allocation, no stdio.
    static func restoreFromSignal() {
        guard flags[0] != 0 else { return }
        let fd = flags[2]
        var written = 0
        while written < restoreCount.pointee {
            let n = write(fd, restoreBytes + written, restoreCount.pointee - written)
            if n <= 0 { break }
            written += n
        }
        _ = tcsetattr(fd, TCSANOW, savedTermios)
    }
}

/// Signals that end the process: restore the terminal, then die of the same signal so the
/// parent sees the right status (130 for Ctrl-C, 143 for SIGTERM, 132 for a Swift trap...).
let terminatingSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
let crashSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP]

private func onFatalSignal(_ sig: Int32) {
    SignalState.restoreFromSignal()
    SignalState.flags[0] = 0
    // The default action, not whatever was there before: Swift's crash reporter would go
    // interactive on a terminal; a clean terminal and the right exit status matter more here.
    _ = rnn_default_handler(sig)
    _ = raise(sig)
    _ = rnn_unblock_signal(sig)  // the raised signal is delivered here (a fault recurs on return)
}

/// Ctrl-Z: restore the terminal, stop for real, and on `fg` tell the loop to re-enter curses.
private func onSuspendSignal(_ sig: Int32) {
    let savedErrno = errno
    if SignalState.isActive {
        SignalState.restoreFromSignal()
        SignalState.flags[3] = 1
    }
    _ = rnn_default_handler(SIGTSTP)
    _ = raise(SIGTSTP)
    _ = rnn_unblock_signal(SIGTSTP)  // stops here until SIGCONT
    _ = rnn_install_handler(SIGTSTP, onSuspendSignal, nil)
    SignalState.flags[1] = 1
    errno = savedErrno
}

/// Continued after any stop (also SIGSTOP, which runs no handler): the screen needs a redraw.
private func onContinueSignal(_ sig: Int32) {
    SignalState.flags[1] = 1
}

enum TerminalSignals {
    private static var installed: [Int32] = []

    /// Installs the handlers. A signal the process was started with ignored (SIGHUP under
    /// `nohup`, SIGINT in a background job) stays ignored, as ncurses itself does.
    static func install() {
        SignalState.prepare()
        for sig in terminatingSignals + crashSignals {
            var current = sigaction()
            _ = sigaction(sig, nil, &current)
            if terminatingSignals.contains(sig) && rnn_action_ignores(&current) != 0 { continue }
            _ = rnn_install_handler(sig, onFatalSignal, SignalState.previousActions + Int(sig))
            installed.append(sig)
        }
        var current = sigaction()
        _ = sigaction(SIGTSTP, nil, &current)
        if rnn_action_ignores(&current) == 0 {
            _ = rnn_install_handler(SIGTSTP, onSuspendSignal, SignalState.previousActions + Int(SIGTSTP))
            installed.append(SIGTSTP)
        }
        _ = rnn_install_handler(SIGCONT, onContinueSignal, SignalState.previousActions + Int(SIGCONT))
        installed.append(SIGCONT)
    }

    /// Puts back the actions that were there before `install`.
    static func uninstall() {
        for sig in installed { _ = sigaction(sig, SignalState.previousActions + Int(sig), nil) }
        installed = []
    }

    /// After a stop: nil if the process has not been continued since the last call; else
    /// whether the terminal was given back while stopped (Ctrl-Z) and must be taken again.
    /// Both flags are cleared.
    static func takeResume() -> Bool? {
        guard SignalState.flags[1] != 0 else { return nil }
        SignalState.flags[1] = 0
        let released = SignalState.flags[3] != 0
        SignalState.flags[3] = 0
        return released
    }
}
