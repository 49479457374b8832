import TermGrid

/// One logged training step: its loss and the task's metrics (e.g. accuracy).
public struct LossPoint: Hashable, Sendable {
    public var step: Int
    public var loss: Double
    public var metrics: [String: Double]

    public init(step: Int, loss: Double, metrics: [String: Double] = [:]) {
        self.step = step; self.loss = loss; self.metrics = metrics
    }
}

/// Pane 5: the loss over training steps as a braille line (log axis when it spans more than two
/// decades), the chosen metric as a second line on its own right-hand scale, and the latest
/// value of every metric on the last row. NaN losses break the line and are marked `!`.
public enum LossPane {
    public struct ViewState: Hashable, Sendable {
        /// Force a log (true) or linear (false) loss axis; nil chooses from the data.
        public var logScale: Bool?
        /// The metric drawn as the second line; nil takes the first by name.
        public var metric: String?

        public init(logScale: Bool? = nil, metric: String? = nil) {
            self.logScale = logScale; self.metric = metric
        }
    }

    static let lossStyle = Style(foreground: .rgb(110, 200, 255))
    static let metricStyle = Style(foreground: .rgb(240, 200, 80))

    /// True when the finite positive losses span more than two decades (max/min > 100), where a
    /// linear axis would flatten everything after the first drop into the floor.
    public static func usesLogScale(_ points: [LossPoint]) -> Bool {
        var lo = Double.infinity, hi = 0.0
        // Index, not `for p in points`: copying each point retains its metrics dictionary.
        for i in points.indices {
            let loss = points[i].loss
            if loss.isFinite && loss > 0 { lo = min(lo, loss); hi = max(hi, loss) }
        }
        return hi > 0 && hi / lo > 100
    }

    public static func render(_ points: [LossPoint], state: ViewState, in area: Rect, into buffer: inout Buffer,
                              context: PaneContext) {
        let area = area.intersection(buffer.bounds)
        guard !area.isEmpty else { return }
        guard let latest = points.last else { return PaneDrawing.message("no training steps yet", in: area, into: &buffer) }
        guard area.width >= 6 else { return PaneDrawing.tooSmall(in: area, into: &buffer) }
        let ascii = context.capabilities.glyphs == .ascii
        let log = state.logScale ?? usesLogScale(points)
        let metricNames = latest.metrics.keys.sorted()
        let metric = state.metric.flatMap { metricNames.contains($0) ? $0 : nil } ?? metricNames.first

        var body = area
        if area.height >= 3 {
            body = area.inset(top: 1)
            drawHeader(points, log: log, row: Rect(x: area.x, y: area.y, width: area.width, height: 1), ascii: ascii, into: &buffer)
        }
        if body.height >= 5 && !metricNames.isEmpty {
            body = body.inset(bottom: 1)
            var text = ""
            for name in metricNames {
                text += (text.isEmpty ? "" : "  ") + name + " " + NumberFormat.compact(latest.metrics[name] ?? .nan, digits: 3)
            }
            buffer.put(text, x: area.x, y: body.maxY, style: metricStyle, clip: area)
        }
        drawPlot(points, log: log, metric: body.height >= 3 ? metric : nil, in: body, into: &buffer, context: context)
    }

    static func drawHeader(_ points: [LossPoint], log: Bool, row: Rect, ascii: Bool, into buffer: inout Buffer) {
        let latest = points[points.count - 1]
        let sep = PaneDrawing.separator(ascii)
        buffer.put("loss " + NumberFormat.compact(latest.loss, digits: 3) + sep + "step \(latest.step)" + (log ? sep + "log" : ""),
                   x: row.x, y: row.y, style: PaneDrawing.headerStyle, clip: row)
        var bad = 0, firstIndex: Int?
        for i in points.indices where !points[i].loss.isFinite {
            bad += 1
            if firstIndex == nil { firstIndex = i }
        }
        if let firstIndex {
            let first = points[firstIndex]
            let tag = " " + (first.loss.isNaN ? "NaN" : "Inf") + " at step \(first.step)" + (bad > 1 ? " +\(bad - 1)" : "") + " "
            let n = tag.unicodeScalars.count
            buffer.put(tag, x: max(row.x, row.maxX - n), y: row.y, style: PaneDrawing.nonFiniteTag, clip: row)
        }
    }

    static func drawPlot(_ points: [LossPoint], log: Bool, metric: String?, in area: Rect, into buffer: inout Buffer,
                         context: PaneContext) {
        guard !area.isEmpty else { return }
        let glyphs = context.capabilities.glyphs
        let yAxis = Axis.fitting(points.indices.lazy.map { points[$0].loss }, kind: log ? .log10 : .linear)
        let xAxis = Axis(kind: .linear, low: Double(points[0].step), high: Double(points[points.count - 1].step))
        let x: (Int) -> Double = { Double(points[$0].step) }

        // The metric's own axis: 0…1 when it lives there (accuracy), else its range. Metrics sit
        // in dictionaries, and 10 000 string lookups a frame would blow the frame budget, so the
        // metric is sampled at about four points per column (it is the secondary, smoother line;
        // the loss keeps every point).
        var metricAxis: Axis?, labels: (String, String) = ("", "")
        var sampled: [(step: Double, value: Double)] = []
        if let metric {
            let every = max(1, points.count / max(1, area.width * 4))
            for i in stride(from: 0, to: points.count, by: every) {
                sampled.append((Double(points[i].step), points[i].metrics[metric] ?? .nan))
            }
            if (points.count - 1) % every != 0, let last = points.last {
                sampled.append((Double(last.step), last.metrics[metric] ?? .nan))
            }
            let unit = sampled.allSatisfy { !$0.value.isFinite || (0...1).contains($0.value) }
            let axis = unit ? Axis(kind: .linear, low: 0, high: 1) : Axis.fitting(sampled.lazy.map(\.value), kind: .linear)
            metricAxis = axis
            labels = (NumberFormat.compact(axis.low, digits: 2), NumberFormat.compact(axis.high, digits: 2))
        }
        let rightWidth = metricAxis == nil ? 0 : max(labels.0.unicodeScalars.count, labels.1.unicodeScalars.count)
        let layout = PlotLayout(area: area, yAxis: yAxis, glyphs: glyphs, rightWidth: rightWidth)
        let plot = layout.plot
        guard !plot.isEmpty else { return }

        // Metric first, so the loss (the pane's subject) wins cells both pass through.
        if let metricAxis, let right = layout.right {
            var canvas = PlotCanvas(columns: plot.width, rows: plot.height, glyphs: glyphs, color: metricStyle.foreground,
                                    asciiGlyph: ".")
            canvas.plot(count: sampled.count, x: { sampled[$0].step }, y: { sampled[$0].value }, xAxis: xAxis, yAxis: metricAxis)
            canvas.draw(into: &buffer, x: plot.x, y: plot.y, style: metricStyle)
            buffer.put(labels.1, x: right.x, y: right.y, style: metricStyle, clip: right)
            buffer.put(labels.0, x: right.x, y: right.maxY - 1, style: metricStyle, clip: right)
        }
        var canvas = PlotCanvas(columns: plot.width, rows: plot.height, glyphs: glyphs, color: lossStyle.foreground)
        let gaps = canvas.plot(count: points.count, x: x, y: { points[$0].loss }, xAxis: xAxis, yAxis: yAxis)
        canvas.draw(into: &buffer, x: plot.x, y: plot.y, style: lossStyle)
        for step in gaps {
            buffer[layout.column(at: xAxis.position(step) ?? 0), plot.y] = Cell("!", style: PaneDrawing.nonFiniteTag)
        }
        layout.drawAxes(x: xAxis, y: yAxis, ascii: glyphs == .ascii, into: &buffer)
    }
}
