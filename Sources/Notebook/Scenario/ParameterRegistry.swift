import RNNCore

/// The one list of parameter names. `:set`, `--set`, front matter, `tweak:`, `set` and
/// `compare` actions all look names up here, so a name means the same thing everywhere.
///
/// Global ranges are what a live notebook can train in reasonable time on a laptop; a scenario
/// may narrow them (never widen). `task` is chosen by the scenario and is not settable.
public enum ParameterRegistry {
    /// Every settable parameter, in the order help screens and the README list them.
    public static let specs: [ParameterSpec] = [
        ParameterSpec("cell", .choice(CellKind.allCases.map(\.rawValue)), section: .model,
                      "recurrent cell: plain RNN with an activation, LSTM, GRU, Jordan, clockwork"),
        ParameterSpec("hidden", .int(1...1024), section: .model, "hidden units per layer and direction"),
        ParameterSpec("layers", .int(1...16), section: .model, "stacked recurrent layers"),
        ParameterSpec("bidirectional", .bool, section: .model, "also read the sequence backwards"),
        ParameterSpec("layer_norm", .bool, section: .model, "normalise each cell's pre-activations (layer norm)"),
        ParameterSpec("residual", .bool, section: .model, "add each layer's input to its output in a stack"),
        ParameterSpec("radius", .real(0.1...3), optional: true, section: .model,
                      "rescale W_hh to this spectral radius after initialisation (none: leave it)"),
        ParameterSpec("init", .choice(initializers), section: .model, "how recurrent weights start"),
        ParameterSpec("activation", .choice(activations), optional: true, section: .model,
                      "override a plain RNN's activation (none: the cell's own)"),
        ParameterSpec("dropout", .real(0...0.9), section: .model, "dropout between layers"),
        ParameterSpec("attention", .choice(attentionKinds), section: .model,
                      "decoder attention for sequence-to-sequence tasks"),
        ParameterSpec("seq_len", .int(1...5000), optional: true, section: .task,
                      "sequence length (none: the task's own)"),
        ParameterSpec("lr", .real(0.000001...10), section: .training, "learning rate"),
        ParameterSpec("optimizer", .choice(TrainingRecipe.optimizerNames), section: .training, "update rule"),
        ParameterSpec("clip", .real(0.001...1000), optional: true, section: .training,
                      "clip the gradient's global norm to this (none: no clipping)"),
        ParameterSpec("clip_value", .real(0.001...1000), optional: true, section: .training,
                      "clip each gradient entry to ±this (none: no clipping)"),
        ParameterSpec("tbptt", .int(1...5000), optional: true, section: .training,
                      "truncated BPTT window in steps (none: full BPTT)"),
        ParameterSpec("batch", .int(1...1024), section: .training, "sequences per training step"),
        ParameterSpec("teacher_forcing", .real(0...1), section: .training,
                      "probability the decoder is fed the true previous token"),
        ParameterSpec("seed", .int(0...Int(UInt32.max)), section: .training, "random seed; same seed, same run"),
    ]

    /// Names in registry order.
    public static let names: [String] = specs.map(\.name)

    /// The scenario-fixed name that `:set` refuses with its own message.
    public static let fixedNames: Set<String> = ["task"]

    // The recipe owns the lists of names, so the registry can never offer what it cannot build.
    public static let initializers = TrainingRecipe.initializerNames
    public static let activations = TrainingRecipe.activationNames
    public static let attentionKinds = TrainingRecipe.attentionNames

    /// Tasks a scenario may name, including the sequence-to-sequence ones.
    public static let taskNames = TrainingRecipe.taskNames

    private static let byName: [String: ParameterSpec] =
        Dictionary(uniqueKeysWithValues: specs.map { ($0.name, $0) })

    /// The global spec for `name`, or nil.
    public static func spec(named name: String) -> ParameterSpec? { byName[name] }

    /// The global spec, or an error naming the closest known parameter.
    public static func lookUp(_ name: String) throws -> ParameterSpec {
        if let spec = byName[name] { return spec }
        if fixedNames.contains(name) {
            throw ParameterError("\(name) is fixed by the scenario; open another scenario to change it")
        }
        if let near = ClosestNames.suggestion(for: name, in: names) {
            throw ParameterError("unknown parameter \"\(name)\"; did you mean \(near)?")
        }
        throw ParameterError("unknown parameter \"\(name)\" (known: \(names.joined(separator: ", ")))")
    }
}
