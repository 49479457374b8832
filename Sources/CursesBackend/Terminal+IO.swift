import CNcursesw
import TermGrid

extension Terminal {
    // MARK: Input

    /// The next key, click or resize, waiting at most `timeoutMilliseconds` (negative: wait
    /// for ever). Nil when nothing usable arrived in time. After `fg` it answers a resize
    /// with the current size, so the caller redraws.
    public func nextEvent(timeoutMilliseconds: Int) -> TerminalEvent? {
        if resumeIfNeeded() { return .resize(width: width, height: height) }
        wtimeout(stdscr, Int32(clamping: timeoutMilliseconds))
        while true {
            var input: wint_t = 0
            let status = wget_wch(stdscr, &input)
            if resumeIfNeeded() { return .resize(width: width, height: height) }
            switch status {
            case KEY_CODE_YES:
                let code = Int32(bitPattern: UInt32(input))
                if code == KEY_RESIZE { return resized() }
                if code == KEY_MOUSE {
                    if let click = mouseEvent() { return click }
                } else if let key = KeyMapping.key(keyCode: code) {
                    return .key(key)
                }
            case OK:
                if let key = KeyMapping.key(character: UInt32(input)) { return .key(key) }
            default:
                return nil  // timed out, or interrupted by a signal
            }
            // Something that is not an event (a release, an unknown key): only take what is
            // already queued, so the caller's timeout is not extended.
            wtimeout(stdscr, 0)
        }
    }

    private func resized() -> TerminalEvent {
        updateSize()
        repaintAll()
        return .resize(width: width, height: height)
    }

    private func mouseEvent() -> TerminalEvent? {
        var event = MEVENT()
        guard getmouse(&event) == OK,
              let button = KeyMapping.mouseButton(rnn_mouse_button(event.bstate)) else { return nil }
        return .mouse(x: Int(event.x), y: Int(event.y), button: button)
    }

    // MARK: Output

    /// Shows `buffer`: writes the cells that changed since the last call (every cell after a
    /// resize, a resume or `repaintAll`) and refreshes the terminal once.
    public func draw(_ buffer: Buffer) {
        var sink = CursesSink()
        painter.paint(buffer, width: width, height: height, into: &sink)
        _ = wnoutrefresh(stdscr)
        _ = doupdate()
    }

    /// Cells written by the last `draw`.
    public var lastDrawCellCount: Int { painter.lastWriteCount }
}

/// The live `CellSink`: ncurses' standard screen.
struct CursesSink: CellSink {
    mutating func clearAll() {
        _ = werase(stdscr)
        _ = clearok(curscr, true)
    }

    mutating func definePair(_ pair: Int32, foreground: Int32, background: Int32) {
        _ = init_extended_pair(pair, foreground, background)
    }

    mutating func put(x: Int, y: Int, glyph: Unicode.Scalar, attributes: AttributeBits, pair: Int32) {
        _ = rnn_put_cell(Int32(y), Int32(x), wchar_t(bitPattern: glyph.value), attributes, pair)
    }
}
