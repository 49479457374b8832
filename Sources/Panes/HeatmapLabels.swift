import TermGrid

/// Row and column labels of one drawn heatmap, positioned from its viewport.
struct HeatmapLabels {
    let heatmap: Heatmap
    let viewport: Heatmap.Viewport
    let pixelRows: Int
    let cellWidth: Int
    /// The cursor when it is shown: its labels are drawn in reverse video.
    let cursor: MatrixIndex?
    let ascii: Bool

    private var cursorStyle: Style { PaneDrawing.headerStyle.adding(.reverse) }

    /// Right-aligned labels: every terminal row for tokens; every other row for indices (their
    /// numbers would otherwise touch), plus the cursor's row.
    func drawRowLabels(in rect: Rect, into buffer: inout Buffer) {
        let perRow = pixelRows * viewport.rowBlock
        let cursorLine = cursor.map { ($0.row - viewport.origin.row) / perRow }
        for ty in 0..<rect.height {
            let index = viewport.origin.row + ty * perRow
            guard index < viewport.origin.row + viewport.rows else { break }
            let isCursor = cursorLine == ty
            let style = isCursor ? cursorStyle : PaneDrawing.labelStyle
            switch heatmap.rowLabels {
            case .none: return
            case .indices:
                // The cursor's row names the cursor's own entry (in half blocks it may be the lower one).
                guard ty % 2 == 0 || isCursor else { continue }
                PaneDrawing.putInt(isCursor ? (cursor?.row ?? index) : index, rightEdge: rect.maxX, y: rect.y + ty, style: style,
                                   clip: rect, into: &buffer)
            case .tokens(let tokens):
                guard index < tokens.count else { continue }
                let n = min(rect.width, tokens[index].unicodeScalars.count)
                PaneDrawing.putToken(tokens[index], x: rect.maxX - n, y: rect.y + ty, width: n, style: style,
                                     ascii: ascii, clip: rect, into: &buffer)
            }
        }
    }

    /// Tokens: each column's token (first characters, as many as the cell is wide less a gap).
    /// Indices: multiples of a 1-2-5 step wide enough that numbers never collide.
    func drawColumnLabels(row y: Int, clip: Rect, into buffer: inout Buffer) {
        let grid = viewport.grid
        let block = viewport.columnBlock
        let shown = (viewport.columns + block - 1) / block
        let cursorColumn = cursor.map { ($0.column - viewport.origin.column) / block }
        switch heatmap.columnLabels {
        case .none: return
        case .tokens(let tokens):
            for tx in 0..<shown {
                let index = viewport.origin.column + tx * block
                guard index < tokens.count else { break }
                let style = cursorColumn == tx ? cursorStyle : PaneDrawing.labelStyle
                let width = cellWidth >= 3 ? cellWidth - 1 : cellWidth
                if width == 1 {
                    buffer[grid.x + tx * cellWidth, y] = Cell(PaneDrawing.tokenGlyph(tokens[index], ascii: ascii), style: style)
                } else {
                    PaneDrawing.putToken(tokens[index], x: grid.x + tx * cellWidth, y: y, width: width, style: style,
                                         ascii: ascii, clip: clip, into: &buffer)
                }
            }
        case .indices:
            let last = viewport.origin.column + viewport.columns - 1
            let needed = PaneDrawing.digits(last) + 1
            let step = Self.niceStep(atLeast: block * ((needed + cellWidth - 1) / cellWidth))
            var freeFrom = Int.min
            for tx in 0..<shown {
                let index = viewport.origin.column + tx * block
                let x = grid.x + tx * cellWidth
                // The first multiple of the step inside this pixel's block, if any.
                let label = (index + step - 1) / step * step
                guard label < index + block, x >= freeFrom else { continue }
                let d = PaneDrawing.digits(label)
                guard x + d <= clip.maxX else { break }
                PaneDrawing.putInt(label, rightEdge: x + d, y: y, style: PaneDrawing.labelStyle, clip: clip, into: &buffer)
                freeFrom = x + d + 1
            }
        }
    }

    /// The smallest of 1, 2, 5, 10, 20, 50, … that is ≥ `n`.
    static func niceStep(atLeast n: Int) -> Int {
        var base = 1
        while true {
            for m in [1, 2, 5] where base * m >= n { return base * m }
            base *= 10
        }
    }
}
