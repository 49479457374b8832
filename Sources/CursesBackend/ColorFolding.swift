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
}

/// Folds `Color` down to a colour number of a palette: RGB to the nearest palette entry.
/// A small private version; TermGrid's `Color.folded(to:)` will replace it.
enum ColorFolding {
    /// The ncurses colour number for `color`, or -1 for the terminal's default colour.
    static func number(_ color: Color, in palette: Palette) -> Int32 {
        switch (color, palette) {
        case (.terminalDefault, _), (_, .none): return -1
        case let (.indexed(n), .basic(count)) where Int(n) < count: return Int32(n)
        case let (.indexed(n), .basic(8)) where n < 16: return Int32(n - 8)  // bright → normal
        case let (.indexed(n), .indexed256): return Int32(n)
        case let (.indexed(n), _):
            let (r, g, b) = rgb(ofIndex: n)
            return number(.rgb(r, g, b), in: palette)
        case let (.rgb(r, g, b), .direct):
            // xterm-direct sends numbers below 8 as the ANSI colours; keep near-black out of them.
            return max(8, Int32(r) << 16 | Int32(g) << 8 | Int32(b))
        case let (.rgb(r, g, b), .indexed256): return Int32(index256(r, g, b))
        case let (.rgb(r, g, b), .basic(count)): return Int32(nearestBasic(r, g, b, count: count))
        }
    }

    /// xterm's default RGB for the 16 ANSI colours.
    static let basicRGB: [(UInt8, UInt8, UInt8)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
        (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255),
        (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    /// Levels of the 6×6×6 colour cube at palette entries 16–231.
    static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    /// The RGB xterm shows for palette entry `n`.
    static func rgb(ofIndex n: UInt8) -> (UInt8, UInt8, UInt8) {
        switch n {
        case 0..<16: return basicRGB[Int(n)]
        case 16..<232:
            let i = Int(n) - 16
            return (UInt8(cubeLevels[i / 36]), UInt8(cubeLevels[(i / 6) % 6]), UInt8(cubeLevels[i % 6]))
        default:
            let v = UInt8(8 + 10 * (Int(n) - 232))
            return (v, v, v)
        }
    }

    /// The nearest of the cube's colour and the grey ramp's (palette entries 16–255). The
    /// first 16 are skipped: terminals let users redefine them.
    static func index256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int {
        let cr = nearestCubeLevel(r), cg = nearestCubeLevel(g), cb = nearestCubeLevel(b)
        let cube = 16 + 36 * cr + 6 * cg + cb
        let average = (Int(r) + Int(g) + Int(b)) / 3
        let greyStep = min(23, max(0, (average - 3) / 10))
        let grey = 232 + greyStep
        let cubeRGB = (cubeLevels[cr], cubeLevels[cg], cubeLevels[cb])
        let greyValue = 8 + 10 * greyStep
        let dCube = distance((Int(r), Int(g), Int(b)), cubeRGB)
        let dGrey = distance((Int(r), Int(g), Int(b)), (greyValue, greyValue, greyValue))
        return dGrey < dCube ? grey : cube
    }

    /// The nearest of the first `count` ANSI colours (8 or 16).
    static func nearestBasic(_ r: UInt8, _ g: UInt8, _ b: UInt8, count: Int) -> Int {
        var best = 0, bestDistance = Int.max
        for i in 0..<min(count, basicRGB.count) {
            let c = basicRGB[i]
            let d = distance((Int(r), Int(g), Int(b)), (Int(c.0), Int(c.1), Int(c.2)))
            if d < bestDistance { best = i; bestDistance = d }
        }
        return best
    }

    static func nearestCubeLevel(_ v: UInt8) -> Int {
        switch v {
        case 0..<48: return 0
        case 48..<115: return 1
        default: return (Int(v) - 35) / 40
        }
    }

    /// Squared distance weighted for the eye's sensitivity (green most, blue least).
    static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let dr = a.0 - b.0, dg = a.1 - b.1, db = a.2 - b.2
        return 2 * dr * dr + 4 * dg * dg + 3 * db * db
    }
}
