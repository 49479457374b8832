import TermGrid

/// Pane 7: the linked interview answer, a title over its Markdown, word-wrapped and scrollable.
///
/// Laying Markdown out is far costlier than drawing it, so the caller keeps a `LayoutCache`:
/// the text is parsed once and laid out again only when the width (or the text) changes;
/// every other frame is a copy of ready-made lines.
public enum AnswerPane {
    public struct ViewState: Hashable, Sendable {
        /// The first line shown. Render clamps it; use `maxScroll` to clamp it in the state.
        public var scroll: Int
        public init(scroll: Int = 0) { self.scroll = scroll }
    }

    /// An answer laid out at one width.
    public struct Layout: Sendable {
        public let width: Int
        public let lines: [TextLine]
        public var lineCount: Int { lines.count }

        public init(title: String, blocks: [MarkdownBlock], width: Int, ascii: Bool) {
            self.width = width
            var doc: [MarkdownBlock] = []
            if !title.isEmpty { doc.append(.heading(level: 1, MarkdownInline.parse(title))) }
            doc.append(contentsOf: blocks)
            lines = MarkdownLayout.lines(doc, width: width, ascii: ascii)
        }
    }

    /// Keeps the parsed answer and its layout for the last width asked for.
    public struct LayoutCache: Sendable {
        private var title = "", markdown = ""
        private var blocks: [MarkdownBlock]?
        private var ascii = false
        public private(set) var layout: Layout?
        /// How many times the text was laid out (tests check that frames reuse the layout).
        public private(set) var layoutCount = 0

        public init() {}

        /// The layout of this answer at `width`, recomputed only when something changed.
        public mutating func layout(title: String, markdown: String, width: Int, ascii: Bool) -> Layout {
            if blocks == nil || markdown != self.markdown {
                blocks = MarkdownParser.parse(markdown); self.markdown = markdown; layout = nil
            }
            if let layout, layout.width == width, title == self.title, ascii == self.ascii { return layout }
            self.title = title; self.ascii = ascii
            let fresh = Layout(title: title, blocks: blocks ?? [], width: width, ascii: ascii)
            layout = fresh; layoutCount += 1
            return fresh
        }
    }

    /// Text width for an area: one column is kept for the scrollbar when the area is wide
    /// enough, whether or not the text overflows, so scrolling never changes the wrapping.
    public static func textWidth(for area: Rect) -> Int {
        area.width >= 12 ? area.width - 1 : area.width
    }

    /// The largest useful `scroll` for a layout with `lineCount` lines in an area `height` rows high.
    public static func maxScroll(lineCount: Int, height: Int) -> Int { max(0, lineCount - max(1, height)) }

    /// `"12/48"`: the last line in view over the line count, for the pane's title.
    public static func scrollLabel(lineCount: Int, state: ViewState, height: Int) -> String {
        let top = min(max(0, state.scroll), maxScroll(lineCount: lineCount, height: height))
        return String(min(lineCount, top + height)) + "/" + String(lineCount)
    }

    /// Lays out (through `cache`) and draws the answer.
    public static func render(title: String, markdown: String, state: ViewState, cache: inout LayoutCache,
                              in area: Rect, into buffer: inout Buffer, context: PaneContext) {
        guard !area.isEmpty else { return }
        let ascii = context.capabilities.glyphs == .ascii
        if title.isEmpty && markdown.unicodeScalars.allSatisfy({ $0 == " " || $0 == "\n" }) {
            let note = TextGlyph.truncate("no answer linked", to: area.width, ascii: ascii)
            buffer.put(note, x: area.x, y: area.y, style: Style(foreground: .gray, attributes: .dim), clip: area)
            return
        }
        let layout = cache.layout(title: title, markdown: markdown, width: textWidth(for: area), ascii: ascii)
        render(layout, state: state, in: area, into: &buffer, context: context)
    }

    /// Draws an already laid-out answer (its width should be `textWidth(for: area)`).
    public static func render(_ layout: Layout, state: ViewState, in area: Rect, into buffer: inout Buffer,
                              context: PaneContext) {
        guard !area.isEmpty else { return }
        let theme = TextTheme(capabilities: context.capabilities)
        let top = min(max(0, state.scroll), maxScroll(lineCount: layout.lineCount, height: area.height))
        let textArea = Rect(x: area.x, y: area.y, width: min(area.width, layout.width), height: area.height)
        for row in 0..<area.height {
            let index = top + row
            guard index < layout.lines.count else { break }
            layout.lines[index].draw(x: area.x, y: area.y + row, clip: textArea, into: &buffer, theme: theme)
        }
        if area.width >= 12 && layout.lineCount > area.height {
            drawScrollbar(lines: layout.lineCount, top: top, in: Rect(x: area.maxX - 1, y: area.y, width: 1, height: area.height),
                          into: &buffer, context: context)
        }
    }

    /// A track with a thumb whose size and place show the visible share of the text.
    static func drawScrollbar(lines: Int, top: Int, in bar: Rect, into buffer: inout Buffer, context: PaneContext) {
        let ascii = context.capabilities.glyphs == .ascii
        let h = bar.height
        guard h > 0, lines > 0 else { return }
        let thumb = max(1, h * h / lines)
        let maxTop = max(1, lines - h)
        let start = (h - thumb) * min(top, maxTop) / maxTop
        let track = Style(foreground: .gray, attributes: .dim)
        let handle = Style(foreground: .white)
        for row in 0..<h {
            let inThumb = row >= start && row < start + thumb
            let glyph: Unicode.Scalar = inThumb ? (ascii ? "#" : "█") : (ascii ? "|" : "│")
            buffer[bar.x, bar.y + row] = Cell(glyph, style: inThumb ? handle : track)
        }
    }
}
