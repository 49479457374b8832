import RNNCore
import TermGrid

/// ‖∂L/∂h_t‖ over the last training steps, oldest first: what the gradient pane's history
/// heatmap shows. The notebook records one row per probed step.
public struct GradientHistory: Hashable, Sendable {
    /// Training step of each row.
    public private(set) var steps: [Int]
    /// Per row, ‖∂L/∂h_t‖ for t = 0..<T.
    public private(set) var norms: [[Double]]
    /// Per row, whether the step's gradient was clipped.
    public private(set) var clipped: [Bool]
    /// Oldest rows are dropped beyond this many.
    public var capacity: Int

    public init(capacity: Int = 200) {
        steps = []; norms = []; clipped = []; self.capacity = max(1, capacity)
    }

    /// A history from rows the caller kept; missing flags are false, missing steps count from 0.
    public init(norms: [[Double]], clipped: [Bool] = [], steps: [Int]? = nil) {
        self.norms = norms
        self.clipped = (0..<norms.count).map { $0 < clipped.count ? clipped[$0] : false }
        self.steps = (0..<norms.count).map { i in steps.flatMap { i < $0.count ? $0[i] : nil } ?? i }
        capacity = max(1, norms.count)
    }

    public var isEmpty: Bool { norms.isEmpty }
    public var count: Int { norms.count }

    /// Appends a snapshot's top-layer norms (cut at the recorded row's length) and clip flag.
    public mutating func record(_ snapshot: ProbeSnapshot) {
        let n = snapshot.length > 0 ? min(snapshot.length, snapshot.gradHNorms.count) : snapshot.gradHNorms.count
        norms.append(Array(snapshot.gradHNorms.prefix(n)))
        clipped.append(snapshot.clipped)
        steps.append(snapshot.step)
        if norms.count > capacity {
            let drop = norms.count - capacity
            norms.removeFirst(drop); clipped.removeFirst(drop); steps.removeFirst(drop)
        }
    }
}

extension GradientNormPane {
    /// The history as a training step × t heatmap on a log colour scale, newest row at the
    /// bottom (it scrolls up like a waterfall, so the newest step sits nearest the line plot).
    ///
    /// Chosen over a stack of fading curves: curves of 100 steps pile into one smear on a
    /// 10-row plot, while a heatmap keeps every step and shows the vanishing front as a
    /// boundary that moves (or not) as training goes on.
    /// A flag column on the left marks clipped steps (`c`) and steps with NaN/Inf (`!`).
    static func drawHistory(_ history: GradientHistory, in area: Rect, into buffer: inout Buffer, context: PaneContext) {
        guard !history.isEmpty, area.width >= 4, area.height >= 1 else { return }
        var body = area
        let title = area.height >= 3
        if title { body = area.inset(top: 1) }
        let labelRows = body.height >= 3 ? 1 : 0
        let shown = min(history.count, max(1, body.height - labelRows))
        let first = history.count - shown
        let rows: [[Float]] = history.norms[first...].map { $0.map { Float($0) } }
        let axis = Axis.fitting(history.norms[first...].joined(), kind: .log10)
        let scale = ColorScale.logarithmic(lowExponent: Float(axis.low), highExponent: Float(axis.high))

        if title {
            let ascii = context.capabilities.glyphs == .ascii
            let span = history.steps[first] == history.steps[history.count - 1] ? "step \(history.steps[first])"
                : "steps \(history.steps[first])\(ascii ? "-" : "–")\(history.steps[history.count - 1])"
            let header = Rect(x: area.x, y: area.y, width: area.width, height: 1)
            let used = buffer.put("history " + span, x: area.x, y: area.y, style: PaneDrawing.labelStyle, clip: header) - area.x
            // Right-aligned at full size, else squeezed (the bar shrinks first) after the title.
            let legendWidth = Legend.width(for: scale, barWidth: 8)
            let room = area.width - used - 2
            if room >= legendWidth {
                Legend.draw(scale, x: area.maxX - legendWidth, y: area.y, maxWidth: legendWidth, barWidth: 8,
                            into: &buffer, context: context)
            } else if room >= legendWidth - 5 {
                Legend.draw(scale, x: area.maxX - room, y: area.y, maxWidth: room, barWidth: 8, into: &buffer, context: context)
            }
        }

        let (flags, grid) = body.splitLeft(1)
        var map = Heatmap(data: HeatmapData(rows: rows), scale: scale)
        map.halfBlock = false
        map.fitColumns = true
        map.columnLabels = labelRows > 0 ? .indices : .none
        map.maxCellWidth = 2
        guard let viewport = map.render(in: grid, into: &buffer, context: context) else { return }
        for i in 0..<viewport.rows {
            let k = first + viewport.origin.row + i
            if history.norms[k].contains(where: { !$0.isFinite }) {
                buffer[flags.x, viewport.grid.y + i] = Cell("!", style: PaneDrawing.nonFiniteTag)
            } else if history.clipped[k] {
                buffer[flags.x, viewport.grid.y + i] = Cell("c", style: PaneDrawing.clipTag)
            }
        }
    }
}
