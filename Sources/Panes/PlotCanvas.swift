import TermGrid

/// A dot canvas for line plots at the best resolution the glyphs allow: braille (2×4 dots per
/// cell), half blocks (1×2) or ASCII marks (1×1). Plots draw in dots and never ask which it is.
///
/// It keeps its own dot bits (one byte per cell, whatever the mode) rather than wrapping
/// TermGrid's canvases: a 10 000-point loss curve sets tens of thousands of dots a frame, and
/// a plain shift per dot keeps that well inside the frame budget.
struct PlotCanvas {
    private enum Mode { case braille, half, ascii }
    private let mode: Mode
    private var bits: [UInt8]
    let columns: Int, rows: Int
    /// Dots per cell across and down.
    let dotsX: Int, dotsY: Int
    private let color: Color
    private let asciiGlyph: Unicode.Scalar

    /// `asciiGlyph` marks dots on ASCII terminals, where it is all that tells two series apart.
    init(columns: Int, rows: Int, glyphs: GlyphSet, color: Color, asciiGlyph: Unicode.Scalar = "*") {
        self.columns = max(0, columns); self.rows = max(0, rows); self.color = color; self.asciiGlyph = asciiGlyph
        bits = Array(repeating: 0, count: self.columns * self.rows)
        switch glyphs {
        case .braille: mode = .braille; dotsX = 2; dotsY = 4
        case .halfBlock: mode = .half; dotsX = 1; dotsY = 2
        case .ascii: mode = .ascii; dotsX = 1; dotsY = 1
        }
    }

    var width: Int { columns * dotsX }
    var height: Int { rows * dotsY }

    @inline(__always)
    mutating func set(x: Int, y: Int) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let bit: UInt8
        switch mode {
        case .braille: bit = LineRaster.brailleBit(x: x, y: y)
        case .half: bit = UInt8(1) << (y & 1)
        case .ascii: bit = 1
        }
        bits[(y / dotsY) * columns + x / dotsX] |= bit
    }

    /// A straight line between two dots, both ends included.
    mutating func line(x0: Int, y0: Int, x1: Int, y1: Int) {
        LineRaster.forEachPoint(x0: x0, y0: y0, x1: x1, y1: y1) { set(x: $0, y: $1) }
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
            // Positions are in 0…1, so adding 0.5 and truncating rounds (and skips a libm call).
            let dx = Int(px * Double(width - 1) + 0.5), dy = Int((1 - py) * Double(height - 1) + 0.5)
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
        let colored = style.foreground(color)
        for r in 0..<rows {
            for c in 0..<columns {
                let b = bits[r * columns + c]
                guard b != 0 else { continue }
                let glyph: Unicode.Scalar
                switch mode {
                case .braille: glyph = Unicode.Scalar(0x2800 + UInt32(b))!
                case .half: glyph = b == 3 ? "█" : b == 1 ? "▀" : "▄"
                case .ascii: glyph = asciiGlyph
                }
                buffer[x + c, y + r] = Cell(glyph, style: colored)
            }
        }
    }
}
