/// A pixel grid of one column by two rows per cell: each cell shows its top pixel as the
/// foreground of "▀" and its bottom pixel as the background. Heatmaps use it to get square-ish
/// pixels at twice the vertical resolution.
public struct HalfBlockCanvas: Sendable {
    public let columns: Int, rows: Int
    private var pixels: [Color?]

    public init(columns: Int, rows: Int) {
        self.columns = max(0, columns); self.rows = max(0, rows)
        pixels = Array(repeating: nil, count: self.columns * self.rows * 2)
    }

    public var pixelHeight: Int { rows * 2 }

    public subscript(x: Int, y: Int) -> Color? {
        get { x >= 0 && y >= 0 && x < columns && y < pixelHeight ? pixels[y * columns + x] : nil }
        set { if x >= 0 && y >= 0 && x < columns && y < pixelHeight { pixels[y * columns + x] = newValue } }
    }

    /// Writes every cell with at least one pixel set; an unset half shows the terminal default.
    public func draw(into buffer: inout Buffer, x: Int, y: Int) {
        for r in 0..<rows {
            for c in 0..<columns {
                let top = pixels[(2 * r) * columns + c], bottom = pixels[(2 * r + 1) * columns + c]
                guard top != nil || bottom != nil else { continue }
                if let top {
                    buffer[x + c, y + r] = Cell("▀", style: Style(foreground: top, background: bottom ?? .terminalDefault))
                } else {
                    buffer[x + c, y + r] = Cell("▄", style: Style(foreground: bottom!, background: .terminalDefault))
                }
            }
        }
    }
}
