import TermGrid

/// The `:` command line: the prompt, the text typed so far with the cursor as a reversed cell,
/// the completion Tab would insert shown greyed after it, and the candidate names to its right.
///
/// `:set rad|ius   radius  rate` — the text scrolls sideways to keep the cursor in view.
public enum CommandLineBar {
    public struct ViewState: Hashable, Sendable {
        /// What was typed, without the `:`.
        public var text: String
        /// Cursor position in Unicode scalars, 0 through the text's length.
        public var cursor: Int
        /// What Tab would append at the cursor (shown greyed when the cursor is at the end).
        public var completion: String?
        /// Names that match what is typed, in the caller's order.
        public var candidates: [String]
        /// The candidate Tab would pick next, highlighted.
        public var selectedCandidate: Int?

        public init(text: String = "", cursor: Int? = nil, completion: String? = nil, candidates: [String] = [],
                    selectedCandidate: Int? = nil) {
            self.text = text; self.cursor = cursor ?? text.unicodeScalars.count
            self.completion = completion; self.candidates = candidates; self.selectedCandidate = selectedCandidate
        }
    }

    static let ghostStyle = Style(foreground: .gray, attributes: .dim)

    /// Draws the command line in the first row of `area`.
    public static func render(_ state: ViewState, in area: Rect, into buffer: inout Buffer, context: PaneContext) {
        guard !area.isEmpty else { return }
        let row = Rect(x: area.x, y: area.y, width: area.width, height: 1)
        buffer.fill(row, with: .blank)
        buffer.put(":", x: row.x, y: row.y, style: Style(attributes: .bold), clip: row)
        let field = row.inset(left: 1)
        guard field.width > 0 else { return }

        let text = Array(state.text.unicodeScalars)
        let cursor = min(max(0, state.cursor), text.count)
        let ghost = cursor == text.count ? Array((state.completion ?? "").unicodeScalars) : []
        // Scroll so the cursor cell stays inside the field.
        let offset = max(0, cursor - (field.width - 1))
        let all = text + ghost
        var x = field.x
        var i = offset
        while i < all.count && x < field.maxX {
            var style: Style = i < text.count ? .plain : ghostStyle
            if i == cursor { style.attributes.insert(.reverse) }
            buffer[x, row.y] = Cell(TextGlyph.displayable(all[i]), style: style)
            x += 1; i += 1
        }
        if cursor == all.count, x < field.maxX {
            buffer[x, row.y] = Cell(" ", style: Style(attributes: .reverse))
            x += 1
        }
        drawCandidates(state, from: x + 2, in: field, into: &buffer, ascii: context.capabilities.glyphs == .ascii)
    }

    /// As many candidates as fit, two spaces apart; `…` says there are more.
    private static func drawCandidates(_ state: ViewState, from start: Int, in field: Rect, into buffer: inout Buffer,
                                       ascii: Bool) {
        var x = start
        for (k, name) in state.candidates.enumerated() {
            let width = name.unicodeScalars.count
            let last = k == state.candidates.count - 1
            // Keep a column for the "more" mark unless this is the last candidate.
            guard x + width + (last ? 0 : 2) <= field.maxX else {
                if x < field.maxX { buffer.put(ascii ? "~" : "…", x: x, y: field.y, style: ghostStyle, clip: field) }
                return
            }
            let style = k == state.selectedCandidate
                ? Style(foreground: .brightCyan, attributes: [.bold, .reverse])
                : Style(foreground: .rgb(150, 150, 160))
            x = buffer.put(name, x: x, y: field.y, style: style, clip: field) + 2
        }
    }
}
