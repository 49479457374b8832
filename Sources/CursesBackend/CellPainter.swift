import CNcursesw
import TermGrid

/// Where `CellPainter` sends its output: ncurses for the live screen, a recorder in tests.
/// ncurses attribute bits (A_BOLD...), named so tests need not import the C module.
typealias AttributeBits = attr_t

protocol CellSink {
    /// Blank the whole screen and force the terminal to be rewritten on the next refresh.
    mutating func clearAll()
    mutating func definePair(_ pair: Int32, foreground: Int32, background: Int32)
    mutating func put(x: Int, y: Int, glyph: Unicode.Scalar, attributes: AttributeBits, pair: Int32)
}

/// Writes a Buffer to a screen, sending only the cells that differ from the last one painted.
///
/// The cells to write come from TermGrid's `Buffer.changes(since:)` (the diff the ANSI writer
/// and the asciicast recorder use too). The painter keeps the previous buffer and the colour
/// pair each screen cell shows, so colour pairs are allocated on demand and recycled only when
/// no cell on screen uses them.
struct CellPainter {
    private var previous: Buffer?
    private var pairOnScreen: [Int32] = []
    private var pairs: ColorPairCache
    private(set) var palette: Palette
    private let pairCapacity: Int
    private let utf8: Bool
    private var repaintPending = true
    /// Cells written by the last `paint` (tests and benchmarks read it).
    private(set) var lastWriteCount = 0

    init(palette: Palette, pairCapacity: Int, utf8: Bool) {
        self.palette = palette
        self.pairCapacity = pairCapacity
        self.utf8 = utf8
        pairs = ColorPairCache(capacity: palette == .none ? 1 : pairCapacity, palette: palette)
    }

    /// The next paint rewrites every cell (after a resize, a resume, a palette change).
    mutating func invalidate() { repaintPending = true }

    /// Switches colours; existing pairs are forgotten and the screen repainted.
    mutating func setPalette(_ newPalette: Palette) {
        guard newPalette != palette else { return }
        palette = newPalette
        pairs = ColorPairCache(capacity: newPalette == .none ? 1 : pairCapacity, palette: newPalette)
        invalidate()
    }

    /// Paints `buffer` on a screen of `width`×`height` cells (cells outside it are dropped).
    mutating func paint<Sink: CellSink>(_ buffer: Buffer, width: Int, height: Int, into sink: inout Sink) {
        let columns = max(0, min(buffer.width, width)), rows = max(0, min(buffer.height, height))
        var pen = Pen()
        if let previous, !repaintPending, previous.width == buffer.width, previous.height == buffer.height {
            for run in buffer.changes(since: previous) where run.y < rows && run.x < columns {
                write(run.cells.prefix(columns - run.x), x: run.x, y: run.y, rowWidth: buffer.width, pen: &pen, into: &sink)
            }
        } else {
            sink.clearAll()
            pairs.releaseAll()
            pairOnScreen = Array(repeating: 0, count: buffer.width * buffer.height)
            repaintPending = false
            for y in 0..<rows {
                let row = y * buffer.width
                write(buffer.cells[row ..< row + columns], x: 0, y: y, rowWidth: buffer.width, pen: &pen, into: &sink)
            }
        }
        previous = buffer
        lastWriteCount = pen.writes
    }

    /// The style last turned into ncurses attributes and a pair: consecutive cells of one
    /// style (most of a frame) skip the folding and the pair lookup.
    private struct Pen {
        var style: Style?, attributes: AttributeBits = 0, pair: Int32 = 0, writes = 0
    }

    /// Writes consecutive cells of one row from column `x`.
    private mutating func write<Sink: CellSink>(_ cells: ArraySlice<Cell>, x: Int, y: Int, rowWidth: Int,
                                                pen: inout Pen, into sink: inout Sink) {
        var column = x, index = y * rowWidth + x
        for cell in cells {
            let style = cell.style
            if style != pen.style {
                pen.style = style
                pen.attributes = Self.attributes(style.attributes)
                pen.pair = pair(for: style, sink: &sink)
            }
            pairs.release(pairOnScreen[index])
            pairs.retain(pen.pair)
            pairOnScreen[index] = pen.pair
            sink.put(x: column, y: y, glyph: shownGlyph(cell.glyph), attributes: pen.attributes, pair: pen.pair)
            column += 1; index += 1
        }
        pen.writes += cells.count
    }

    private mutating func pair<Sink: CellSink>(for style: Style, sink: inout Sink) -> Int32 {
        let fg = palette.number(for: style.foreground)
        let bg = palette.number(for: style.background)
        return pairs.pair(foreground: fg, background: bg) { p, f, b in
            sink.definePair(p, foreground: f, background: b)
        }
    }

    /// Without a UTF-8 locale ncurses cannot show anything beyond ASCII.
    private func shownGlyph(_ glyph: Unicode.Scalar) -> Unicode.Scalar {
        utf8 || glyph.isASCII ? glyph : "?"
    }

    static let bold = rnn_attr_bold(), dim = rnn_attr_dim(), italic = rnn_attr_italic()
    static let underline = rnn_attr_underline(), reverse = rnn_attr_reverse()

    /// TermGrid attributes as ncurses attribute bits.
    static func attributes(_ a: Attributes) -> attr_t {
        if a.isEmpty { return 0 }
        var bits: attr_t = 0
        if a.contains(.bold) { bits |= bold }
        if a.contains(.dim) { bits |= dim }
        if a.contains(.italic) { bits |= italic }
        if a.contains(.underline) { bits |= underline }
        if a.contains(.reverse) { bits |= reverse }
        return bits
    }
}
