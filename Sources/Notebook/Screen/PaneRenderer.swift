import Panes
import RNNCore
import TermGrid

/// Hands each pane its slice of the content, turning the reducer's generic navigation
/// (row, column, scroll, layer) into that pane's own view state, and clamping it back.
enum PaneRenderer {
    static func render(_ pane: PaneID, content: ScreenContent, in area: Rect, into buffer: inout Buffer,
                       context: PaneContext, caches: inout ScreenCaches) -> PaneNavigation {
        var nav = content.state.navigation[pane] ?? PaneNavigation()
        let snapshot = content.feed.latest
        let cursor = MatrixIndex(row: nav.row, column: nav.column)
        switch pane {
        case .hidden:
            let (layer, direction) = layerAndDirection(snapshot, index: &nav.layerIndex)
            var state = HiddenStatePane.ViewState(layer: layer, direction: direction, cursor: cursor)
            if let snapshot { state = HiddenStatePane.clamped(state, to: snapshot) }
            nav.row = state.cursor.row; nav.column = state.cursor.column
            HiddenStatePane.render(snapshot, tokens: content.inputLabels, state: state, in: area, into: &buffer, context: context)
        case .gates:
            let (layer, direction) = layerAndDirection(snapshot, index: &nav.layerIndex)
            var state = GatePane.ViewState(layer: layer, direction: direction, cursor: cursor)
            if let snapshot { state = GatePane.clamped(state, to: snapshot) }
            nav.row = state.cursor.row; nav.column = state.cursor.column
            GatePane.render(snapshot, state: state, in: area, into: &buffer, context: context)
        case .gradients:
            let length = snapshot.map { GradientNormPane.series($0, layer: nil).count } ?? 0
            nav.column = min(nav.column, max(0, length - 1))
            GradientNormPane.render(snapshot, history: content.feed.gradientHistory,
                                    state: GradientNormPane.ViewState(cursor: nav.column), in: area, into: &buffer, context: context)
        case .attention:
            let rows = snapshot?.attention?.count ?? 0
            nav.row = min(nav.row, max(0, rows - 1))
            let state = AttentionPane.ViewState(step: rows > 0 ? nav.row : nil, cursor: MatrixIndex(row: nav.row, column: nav.column))
            AttentionPane.render(snapshot, inputTokens: content.inputLabels, outputTokens: content.outputLabels,
                                 state: state, in: area, into: &buffer, context: context)
        case .loss:
            // While a `compare` runs, the second line is the first other variant's loss, on the
            // same footing as the shown model's; every variant's latest loss is on the last row.
            let compared = content.feed.history.last?.metrics.keys.filter { $0.hasPrefix("loss ") }.min()
            LossPane.render(content.feed.history, state: LossPane.ViewState(metric: compared), in: area, into: &buffer, context: context)
        case .diagram:
            let steps = snapshot?.length ?? 0
            nav.scroll = min(nav.scroll, max(0, steps - 1))
            UnrolledDiagramPane.render(snapshot, inputTokens: content.inputLabels, outputTokens: content.outputLabels,
                                       state: UnrolledDiagramPane.ViewState(scroll: nav.scroll), in: area, into: &buffer,
                                       context: context)
        case .answer:
            let width = AnswerPane.textWidth(for: area)
            let layout = caches.answer.layout(title: content.answerTitle, markdown: content.answerMarkdown,
                                              width: width, ascii: context.capabilities.glyphs == .ascii)
            nav.scroll = min(nav.scroll, AnswerPane.maxScroll(lineCount: layout.lineCount, height: area.height))
            AnswerPane.render(layout, state: AnswerPane.ViewState(scroll: nav.scroll), in: area, into: &buffer, context: context)
        case .neurons:
            let unit = nav.row
            let text = content.neuronText ?? ""
            let activations = snapshot.flatMap { NeuronTextPane.activations($0, layer: 0, unit: unit) } ?? []
            NeuronTextPane.render(text: text, activations: activations, state: NeuronTextPane.ViewState(unit: unit, scroll: nav.scroll),
                                  in: area, into: &buffer, context: context)
        }
        return nav
    }

    /// The probe's layer traces in stack order (layer 0 forward, layer 0 reverse, layer 1, …):
    /// `[` and `]` step through them.
    static func layerAndDirection(_ snapshot: ProbeSnapshot?, index: inout Int) -> (Int, Int) {
        guard let layers = snapshot?.layers, !layers.isEmpty else { return (0, 0) }
        index = min(index, layers.count - 1)
        return (layers[index].layer, layers[index].direction)
    }
}

/// Pane frame titles, with the context a viewer needs (which layer, where in the text).
enum PaneTitles {
    static func title(_ pane: PaneID, content: ScreenContent, caches: ScreenCaches, height: Int) -> String {
        let nav = content.state.navigation[pane] ?? PaneNavigation()
        let arrowRight = content.capabilities.glyphs == .ascii ? ">" : "→"
        let arrowLeft = content.capabilities.glyphs == .ascii ? "<" : "←"
        func layerLabel() -> String {
            guard let layers = content.feed.latest?.layers, layers.count > 1 else { return "" }
            let trace = layers[min(nav.layerIndex, layers.count - 1)]
            return " · layer \(trace.layer + 1) \(trace.direction == 0 ? arrowRight : arrowLeft)  [ ] switch"
        }
        switch pane {
        case .hidden: return "hidden states h_t" + layerLabel()
        case .gates: return "gates" + layerLabel()
        case .gradients: return content.capabilities.glyphs == .ascii ? "|dL/dh_t| over time" : "‖∂L/∂h_t‖ over time"
        case .attention: return "attention"
        case .loss: return "loss"
        case .diagram: return "unrolled network"
        case .answer:
            guard let layout = caches.answer.layout, height > 0 else { return "notes" }
            return "notes " + AnswerPane.scrollLabel(lineCount: layout.lineCount, state: AnswerPane.ViewState(scroll: nav.scroll), height: height)
        case .neurons: return "neuron text · unit \(nav.row)"
        }
    }
}
