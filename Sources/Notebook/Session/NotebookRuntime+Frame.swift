import Panes
import RNNCore
import TermGrid

extension NotebookRuntime {
    /// Composes the frame for a `width` × `height` screen, and keeps what the reducer needs
    /// from it (pane rectangles, clamped navigation).
    public func frame(width: Int, height: Int, now: Double, framesPerSecond: Double? = nil) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        frame(into: &buffer, now: now, framesPerSecond: framesPerSecond)
        return buffer
    }

    public func frame(into buffer: inout Buffer, now: Double, framesPerSecond: Double? = nil) {
        if let status = state.status, status.expires <= now { state.status = nil }
        let content = screenContent(framesPerSecond: framesPerSecond)
        let composed = ScreenComposer.compose(content, into: &buffer, caches: &caches)
        state.paneRects = composed.paneRects
        for (pane, nav) in composed.navigation { state.navigation[pane] = nav }
    }

    func screenContent(framesPerSecond: Double?) -> ScreenContent {
        let feed = training.snapshot
        let step = scenario.steps.indices.contains(state.walkthroughStep) ? scenario.steps[state.walkthroughStep] : nil
        var content = ScreenContent(
            state: state, feed: feed, scenarioTitle: scenario.title, stepTitle: step?.title,
            answerTitle: step.map { $0.title } ?? scenario.title, answerMarkdown: notesMarkdown(step),
            inputLabels: feed.labels?.input, outputLabels: feed.labels?.output, neuronText: feed.labels?.text,
            capabilities: capabilities, layout: scenario.layout)
        content.framesPerSecond = framesPerSecond
        content.searchResults = searchResults.map { QuestionSearchOverlay.Result(id: $0.id, title: $0.question) }
        return content
    }

    /// The notes pane: the walkthrough step's prose (or the introduction), the claim, and the
    /// interview answer the scenario illustrates.
    func notesMarkdown(_ step: WalkthroughStep?) -> String {
        var parts: [String] = []
        parts.append(step?.prose ?? scenario.intro)
        if let actions = step?.actions, !actions.isEmpty {
            parts.append("`" + actions.map(\.text).joined(separator: "` · `") + "`")
        }
        parts.append("**Claim.** " + scenario.claim)
        if let id = questionID, let question = questions.question(id: id) {
            parts.append("## Interview answer: " + question.question + "\n\n" + question.answer)
        }
        parts.append("*n* next step · *p* previous · *space* play · *?* help")
        return parts.joined(separator: "\n\n")
    }
}
