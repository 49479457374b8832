/// A dot grid at 2×4 dots per cell, drawn with Unicode braille (U+2800–U+28FF).
///
/// Dot (0, 0) is the top-left of the canvas. Each cell collects the dots that fall in it and
/// becomes one braille character; a cell with no dots is left untouched when drawn.
public struct BrailleCanvas: Sendable {
    public let columns: Int, rows: Int
    /// Dot bits per cell, row-major.
    private var bits: [UInt8]

    public init(columns: Int, rows: Int) {
        self.columns = max(0, columns); self.rows = max(0, rows)
        bits = Array(repeating: 0, count: self.columns * self.rows)
    }

    /// Width and height in dots.
    public var dotWidth: Int { columns * 2 }
    public var dotHeight: Int { rows * 4 }

    public mutating func set(x: Int, y: Int) {
        guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
        bits[(y / 4) * columns + x / 2] |= LineRaster.brailleBit(x: x, y: y)
    }

    public func isSet(x: Int, y: Int) -> Bool {
        guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return false }
        return bits[(y / 4) * columns + x / 2] & LineRaster.brailleBit(x: x, y: y) != 0
    }

    /// A straight line between two dots, both ends included.
    public mutating func line(x0: Int, y0: Int, x1: Int, y1: Int) {
        LineRaster.forEachPoint(x0: x0, y0: y0, x1: x1, y1: y1) { set(x: $0, y: $1) }
    }

    /// The glyph of one cell, or nil when it has no dots.
    public func glyph(column: Int, row: Int) -> Unicode.Scalar? {
        let b = bits[row * columns + column]
        return b == 0 ? nil : Unicode.Scalar(0x2800 + UInt32(b))
    }

    /// Writes the non-empty cells into `buffer` with their top-left at (x, y).
    public func draw(into buffer: inout Buffer, x: Int, y: Int, style: Style) {
        for r in 0..<rows {
            for c in 0..<columns {
                if let g = glyph(column: c, row: r) { buffer[x + c, y + r] = Cell(g, style: style) }
            }
        }
    }
}
