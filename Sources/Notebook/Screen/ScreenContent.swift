import Panes
import TermGrid

/// Everything one frame shows, gathered by the runtime: UI state, the training feed, and the
/// words around them. Composing a frame reads only this, so `render` and the live notebook
/// draw identical frames from identical content.
public struct ScreenContent: Sendable {
    public var state: NotebookState
    public var feed: TrainingFeed
    public var scenarioTitle: String
    /// The walkthrough step's title, when there is a walkthrough.
    public var stepTitle: String?
    public var answerTitle: String
    public var answerMarkdown: String
    /// One label per time step of the probed row (tokens, characters or values).
    public var inputLabels: [String]?
    /// Target tokens, for the attention pane's rows.
    public var outputLabels: [String]?
    /// The probed text, for the neuron-text pane (character models only).
    public var neuronText: String?
    public var searchResults: [QuestionSearchOverlay.Result] = []
    public var framesPerSecond: Double?
    public var capabilities: Capabilities
    public var layout: PaneLayout

    public init(state: NotebookState, feed: TrainingFeed, scenarioTitle: String, stepTitle: String? = nil,
                answerTitle: String, answerMarkdown: String, inputLabels: [String]? = nil,
                outputLabels: [String]? = nil, neuronText: String? = nil, capabilities: Capabilities,
                layout: PaneLayout) {
        self.state = state; self.feed = feed; self.scenarioTitle = scenarioTitle; self.stepTitle = stepTitle
        self.answerTitle = answerTitle; self.answerMarkdown = answerMarkdown; self.inputLabels = inputLabels
        self.outputLabels = outputLabels; self.neuronText = neuronText; self.capabilities = capabilities
        self.layout = layout
    }
}

/// What composing keeps from frame to frame: the answer's word-wrapped layout, redone only
/// when its text or width changes.
public struct ScreenCaches: Sendable {
    public var answer = AnswerPane.LayoutCache()
    public init() {}
}

/// What composing learned that the reducer needs next time: where panes are (for clicks) and
/// each pane's navigation clamped to its content (so ↑ after many ↓ moves at once).
public struct ComposedFrame: Sendable {
    public var paneRects: [PaneID: Rect] = [:]
    public var navigation: [PaneID: PaneNavigation] = [:]
}
