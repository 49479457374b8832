import Foundation

/// What values a parameter accepts. Ranges are inclusive.
public enum ParameterKind: Sendable, Equatable {
    case int(ClosedRange<Int>)
    case real(ClosedRange<Double>)
    case bool
    case choice([String])

    /// The word used in messages and in Scenarios/README.md's table.
    public var typeName: String {
        switch self {
        case .int: return "int"
        case .real: return "real"
        case .bool: return "bool"
        case .choice: return "choice"
        }
    }
}

/// The front-matter section a parameter is written under, so a file reads as
/// "the task, the model, the training" and a misplaced key gets told where it belongs.
public enum ParameterSection: String, Sendable, CaseIterable {
    case task, model, training
}

/// A bad parameter name or value, pane or action: one line, naming the allowed range, choices
/// or nearest name, without a file or line (the parser adds those; the status bar needs none).
public struct ParameterError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// One settable parameter: its name (the same for `:set`, `--set` and front matter), its type
/// and allowed values, and whether `none` is a value (it turns the feature off or falls back to
/// the task's or cell's own default).
public struct ParameterSpec: Sendable, Equatable {
    public let name: String
    public private(set) var kind: ParameterKind
    /// Accepts `none` (also written `off` or YAML `~`).
    public let optional: Bool
    public let section: ParameterSection
    /// One line for help screens and the README table.
    public let summary: String
    /// True once a scenario's `tweak:` section has narrowed the global range or choices.
    public private(set) var isNarrowed = false

    public init(_ name: String, _ kind: ParameterKind, optional: Bool = false,
                section: ParameterSection, _ summary: String) {
        self.name = name
        self.kind = kind
        self.optional = optional
        self.section = section
        self.summary = summary
    }

    /// "between 0.1 and 3", "one of tanh, relu", "true or false"; with ", or none" when optional.
    public var allowedDescription: String { describeAllowed(scoped: false) }

    /// As `allowedDescription`, saying "in this scenario" after a narrowed range.
    func describeAllowed(scoped: Bool) -> String {
        let base: String
        switch kind {
        case .int(let r): base = "between \(r.lowerBound) and \(r.upperBound)"
        case .real(let r): base = "between \(ParameterValue.format(r.lowerBound)) and \(ParameterValue.format(r.upperBound))"
        case .bool: base = "true or false"
        case .choice(let c): base = "one of " + c.joined(separator: ", ")
        }
        let scope = scoped && isNarrowed ? " in this scenario" : ""
        return base + scope + (optional ? ", or none" : "")
    }

    /// Reads a value written by a person: `0.5`, `1e-3`, `lstm`, `yes`, `none`.
    /// The error names the allowed range and, for choices, the nearest one.
    public func parse(_ text: String) throws -> ParameterValue {
        let t = text.trimmingWhitespace
        let allowed = describeAllowed(scoped: true)
        if optional, t == "none" || t == "off" || t == "~" || t == "null" { return .none }
        switch kind {
        case .int(let r):
            guard let v = Int(t) else {
                throw ParameterError("\(name) must be a whole number \(allowed) (got \(quoted(t)))")
            }
            guard r.contains(v) else { throw ParameterError("\(name) must be \(allowed) (got \(t))") }
            return .int(v)
        case .real(let r):
            guard let v = Double(t), v.isFinite, !t.lowercased().hasPrefix("0x") else {
                throw ParameterError("\(name) must be a number \(allowed) (got \(quoted(t)))")
            }
            guard r.contains(v) else { throw ParameterError("\(name) must be \(allowed) (got \(t))") }
            return .real(v)
        case .bool:
            switch t.lowercased() {
            case "true", "yes", "on", "1": return .bool(true)
            case "false", "no", "off", "0": return .bool(false)
            default: throw ParameterError("\(name) must be true or false (got \(quoted(t)))")
            }
        case .choice(let choices):
            guard choices.contains(t) else {
                let hint = ClosestNames.hint(for: t, in: choices)
                throw ParameterError("\(name) must be \(allowed) (got \(quoted(t))\(hint))")
            }
            return .choice(t)
        }
    }

    /// Whether an already-typed value is allowed (used after narrowing to recheck defaults).
    public func allows(_ value: ParameterValue) -> Bool {
        (try? parse(value.description)) == value
    }

    /// Restricts a numeric range (`[lo, hi]`) or a choice list to a subset of what is allowed
    /// globally; the scenario's `tweak:` section does this.
    public func narrowed(to new: ParameterKind) throws -> ParameterSpec {
        var copy = self
        switch (kind, new) {
        case (.int(let r), .int(let n)):
            guard r.contains(n.lowerBound), r.contains(n.upperBound) else {
                throw ParameterError("\(name): the tweak range \(n.lowerBound) to \(n.upperBound) leaves the allowed range (\(allowedDescription))")
            }
        case (.real(let r), .real(let n)):
            guard r.contains(n.lowerBound), r.contains(n.upperBound) else {
                throw ParameterError("\(name): the tweak range \(ParameterValue.format(n.lowerBound)) to \(ParameterValue.format(n.upperBound)) leaves the allowed range (\(allowedDescription))")
            }
        case (.bool, .bool):
            break
        case (.choice(let all), .choice(let some)):
            for c in some where !all.contains(c) {
                throw ParameterError("\(name) has no choice \(quoted(c)) (allowed: \(all.joined(separator: ", "))\(ClosestNames.hint(for: c, in: all)))")
            }
            guard !some.isEmpty else { throw ParameterError("\(name) needs at least one choice") }
        default:
            throw ParameterError("\(name) is \(kind.typeName == "int" ? "an" : "a") \(kind.typeName) parameter; its tweak must be \(tweakShape)")
        }
        copy.kind = new
        copy.isNarrowed = true
        return copy
    }

    /// How a `tweak:` entry for this parameter is written, for messages.
    public var tweakShape: String {
        switch kind {
        case .int, .real: return "[low, high] or any"
        case .bool: return "any"
        case .choice: return "a list of choices or any"
        }
    }

    private func quoted(_ s: String) -> String { "\"\(s)\"" }
}
