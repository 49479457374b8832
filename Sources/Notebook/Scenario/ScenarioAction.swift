/// One line of a walkthrough step's ```actions block.
///
/// | action | meaning |
/// |---|---|
/// | `set NAME VALUE` (or `set NAME=VALUE`) | change a parameter, exactly like `:set` |
/// | `run N` | train N more steps |
/// | `reset` | rebuild the model from the current parameters, step 0 |
/// | `focus PANE` | move focus to a pane |
/// | `compare NAME=V1,V2[,…]` | train one model per value side by side, all else equal |
public enum ScenarioAction: Sendable, Equatable {
    case set(name: String, value: ParameterValue)
    case run(steps: Int)
    case reset
    case focus(PaneID)
    case compare(name: String, values: [ParameterValue])

    /// The action words, for messages and completion.
    public static let verbs = ["set", "run", "reset", "focus", "compare"]
    /// `run` accepts what `:run` accepts.
    public static let runRange = 1...1_000_000
    /// Side-by-side variants: at least two to compare, at most what fits on screen.
    public static let compareCount = 2...4

    /// Parses and validates one action against the scenario's parameters (with its narrowed
    /// ranges) and panes. The error is one line, without a file or line.
    public static func parse(_ line: String, parameters: ParameterSet, panes: [PaneID]) throws -> ScenarioAction {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let verb = words.first else { throw ParameterError("empty action") }
        let rest = Array(words.dropFirst())
        switch verb {
        case "set":
            let (name, text): (String, String)
            if rest.count == 1, rest[0].contains("=") {
                (name, text) = try ParameterSet.parseAssignment(rest[0])
            } else {
                guard rest.count == 2 else { throw ParameterError("set takes a parameter and a value: set NAME VALUE") }
                (name, text) = (rest[0], rest[1])
            }
            return .set(name: name, value: try parameters.validate(name, text))
        case "run":
            guard rest.count == 1 else { throw ParameterError("run takes a number of steps: run N") }
            guard let n = Int(rest[0]), runRange.contains(n) else {
                throw ParameterError("run takes a number of steps between \(runRange.lowerBound) and \(runRange.upperBound) (got \(rest[0]))")
            }
            return .run(steps: n)
        case "reset":
            guard rest.isEmpty else { throw ParameterError("reset takes no arguments") }
            return .reset
        case "focus":
            guard rest.count == 1 else { throw ParameterError("focus takes one pane: focus PANE") }
            let pane = try PaneID.named(rest[0])
            guard panes.contains(pane) else {
                throw ParameterError("focus \(pane.rawValue): this scenario does not show that pane (it shows \(panes.map(\.rawValue).joined(separator: ", ")))")
            }
            return .focus(pane)
        case "compare":
            guard rest.count == 1 else { throw ParameterError("compare takes NAME=VALUE,VALUE with no spaces") }
            let (name, list) = try ParameterSet.parseAssignment(rest[0])
            let texts = list.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard compareCount.contains(texts.count) else {
                throw ParameterError("compare needs \(compareCount.lowerBound) to \(compareCount.upperBound) values (got \(texts.count))")
            }
            let values = try texts.map { try parameters.validate(name, $0) }
            guard Set(values).count == values.count else { throw ParameterError("compare lists the same value twice") }
            return .compare(name: name, values: values)
        default:
            throw ParameterError("unknown action \"\(verb)\" (actions: \(verbs.joined(separator: ", "))\(ClosestNames.hint(for: verb, in: verbs)))")
        }
    }

    /// The action as it would be written in a file; parses back to itself.
    public var text: String {
        switch self {
        case .set(let name, let value): return "set \(name) \(value)"
        case .run(let n): return "run \(n)"
        case .reset: return "reset"
        case .focus(let pane): return "focus \(pane.rawValue)"
        case .compare(let name, let values): return "compare \(name)=" + values.map(\.description).joined(separator: ",")
        }
    }

    /// The `:` command that does the same, for all actions but `compare`.
    public var notebookCommand: NotebookCommand? {
        switch self {
        case .set(let name, let value): return .set(name: name, value: value.description)
        case .run(let n): return .run(steps: n)
        case .reset: return .reset
        case .focus(let pane): return .focus(pane: pane.rawValue)
        case .compare: return nil
        }
    }
}

/// A `## ` section of a scenario's body: the prose a learner reads, then the actions the
/// notebook performs when the learner reaches the step.
public struct WalkthroughStep: Sendable, Equatable {
    /// The heading text after `## `.
    public var title: String
    /// The section's Markdown without its actions block, kept verbatim.
    public var prose: String
    public var actions: [ScenarioAction]
    /// Line of the `## ` heading (1-based).
    public var line: Int
    /// Line of each action, parallel to `actions`.
    public var actionLines: [Int]

    public init(title: String, prose: String, actions: [ScenarioAction], line: Int, actionLines: [Int] = []) {
        self.title = title
        self.prose = prose
        self.actions = actions
        self.line = line
        self.actionLines = actionLines.count == actions.count ? actionLines : Array(repeating: line, count: actions.count)
    }
}
