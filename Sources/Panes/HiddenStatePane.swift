import RNNCore
import TermGrid

/// Pane 1: a layer's hidden states as a units × time heatmap, the input tokens along the time
/// axis, on a diverging map centred on 0 with its legend.
public enum HiddenStatePane {
    public struct ViewState: Hashable, Sendable {
        /// Layer (from 0) and direction (0 forward, 1 reverse); clamped to what exists.
        public var layer: Int
        public var direction: Int
        /// row = unit, column = time step.
        public var cursor: MatrixIndex
        public var scroll: MatrixIndex
        /// A fixed colour limit (e.g. 1 for tanh units); nil scales by the largest |h|.
        public var limit: Float?

        public init(layer: Int = 0, direction: Int = 0, cursor: MatrixIndex = MatrixIndex(),
                    scroll: MatrixIndex = MatrixIndex(), limit: Float? = nil) {
            self.layer = layer; self.direction = direction; self.cursor = cursor
            self.scroll = scroll; self.limit = limit
        }
    }

    /// `state` with layer, direction and cursor moved inside what `snapshot` holds, so a reducer
    /// can keep its state honest (the renderer clamps the same way on its own).
    public static func clamped(_ state: ViewState, to snapshot: ProbeSnapshot) -> ViewState {
        guard let pick = LayerSelection(snapshot, layer: state.layer, direction: state.direction) else { return state }
        var s = state
        s.layer = pick.layer; s.direction = pick.direction
        let data = matrix(pick.trace, snapshot: snapshot)
        s.cursor = state.cursor.clamped(rows: data.rows, columns: data.columns)
        return s
    }

    /// Draws the pane's content into `area`. `tokens` are the input tokens, one per time step.
    public static func render(_ snapshot: ProbeSnapshot?, tokens: [String]?, state: ViewState,
                              in area: Rect, into buffer: inout Buffer, context: PaneContext) {
        let area = area.intersection(buffer.bounds)
        guard !area.isEmpty else { return }
        guard let snapshot, let pick = LayerSelection(snapshot, layer: state.layer, direction: state.direction) else {
            return PaneDrawing.message("no hidden states yet", in: area, into: &buffer)
        }
        let data = matrix(pick.trace, snapshot: snapshot)
        guard !data.isEmpty else { return PaneDrawing.message("no hidden states yet", in: area, into: &buffer) }
        guard area.width >= 4 else { return PaneDrawing.tooSmall(in: area, into: &buffer) }
        let ascii = context.capabilities.glyphs == .ascii
        let scale: ColorScale = state.limit.map { .diverging(limit: $0) } ?? .symmetric(fitting: pick.trace.hidden.prefix(data.columns).joined())

        var body = area
        if area.height >= 3 {
            let (headerRow, rest) = area.splitTop(1)
            body = rest
            let header = pick.header(ascii: ascii) + PaneDrawing.separator(ascii)
                + "\(data.rows) units \(PaneDrawing.times(ascii)) \(data.columns) steps"
            drawHeader(header, legend: scale, row: headerRow, body: &body, into: &buffer, context: context)
        }

        var map = Heatmap(data: data, scale: scale)
        map.rowLabels = .indices
        map.columnLabels = tokens.map { .tokens($0) } ?? .indices
        map.cursor = state.cursor
        map.showCursor = context.focused
        map.scroll = state.scroll
        map.maxCellWidth = 3
        map.footer = { index, value in
            var text = "unit \(index.row), t=\(index.column)"
            if let tokens, index.column < tokens.count { text += " (" + PaneDrawing.quoted(tokens[index.column], ascii: ascii) + ")" }
            return text + ": " + NumberFormat.compact(Double(value), digits: 3)
        }
        map.render(in: body, into: &buffer, context: context)
    }

    /// The header on the left; the legend at its right when both fit, else on the body's last
    /// row when the body is tall enough to spare it, else nowhere.
    static func drawHeader(_ header: String, legend scale: ColorScale, row: Rect, body: inout Rect,
                           into buffer: inout Buffer, context: PaneContext) {
        let used = buffer.put(header, x: row.x, y: row.y, style: PaneDrawing.headerStyle, clip: row) - row.x
        let legendWidth = Legend.width(for: scale)
        if row.width - used - 2 >= legendWidth {
            Legend.draw(scale, x: row.maxX - legendWidth, y: row.y, maxWidth: legendWidth, into: &buffer, context: context)
        } else if body.height >= 8 {
            let (rest, bottom) = (body.inset(bottom: 1), body.maxY - 1)
            body = rest
            Legend.draw(scale, x: row.x, y: bottom, maxWidth: row.width, into: &buffer, context: context)
        }
    }

    /// Units × time of one trace, cut at the recorded row's length (steps past it are padding).
    static func matrix(_ trace: ProbeSnapshot.LayerTrace, snapshot: ProbeSnapshot) -> HeatmapData {
        HeatmapData(columns: trace.hidden, columnLimit: snapshot.length > 0 ? snapshot.length : nil)
    }
}
