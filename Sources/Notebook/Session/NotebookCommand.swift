/// A command typed at the `:` prompt, or run by a walkthrough step.
public enum NotebookCommand: Equatable, Sendable {
    case set(name: String, value: String)
    case run(steps: Int)
    case reset
    case focus(pane: String)
    case open(scenario: String)
    case step(index: Int)
    case help
    case quit

    /// The command words, for completion and the help overlay.
    public static let verbs = ["set", "run", "reset", "focus", "open", "step", "help", "quit"]

    /// Parses one `:` line (without the colon). Errors are one line, shown in the status bar.
    public static func parse(_ line: String) throws -> NotebookCommand {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let verb = words.first?.lowercased() else { throw CommandError("empty command") }
        let rest = Array(words.dropFirst())
        func one(_ what: String) throws -> String {
            guard rest.count == 1 else { throw CommandError(":\(verb) takes one \(what)") }
            return rest[0]
        }
        switch verb {
        case "set":
            // Both `:set radius 1.2` and `:set radius=1.2`, like `--set`.
            if rest.count == 1, let eq = rest[0].firstIndex(of: "=") {
                let name = String(rest[0][..<eq]), value = String(rest[0][rest[0].index(after: eq)...])
                guard !name.isEmpty && !value.isEmpty else { throw CommandError("usage: :set NAME VALUE") }
                return .set(name: name, value: value)
            }
            guard rest.count == 2 else { throw CommandError("usage: :set NAME VALUE") }
            return .set(name: rest[0], value: rest[1])
        case "run":
            let text = try one("number of steps")
            guard let n = Int(text), (1...1_000_000).contains(n) else {
                throw CommandError(":run takes a number of steps between 1 and 1000000 (got \(text))")
            }
            return .run(steps: n)
        case "reset":
            guard rest.isEmpty else { throw CommandError(":reset takes no arguments") }
            return .reset
        case "focus": return .focus(pane: try one("pane name"))
        case "open": return .open(scenario: try one("scenario id"))
        case "step":
            let text = try one("step number")
            guard let n = Int(text), n >= 1 else { throw CommandError(":step takes a step number from 1 (got \(text))") }
            return .step(index: n - 1)
        case "help": return .help
        case "q", "quit": return .quit
        default:
            let suggestion = ClosestNames.suggestion(for: verb, in: verbs).map { " (did you mean :\($0)?)" } ?? ""
            throw CommandError("unknown command :\(verb)\(suggestion)")
        }
    }
}

/// A command that could not be parsed or applied; its message goes to the status bar.
public struct CommandError: Error, Equatable, CustomStringConvertible, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
