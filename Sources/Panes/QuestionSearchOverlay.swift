import TermGrid

/// The `/` overlay: a query line over a list of matching interview questions, best first (the
/// caller scores and orders them), with the selected one highlighted and the query's words
/// marked in each title. The list scrolls to keep the selection in view.
public enum QuestionSearchOverlay {
    public struct Result: Hashable, Sendable {
        public var id: String
        public var title: String
        public init(id: String, title: String) { self.id = id; self.title = title }
    }

    public struct ViewState: Hashable, Sendable {
        public var query: String
        /// Cursor in the query, in Unicode scalars (nil: at the end).
        public var cursor: Int?
        /// Index of the selected result.
        public var selected: Int
        /// First result shown; render moves it as needed to show the selection.
        public var scroll: Int

        public init(query: String = "", cursor: Int? = nil, selected: Int = 0, scroll: Int = 0) {
            self.query = query; self.cursor = cursor; self.selected = selected; self.scroll = scroll
        }
    }

    /// The overlay's box in `area`: wide enough for titles, as tall as the results need.
    public static func box(resultCount: Int, in area: Rect) -> Rect {
        let width = area.width >= 30 ? min(100, area.width - 4) : area.width
        let maxHeight = area.height >= 10 ? area.height - 2 : area.height
        return TextBoxes.centered(width: width, height: min(maxHeight, max(1, resultCount) + 4), in: area)
    }

    /// Rows of results visible in `area`: the page size for PgUp and PgDn.
    public static func listRows(resultCount: Int, in area: Rect) -> Int {
        rows(inner: box(resultCount: resultCount, in: area).height - 2).results
    }

    /// Inside a box `inner` rows high: the query, a rule when there are 3 rows or more, then results.
    static func rows(inner: Int) -> (rule: Bool, results: Int) {
        let rule = inner >= 3
        return (rule, max(0, inner - 1 - (rule ? 1 : 0)))
    }

    /// `scroll` moved just enough that `selected` is among `rows` visible results.
    public static func scroll(keeping selected: Int, from scroll: Int, rows: Int, count: Int) -> Int {
        guard rows > 0 else { return max(0, selected) }
        var s = min(max(0, scroll), max(0, count - rows))
        if selected < s { s = selected }
        if selected >= s + rows { s = selected - rows + 1 }
        return max(0, s)
    }

    public static func render(results: [Result], state: ViewState, in area: Rect, into buffer: inout Buffer,
                              context: PaneContext) {
        guard !area.isEmpty else { return }
        let ascii = context.capabilities.glyphs == .ascii
        let frame = box(resultCount: results.count, in: area)
        let inner = TextBoxes.overlay(title: "search questions", in: frame, into: &buffer, context: context)
        guard !inner.isEmpty else { return }
        let (rule, rows) = Self.rows(inner: inner.height)
        let firstResultRow = inner.y + (rule ? 2 : 1)
        let selected = min(max(0, state.selected), max(0, results.count - 1))
        let top = scroll(keeping: selected, from: state.scroll, rows: rows, count: results.count)

        // Query line, with the position in the list at the right.
        let queryRow = Rect(x: inner.x, y: inner.y, width: inner.width, height: 1)
        let count = results.isEmpty ? "no matches"
            : rows >= results.count ? String(results.count) + (results.count == 1 ? " match" : " matches")
            : String(top + 1) + "-" + String(min(results.count, top + rows)) + " of " + String(results.count)
        if inner.width >= count.count + 12 {
            buffer.put(count, x: queryRow.maxX - count.count, y: queryRow.y, style: CommandLineBar.ghostStyle, clip: queryRow)
        }
        var bar = CommandLineBar.ViewState(text: state.query, cursor: state.cursor)
        bar.candidates = []
        let promptArea = Rect(x: queryRow.x, y: queryRow.y, width: max(0, queryRow.width - (inner.width >= count.count + 12 ? count.count + 1 : 0)), height: 1)
        CommandLineBar.render(bar, in: promptArea, into: &buffer, context: context)
        buffer.put("/", x: promptArea.x, y: promptArea.y, style: Style(attributes: .bold), clip: promptArea)
        if rule {
            buffer.put(String(repeating: ascii ? "-" : "─", count: inner.width), x: inner.x, y: inner.y + 1,
                       style: Style(foreground: .gray), clip: inner)
        }

        let words = queryWords(state.query)
        for row in 0..<rows {
            let index = top + row
            let y = firstResultRow + row
            if results.isEmpty && row == 0 {
                buffer.put(TextGlyph.truncate(" no matching questions", to: inner.width, ascii: ascii), x: inner.x, y: y,
                           style: CommandLineBar.ghostStyle, clip: inner)
            }
            guard index < results.count else { break }
            drawResult(results[index], words: words, selected: index == selected, y: y, in: inner, into: &buffer, context: context)
        }
    }

    /// The selected row is white on blue; without colour it is reversed.
    static func selectionStyle(_ capabilities: Capabilities) -> Style {
        capabilities.colorDepth == .mono ? Style(attributes: [.bold, .reverse])
            : Style(foreground: .brightWhite, background: .rgb(40, 90, 140), attributes: .bold)
    }

    private static func drawResult(_ result: Result, words: [[Unicode.Scalar]], selected: Bool, y: Int, in inner: Rect,
                                   into buffer: inout Buffer, context: PaneContext) {
        let ascii = context.capabilities.glyphs == .ascii
        let base = selected ? selectionStyle(context.capabilities) : .plain
        let line = Rect(x: inner.x, y: y, width: inner.width, height: 1)
        if selected { buffer.fill(line, with: Cell(" ", style: base)) }
        let id = result.id.unicodeScalars.count
        let showID = inner.width >= 40 && id > 0 && id <= 16
        let titleWidth = inner.width - 2 - (showID ? id + 2 : 0)
        let title = Array(TextGlyph.truncate(result.title, to: titleWidth, ascii: ascii).unicodeScalars)
        let hits = matches(title, words)
        for (k, g) in title.enumerated() {
            var style = base
            if hits[k] { style = style.foreground(selected ? .brightYellow : .rgb(255, 210, 90)).adding(.bold) }
            buffer[line.x + 1 + k, y] = Cell(TextGlyph.displayable(g), style: style)
        }
        if showID {
            buffer.put(result.id, x: line.maxX - id - 1, y: y, style: selected ? base : CommandLineBar.ghostStyle, clip: line)
        }
    }

    /// The query's words in lower case (ASCII letters folded), for highlighting.
    static func queryWords(_ query: String) -> [[Unicode.Scalar]] {
        query.split(separator: " ").map { Array(String($0).unicodeScalars.map(lower)) }
    }

    /// Which characters of `title` belong to an occurrence of some word, case folded.
    static func matches(_ title: [Unicode.Scalar], _ words: [[Unicode.Scalar]]) -> [Bool] {
        var hit = [Bool](repeating: false, count: title.count)
        let folded = title.map(lower)
        for word in words where !word.isEmpty && word.count <= folded.count {
            for start in 0...(folded.count - word.count) where folded[start] == word[0] {
                if folded[start..<start + word.count].elementsEqual(word) {
                    for k in start..<start + word.count { hit[k] = true }
                }
            }
        }
        return hit
    }

    private static func lower(_ s: Unicode.Scalar) -> Unicode.Scalar {
        (65...90).contains(s.value) ? Unicode.Scalar(UInt8(s.value + 32)) : s
    }
}
