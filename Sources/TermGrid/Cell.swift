/// One character cell of the screen: a glyph and its style.
///
/// The glyph is a single Unicode scalar of display width one (ASCII, box drawing, blocks,
/// braille). rnnbook never puts wide characters on the grid, so cell index equals column.
///
/// A cell is stored as three 32-bit words rather than as a `Unicode.Scalar` and a `Style`, so
/// that comparing two cells is three integer compares and a row of cells can be compared with
/// `memcmp` (no padding, no enum payloads): the frame diff runs over every cell every frame.
public struct Cell: Hashable, Sendable {
    /// The glyph's scalar value in the low 21 bits, the attribute bits in the top 8.
    var glyphAndAttributes: UInt32
    /// `Color.packed` of the foreground and background.
    var foregroundBits: UInt32
    var backgroundBits: UInt32

    public init(_ glyph: Unicode.Scalar = " ", style: Style = .plain) {
        glyphAndAttributes = glyph.value | UInt32(style.attributes.rawValue) << 24
        foregroundBits = style.foreground.packed
        backgroundBits = style.background.packed
    }

    /// The character shown; always one column wide.
    public var glyph: Unicode.Scalar {
        get { Unicode.Scalar(glyphAndAttributes & 0x00FF_FFFF) ?? "?" }
        set { glyphAndAttributes = glyphAndAttributes & 0xFF00_0000 | newValue.value }
    }

    /// The style's attributes, read or set without building a whole `Style`.
    public var attributes: Attributes {
        get { Attributes(rawValue: UInt8(truncatingIfNeeded: glyphAndAttributes >> 24)) }
        set { glyphAndAttributes = glyphAndAttributes & 0x00FF_FFFF | UInt32(newValue.rawValue) << 24 }
    }

    /// Colours and attributes, unpacked on read and packed on write.
    public var style: Style {
        get {
            Style(foreground: Color(packed: foregroundBits), background: Color(packed: backgroundBits),
                  attributes: attributes)
        }
        set {
            attributes = newValue.attributes
            foregroundBits = newValue.foreground.packed
            backgroundBits = newValue.background.packed
        }
    }

    /// True when both cells have the same style (glyphs may differ); no `Style` is built.
    func hasSameStyle(as other: Cell) -> Bool {
        glyphAndAttributes >> 24 == other.glyphAndAttributes >> 24
            && foregroundBits == other.foregroundBits && backgroundBits == other.backgroundBits
    }

    public static let blank = Cell()
}

extension Color {
    /// The colour as one word: kind in the top byte (0 default, 1 indexed, 2 RGB), value below.
    var packed: UInt32 {
        switch self {
        case .terminalDefault: return 0
        case .indexed(let n): return 0x0100_0000 | UInt32(n)
        case .rgb(let r, let g, let b): return 0x0200_0000 | UInt32(r) << 16 | UInt32(g) << 8 | UInt32(b)
        }
    }

    init(packed: UInt32) {
        switch packed >> 24 {
        case 1: self = .indexed(UInt8(truncatingIfNeeded: packed))
        case 2: self = .rgb(UInt8(truncatingIfNeeded: packed >> 16), UInt8(truncatingIfNeeded: packed >> 8),
                            UInt8(truncatingIfNeeded: packed))
        default: self = .terminalDefault
        }
    }
}
