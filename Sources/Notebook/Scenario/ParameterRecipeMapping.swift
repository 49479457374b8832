import RNNCore

/// How each registry name reads from and writes into a `TrainingRecipe`. Kept in one table so
/// adding a parameter is one spec in `ParameterRegistry` and one case here.
enum ParameterRecipeMapping {
    /// The recipe's value for `name`, in the registry's typed form.
    static func read(_ name: String, from r: TrainingRecipe) -> ParameterValue {
        switch name {
        case "cell": return .choice(r.cell.rawValue)
        case "hidden": return .int(r.hidden)
        case "layers": return .int(r.layers)
        case "bidirectional": return .bool(r.bidirectional)
        case "layer_norm": return .bool(r.layerNorm)
        case "residual": return .bool(r.residual)
        case "radius": return r.radius.map(ParameterValue.real) ?? .none
        case "init": return .choice(r.initializer)
        case "activation": return r.activation.map(ParameterValue.choice) ?? .none
        case "dropout": return .real(r.dropout)
        case "attention": return .choice(r.attention)
        case "seq_len": return r.seqLen.map(ParameterValue.int) ?? .none
        case "lr": return .real(r.lr)
        case "optimizer": return .choice(r.optimizer)
        case "clip": return r.clip.map(ParameterValue.real) ?? .none
        case "clip_value": return r.clipValue.map(ParameterValue.real) ?? .none
        case "tbptt": return r.tbptt.map(ParameterValue.int) ?? .none
        case "batch": return .int(r.batch)
        case "teacher_forcing": return .real(r.teacherForcing)
        case "seed": return .int(Int(truncatingIfNeeded: r.seed))
        default: return .none
        }
    }

    /// Writes a value that has already passed its spec; a value of the wrong shape is a
    /// programming error in this table, reported rather than trapped.
    static func write(_ value: ParameterValue, _ name: String, into r: inout TrainingRecipe) throws {
        func bad() -> ParameterError { ParameterError("internal: \(name) cannot hold \(value)") }
        switch name {
        case "cell":
            guard let s = value.choiceValue, let kind = CellKind(rawValue: s) else { throw bad() }
            r.cell = kind
        case "hidden": guard let v = value.intValue else { throw bad() }; r.hidden = v
        case "layers": guard let v = value.intValue else { throw bad() }; r.layers = v
        case "bidirectional": guard let v = value.boolValue else { throw bad() }; r.bidirectional = v
        case "layer_norm": guard let v = value.boolValue else { throw bad() }; r.layerNorm = v
        case "residual": guard let v = value.boolValue else { throw bad() }; r.residual = v
        case "radius": r.radius = value.realValue
        case "init": guard let v = value.choiceValue else { throw bad() }; r.initializer = v
        case "activation": r.activation = value.choiceValue
        case "dropout": guard let v = value.realValue else { throw bad() }; r.dropout = v
        case "attention": guard let v = value.choiceValue else { throw bad() }; r.attention = v
        case "seq_len": r.seqLen = value.intValue
        case "lr": guard let v = value.realValue else { throw bad() }; r.lr = v
        case "optimizer": guard let v = value.choiceValue else { throw bad() }; r.optimizer = v
        case "clip": r.clip = value.realValue
        case "clip_value": r.clipValue = value.realValue
        case "tbptt": r.tbptt = value.intValue
        case "batch": guard let v = value.intValue else { throw bad() }; r.batch = v
        case "teacher_forcing": guard let v = value.realValue else { throw bad() }; r.teacherForcing = v
        case "seed": guard let v = value.intValue, v >= 0 else { throw bad() }; r.seed = UInt64(v)
        default: throw ParameterError("internal: \(name) has no recipe field")
        }
    }
}
