import TermGrid

/// A dot canvas for line plots at the best resolution the glyphs allow: braille (2×4 dots per
/// cell), half blocks (1×2) or ASCII `*` (1×1). Plots draw in dots and never ask which it is.
struct PlotCanvas {
    // Exactly one of these is non-nil; optionals (not an enum) so writes mutate in place.
    private var braille: BrailleCanvas?
    private var half: HalfBlockCanvas?
    private var ascii: [Bool]?
    let columns: Int, rows: Int
    /// Dots per cell across and down.
    let dotsX: Int, dotsY: Int
    private let color: Color
    private let asciiGlyph: Unicode.Scalar

    /// `asciiGlyph` marks dots on ASCII terminals, where it is all that tells two series apart.
    init(columns: Int, rows: Int, glyphs: GlyphSet, color: Color, asciiGlyph: Unicode.Scalar = "*") {
        self.columns = max(0, columns); self.rows = max(0, rows); self.color = color; self.asciiGlyph = asciiGlyph
        switch glyphs {
        case .braille: braille = BrailleCanvas(columns: columns, rows: rows); dotsX = 2; dotsY = 4
        case .halfBlock: half = HalfBlockCanvas(columns: columns, rows: rows); dotsX = 1; dotsY = 2
        case .ascii: ascii = Array(repeating: false, count: self.columns * self.rows); dotsX = 1; dotsY = 1
        }
    }

    var width: Int { columns * dotsX }
    var height: Int { rows * dotsY }

    mutating func set(x: Int, y: Int) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        braille?.set(x: x, y: y)
        half?[x, y] = color
        ascii?[y * columns + x] = true
    }

    /// A straight line between two dots (Bresenham), both ends included.
    mutating func line(x0: Int, y0: Int, x1: Int, y1: Int) {
        var x = x0, y = y0
        let dx = abs(x1 - x0), dy = -abs(y1 - y0)
        let sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1
        var err = dx + dy
        while true {
            set(x: x, y: y)
            if x == x1 && y == y1 { break }
            let e2 = 2 * err
            if e2 >= dy { err += dy; x += sx }
            if e2 <= dx { err += dx; y += sy }
        }
    }

    /// Plots points `(x(i), y(i))` for i in 0..<count as a connected line.
    ///
    /// Many points per dot column (10 000 losses into 80 columns) are folded into that column's
    /// min–max range, drawn as a vertical stroke, so noise stays visible and the cost is one
    /// pass over the points. A non-finite y breaks the line; its x is returned so it can be marked.
    @discardableResult
    mutating func plot(count: Int, x: (Int) -> Double, y: (Int) -> Double, xAxis: Axis, yAxis: Axis) -> [Double] {
        guard width > 0, height > 0 else { return [] }
        var gaps: [Double] = []
        var column = -1, first = 0, low = 0, high = 0, last = 0
        var previous: (Int, Int)? = nil
        func flush() {
            guard column >= 0 else { return }
            if let (px, py) = previous { line(x0: px, y0: py, x1: column, y1: first) }
            line(x0: column, y0: low, x1: column, y1: high)
            previous = (column, last)
            column = -1
        }
        for i in 0..<count {
            let xv = x(i)
            guard let px = xAxis.position(xv) else { continue }
            guard let py = yAxis.position(y(i)) else {
                flush(); previous = nil; gaps.append(xv); continue
            }
            let dx = Int((px * Double(width - 1)).rounded()), dy = Int(((1 - py) * Double(height - 1)).rounded())
            if dx != column {
                flush()
                column = dx; first = dy; low = dy; high = dy; last = dy
            } else {
                low = min(low, dy); high = max(high, dy); last = dy
            }
        }
        flush()
        return gaps
    }

    /// Writes the cells that have dots with their top-left at (x, y).
    func draw(into buffer: inout Buffer, x: Int, y: Int, style: Style) {
        braille?.draw(into: &buffer, x: x, y: y, style: style)
        half?.draw(into: &buffer, x: x, y: y)
        if let bits = ascii {
            for r in 0..<rows { for k in 0..<columns where bits[r * columns + k] { buffer[x + k, y + r] = Cell(asciiGlyph, style: style) } }
        }
    }
}
