import TermGrid

/// Turns what text means (`TextMarks`) into how it looks, for one terminal.
///
/// Meaning is carried by attributes as well as colour, so headings, emphasis and code stay
/// distinct on a monochrome terminal where the writers drop colours.
public struct TextTheme: Sendable {
    public var capabilities: Capabilities

    public init(capabilities: Capabilities) { self.capabilities = capabilities }

    static let headingColor = Color.rgb(120, 200, 255)
    static let codeColor = Color.rgb(230, 190, 120)
    static let codeBackground = Color.rgb(38, 38, 44)
    static let decorationColor = Color.rgb(110, 110, 120)
    static let quoteColor = Color.rgb(170, 170, 180)
    static let linkColor = Color.rgb(130, 170, 255)

    /// The style of a glyph with these marks.
    public func style(for marks: TextMarks) -> Style {
        if marks.isEmpty { return .plain }
        var s = Style.plain
        if marks.contains(.decoration) { s.foreground = Self.decorationColor }
        if marks.contains(.quote) { s.foreground = Self.quoteColor; s.attributes.insert(.italic) }
        if marks.contains(.emphasis) { s.attributes.insert(.italic) }
        if marks.contains(.strong) || marks.contains(.tableHeader) { s.attributes.insert(.bold) }
        if marks.contains(.link) { s.foreground = Self.linkColor; s.attributes.insert(.underline) }
        if marks.contains(.code) || marks.contains(.codeBlock) {
            s.foreground = Self.codeColor
            s.background = Self.codeBackground
            // Without colour, inline code would look like prose; an underline tells it apart.
            if capabilities.colorDepth == .mono && marks.contains(.code) { s.attributes.insert(.underline) }
        }
        if marks.contains(.heading1) {
            s.foreground = Self.headingColor; s.attributes.formUnion([.bold, .underline])
        } else if marks.contains(.heading2) {
            s.foreground = Self.headingColor; s.attributes.insert(.bold)
        } else if marks.contains(.heading3) {
            s.attributes.formUnion([.bold, .italic])
        }
        return s
    }
}

/// Small geometry helpers for bars and overlays.
public enum TextBoxes {
    /// A `width`×`height` rectangle centred in `area`, shrunk to fit it.
    public static func centered(width: Int, height: Int, in area: Rect) -> Rect {
        let w = min(max(0, width), area.width), h = min(max(0, height), area.height)
        return Rect(x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h)
    }

    /// Clears `rect` and frames it as a focused pane titled `title`; returns the inside.
    /// Overlays use it so nothing of the panes beneath shows through their box.
    @discardableResult
    public static func overlay(title: String, in rect: Rect, into buffer: inout Buffer,
                               context: PaneContext) -> Rect {
        buffer.fill(rect, with: .blank)
        var focused = context
        focused.focused = true
        return PaneChrome.draw(title: title, in: rect, into: &buffer, context: focused)
    }
}
