import Foundation
import RNNCore
import TermGrid

/// Pane 6: the whiteboard drawing of an unrolled RNN. Each time step is a column with x_t at
/// the bottom, h_t in the middle and y_t on top; recurrent arrows join h_{t−1} → h_t.
///
/// During backpropagation through time, arrows run back right-to-left beneath the recurrent
/// ones, each shaded by ‖∂L/∂h_t‖ of the step it leaves on a log scale: bright and heavy for
/// large gradients, dark and dotted for tiny ones, so vanishing gradients fade visibly
/// towards the start. The norm is printed under each step when there is room.
///
/// With room for 11 rows the boxes are drawn with borders; below that each box is one row.
/// Sequences longer than the width show the first steps that fit, `…`, then the last step.
public enum UnrolledDiagramPane {
    public struct ViewState: Hashable, Sendable {
        /// Whether to draw the backward arrows (during BPTT): nil means "when there are
        /// gradient norms". Steps without a norm get a dim, unshaded arrow.
        public var backward: Bool?
        /// The first step shown (0-based) when the sequence does not fit.
        public var scroll: Int
        /// A step to highlight, e.g. the column under another pane's cursor.
        public var highlight: Int?

        public init(backward: Bool? = nil, scroll: Int = 0, highlight: Int? = nil) {
            self.backward = backward; self.scroll = scroll; self.highlight = highlight
        }
    }

    /// Draws the diagram of `snapshot` (its length, and its top layer's ‖∂L/∂h_t‖).
    /// `inputTokens` and `outputTokens` label the x and y boxes when given.
    public static func render(_ snapshot: ProbeSnapshot?, inputTokens: [String]? = nil, outputTokens: [String]? = nil,
                              state: ViewState, in area: Rect, into buffer: inout Buffer, context: PaneContext) {
        let norms = snapshot?.gradHNorms ?? []
        var steps = snapshot?.length ?? 0
        if steps <= 0 { steps = snapshot?.layers.first?.hidden.count ?? 0 }
        if steps <= 0 { steps = max(norms.count, inputTokens?.count ?? 0) }
        render(steps: steps, gradHNorms: norms, inputTokens: inputTokens, outputTokens: outputTokens,
               state: state, in: area, into: &buffer, context: context)
    }

    /// Draws a diagram of `steps` time steps; `gradHNorms[t]` is ‖∂L/∂h_t‖ (may be empty).
    public static func render(steps: Int, gradHNorms: [Double], inputTokens: [String]? = nil,
                              outputTokens: [String]? = nil, state: ViewState, in area: Rect,
                              into buffer: inout Buffer, context: PaneContext) {
        guard !area.isEmpty else { return }
        let ascii = context.capabilities.glyphs == .ascii
        guard steps > 0 else {
            note("no steps yet", in: area, into: &buffer, ascii: ascii); return
        }
        let labels = DiagramLabels(inputTokens: inputTokens, outputTokens: outputTokens, ascii: ascii)
        let backward = state.backward ?? !gradHNorms.isEmpty
        // Box width from the labels that may be visible, so a long sequence costs no more.
        var inner = 2
        let probe = min(steps, max(0, state.scroll)) ..< min(steps, max(0, state.scroll) + area.width / 5 + 1)
        for t in probe { inner = max(inner, labels.widest(t)) }
        inner = min(8, max(inner, labels.widest(steps - 1)))
        let geometry = DiagramGeometry(steps: steps, scroll: state.scroll, width: area.width, boxWidth: inner + 2)
        guard !geometry.slots.isEmpty else {
            note("too small", in: area, into: &buffer, ascii: ascii); return
        }
        let rows = DiagramRows(height: area.height, backward: backward)
        let shade = DiagramGradientShade(norms: gradHNorms)
        let pen = DiagramPen(area: area, ascii: ascii, rows: rows, boxWidth: inner + 2)
        for slot in geometry.slots {
            switch slot {
            case let .step(t, x):
                pen.forwardArrow(gapEnd: x, continued: t == geometry.firstShown && t > 0, into: &buffer)
                pen.column(x: x, output: labels.output(t), hidden: labels.hidden(t), input: labels.input(t),
                           highlighted: state.highlight == t, into: &buffer)
                if backward {
                    let norm = t < gradHNorms.count ? gradHNorms[t] : nil
                    pen.backwardArrow(gapEnd: x, shade: norm.map { shade.level($0) } ?? .missing, into: &buffer)
                    if let norm { pen.normLabel(norm, boxX: x, shade: shade.level(norm), into: &buffer) }
                }
            case let .ellipsis(x):
                pen.forwardArrow(gapEnd: x, continued: false, into: &buffer)
                pen.ellipsis(x: x, into: &buffer)
                if backward { pen.backwardArrow(gapEnd: x, shade: .missing, into: &buffer) }
            }
        }
        if backward, shade.high > 0, let row = rows.legend { pen.legend(row: row, shade: shade, into: &buffer) }
    }

    private static func note(_ text: String, in area: Rect, into buffer: inout Buffer, ascii: Bool) {
        buffer.put(TextGlyph.truncate(text, to: area.width, ascii: ascii), x: area.x, y: area.y + area.height / 2,
                   style: Style(foreground: .gray, attributes: .dim), clip: area)
    }
}

/// Where the time-step columns go across the width.
struct DiagramGeometry {
    enum Slot { case step(Int, x: Int), ellipsis(x: Int) }
    static let gap = 3, ellipsisWidth = 3
    var slots: [Slot] = []
    var firstShown = 0

    /// `x` in slots is relative to the area's left edge: where the slot's box starts, after
    /// the gap that holds the arrows coming into it.
    init(steps: Int, scroll: Int, width: Int, boxWidth: Int) {
        let pitch = Self.gap + boxWidth
        guard width >= pitch else { return }
        var shown: [Int]
        var ellipsisAfter: Int?
        if steps * pitch <= width {
            shown = Array(0..<steps)
        } else {
            let fit = (width - Self.gap - Self.ellipsisWidth - pitch) / pitch
            if fit < 1 {
                shown = [min(max(0, scroll), steps - 1)]
            } else {
                let start = min(max(0, scroll), steps - 1 - fit)
                shown = Array(start..<start + fit)
                if start + fit < steps - 1 { ellipsisAfter = start + fit - 1 }
                shown.append(steps - 1)
            }
        }
        firstShown = shown.first ?? 0
        var x = Self.gap
        for t in shown {
            slots.append(.step(t, x: x)); x += pitch
            if t == ellipsisAfter { slots.append(.ellipsis(x: x)); x += Self.gap + Self.ellipsisWidth }
        }
    }
}

/// Which rows of the area hold what. Boxes with borders need 11 rows; below that every box is
/// one row and the optional rows go in order of importance: x, y, backward arrows, norms,
/// the two vertical arrows, the legend.
struct DiagramRows {
    var boxed = false
    var y: Int?, upperArrow: Int?, hidden = 0, back: Int?, lowerArrow: Int?, x: Int?, norms: Int?, legend: Int?

    init(height: Int, backward: Bool) {
        if height >= 11 {
            boxed = true
            let extra = backward ? min(2, height - 11) : 0
            var row = (height - 11 - extra) / 2
            if extra >= 2 { legend = row; row += 1 }
            y = row + 1; upperArrow = row + 3; hidden = row + 5; back = backward ? row + 6 : nil
            lowerArrow = row + 7; x = row + 9
            if extra >= 1 { norms = row + 11 }
            return
        }
        enum Kind: CaseIterable { case legend, y, upper, hidden, back, lower, x, norms }
        let priority: [Kind] = [.hidden, .x, .y] + (backward ? [.back, .norms] : []) + [.upper, .lower]
            + (backward ? [.legend] : [])
        let chosen = Set(priority.prefix(max(0, height)))
        var row = (height - chosen.count) / 2
        for kind in Kind.allCases where chosen.contains(kind) {
            switch kind {
            case .legend: legend = row
            case .y: y = row
            case .upper: upperArrow = row
            case .hidden: hidden = row
            case .back: back = row
            case .lower: lowerArrow = row
            case .x: x = row
            case .norms: norms = row
            }
            row += 1
        }
    }
}

/// How one backward arrow is shaded.
enum DiagramArrowShade: Equatable {
    /// No gradient recorded for this step.
    case missing
    /// NaN or infinite.
    case nonFinite
    /// Brightness in [0, 1] on the log scale.
    case level(Double)
}

/// Maps ‖∂L/∂h_t‖ to a brightness in [0, 1] on a log scale between the smallest and largest
/// finite positive norms of the sequence.
struct DiagramGradientShade {
    private(set) var low = 0.0, high = 0.0
    private var logLow = 0.0, logSpan = 0.0

    /// One pass of comparisons; only the two extremes need a logarithm, so long sequences
    /// stay cheap per frame.
    init(norms: [Double]) {
        var low = Double.infinity, high = 0.0
        for n in norms where n.isFinite && n > 0 { low = min(low, n); high = max(high, n) }
        guard high > 0 else { return }
        self.low = low; self.high = high
        logLow = log10(low)
        logSpan = log10(high) - logLow
    }

    /// 0 for a zero norm; 1 when every norm is the same.
    func level(_ norm: Double) -> DiagramArrowShade {
        guard norm.isFinite else { return .nonFinite }
        guard norm > 0 else { return .level(0) }
        guard logSpan > 1e-9 else { return .level(1) }
        return .level(min(1, max(0, (log10(norm) - logLow) / logSpan)))
    }
}
