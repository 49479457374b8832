import TermGrid

/// The frame around a pane: a rounded border with the title set into its top edge. A focused
/// pane's frame is bright and bold; the others are dim, so the eye finds focus at a glance.
public enum PaneChrome {
    /// Draws the frame into `area` and returns the inner rectangle the pane's content gets.
    /// Areas too small for a border (under 3×3) get no frame and keep the whole area.
    @discardableResult
    public static func draw(title: String, in area: Rect, into buffer: inout Buffer,
                            context: PaneContext) -> Rect {
        guard area.width >= 3 && area.height >= 3 else { return area }
        let ascii = context.capabilities.glyphs == .ascii
        let (tl, tr, bl, br, h, v): (Unicode.Scalar, Unicode.Scalar, Unicode.Scalar, Unicode.Scalar, Unicode.Scalar, Unicode.Scalar) =
            ascii ? ("+", "+", "+", "+", "-", "|") : ("╭", "╮", "╰", "╯", "─", "│")
        let style = context.focused
            ? Style(foreground: .brightCyan, attributes: .bold)
            : Style(foreground: .gray)
        for x in area.x + 1..<area.maxX - 1 {
            buffer[x, area.y] = Cell(h, style: style)
            buffer[x, area.maxY - 1] = Cell(h, style: style)
        }
        for y in area.y + 1..<area.maxY - 1 {
            buffer[area.x, y] = Cell(v, style: style)
            buffer[area.maxX - 1, y] = Cell(v, style: style)
        }
        buffer[area.x, area.y] = Cell(tl, style: style)
        buffer[area.maxX - 1, area.y] = Cell(tr, style: style)
        buffer[area.x, area.maxY - 1] = Cell(bl, style: style)
        buffer[area.maxX - 1, area.maxY - 1] = Cell(br, style: style)
        if !title.isEmpty && area.width > 6 {
            let titleStyle = context.focused ? style : Style(foreground: .white, attributes: .bold)
            let clip = Rect(x: area.x + 1, y: area.y, width: area.width - 2, height: 1)
            buffer.put(" \(title) ", x: area.x + 2, y: area.y, style: titleStyle, clip: clip)
        }
        return area.inset(by: 1)
    }
}
