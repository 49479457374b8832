import Panes
import TermGrid

/// Builds a whole frame from `ScreenContent`: a title row, the scenario's panes laid out by
/// their weights (or the focused one zoomed), the status bar, and any overlay on top.
public enum ScreenComposer {
    public static let minimumWidth = 60, minimumHeight = 20

    static let titleStyle = Style(foreground: .rgb(235, 235, 245), background: .rgb(48, 52, 82), attributes: .bold)
    static let stepStyle = Style(foreground: .rgb(190, 200, 255), background: .rgb(48, 52, 82))

    @discardableResult
    public static func compose(_ content: ScreenContent, into buffer: inout Buffer,
                               caches: inout ScreenCaches) -> ComposedFrame {
        buffer.clear()
        let screen = buffer.bounds
        guard screen.width >= minimumWidth && screen.height >= minimumHeight else {
            drawTooSmall(in: screen, into: &buffer)
            return ComposedFrame()
        }
        let context = PaneContext(capabilities: content.capabilities)
        let commandRows = commandLineRows(content.state)
        let (titleRow, rest) = screen.splitTop(1)
        let (grid, bottom) = rest.splitTop(rest.height - max(1, commandRows))
        drawTitle(content, in: titleRow, into: &buffer)

        var frame = ComposedFrame()
        let rects = paneRects(content, in: grid)
        for (pane, rect) in rects {
            let focused = content.state.focusedPane == pane
            var paneContext = context
            paneContext.focused = focused
            let title = PaneTitles.title(pane, content: content, caches: caches, height: rect.height - 2)
            let inner = PaneChrome.draw(title: title, in: rect, into: &buffer, context: paneContext)
            let nav = PaneRenderer.render(pane, content: content, in: inner, into: &buffer,
                                          context: paneContext, caches: &caches)
            frame.paneRects[pane] = rect
            frame.navigation[pane] = nav
        }
        drawBottom(content, in: bottom, into: &buffer, context: context)
        drawOverlay(content, in: screen, into: &buffer, context: context)
        return frame
    }

    /// The scenario's layout, or the focused pane over the whole grid when zoomed.
    static func paneRects(_ content: ScreenContent, in grid: Rect) -> [(PaneID, Rect)] {
        let state = content.state
        if state.zoomed, let pane = state.focusedPane { return [(pane, grid)] }
        let rows = content.layout.rows.filter { !$0.slots.isEmpty }
        let rowRects = Layout.vertical(rows.map { .fill($0.weight) }).split(grid)
        var result: [(PaneID, Rect)] = []
        for (row, rowRect) in zip(rows, rowRects) {
            let cells = Layout.horizontal(row.slots.map { .fill($0.weight) }).split(rowRect)
            for (slot, rect) in zip(row.slots, cells) where !rect.isEmpty { result.append((slot.pane, rect)) }
        }
        return result
    }

    static func commandLineRows(_ state: NotebookState) -> Int {
        if case .command(let editor) = state.overlay, !editor.candidates.isEmpty { return 2 }
        return 1
    }

    static func drawTitle(_ content: ScreenContent, in row: Rect, into buffer: inout Buffer) {
        buffer.fill(row, with: Cell(" ", style: titleStyle))
        var x = buffer.put(" rnnbook", x: row.x, y: row.y, style: titleStyle)
        let separator = content.capabilities.glyphs == .ascii ? " - " : " · "
        x = buffer.put(separator + content.scenarioTitle, x: x, y: row.y, style: titleStyle, clip: row)
        if let step = content.stepTitle, content.state.walkthroughCount > 0 {
            let label = "   step \(content.state.walkthroughStep + 1)/\(content.state.walkthroughCount): \(step)"
            buffer.put(label, x: x, y: row.y, style: stepStyle, clip: row)
        }
    }

    static func drawBottom(_ content: ScreenContent, in area: Rect, into buffer: inout Buffer, context: PaneContext) {
        let state = content.state
        if case .command(let editor) = state.overlay {
            var bar = CommandLineBar.ViewState(text: editor.text, cursor: editor.cursor)
            bar.candidates = editor.candidates
            CommandLineBar.render(bar, in: area, into: &buffer, context: context)
            return
        }
        let feed = content.feed
        let runState: StatusBar.RunState = feed.haltReason != nil && feed.latest?.nonFinite == true ? .nonFinite
            : (feed.running || feed.pendingSteps > 0 ? .running : .paused)
        let status = StatusBar.Status(
            scenario: state.scenarioID,
            walkthroughStep: state.walkthroughCount > 0 ? state.walkthroughStep + 1 : nil,
            walkthroughCount: state.walkthroughCount > 0 ? state.walkthroughCount : nil,
            step: feed.step, loss: feed.history.last?.loss,
            stepsPerSecond: feed.running ? feed.stepsPerSecond : nil,
            framesPerSecond: content.framesPerSecond, runState: runState,
            message: state.status?.text ?? feed.haltReason)
        StatusBar.render(status, in: area, into: &buffer, context: context)
    }

    static func drawOverlay(_ content: ScreenContent, in screen: Rect, into buffer: inout Buffer, context: PaneContext) {
        switch content.state.overlay {
        case .help: HelpOverlay.render(in: screen, into: &buffer, context: context)
        case .search(let query, let selection):
            let state = QuestionSearchOverlay.ViewState(query: query, selected: selection)
            QuestionSearchOverlay.render(results: content.searchResults, state: state, in: screen, into: &buffer, context: context)
        case .none, .command: break
        }
    }

    static func drawTooSmall(in screen: Rect, into buffer: inout Buffer) {
        let lines = ["rnnbook needs at least \(minimumWidth)×\(minimumHeight);",
                     "this terminal is \(screen.width)×\(screen.height).",
                     "Enlarge it, or press q to quit."]
        let top = max(0, (screen.height - lines.count) / 2)
        for (i, line) in lines.enumerated() {
            let x = max(0, (screen.width - line.unicodeScalars.count) / 2)
            buffer.put(line, x: x, y: top + i, style: Style(attributes: i == 0 ? .bold : []))
        }
    }
}
