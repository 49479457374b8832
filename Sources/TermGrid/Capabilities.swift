/// How many colours the terminal shows, best first. Writers fold `Color.rgb` down to it.
public enum ColorDepth: String, CaseIterable, Sendable, Comparable {
    case truecolor, c256 = "256", c16 = "16", mono

    var rank: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (a: ColorDepth, b: ColorDepth) -> Bool { a.rank > b.rank }
}

/// Which glyphs sub-cell drawing may use, best first.
public enum GlyphSet: String, CaseIterable, Sendable, Comparable {
    /// 2×4 dots per cell (U+2800 block); needs a UTF-8 locale and a font with braille.
    case braille
    /// Upper/lower half blocks and box drawing; UTF-8 but no braille.
    case halfBlock = "block"
    /// Seven-bit ASCII only.
    case ascii

    var rank: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (a: GlyphSet, b: GlyphSet) -> Bool { a.rank > b.rank }
}

/// What the terminal can show: chosen once from the environment, overridable by flags.
public struct Capabilities: Hashable, Sendable {
    public var colorDepth: ColorDepth
    public var glyphs: GlyphSet

    public init(colorDepth: ColorDepth = .truecolor, glyphs: GlyphSet = .braille) {
        self.colorDepth = colorDepth; self.glyphs = glyphs
    }

    /// The richest terminal: what tests and SVG output use unless they say otherwise.
    public static let full = Capabilities()
}
