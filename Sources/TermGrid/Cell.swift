/// One character cell of the screen: a glyph and its style.
///
/// The glyph is a single Unicode scalar of display width one (ASCII, box drawing, blocks,
/// braille). rnnbook never puts wide characters on the grid, so cell index equals column.
public struct Cell: Hashable, Sendable {
    public var glyph: Unicode.Scalar
    public var style: Style

    public init(_ glyph: Unicode.Scalar = " ", style: Style = .plain) {
        self.glyph = glyph; self.style = style
    }

    public static let blank = Cell()
}
