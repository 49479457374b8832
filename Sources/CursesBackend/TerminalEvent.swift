/// Something the live screen has to react to.
public enum TerminalEvent: Hashable, Sendable {
    case key(Key)
    /// A mouse button pressed at cell (x, y), 0-based from the top-left.
    case mouse(x: Int, y: Int, button: MouseButton)
    /// The terminal now has this many columns and rows; the next frame is painted in full.
    case resize(width: Int, height: Int)
    /// A frame is due while the app is busy (`LiveLoop` sends it just before rendering), so
    /// timers and animations can advance without input.
    case tick
}

/// A key press, decoded from ncurses' wide-character and key-code input.
public enum Key: Hashable, Sendable, CustomStringConvertible {
    /// A printable character (space included).
    case character(Character)
    /// Ctrl with a letter, as a lowercase letter: Ctrl-A is `.control("a")`. Tab (Ctrl-I),
    /// Enter (Ctrl-M, Ctrl-J) and Backspace (Ctrl-H) arrive as their own keys instead.
    case control(Character)
    case enter, tab, backTab, backspace, escape
    case up, down, left, right
    case pageUp, pageDown, home, end, insert, delete
    /// F1 to F63.
    case function(Int)

    /// A short name for status lines and tests: `x`, `Ctrl-A`, `Enter`, `Up`, `F5`.
    public var description: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let c): return String(c)
        case .control(let c): return "Ctrl-" + String(c).uppercased()
        case .enter: return "Enter"
        case .tab: return "Tab"
        case .backTab: return "BackTab"
        case .backspace: return "Backspace"
        case .escape: return "Escape"
        case .up: return "Up"
        case .down: return "Down"
        case .left: return "Left"
        case .right: return "Right"
        case .pageUp: return "PageUp"
        case .pageDown: return "PageDown"
        case .home: return "Home"
        case .end: return "End"
        case .insert: return "Insert"
        case .delete: return "Delete"
        case .function(let n): return "F\(n)"
        }
    }
}

/// The mouse buttons a click can report; the wheel arrives as buttons 4 and 5.
public enum MouseButton: Hashable, Sendable {
    case left, middle, right, wheelUp, wheelDown
}
