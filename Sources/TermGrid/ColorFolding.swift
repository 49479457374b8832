/// Folding colours down the capability ladder: panes ask for RGB, and the writers and the
/// curses backend fold it to what the terminal shows (256 palette, 16 ANSI colours, or none).
extension Color {
    /// This colour as the nearest one a terminal of `depth` can show.
    ///
    /// - truecolor: unchanged.
    /// - 256: RGB becomes the nearest xterm cube or gray entry (16–255); indexed stays.
    /// - 16: RGB and indexed ≥ 16 become the nearest of the 16 ANSI colours.
    /// - mono: everything becomes `.terminalDefault`.
    public func folded(to depth: ColorDepth) -> Color {
        switch (depth, self) {
        case (.truecolor, _), (_, .terminalDefault): return self
        case (.mono, _): return .terminalDefault
        case (.c256, .indexed): return self
        case (.c256, .rgb(let r, let g, let b)): return .indexed(Self.nearestXterm256(r, g, b))
        case (.c16, .indexed(let n)) where n < 16: return self
        case (.c16, .indexed(let n)):
            let (r, g, b) = Self.xtermPalette[Int(n)]
            return .indexed(Self.nearestANSI16(r, g, b))
        case (.c16, .rgb(let r, let g, let b)): return .indexed(Self.nearestANSI16(r, g, b))
        }
    }

    /// The red, green and blue this colour shows as (xterm's default palette for indexed
    /// colours); nil for the terminal's default, which only the terminal knows.
    public var rgbValue: (red: UInt8, green: UInt8, blue: UInt8)? {
        switch self {
        case .terminalDefault: return nil
        case .indexed(let n): return Self.xtermPalette[Int(n)]
        case .rgb(let r, let g, let b): return (r, g, b)
        }
    }

    /// The levels of each axis of xterm's 6×6×6 colour cube (entries 16–231).
    static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    /// xterm's default 256-colour palette: 16 ANSI colours, the cube, then 24 grays (8, 18, … 238).
    static let xtermPalette: [(UInt8, UInt8, UInt8)] = {
        var p: [(UInt8, UInt8, UInt8)] = [
            (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
            (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
        ]
        for r in cubeLevels { for g in cubeLevels { for b in cubeLevels { p.append((UInt8(r), UInt8(g), UInt8(b))) } } }
        for i in 0..<24 { let v = UInt8(8 + 10 * i); p.append((v, v, v)) }
        return p
    }()

    /// The nearest cube entry and the nearest gray, whichever is closer (the cube on a tie).
    /// The palette's first 16 entries are skipped: terminals theme them freely.
    public static func nearestXterm256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        let (ri, gi, bi) = (cubeIndex(Int(r)), cubeIndex(Int(g)), cubeIndex(Int(b)))
        let cubeDistance = distance(r, g, b, cubeLevels[ri], cubeLevels[gi], cubeLevels[bi])
        let mean = (Int(r) + Int(g) + Int(b)) / 3
        let grayIndex = min(23, max(0, (mean - 8 + 5) / 10))
        let level = 8 + 10 * grayIndex
        let grayDistance = distance(r, g, b, level, level, level)
        return grayDistance < cubeDistance ? UInt8(232 + grayIndex) : UInt8(16 + 36 * ri + 6 * gi + bi)
    }

    /// The nearest of the 16 ANSI colours in xterm's default palette (the lower index on a tie).
    public static func nearestANSI16(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        var best = 0, bestDistance = Int.max
        for i in 0..<16 {
            let (pr, pg, pb) = xtermPalette[i]
            let d = distance(r, g, b, Int(pr), Int(pg), Int(pb))
            if d < bestDistance { best = i; bestDistance = d }
        }
        return UInt8(best)
    }

    /// The cube level nearest to `v`: the levels are 0, 95, then every 40 up to 255.
    private static func cubeIndex(_ v: Int) -> Int {
        v < 48 ? 0 : v < 115 ? 1 : (v - 35) / 40
    }

    private static func distance(_ r: UInt8, _ g: UInt8, _ b: UInt8, _ r2: Int, _ g2: Int, _ b2: Int) -> Int {
        let dr = Int(r) - r2, dg = Int(g) - g2, db = Int(b) - b2
        return dr * dr + dg * dg + db * db
    }
}
