import Foundation
import RNNCore

/// The values of every registry parameter for one scenario (or one `rnnbook run`), with the
/// scenario's narrowed ranges. `:set`, `--set` and a walkthrough's `set` all go through
/// `set(_:_:)`, so they accept and refuse exactly the same things.
public struct ParameterSet: Sendable, Equatable {
    /// The task, fixed by the scenario.
    public let task: String
    /// For the `text` task: the corpus, already resolved inside the scenario's folder.
    public var textFile: String?
    /// `--csv FILE`: the user's own series replaces a forecasting scenario's data.
    public var csvFile: String?
    /// Specs by name: the registry's, narrowed by the scenario's `tweak:` section.
    public private(set) var specs: [String: ParameterSpec]
    /// Current values by name; every registry name has one.
    public private(set) var values: [String: ParameterValue]
    /// The names the scenario offers as knobs (its `tweak:` keys), in file order.
    public private(set) var tweakable: [String] = []

    /// Defaults are `TrainingRecipe()`'s, so a scenario that says nothing trains what
    /// `rnnbook run` would.
    public init(task: String = TrainingRecipe().task) {
        var recipe = TrainingRecipe()
        recipe.task = task
        self.init(recipe: recipe)
    }

    /// Reads every registry parameter from a recipe.
    public init(recipe: TrainingRecipe) {
        task = recipe.task
        textFile = recipe.textFile
        specs = Dictionary(uniqueKeysWithValues: ParameterRegistry.specs.map { ($0.name, $0) })
        values = Dictionary(uniqueKeysWithValues: ParameterRegistry.names.map {
            ($0, ParameterRecipeMapping.read($0, from: recipe))
        })
    }

    /// The current value of `name`, or nil for an unknown name.
    public subscript(name: String) -> ParameterValue? { values[name] }

    /// The (possibly narrowed) spec of `name`.
    public func spec(_ name: String) -> ParameterSpec? { specs[name] }

    /// Sets `name` from text. On error nothing changes and the message names the allowed
    /// range or choices (for example `radius must be between 0.1 and 3 (got 7)`), or the
    /// closest known name for a typo.
    public mutating func set(_ name: String, _ text: String) throws {
        values[name] = try validate(name, text)
    }

    /// Parses `text` for `name` without changing anything (used to check actions ahead of time).
    public func validate(_ name: String, _ text: String) throws -> ParameterValue {
        _ = try ParameterRegistry.lookUp(name)
        guard let spec = specs[name] else { throw ParameterError("unknown parameter \"\(name)\"") }
        return try spec.parse(text)
    }

    /// Sets an already-typed value, checking it against the spec.
    public mutating func set(_ name: String, value: ParameterValue) throws {
        try set(name, value.description)
    }

    /// Applies one `--set NAME=VALUE` (or `:set NAME=VALUE`).
    public mutating func apply(assignment: String) throws {
        let (name, value) = try Self.parseAssignment(assignment)
        try set(name, value)
    }

    /// Splits `NAME=VALUE` at the first `=`.
    public static func parseAssignment(_ text: String) throws -> (name: String, value: String) {
        guard let eq = text.firstIndex(of: "=") else {
            throw ParameterError("--set expects NAME=VALUE (got \"\(text)\")")
        }
        let name = text[..<eq].trimmingWhitespace
        let value = text[text.index(after: eq)...].trimmingWhitespace
        guard !name.isEmpty, !value.isEmpty else { throw ParameterError("--set expects NAME=VALUE (got \"\(text)\")") }
        return (name, value)
    }

    /// Restricts `name` to a narrower range or choice list and marks it tweakable. The current
    /// value must still be allowed afterwards.
    public mutating func narrow(_ name: String, to kind: ParameterKind?) throws {
        let global = try ParameterRegistry.lookUp(name)
        let spec = try kind.map { try global.narrowed(to: $0) } ?? global
        if let value = values[name], !spec.allows(value) {
            throw ParameterError("\(name) is \(value), outside its tweak range (\(spec.allowedDescription))")
        }
        specs[name] = spec
        if !tweakable.contains(name) { tweakable.append(name) }
    }

    /// The recipe these values describe, checked as a whole: combinations no single range
    /// can catch (an activation on an LSTM, truncated BPTT on a bidirectional model) throw the
    /// recipe's `InputError`, whose text starts with the parameter's name.
    public func recipe() throws -> TrainingRecipe {
        var r = TrainingRecipe()
        r.task = task
        r.textFile = textFile
        if let csvFile { r.task = "csv"; r.csvFile = csvFile }
        for name in ParameterRegistry.names {
            guard let value = values[name] else { continue }
            try ParameterRecipeMapping.write(value, name, into: &r)
        }
        try r.validate()
        return r
    }

    /// `name=value` for every parameter that differs from `other`, in registry order: what a
    /// status line or a compare legend shows.
    public func differences(from other: ParameterSet) -> [String] {
        ParameterRegistry.names.compactMap { name in
            values[name] == other.values[name] ? nil : "\(name)=\(values[name]?.description ?? "none")"
        }
    }
}
