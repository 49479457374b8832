import TermGrid

/// Where the keyboard goes besides the panes.
public enum Overlay: Equatable, Sendable {
    case none
    case help
    case command(CommandLineEditor)
    /// `/` question search: the query and the selected result.
    case search(query: String, selection: Int)
}

/// How a pane is being looked at: the heatmap cursor, or the scroll position of text.
public struct PaneNavigation: Equatable, Sendable {
    public var row = 0
    public var column = 0
    public var scroll = 0
    /// Which layer/direction (hidden and gate panes), counted in the stack's order.
    public var layerIndex = 0
    public init() {}
}

/// A message in the status bar and when it goes away.
public struct StatusMessage: Equatable, Sendable {
    public var text: String
    public var isError: Bool
    public var expires: Double
}

/// The notebook's UI state: a plain value that only `NotebookState.reduce` changes. Training
/// itself lives on the training thread; the reducer asks for it through `NotebookEffect`s.
public struct NotebookState: Equatable, Sendable {
    public var scenarioID: String
    /// The panes on screen in reading order; Tab cycles through them.
    public var panes: [PaneID]
    public var focus = 0
    public var zoomed = false
    public var overlay = Overlay.none
    /// The walkthrough step shown, 0-based, and how many there are.
    public var walkthroughStep = 0
    public var walkthroughCount = 0
    public var navigation: [PaneID: PaneNavigation] = [:]
    /// Index into `speeds`; the last entry means as fast as training goes.
    public var speedIndex = NotebookState.speeds.count - 1
    public var status: StatusMessage?
    /// Where each pane was drawn last frame, for mouse clicks.
    public var paneRects: [PaneID: Rect] = [:]
    /// The command line's history survives closing the prompt.
    public var commandHistory: [String] = []
    public var quitRequested = false

    /// Steps per second for + and -; nil is unlimited.
    public static let speeds: [Double?] = [1, 2, 5, 10, 20, 50, 100, 300, nil]

    public init(scenarioID: String, panes: [PaneID], walkthroughCount: Int) {
        self.scenarioID = scenarioID; self.panes = panes; self.walkthroughCount = walkthroughCount
    }

    public var focusedPane: PaneID? { panes.indices.contains(focus) ? panes[focus] : nil }
    public var speedLimit: Double? { Self.speeds[speedIndex] }

    /// A status-bar message that lasts a few seconds.
    public mutating func say(_ text: String, isError: Bool = false, now: Double, seconds: Double = 4) {
        status = StatusMessage(text: text, isError: isError, expires: now + seconds)
    }
}

/// What the reducer asks the outside world to do.
public enum NotebookEffect: Equatable, Sendable {
    case togglePlay
    case trainSteps(Int)
    case reset
    case setSpeed(Double?)
    /// A `:set`: validated by the scenario's parameters, which may answer with a message.
    case set(name: String, value: String)
    case open(scenario: String)
    /// Run the actions of walkthrough step `index`.
    case enterStep(index: Int)
    /// Search the question bank for the query (the result list is the runtime's to keep).
    case search(query: String)
    /// Open the selected search result.
    case openSearchResult(index: Int)
    case quit
}
