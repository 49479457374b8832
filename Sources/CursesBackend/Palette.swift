import TermGrid

/// The colours ncurses can be asked for on this terminal.
enum Palette: Equatable, Sendable {
    /// No colour: everything is drawn in the terminal's own colours.
    case none
    /// The 8 or 16 ANSI colours.
    case basic(count: Int)
    /// The xterm 256-colour palette.
    case indexed256
    /// Direct colour (a `*-direct` terminfo entry): the colour number is 0xRRGGBB.
    case direct

    /// The palette a terminal reporting `colors` (terminfo `colors`, ncurses' COLORS) offers.
    init(colors: Int) {
        switch colors {
        case 0x100_0000...: self = .direct
        case 256...: self = .indexed256
        case 16...: self = .basic(count: 16)
        case 8...: self = .basic(count: 8)
        default: self = .none
        }
    }

    /// This palette, no richer than `depth` allows (the user's `--color`, or NO_COLOR).
    func limited(to depth: ColorDepth) -> Palette {
        switch (depth, self) {
        case (.mono, _), (_, .none): return .none
        case (.truecolor, _): return self
        case (.c256, .direct): return .indexed256
        case (.c256, _): return self
        case (.c16, .basic): return self
        case (.c16, _): return .basic(count: 16)
        }
    }

    /// The depth TermGrid folds colours to for this palette (8 colours fold as 16, then
    /// lose their bright half in `number(for:)`).
    var depth: ColorDepth {
        switch self {
        case .none: return .mono
        case .basic: return .c16
        case .indexed256: return .c256
        case .direct: return .truecolor
        }
    }

    /// The ncurses colour number for `color`: TermGrid's folding (`Color.folded(to:)`, the
    /// same the ANSI and SVG writers use), or -1 for the terminal's default colour.
    func number(for color: Color) -> Int32 {
        switch self {
        case .none: return -1
        case .direct:
            // xterm-direct sends numbers below 8 as the ANSI colours; keep near-black out of them.
            guard let (r, g, b) = color.rgbValue else { return -1 }
            return max(8, Int32(r) << 16 | Int32(g) << 8 | Int32(b))
        case .basic(let count):
            guard case .indexed(let n) = color.folded(to: .c16) else { return -1 }
            // Eight colours: a bright colour shows as its normal one, and bright black (gray)
            // as white, so gray text stays visible on a dark background.
            if Int(n) >= count { return n == 8 ? 7 : Int32(n) - 8 }
            return Int32(n)
        case .indexed256:
            guard case .indexed(let n) = color.folded(to: .c256) else { return -1 }
            return Int32(n)
        }
    }

    /// The red, green and blue a colour number shows as, for picking the nearest pair.
    func rgb(ofNumber number: Int32) -> (Int, Int, Int)? {
        guard number >= 0 else { return nil }
        if self == .direct { return (Int(number >> 16 & 0xFF), Int(number >> 8 & 0xFF), Int(number & 0xFF)) }
        guard let c = Color.indexed(UInt8(truncatingIfNeeded: number)).rgbValue else { return nil }
        return (Int(c.red), Int(c.green), Int(c.blue))
    }
}
