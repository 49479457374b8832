import TermGrid

/// What every pane is told besides its data: what the terminal can show and whether the pane
/// has focus (a focused pane draws a highlighted frame and its cursor).
public struct PaneContext: Sendable {
    public var capabilities: Capabilities
    public var focused: Bool

    public init(capabilities: Capabilities = .full, focused: Bool = false) {
        self.capabilities = capabilities; self.focused = focused
    }
}
