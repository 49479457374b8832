import RNNCore
import TermGrid

/// Pane 4: a gated cell's gates as stacked units × time heatmaps sharing one time axis (LSTM
/// i, f, g, o and the cell state c; GRU r, z, n), each labelled, with every gate's value at
/// the cursor on the footer line.
///
/// Sigmoid gates use the sequential 0…1 map (a closed gate is dark, an open one bright); the
/// tanh candidates g and n and the cell state use the diverging map, since their sign matters.
public enum GatePane {
    public struct ViewState: Hashable, Sendable {
        public var layer: Int
        public var direction: Int
        /// row = unit, column = time step (shared by every gate's heatmap).
        public var cursor: MatrixIndex
        public var scroll: MatrixIndex

        public init(layer: Int = 0, direction: Int = 0, cursor: MatrixIndex = MatrixIndex(), scroll: MatrixIndex = MatrixIndex()) {
            self.layer = layer; self.direction = direction; self.cursor = cursor; self.scroll = scroll
        }
    }

    /// Display order and long names of known gates; unknown gates follow in name order.
    static let known: [(String, String)] = [
        ("i", "input"), ("f", "forget"), ("g", "cand."), ("o", "output"),
        ("r", "reset"), ("z", "update"), ("n", "new"),
    ]
    static let gates01 = ColorScale.sequential(low: 0, high: 1)

    struct Panel {
        let name: String, long: String
        let data: HeatmapData
        let scale: ColorScale
    }

    /// The panels of one trace, in display order; the cell state last.
    static func panels(_ trace: ProbeSnapshot.LayerTrace, length: Int) -> [Panel] {
        let limit = length > 0 ? length : nil
        let names = known.map(\.0).filter { trace.gates[$0] != nil } + trace.gates.keys.filter { k in !known.contains { $0.0 == k } }.sorted()
        var out = names.map { name -> Panel in
            let values = trace.gates[name] ?? []
            let data = HeatmapData(columns: values, columnLimit: limit)
            let tanh = name == "g" || name == "n"
            let scale: ColorScale = tanh ? .diverging(limit: 1) : gates01
            return Panel(name: name, long: known.first { $0.0 == name }?.1 ?? name, data: data, scale: scale)
        }
        if let cell = trace.cell {
            let data = HeatmapData(columns: cell, columnLimit: limit)
            out.append(Panel(name: "c", long: "cell", data: data, scale: .symmetric(fitting: cell.prefix(data.columns).joined())))
        }
        return out.filter { !$0.data.isEmpty }
    }

    /// `state` with layer, direction and cursor moved inside what `snapshot` holds (the renderer
    /// clamps the same way; a reducer can use this to keep its cursor from running off).
    public static func clamped(_ state: ViewState, to snapshot: ProbeSnapshot) -> ViewState {
        guard let pick = LayerSelection(snapshot, layer: state.layer, direction: state.direction) else { return state }
        let all = panels(pick.trace, length: snapshot.length)
        var s = state
        s.layer = pick.layer; s.direction = pick.direction
        s.cursor = state.cursor.clamped(rows: all.map(\.data.rows).max() ?? 0, columns: all.map(\.data.columns).max() ?? 0)
        return s
    }

    public static func render(_ snapshot: ProbeSnapshot?, state: ViewState, in area: Rect, into buffer: inout Buffer,
                              context: PaneContext) {
        let area = area.intersection(buffer.bounds)
        guard !area.isEmpty else { return }
        guard let snapshot, let pick = LayerSelection(snapshot, layer: state.layer, direction: state.direction) else {
            return PaneDrawing.message("no gates yet", in: area, into: &buffer)
        }
        let panels = panels(pick.trace, length: snapshot.length)
        guard !panels.isEmpty else {
            return PaneDrawing.message("this cell has no gates (gates show for LSTM and GRU cells)", in: area, into: &buffer)
        }
        guard area.width >= 6 else { return PaneDrawing.tooSmall(in: area, into: &buffer) }
        let ascii = context.capabilities.glyphs == .ascii
        let rows = panels.map(\.data.rows).max() ?? 0, columns = panels.map(\.data.columns).max() ?? 0
        let cursor = state.cursor.clamped(rows: rows, columns: columns)

        var body = area
        if area.height >= 4 {
            body = area.inset(top: 1)
            let kind = panels.contains { $0.name == "f" } ? "LSTM" : panels.contains { $0.name == "z" } ? "GRU" : ""
            let header = pick.header(ascii: ascii) + (kind.isEmpty ? "" : PaneDrawing.separator(ascii) + kind)
            let cellScale = panels.last { $0.name == "c" }?.scale
            drawHeader(header, cellScale: cellScale, row: Rect(x: area.x, y: area.y, width: area.width, height: 1),
                       into: &buffer, context: context)
        }
        if body.height >= panels.count + 1 {
            body = body.inset(bottom: 1)
            drawFooter(panels, cursor: cursor, row: body.maxY, clip: area, into: &buffer)
        }
        guard body.height >= 1 else { return }

        // Equal heights, and one shared time axis right under the stack when a row can be spared.
        let withAxis = body.height >= panels.count + 1
        let each = max(1, (body.height - (withAxis ? 1 : 0)) / panels.count)
        let axisRow: Int? = withAxis ? body.y + each * panels.count : nil

        let labelWidth = area.width >= 40 ? 8 : 1
        var last: (Heatmap, Heatmap.Viewport)?
        for (k, panel) in panels.enumerated() {
            let top = body.y + k * each
            guard top + each <= body.maxY else { break }
            let (labelRect, mapRect) = Rect(x: body.x, y: top, width: body.width, height: each).splitLeft(labelWidth + 1)
            buffer.put(labelWidth > 1 ? panel.name + " " + panel.long : panel.name, x: labelRect.x, y: top,
                       style: PaneDrawing.headerStyle, clip: labelRect.inset(right: 1))
            var map = Heatmap(data: panel.data, scale: panel.scale)
            map.fitRows = true
            map.maxCellWidth = 3
            map.cursor = cursor
            map.showCursor = context.focused
            map.scroll = state.scroll
            if let viewport = map.render(in: mapRect, into: &buffer, context: context) { last = (map, viewport) }
        }
        if let axisRow, var (map, viewport) = last {
            map.columnLabels = .indices
            viewport.grid.y = axisRow
            HeatmapLabels(heatmap: map, viewport: viewport, pixelRows: viewport.pixelRows, cellWidth: viewport.cellWidth,
                          cursor: nil, ascii: ascii).drawColumnLabels(row: axisRow, clip: area, into: &buffer)
        }
    }

    /// The title, then the gates' 0…1 legend and the cell state's legend when they fit.
    static func drawHeader(_ title: String, cellScale: ColorScale?, row: Rect, into buffer: inout Buffer, context: PaneContext) {
        var x = buffer.put(title, x: row.x, y: row.y, style: PaneDrawing.headerStyle, clip: row) + 2
        let gateWidth = Legend.width(for: gates01, barWidth: 8)
        let cellWidth = cellScale.map { Legend.width(for: $0, barWidth: 9) + 2 } ?? 0
        guard row.maxX - x >= gateWidth else { return }
        if row.maxX - x >= gateWidth + 2 + cellWidth, let cellScale {
            x = row.maxX - gateWidth - 2 - cellWidth
            x += Legend.draw(gates01, x: x, y: row.y, maxWidth: gateWidth, barWidth: 8, into: &buffer, context: context) + 2
            x = buffer.put("c ", x: x, y: row.y, style: PaneDrawing.labelStyle, clip: row)
            Legend.draw(cellScale, x: x, y: row.y, maxWidth: row.maxX - x, barWidth: 9, into: &buffer, context: context)
        } else {
            Legend.draw(gates01, x: row.maxX - gateWidth, y: row.y, maxWidth: gateWidth, barWidth: 8, into: &buffer, context: context)
        }
    }

    /// "unit 1, t=2: i 0.3 f 0.987 g -0.2 o 0.5 c 1.1" — every gate at the cursor.
    static func drawFooter(_ panels: [Panel], cursor: MatrixIndex, row y: Int, clip: Rect, into buffer: inout Buffer) {
        var text = "unit \(cursor.row), t=\(cursor.column):"
        for p in panels where p.data.contains(cursor.row, cursor.column) {
            text += " " + p.name + " " + NumberFormat.compact(Double(p.data.value(cursor.row, cursor.column)), digits: 3)
        }
        buffer.put(text, x: clip.x, y: y, style: PaneDrawing.headerStyle, clip: clip)
    }
}
