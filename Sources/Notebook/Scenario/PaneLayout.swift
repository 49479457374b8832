/// The panes a scenario can show. Raw values are the names used in front matter, in `focus`
/// actions and at the `:focus` prompt.
public enum PaneID: String, CaseIterable, Sendable, Hashable {
    case hidden, gradients, attention, gates, loss, diagram, answer, neurons

    /// All names, for messages and completion.
    public static var names: [String] { allCases.map(\.rawValue) }

    /// Parses a pane name; the error names the nearest pane.
    public static func named(_ name: String) throws -> PaneID {
        if let pane = PaneID(rawValue: name) { return pane }
        let hint = ClosestNames.hint(for: name, in: names)
        throw ParameterError("unknown pane \"\(name)\" (panes: \(names.joined(separator: ", "))\(hint))")
    }
}

/// Where panes go on screen, as the scenario's author wants them: rows from top to bottom,
/// each split into panes from left to right. Weights say what matters: a row of weight 2 gets
/// twice the height of a row of weight 1, and likewise for panes within a row. The layout
/// engine turns this into rectangles for the terminal's size; a pane it cannot fit is still
/// reachable through focus and zoom.
public struct PaneLayout: Sendable, Equatable {
    /// One pane and its share of its row's width.
    public struct Slot: Sendable, Equatable {
        public var pane: PaneID
        public var weight: Int
        public init(_ pane: PaneID, weight: Int = 1) { self.pane = pane; self.weight = weight }
    }

    /// One row and its share of the screen's height.
    public struct Row: Sendable, Equatable {
        public var weight: Int
        public var slots: [Slot]
        public init(_ slots: [Slot], weight: Int = 1) { self.slots = slots; self.weight = weight }
    }

    /// Weights allowed in files: enough to express emphasis, too few to express pixel-pushing.
    public static let weightRange = 1...9

    public var rows: [Row]

    public init(rows: [Row]) { self.rows = rows }

    /// Every placed pane, in reading order (left to right, top to bottom).
    public var panes: [PaneID] { rows.flatMap { $0.slots.map(\.pane) } }

    /// The arrangement used when a scenario lists `panes:` without a `layout:`: two panes per
    /// row, in the listed order, a lone last pane taking the whole row.
    public static func automatic(_ panes: [PaneID]) -> PaneLayout {
        var rows: [Row] = []
        var index = 0
        while index < panes.count {
            let pair = panes[index..<min(index + 2, panes.count)].map { Slot($0) }
            rows.append(Row(pair))
            index += 2
        }
        return PaneLayout(rows: rows)
    }
}
