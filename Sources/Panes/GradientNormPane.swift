import RNNCore
import TermGrid

/// Pane 2: ‖∂L/∂h_t‖ against t on a log10 axis as a braille line, beside (or below, when
/// narrow) its history over training steps. Clipping and NaN/Inf are tagged in the header,
/// non-finite steps are marked with `!` above the line, and zeros sit on the axis floor.
public enum GradientNormPane {
    public struct ViewState: Hashable, Sendable {
        /// The inspected time step; its exact norm is printed in the header.
        public var cursor: Int
        /// Which layer's norms (both directions combined); nil for the snapshot's top-layer series.
        public var layer: Int?

        public init(cursor: Int = 0, layer: Int? = nil) {
            self.cursor = cursor; self.layer = layer
        }
    }

    static let lineStyle = Style(foreground: .rgb(110, 200, 255))
    static let cursorBackground = Color.rgb(55, 55, 70)

    /// The norms the pane plots: the top layer's (or `layer`'s, directions combined), cut at
    /// the recorded row's length.
    public static func series(_ snapshot: ProbeSnapshot, layer: Int?) -> [Double] {
        var norms = snapshot.gradHNorms
        if let layer, let pick = LayerSelection(snapshot, layer: layer, direction: 0) {
            let traces = snapshot.layers.filter { $0.layer == pick.layer }
            let t = traces.map(\.gradHNorms.count).min() ?? 0
            norms = (0..<t).map { i in traces.reduce(0.0) { $0 + $1.gradHNorms[i] * $1.gradHNorms[i] }.squareRoot() }
        }
        return snapshot.length > 0 ? Array(norms.prefix(snapshot.length)) : norms
    }

    public static func render(_ snapshot: ProbeSnapshot?, history: GradientHistory, state: ViewState,
                              in area: Rect, into buffer: inout Buffer, context: PaneContext) {
        let area = area.intersection(buffer.bounds)
        guard !area.isEmpty else { return }
        guard let snapshot else { return PaneDrawing.message("no gradients yet", in: area, into: &buffer) }
        let norms = series(snapshot, layer: state.layer)
        guard area.width >= 6 else { return PaneDrawing.tooSmall(in: area, into: &buffer) }
        let ascii = context.capabilities.glyphs == .ascii

        var body = area
        if area.height >= 3 {
            body = area.inset(top: 1)
            drawHeader(snapshot, norms: norms, cursor: state.cursor, row: Rect(x: area.x, y: area.y, width: area.width, height: 1),
                       ascii: ascii, into: &buffer)
        }
        guard !norms.isEmpty else { return PaneDrawing.message("no gradients recorded", in: body, into: &buffer) }

        var plotArea = body, historyArea: Rect?
        if !history.isEmpty {
            if body.width >= 70 {
                let (left, right) = body.splitLeft(body.width * 11 / 20)
                plotArea = left; historyArea = right.inset(left: 2)
            } else if body.height >= 10 {
                let (top, bottom) = body.splitTop(body.height * 11 / 20)
                plotArea = top; historyArea = bottom
            }
        }
        drawPlot(norms, cursor: context.focused ? state.cursor : nil, in: plotArea, into: &buffer, context: context)
        if let historyArea { drawHistory(history, in: historyArea, into: &buffer, context: context) }
    }

    /// Title and cursor value on the left; clip and NaN/Inf tags right-aligned so a narrow pane
    /// still shows them (they overwrite the title first).
    static func drawHeader(_ snapshot: ProbeSnapshot, norms: [Double], cursor: Int, row: Rect, ascii: Bool,
                           into buffer: inout Buffer) {
        var title = ascii ? "|dL/dh_t|" : "‖∂L/∂h_t‖"
        if !norms.isEmpty {
            let t = min(max(0, cursor), norms.count - 1)
            title += "  t=\(t): " + NumberFormat.compact(norms[t], digits: 3)
        }
        buffer.put(title, x: row.x, y: row.y, style: PaneDrawing.headerStyle, clip: row)

        var tags: [(String, Style)] = []
        if snapshot.clipped {
            let arrow = ascii ? "->" : "→"
            tags.append((" clip " + NumberFormat.compact(snapshot.gradNorm, digits: 2) + arrow
                         + NumberFormat.compact(snapshot.gradNormAfterClip, digits: 2) + " ", PaneDrawing.clipTag))
        }
        if let bad = norms.firstIndex(where: { !$0.isFinite }) {
            let more = norms.lazy.filter { !$0.isFinite }.count - 1
            tags.append((" " + (norms[bad].isNaN ? "NaN" : "Inf") + " at t=\(bad)" + (more > 0 ? " +\(more)" : "") + " ",
                         PaneDrawing.nonFiniteTag))
        } else if snapshot.nonFinite {
            tags.append((" NaN/Inf in " + (snapshot.nonFiniteWhere ?? "step") + " ", PaneDrawing.nonFiniteTag))
        }
        var right = row.maxX
        for (text, style) in tags.reversed() {
            let n = text.unicodeScalars.count
            buffer.put(text, x: max(row.x, right - n), y: row.y, style: style, clip: row)
            right -= n + 1
        }
    }

    /// The log-axis line plot with its axes, `!` over non-finite steps and the cursor column.
    static func drawPlot(_ norms: [Double], cursor: Int?, in area: Rect, into buffer: inout Buffer, context: PaneContext) {
        guard !area.isEmpty else { return }
        let glyphs = context.capabilities.glyphs
        let yAxis = Axis.fitting(norms, kind: .log10)
        let xAxis = Axis(kind: .linear, low: 0, high: Double(max(1, norms.count - 1)))
        let layout = PlotLayout(area: area, yAxis: yAxis, glyphs: glyphs)
        guard !layout.plot.isEmpty else { return }
        let plot = layout.plot
        let cursorX = cursor.map { layout.column(at: xAxis.position(Double(min(max(0, $0), norms.count - 1))) ?? 0) }
        if let x = cursorX, context.capabilities.colorDepth == .mono {
            // Mono: a dotted column under the line (dots drawn next overwrite it).
            for y in plot.y..<plot.maxY { buffer[x, y] = Cell(":", style: PaneDrawing.labelStyle) }
        }
        var canvas = PlotCanvas(columns: plot.width, rows: plot.height, glyphs: glyphs, color: lineStyle.foreground)
        let gaps = canvas.plot(count: norms.count, x: { Double($0) }, y: { norms[$0] }, xAxis: xAxis, yAxis: yAxis)
        canvas.draw(into: &buffer, x: plot.x, y: plot.y, style: lineStyle)
        if let x = cursorX, context.capabilities.colorDepth != .mono {
            // Colour: a shaded column, set after the dots so their cells keep it.
            for y in plot.y..<plot.maxY where buffer[x, y].style.background == .terminalDefault {
                buffer[x, y].style.background = cursorBackground
            }
        }
        for t in gaps {
            buffer[layout.column(at: xAxis.position(t) ?? 0), plot.y] = Cell("!", style: PaneDrawing.nonFiniteTag)
        }
        layout.drawAxes(x: xAxis, y: yAxis, ascii: glyphs == .ascii, into: &buffer)
    }
}
