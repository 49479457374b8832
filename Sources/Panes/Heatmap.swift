import TermGrid

/// A reusable heatmap: a matrix drawn into a rectangle, with optional row and column labels,
/// a cursor whose exact value is printed on a footer line, a highlighted row, scrolling when
/// the matrix is larger than the area, and block downsampling when asked to fit.
///
/// Pixels are half blocks (two matrix rows per terminal row) when the terminal has colour and
/// block glyphs; full cells on ASCII terminals; density-ramp glyphs on mono terminals.
public struct Heatmap {
    /// What to print beside the rows or under the columns.
    public enum Labels: Sendable {
        case none
        /// Matrix indices, thinned so they never collide.
        case indices
        /// One string per row/column (tokens); columns show each token's first character.
        case tokens([String])

        var isNone: Bool { if case .none = self { return true } else { return false } }
    }

    /// What was drawn where, so a caller can page by what is visible.
    public struct Viewport: Hashable, Sendable {
        /// The top-left matrix entry drawn.
        public var origin: MatrixIndex
        /// Matrix rows and columns visible.
        public var rows: Int, columns: Int
        /// Matrix rows/columns folded into one pixel (1 unless fitting).
        public var rowBlock: Int, columnBlock: Int
        /// The rectangle holding the pixels.
        public var grid: Rect
        /// Matrix rows per terminal row (2 with half blocks) and terminal columns per matrix column.
        public var pixelRows: Int, cellWidth: Int
    }

    public var data: HeatmapData
    public var scale: ColorScale
    public var rowLabels: Labels = .none
    public var columnLabels: Labels = .none
    /// The inspected entry: printed on the footer line, and drawn when `showCursor`.
    public var cursor: MatrixIndex?
    public var showCursor = true
    /// A row drawn underlined and marked with ▶ (attention's current decoding step).
    public var highlightRow: Int?
    /// Requested top-left entry; it is clamped, then moved just enough to show the cursor.
    public var scroll = MatrixIndex()
    /// Shrink rows/columns by blocks until they fit instead of scrolling.
    public var fitRows = false, fitColumns = false
    /// Allow two matrix rows per terminal row when the rows do not fit one per line (turn off
    /// when every row needs its own label).
    public var halfBlock = true
    /// Widest a matrix column may be drawn when there is room (wider cells read as squares).
    public var maxCellWidth = 1
    /// The footer text for the cursor's entry and its exact value; no footer when nil.
    public var footer: ((MatrixIndex, Float) -> String)?

    public init(data: HeatmapData, scale: ColorScale) {
        self.data = data; self.scale = scale
    }

    /// Draws into `area`, never outside it. Returns nil when nothing was drawn.
    @discardableResult
    public func render(in area: Rect, into buffer: inout Buffer, context: PaneContext) -> Viewport? {
        let area = area.intersection(buffer.bounds)
        guard !area.isEmpty, !data.isEmpty else { return nil }
        let mono = context.capabilities.colorDepth == .mono
        let ascii = context.capabilities.glyphs == .ascii
        let cursor = self.cursor?.clamped(rows: data.rows, columns: data.columns)

        // Degrade in order: the footer and column labels need a grid of at least two rows left,
        // row labels at least half the width.
        var rest = area
        var footerRow: Int?, columnLabelRow: Int?
        if footer != nil, cursor != nil, rest.height >= 3 { footerRow = rest.maxY - 1; rest.height -= 1 }
        if !columnLabels.isNone, rest.height >= 3 { columnLabelRow = rest.maxY - 1; rest.height -= 1 }
        var labelRect: Rect?
        let labelWidth = rowLabelWidth()
        if labelWidth > 0, rest.width - labelWidth - 1 >= max(4, rest.width / 2) {
            labelRect = Rect(x: rest.x, y: rest.y, width: labelWidth, height: rest.height)
            rest = rest.inset(left: labelWidth + 1)
        }
        let grid = rest
        guard !grid.isEmpty else { return nil }
        // Half blocks double the rows shown, but only when they are needed: a matrix that fits
        // one row per line reads better with a label on every row.
        let pixelRows = halfBlock && !mono && !ascii && data.rows > grid.height ? 2 : 1

        let gridPixels = grid.height * pixelRows
        let rowBlock = fitRows && data.rows > gridPixels ? (data.rows + gridPixels - 1) / gridPixels : 1
        let columnBlock = fitColumns && data.columns > grid.width ? (data.columns + grid.width - 1) / grid.width : 1
        let shownRows = (data.rows + rowBlock - 1) / rowBlock
        let shownColumns = (data.columns + columnBlock - 1) / columnBlock
        let cellWidth = max(1, min(maxCellWidth, grid.width / max(1, shownColumns)))
        let visibleRows = min(shownRows, gridPixels), visibleColumns = min(shownColumns, grid.width / cellWidth)
        let origin = MatrixIndex(
            row: Self.origin(scroll.row, cursor.map { $0.row / rowBlock }, visible: visibleRows, total: shownRows),
            column: Self.origin(scroll.column, cursor.map { $0.column / columnBlock }, visible: visibleColumns, total: shownColumns))

        let signed = scale.isDiverging
        let underline = highlightRow.map { $0 / rowBlock - origin.row } ?? -1
        let cursorPixel = cursor.flatMap { c -> (Int, Int)? in
            showCursor ? (c.row / rowBlock - origin.row, c.column / columnBlock - origin.column) : nil
        }
        for ty in 0..<grid.height {
            let top = ty * pixelRows
            guard top < visibleRows else { break }
            let hasBottom = pixelRows == 2 && top + 1 < visibleRows
            let underlined = underline >= top && underline < top + pixelRows
            for tx in 0..<visibleColumns {
                let r = (origin.row + top) * rowBlock, c = (origin.column + tx) * columnBlock
                let v = data.block(row: r, column: c, rows: rowBlock, columns: columnBlock, signed: signed)
                let below = hasBottom ? data.block(row: r + rowBlock, column: c, rows: rowBlock, columns: columnBlock, signed: signed) : nil
                var cell: Cell
                if let v, mono {
                    cell = Cell(scale.glyph(v))
                } else if let v, pixelRows == 1 {
                    cell = v.isFinite ? Cell(" ", style: Style(background: scale.color(v)))
                        : Cell(ColorMap.nonFiniteGlyph, style: Style(foreground: .rgb(255, 255, 255), background: ColorMap.nonFinite))
                } else if pixelRows == 2, v != nil || below != nil {
                    // A hole (ragged data) or the area's last odd row shows the terminal default.
                    let upper = v.map { scale.color($0) } ?? .terminalDefault
                    cell = Cell("▀", style: Style(foreground: upper, background: below.map { scale.color($0) } ?? .terminalDefault))
                } else {
                    cell = .blank
                }
                if let (cr, cc) = cursorPixel, cc == tx, cr >= top, cr < top + pixelRows {
                    let under = data.block(row: (origin.row + cr) * rowBlock, column: c, rows: rowBlock,
                                           columns: columnBlock, signed: signed)
                    cell = cursorCell(cell, value: under ?? 0, mono: mono)
                }
                if underlined { cell.style.attributes.formUnion([.underline, .bold]) }
                for k in 0..<cellWidth { buffer[grid.x + tx * cellWidth + k, grid.y + ty] = cell }
            }
        }
        if underline >= 0 && underline < visibleRows && labelRect != nil {
            buffer[grid.x - 1, grid.y + underline / pixelRows] = Cell(ascii ? ">" : "▶", style: PaneDrawing.headerStyle)
        }

        let viewport = Viewport(origin: MatrixIndex(row: origin.row * rowBlock, column: origin.column * columnBlock),
                                rows: min(data.rows, visibleRows * rowBlock), columns: min(data.columns, visibleColumns * columnBlock),
                                rowBlock: rowBlock, columnBlock: columnBlock, grid: grid,
                                pixelRows: pixelRows, cellWidth: cellWidth)
        let labels = HeatmapLabels(heatmap: self, viewport: viewport, pixelRows: pixelRows, cellWidth: cellWidth,
                                   cursor: showCursor ? cursor : nil, ascii: ascii)
        if let labelRect { labels.drawRowLabels(in: labelRect, into: &buffer) }
        if let columnLabelRow { labels.drawColumnLabels(row: columnLabelRow, clip: area, into: &buffer) }
        if let footerRow, let cursor, let footer {
            let text = footer(cursor, data.value(cursor.row, cursor.column))
            buffer.put(text, x: area.x, y: footerRow, style: PaneDrawing.headerStyle, clip: area)
        }
        return viewport
    }

    /// The cursor: a `+` in ink that contrasts with the entry's colour, on that colour (in a
    /// half-block cell it covers the neighbouring row's pixel, which the footer makes up for);
    /// reverse video on mono terminals.
    private func cursorCell(_ cell: Cell, value: Float, mono: Bool) -> Cell {
        if mono { return Cell(cell.glyph, style: Style(attributes: .reverse)) }
        let background = scale.color(value)
        return Cell("+", style: Style(foreground: ColorMap.ink(on: background), background: background, attributes: .bold))
    }

    /// The first shown index: `requested`, clamped to the matrix, moved to include `cursor`.
    static func origin(_ requested: Int, _ cursor: Int?, visible: Int, total: Int) -> Int {
        var o = min(max(0, requested), max(0, total - visible))
        if let c = cursor, visible > 0 {
            if c < o { o = c }
            if c >= o + visible { o = c - visible + 1 }
        }
        return o
    }

    /// Columns the row labels need (0 when there are none).
    private func rowLabelWidth() -> Int {
        switch rowLabels {
        case .none: return 0
        case .indices: return PaneDrawing.digits(data.rows - 1)
        case .tokens(let tokens): return min(8, max(1, tokens.prefix(data.rows).reduce(0) { max($0, $1.unicodeScalars.count) }))
        }
    }
}
