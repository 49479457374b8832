import TermGrid

/// Where a line plot's parts go inside an area: y tick labels and the axis line on the left,
/// the dots, optionally a right margin (for a second series' labels), x tick labels below.
/// Small areas drop the x labels first, then the y labels, and keep the dots.
struct PlotLayout {
    let area: Rect
    let plot: Rect
    /// Tick labels plus the axis line in its last column.
    let yLabels: Rect?
    let xLabelRow: Int?
    let right: Rect?
    let dotsX: Int, dotsY: Int

    init(area: Rect, yAxis: Axis, glyphs: GlyphSet, rightWidth: Int = 0) {
        self.area = area
        switch glyphs {
        case .braille: dotsX = 2; dotsY = 4
        case .halfBlock: dotsX = 1; dotsY = 2
        case .ascii: dotsX = 1; dotsY = 1
        }
        var rest = area
        var xRow: Int?
        if rest.height >= 4 { rest.height -= 1; xRow = rest.maxY }
        xLabelRow = xRow
        let ticks = yAxis.ticks(maxCount: max(1, rest.height / 2))
        let labelWidth = ticks.reduce(0) { max($0, $1.label.unicodeScalars.count) }
        if labelWidth > 0, rest.width >= labelWidth + 1 + 8 {
            yLabels = Rect(x: rest.x, y: rest.y, width: labelWidth + 1, height: rest.height)
            rest = rest.inset(left: labelWidth + 1)
        } else {
            yLabels = nil
        }
        if rightWidth > 0, rest.width >= rightWidth + 1 + 8 {
            right = Rect(x: rest.maxX - rightWidth, y: rest.y, width: rightWidth, height: rest.height)
            rest = rest.inset(right: rightWidth + 1)
        } else {
            right = nil
        }
        plot = rest
    }

    /// The terminal row of a y position (0…1), matching where the canvas puts its dot.
    func row(at position: Double) -> Int {
        let dots = plot.height * dotsY
        return plot.y + Int(((1 - position) * Double(dots - 1)).rounded()) / dotsY
    }

    /// The terminal column of an x position (0…1), matching where the canvas puts its dot.
    func column(at position: Double) -> Int {
        let dots = plot.width * dotsX
        return plot.x + Int((position * Double(dots - 1)).rounded()) / dotsX
    }

    /// Y tick labels with the axis line (`┤` at ticks), and x tick labels centred under their column.
    func drawAxes(x xAxis: Axis, y yAxis: Axis, ascii: Bool, into buffer: inout Buffer) {
        let style = PaneDrawing.labelStyle
        if let labels = yLabels, plot.height > 0 {
            let lineX = labels.maxX - 1
            for y in plot.y..<plot.maxY { buffer[lineX, y] = Cell(ascii ? "|" : "│", style: style) }
            var lastRow: Int?
            for tick in yAxis.ticks(maxCount: max(1, plot.height / 2)) {
                guard let p = yAxis.position(tick.value) else { continue }
                let r = row(at: p)
                if let last = lastRow, abs(r - last) < 2 { continue }
                lastRow = r
                buffer[lineX, r] = Cell(ascii ? "+" : "┤", style: style)
                let n = tick.label.unicodeScalars.count
                buffer.put(tick.label, x: lineX - n, y: r, style: style, clip: labels)
            }
        }
        if let row = xLabelRow, plot.width > 0 {
            var freeFrom = Int.min
            for tick in xAxis.ticks(maxCount: max(1, plot.width / 8)) {
                guard let p = xAxis.position(tick.value) else { continue }
                let n = tick.label.unicodeScalars.count
                let x = min(max(column(at: p) - n / 2, area.x), area.maxX - n)
                guard x >= freeFrom else { continue }
                buffer.put(tick.label, x: x, y: row, style: style, clip: area)
                freeFrom = x + n + 1
            }
        }
    }
}
