/// A screen's worth of cells: what every pane draws into and every writer reads from.
///
/// Drawing is clipped: writes outside the buffer (or outside the `clip` rectangle passed to
/// a call) are dropped, so a pane given a tiny area can never scribble over its neighbours.
public struct Buffer: Hashable, Sendable {
    public private(set) var width: Int
    public private(set) var height: Int
    /// Row-major cells, `width * height` of them.
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width); self.height = max(0, height)
        cells = Array(repeating: fill, count: self.width * self.height)
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { x >= 0 && x < width && y >= 0 && y < height ? cells[y * width + x] : .blank }
        set { if x >= 0 && x < width && y >= 0 && y < height { cells[y * width + x] = newValue } }
    }

    /// Resets every cell, keeping the storage.
    public mutating func clear(to cell: Cell = .blank) {
        for i in cells.indices { cells[i] = cell }
    }

    /// Changes the size; the contents are cleared.
    public mutating func resize(width w: Int, height h: Int) {
        width = max(0, w); height = max(0, h)
        cells = Array(repeating: .blank, count: width * height)
    }

    /// Fills `rect` with `cell`.
    public mutating func fill(_ rect: Rect, with cell: Cell) {
        let r = rect.intersection(bounds)
        guard !r.isEmpty else { return }
        for y in r.y..<r.maxY { for x in r.x..<r.maxX { cells[y * width + x] = cell } }
    }

    /// Sets the style of every cell in `rect`, keeping glyphs.
    public mutating func setStyle(_ rect: Rect, _ style: Style) {
        let r = rect.intersection(bounds)
        guard !r.isEmpty else { return }
        for y in r.y..<r.maxY { for x in r.x..<r.maxX { cells[y * width + x].style = style } }
    }

    /// Writes `text` from (x, y) along the row, clipped to `clip` (default: the whole buffer).
    /// Characters outside one column (combining marks, wide CJK) are replaced by `?` so the
    /// grid stays aligned. Returns the column after the last character written.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain, clip: Rect? = nil) -> Int {
        let box = (clip ?? bounds).intersection(bounds)
        var column = x
        guard y >= box.y && y < box.maxY else { return x + text.unicodeScalars.count }
        for scalar in text.unicodeScalars {
            if column >= box.maxX { break }
            if column >= box.x {
                cells[y * width + column] = Cell(Self.singleWidth(scalar), style: style)
            }
            column += 1
        }
        return column
    }

    /// The rows as plain text, trailing spaces kept: what tests compare against snapshots.
    public var lines: [String] {
        (0..<height).map { y in
            var s = String.UnicodeScalarView()
            for x in 0..<width { s.append(cells[y * width + x].glyph) }
            return String(s)
        }
    }

    static func singleWidth(_ s: Unicode.Scalar) -> Unicode.Scalar {
        let v = s.value
        if v < 0x20 || v == 0x7F { return "?" }
        // Combining marks and the common wide blocks (CJK, Hangul, fullwidth, emoji).
        if (0x0300...0x036F).contains(v) || (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
            || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || v >= 0x1F000 {
            return "?"
        }
        return s
    }
}
