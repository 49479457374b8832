import TermGrid

/// One-row colour bar with its end values: `-0.83 ▒▒▒▒0▒▒▒▒ 0.83`.
///
/// Diverging bars carry a `0` in their middle cell so the neutral point is named, not guessed.
/// On mono terminals the bar is the density ramp itself, so the legend also teaches the ramp.
public enum Legend {
    /// The end labels of `scale`.
    public static func labels(for scale: ColorScale) -> (low: String, high: String) {
        switch scale {
        case .diverging(let limit):
            let l = limit > 0 && limit.isFinite ? Double(limit) : 1
            return (NumberFormat.compact(-l, digits: 2), NumberFormat.compact(l, digits: 2))
        case .sequential(let low, let high):
            return (NumberFormat.compact(Double(low), digits: 2), NumberFormat.compact(Double(high), digits: 2))
        case .logarithmic(let lo, let hi):
            return (Axis.decadeLabel(Int(lo.rounded(.down))), Axis.decadeLabel(Int(hi.rounded(.up))))
        }
    }

    /// The width the legend takes with a bar of `barWidth` cells.
    public static func width(for scale: ColorScale, barWidth: Int = 13) -> Int {
        let (lo, hi) = labels(for: scale)
        return lo.unicodeScalars.count + hi.unicodeScalars.count + 2 + barWidth
    }

    /// Draws the legend on row `y` from column `x`, using at most `maxWidth` columns (the bar
    /// shrinks first, then the labels go). Returns the columns used.
    @discardableResult
    public static func draw(_ scale: ColorScale, x: Int, y: Int, maxWidth: Int, barWidth: Int = 13,
                            into buffer: inout Buffer, context: PaneContext) -> Int {
        guard maxWidth >= 3 else { return 0 }
        let clip = Rect(x: x, y: y, width: maxWidth, height: 1)
        let (lo, hi) = labels(for: scale)
        let labelWidth = lo.unicodeScalars.count + hi.unicodeScalars.count + 2
        let withLabels = maxWidth - labelWidth >= 3
        var bar = min(barWidth, withLabels ? maxWidth - labelWidth : maxWidth)
        // An odd diverging bar has a middle cell to carry the 0.
        if scale.isDiverging && bar % 2 == 0 { bar -= 1 }
        var column = x
        if withLabels {
            column = buffer.put(lo, x: column, y: y, style: PaneDrawing.labelStyle, clip: clip) + 1
        }
        drawBar(scale, x: column, y: y, width: bar, into: &buffer, context: context)
        column += bar
        if withLabels {
            column = buffer.put(hi, x: column + 1, y: y, style: PaneDrawing.labelStyle, clip: clip)
        }
        return column - x
    }

    /// The bar alone: `width` cells sampling the scale from its low end to its high end.
    public static func drawBar(_ scale: ColorScale, x: Int, y: Int, width: Int,
                               into buffer: inout Buffer, context: PaneContext) {
        guard width > 0 else { return }
        let mono = context.capabilities.colorDepth == .mono
        let diverging = scale.isDiverging
        for i in 0..<width {
            // Sample the middle of each cell so both ends and (for odd widths) 0 are hit exactly.
            let f = width == 1 ? Float(0.5) : Float(i) / Float(width - 1)
            let p = diverging ? 2 * f - 1 : f
            let centre = diverging && width % 2 == 1 && i == width / 2
            if mono {
                let g = diverging ? ColorMap.signedDensity(position: p) : ColorMap.density(position: p)
                buffer[x + i, y] = Cell(centre ? "0" : g)
            } else {
                let c = diverging ? ColorMap.diverging(position: p) : ColorMap.sequential(position: p)
                buffer[x + i, y] = Cell(centre ? "0" : " ", style: Style(foreground: ColorMap.ink(on: c), background: c))
            }
        }
    }
}
