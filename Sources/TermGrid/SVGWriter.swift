/// A buffer as a standalone SVG picture of a dark terminal, for docs and slides.
///
/// Each cell is 0.6em wide and `lineHeight` em tall. Backgrounds are drawn as one rectangle
/// per run of equal colour, text as one `<text>` per run of equal style, stretched with
/// `textLength` to exactly its cells so a font with other advances cannot break the grid.
/// Half and full blocks (the heatmaps' pixels) become rectangles, which no font can misalign.
public enum SVGWriter {
    /// The terminal default colours the picture assumes.
    public static let defaultForeground: (UInt8, UInt8, UInt8) = (0xD0, 0xD0, 0xD0)
    public static let defaultBackground: (UInt8, UInt8, UInt8) = (0x1C, 0x1C, 0x1C)

    /// - Parameters:
    ///   - depth: colours are folded to this depth first, so the picture shows what such a
    ///     terminal would (indexed colours use xterm's default palette).
    ///   - fontSize: in pixels.
    ///   - lineHeight: row height in em.
    ///   - title: the SVG's `<title>`, for accessibility; none when nil.
    public static func render(_ buffer: Buffer, depth: ColorDepth = .truecolor, fontSize: Double = 14,
                              lineHeight: Double = 1.2, title: String? = nil) -> String {
        let cellWidth = 0.6 * fontSize, rowHeight = lineHeight * fontSize
        let width = Double(buffer.width) * cellWidth, height = Double(buffer.height) * rowHeight
        var out = OutputBytes()
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        out.append(string: "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(n(width))\" height=\"\(n(height))\" ")
        out.append(string: "viewBox=\"0 0 \(n(width)) \(n(height))\" font-size=\"\(n(fontSize))\" ")
        out.append("font-family=\"'DejaVu Sans Mono', Menlo, Consolas, monospace\">\n")
        if let title { out.append("<title>"); appendEscaped(title, to: &out); out.append("</title>\n") }
        out.append(string: "<rect width=\"100%\" height=\"100%\" fill=\"\(hex(rgb24(defaultBackground)))\"/>\n")

        var sgr = SGRState(depth: depth)
        let styles = buffer.cells.map { sgr.fold($0) }
        let blocks = buffer.cells.map { blockShape($0.glyph) }
        func rect(_ x0: Int, _ x1: Int, _ y: Int, top: Double, height: Double, fill: UInt32) {
            out.append(string: "<rect x=\"\(n(Double(x0) * cellWidth))\" y=\"\(n((Double(y) + top) * rowHeight))\" ")
            out.append(string: "width=\"\(n(Double(x1 - x0) * cellWidth))\" height=\"\(n(height * rowHeight))\" fill=\"\(hex(fill))\"/>\n")
        }
        out.append("<g shape-rendering=\"crispEdges\">\n")
        forEachRun(buffer, same: { paint(styles[$0]).background == paint(styles[$1]).background }) { y, x0, x1 in
            let bg = paint(styles[y * buffer.width + x0]).background
            if bg != rgb24(defaultBackground) { rect(x0, x1, y, top: 0, height: 1, fill: bg) }
        }
        // Half and full blocks (heatmap pixels) as rectangles: exact, with no gaps between rows.
        forEachRun(buffer, same: { blocks[$0] == blocks[$1] && paint(styles[$0]).foreground == paint(styles[$1]).foreground }) { y, x0, x1 in
            let i = y * buffer.width + x0
            if let shape = blocks[i] { rect(x0, x1, y, top: shape.top, height: shape.height, fill: paint(styles[i]).foreground) }
        }
        out.append("</g>\n<g xml:space=\"preserve\">\n")
        // Baseline a little below the middle of the row, where a monospace font's x-height centres.
        let baseline = 0.5 * rowHeight + 0.35 * fontSize
        forEachRun(buffer, same: { (blocks[$0] == nil) == (blocks[$1] == nil) && sameText(styles[$0], styles[$1]) }) { y, start, end in
            let row = y * buffer.width
            guard blocks[row + start] == nil else { return }
            let style = styles[row + start]
            let attributes = Attributes(rawValue: style.attributes)
            // Spaces at either end show only the background (already drawn), unless underlined.
            var x0 = start, x1 = end
            if !attributes.contains(.underline) {
                while x0 < x1 && buffer.cells[row + x0].glyph == " " { x0 += 1 }
                while x1 > x0 && buffer.cells[row + x1 - 1].glyph == " " { x1 -= 1 }
                guard x0 < x1 else { return }
            }
            out.append(string: "<text x=\"\(n(Double(x0) * cellWidth))\" y=\"\(n(Double(y) * rowHeight + baseline))\" ")
            out.append(string: "textLength=\"\(n(Double(x1 - x0) * cellWidth))\" lengthAdjust=\"spacingAndGlyphs\" ")
            out.append(string: "fill=\"\(hex(paint(style).foreground))\"")
            if attributes.contains(.bold) { out.append(" font-weight=\"bold\"") }
            if attributes.contains(.italic) { out.append(" font-style=\"italic\"") }
            if attributes.contains(.underline) { out.append(" text-decoration=\"underline\"") }
            if attributes.contains(.dim) { out.append(" fill-opacity=\"0.6\"") }
            out.append(">")
            for x in x0..<x1 { appendEscaped(buffer.cells[row + x].glyph, to: &out) }
            out.append("</text>\n")
        }
        out.append("</g>\n</svg>\n")
        return out.string
    }

    /// The part of the cell a block glyph fills, as fractions of the row from its top.
    struct BlockShape: Equatable { var top: Double, height: Double }

    private static func blockShape(_ glyph: Unicode.Scalar) -> BlockShape? {
        switch glyph {
        case "▀": return BlockShape(top: 0, height: 0.5)
        case "▄": return BlockShape(top: 0.5, height: 0.5)
        case "█": return BlockShape(top: 0, height: 1)
        default: return nil
        }
    }

    /// Calls `body(y, x0, x1)` for each maximal run of cells in a row where `same(i, j)` holds
    /// between the run's first cell index and each later one.
    private static func forEachRun(_ buffer: Buffer, same: (Int, Int) -> Bool, _ body: (Int, Int, Int) -> Void) {
        for y in 0..<buffer.height {
            let row = y * buffer.width
            var x0 = 0
            while x0 < buffer.width {
                var x1 = x0 + 1
                while x1 < buffer.width && same(row + x0, row + x1) { x1 += 1 }
                body(y, x0, x1)
                x0 = x1
            }
        }
    }

    /// The colours a cell is painted with, reverse video applied, as 0xRRGGBB.
    private static func paint(_ style: FoldedStyle) -> (foreground: UInt32, background: UInt32) {
        let fg = rgb24(Color(packed: style.foreground).rgbValue ?? defaultForeground)
        let bg = rgb24(Color(packed: style.background).rgbValue ?? defaultBackground)
        return Attributes(rawValue: style.attributes).contains(.reverse) ? (bg, fg) : (fg, bg)
    }

    /// Two cells can share a `<text>` when they have the same ink and attributes.
    private static func sameText(_ a: FoldedStyle, _ b: FoldedStyle) -> Bool {
        let reverse = Attributes.reverse.rawValue
        return paint(a).foreground == paint(b).foreground && a.attributes & ~reverse == b.attributes & ~reverse
    }

    private static func rgb24(_ c: (UInt8, UInt8, UInt8)) -> UInt32 { UInt32(c.0) << 16 | UInt32(c.1) << 8 | UInt32(c.2) }

    private static func hex(_ rgb: UInt32) -> String {
        let digits = Array("0123456789abcdef".unicodeScalars)
        var s = String.UnicodeScalarView(["#"])
        for shift in stride(from: 20, through: 0, by: -4) { s.append(digits[Int(rgb >> UInt32(shift) & 15)]) }
        return String(s)
    }

    /// A coordinate with at most two decimals.
    private static func n(_ v: Double) -> String { NumberFormat.fixed(v, decimals: 2) }

    private static func appendEscaped(_ text: String, to out: inout OutputBytes) {
        for scalar in text.unicodeScalars { appendEscaped(scalar, to: &out) }
    }

    /// XML's five special characters as entities; characters XML 1.0 forbids become `?`.
    private static func appendEscaped(_ scalar: Unicode.Scalar, to out: inout OutputBytes) {
        switch scalar {
        case "&": out.append("&amp;")
        case "<": out.append("&lt;")
        case ">": out.append("&gt;")
        case "\"": out.append("&quot;")
        case "'": out.append("&apos;")
        case "\u{FFFE}", "\u{FFFF}": out.append("?")
        default: out.append(glyph: scalar)
        }
    }
}
