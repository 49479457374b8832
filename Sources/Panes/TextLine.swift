import TermGrid

/// What a run of laid-out text means, combinable: the layout decides meaning, and `TextTheme`
/// turns meaning into a `Style` when drawing, so one layout serves every colour depth.
public struct TextMarks: OptionSet, Hashable, Sendable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    public static let emphasis = TextMarks(rawValue: 1 << 0)
    public static let strong = TextMarks(rawValue: 1 << 1)
    /// Inline code.
    public static let code = TextMarks(rawValue: 1 << 2)
    public static let heading1 = TextMarks(rawValue: 1 << 3)
    public static let heading2 = TextMarks(rawValue: 1 << 4)
    public static let heading3 = TextMarks(rawValue: 1 << 5)
    /// A line of a fenced code block.
    public static let codeBlock = TextMarks(rawValue: 1 << 6)
    /// Text inside a block quote.
    public static let quote = TextMarks(rawValue: 1 << 7)
    /// A table's header cells.
    public static let tableHeader = TextMarks(rawValue: 1 << 8)
    /// Structure drawn by the layout rather than written by the author: bullets, numbers,
    /// table rules, quote bars, heading underlines, clipping marks.
    public static let decoration = TextMarks(rawValue: 1 << 9)
    /// Link text (the target is not shown: a terminal cannot follow it).
    public static let link = TextMarks(rawValue: 1 << 10)
}

/// One laid-out row of text: a glyph per column and what each glyph means.
///
/// Glyphs are single-width scalars, so index equals column; drawing is a copy, which keeps
/// panes that lay out once and draw every frame within the frame budget.
public struct TextLine: Hashable, Sendable {
    public var glyphs: [Unicode.Scalar]
    public var marks: [TextMarks]

    public init() { glyphs = []; marks = [] }

    /// A line of one string with one meaning.
    public init(_ text: String, marks: TextMarks = []) {
        glyphs = []; self.marks = []
        append(text, marks: marks)
    }

    public var count: Int { glyphs.count }

    /// The plain text, for tests and searching.
    public var text: String {
        var s = String.UnicodeScalarView()
        s.append(contentsOf: glyphs)
        return String(s)
    }

    public mutating func append(_ glyph: Unicode.Scalar, marks m: TextMarks) {
        glyphs.append(TextGlyph.displayable(glyph)); marks.append(m)
    }

    public mutating func append(_ text: String, marks m: TextMarks) {
        for g in text.unicodeScalars { append(g, marks: m) }
    }

    public mutating func append(_ other: TextLine) {
        glyphs.append(contentsOf: other.glyphs); marks.append(contentsOf: other.marks)
    }

    public mutating func appendSpaces(_ n: Int, marks m: TextMarks = []) {
        if n > 0 { for _ in 0..<n { append(" ", marks: m) } }
    }

    /// Draws the line from column `skip` at (x, y), clipped to `clip`.
    public func draw(x: Int, y: Int, skip: Int = 0, clip: Rect, into buffer: inout Buffer,
                     theme: TextTheme) {
        guard y >= clip.y && y < clip.maxY else { return }
        var column = x
        var i = max(0, skip)
        while i < glyphs.count && column < clip.maxX {
            if column >= clip.x { buffer[column, y] = Cell(glyphs[i], style: theme.style(for: marks[i])) }
            column += 1; i += 1
        }
    }
}

/// Single-width glyph rules shared by the text panes.
public enum TextGlyph {
    /// `g` if it occupies exactly one terminal column, else `·`: control characters,
    /// combining marks and wide (CJK, emoji) characters would break the grid's alignment.
    public static func displayable(_ g: Unicode.Scalar) -> Unicode.Scalar {
        isSingleWidth(g) ? g : "·"
    }

    public static func isSingleWidth(_ g: Unicode.Scalar) -> Bool {
        let v = g.value
        if v < 0x20 || (0x7F...0x9F).contains(v) { return false }
        if (0x0300...0x036F).contains(v) || (0x200B...0x200F).contains(v) { return false }
        if (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || v >= 0x1F000 {
            return false
        }
        return true
    }

    /// Cuts `text` to `width` columns, ending in `…` (ASCII `~`) when it had to cut.
    public static func truncate(_ text: String, to width: Int, ascii: Bool) -> String {
        guard width > 0 else { return "" }
        let scalars = text.unicodeScalars
        guard scalars.count > width else { return text }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars.prefix(width - 1))
        out.append(ascii ? "~" : "…")
        return String(out)
    }

    /// Width in columns of text made of single-width scalars.
    public static func width(_ text: String) -> Int { text.unicodeScalars.count }
}
