import RNNCore
import TermGrid

/// Pane 3: attention weights as output tokens × input tokens on a sequential 0…1 map, the
/// current decoding step's row underlined and marked ▶, with what that step attends to most.
public enum AttentionPane {
    public struct ViewState: Hashable, Sendable {
        /// The decoding step to highlight (a row); nil highlights none.
        public var step: Int?
        /// row = output step, column = input step.
        public var cursor: MatrixIndex
        public var scroll: MatrixIndex

        public init(step: Int? = nil, cursor: MatrixIndex = MatrixIndex(), scroll: MatrixIndex = MatrixIndex()) {
            self.step = step; self.cursor = cursor; self.scroll = scroll
        }
    }

    /// Attention weights are probabilities: a fixed 0…1 scale keeps frames comparable over training.
    static let scale = ColorScale.sequential(low: 0, high: 1)

    public static func render(_ snapshot: ProbeSnapshot?, inputTokens: [String]?, outputTokens: [String]?,
                              state: ViewState, in area: Rect, into buffer: inout Buffer, context: PaneContext) {
        let area = area.intersection(buffer.bounds)
        guard !area.isEmpty else { return }
        guard let snapshot else { return PaneDrawing.message("no attention yet", in: area, into: &buffer) }
        guard let weights = snapshot.attention else {
            return PaneDrawing.message("this model has no attention", in: area, into: &buffer)
        }
        let data = HeatmapData(rows: weights)
        guard !data.isEmpty else { return PaneDrawing.message("no attention weights recorded", in: area, into: &buffer) }
        guard area.width >= 4 else { return PaneDrawing.tooSmall(in: area, into: &buffer) }
        let ascii = context.capabilities.glyphs == .ascii
        let step = state.step.map { min(max(0, $0), data.rows - 1) }

        var body = area
        if area.height >= 3 {
            body = area.inset(top: 1)
            let header = headerText(weights, step: step, inputTokens: inputTokens, outputTokens: outputTokens, ascii: ascii)
            HiddenStatePane.drawHeader(header, legend: scale, row: Rect(x: area.x, y: area.y, width: area.width, height: 1),
                                       body: &body, into: &buffer, context: context)
        }

        var map = Heatmap(data: data, scale: scale)
        map.rowLabels = outputTokens.map { .tokens($0) } ?? .indices
        map.columnLabels = inputTokens.map { .tokens($0) } ?? .indices
        // One output step per line, so each row keeps its token label.
        map.halfBlock = false
        map.maxCellWidth = 3
        map.highlightRow = step
        map.cursor = state.cursor
        map.showCursor = context.focused
        map.scroll = state.scroll
        map.footer = { index, value in
            "out \(index.row)" + describe(outputTokens, index.row, ascii) + ", in \(index.column)"
                + describe(inputTokens, index.column, ascii) + ": " + NumberFormat.compact(Double(value), digits: 3)
        }
        map.render(in: body, into: &buffer, context: context)
    }

    /// "step 3 'c' → 'x' (in 5) 0.87": the highlighted step's strongest input, or the shape.
    static func headerText(_ weights: [[Float]], step: Int?, inputTokens: [String]?, outputTokens: [String]?, ascii: Bool) -> String {
        let columns = weights.reduce(0) { max($0, $1.count) }
        guard let step, step < weights.count, let best = weights[step].indices.max(by: { weights[step][$0] < weights[step][$1] }) else {
            return "attention" + PaneDrawing.separator(ascii) + "\(weights.count) out \(PaneDrawing.times(ascii)) \(columns) in"
        }
        return "step \(step)" + describe(outputTokens, step, ascii) + (ascii ? " -> " : " → ")
            + "in \(best)" + describe(inputTokens, best, ascii) + " " + NumberFormat.compact(Double(weights[step][best]), digits: 2)
    }

    /// " ('x')" for a known token, "" otherwise.
    static func describe(_ tokens: [String]?, _ i: Int, _ ascii: Bool) -> String {
        guard let tokens, i >= 0, i < tokens.count else { return "" }
        return " (" + PaneDrawing.quoted(tokens[i], ascii: ascii) + ")"
    }
}
