import CNcursesw

/// Turns what `get_wch` returns into `Key`s. Pure, so it is tested without a terminal.
///
/// `get_wch` gives either a character (`OK`) or a key code (`KEY_CODE_YES`) that keypad mode
/// decoded from an escape sequence using terminfo.
enum KeyMapping {
    /// A character read with `OK`. Control codes become Enter, Tab, Backspace, Escape or a
    /// Ctrl-letter; other control and non-characters give nil.
    static func key(character code: UInt32) -> Key? {
        switch code {
        case 9: return .tab
        case 10, 13: return .enter  // Ctrl-J, or Ctrl-M with nonl()
        case 8, 127: return .backspace  // terminals send either for the Backspace key
        case 27: return .escape
        case 1...26: return .control(Character(Unicode.Scalar(UInt8(96 + code))))
        case 0..<32, 0x80..<0xA0: return nil  // other C0 and C1 controls
        default:
            guard let scalar = Unicode.Scalar(code) else { return nil }
            return .character(Character(scalar))
        }
    }

    /// A key code read with `KEY_CODE_YES`. Resize and mouse codes are not keys: the terminal
    /// turns them into their own events before asking here.
    static func key(keyCode code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_IC: return .insert
        case KEY_DC: return .delete
        case KEY_BACKSPACE: return .backspace
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case (KEY_F0 + 1)...(KEY_F0 + 63): return .function(Int(code - KEY_F0))
        default: return nil
        }
    }

    /// A button number from the shim's `rnn_mouse_button` (1–5; 0 for events that are not
    /// presses).
    static func mouseButton(_ number: Int32) -> MouseButton? {
        switch number {
        case 1: return .left
        case 2: return .middle
        case 3: return .right
        case 4: return .wheelUp
        case 5: return .wheelDown
        default: return nil
        }
    }
}
