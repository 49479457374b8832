/// A colour as panes ask for it. Panes speak in RGB or the 16 named ANSI colours; the writers
/// and the curses backend fold RGB down the capability ladder (256, 16, mono) when they emit it,
/// so a pane never needs to know what the terminal can show.
public enum Color: Hashable, Sendable {
    /// The terminal's own foreground or background.
    case terminalDefault
    /// One of the 256 xterm palette entries (0–15 are the named ANSI colours).
    case indexed(UInt8)
    case rgb(UInt8, UInt8, UInt8)

    public static let black = Color.indexed(0), red = Color.indexed(1), green = Color.indexed(2)
    public static let yellow = Color.indexed(3), blue = Color.indexed(4), magenta = Color.indexed(5)
    public static let cyan = Color.indexed(6), white = Color.indexed(7)
    public static let gray = Color.indexed(8), brightRed = Color.indexed(9), brightGreen = Color.indexed(10)
    public static let brightYellow = Color.indexed(11), brightBlue = Color.indexed(12)
    public static let brightMagenta = Color.indexed(13), brightCyan = Color.indexed(14)
    public static let brightWhite = Color.indexed(15)
}

/// Text attributes, combinable.
public struct Attributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = Attributes(rawValue: 1 << 0)
    public static let dim = Attributes(rawValue: 1 << 1)
    public static let italic = Attributes(rawValue: 1 << 2)
    public static let underline = Attributes(rawValue: 1 << 3)
    public static let reverse = Attributes(rawValue: 1 << 4)
}

/// Foreground, background and attributes of one cell.
public struct Style: Hashable, Sendable {
    public var foreground: Color
    public var background: Color
    public var attributes: Attributes

    public init(foreground: Color = .terminalDefault, background: Color = .terminalDefault,
                attributes: Attributes = []) {
        self.foreground = foreground; self.background = background; self.attributes = attributes
    }

    public static let plain = Style()

    public func foreground(_ c: Color) -> Style { var s = self; s.foreground = c; return s }
    public func background(_ c: Color) -> Style { var s = self; s.background = c; return s }
    public func adding(_ a: Attributes) -> Style { var s = self; s.attributes.formUnion(a); return s }
}
