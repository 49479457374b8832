/// A key as the notebook understands it. The terminal backend translates its own key codes
/// into these, so the notebook (and its tests) never see ncurses.
public enum InputKey: Hashable, Sendable {
    case character(Character)
    case enter, tab, backTab, backspace, delete, escape
    case up, down, left, right, pageUp, pageDown, home, end
    /// Ctrl plus a letter, lowercase ("c" for Ctrl-C).
    case control(Character)
}

/// What can happen to the notebook between two frames.
public enum InputEvent: Hashable, Sendable {
    case key(InputKey)
    /// A mouse click at a cell of the screen.
    case click(x: Int, y: Int)
    case resize(width: Int, height: Int)
}
