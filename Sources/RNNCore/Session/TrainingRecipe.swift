/// Everything needed to build and train a model on a task, by name: what `rnnbook run` reads
/// from its flags and what scenarios read from their front matter.
///
/// Every field a user can set is checked by `validate()`, which throws an `InputError` whose
/// place is the field's name. The `static let` lists and ranges below are the allowed values,
/// public so that `:set` and `--set` can name them in their messages.
public struct TrainingRecipe: Sendable, Equatable {
    public var task = "adding"
    /// Sequence length of the task (its natural default when nil). For "reverse" it is the
    /// source length; "dates" has a fixed length and ignores it.
    public var seqLen: Int? = nil
    /// For the character task: the text file.
    public var textFile: String? = nil
    /// For the csv task: a file with one numeric column.
    public var csvFile: String? = nil
    public var cell: CellKind = .lstm
    public var layerNorm = false
    /// Add each layer's input to its output (between layers of equal width).
    public var residual = false
    public var hidden = 32
    public var layers = 1
    public var bidirectional = false
    public var optimizer = "adam"
    public var lr = 1e-2
    public var clip: Double? = nil
    public var clipValue: Double? = nil
    public var batch = 32
    public var dropout = 0.0
    public var seed: UInt64 = 0
    /// How W_hh starts: one of `initializerNames` (see `initializeRecurrentWeights`).
    public var initializer = "default"
    /// Rescale every W_hh gate block to this spectral radius after initialisation, or nil.
    public var radius: Double? = nil
    /// For rnn_* cells, the nonlinearity to use instead of the cell's own; gated cells accept
    /// only their own ("tanh").
    public var activation: String? = nil
    /// Truncated BPTT with k1 = k2 = tbptt, or nil for full BPTT.
    public var tbptt: Int? = nil
    /// The alignment score of a seq2seq model: one of `attentionNames`.
    public var attention = "additive"
    /// Probability of feeding the decoder the true previous token while training (seq2seq).
    public var teacherForcing = 1.0

    public init() {}

    public static let taskNames = ["adding", "copy", "sine", "noisy-sine", "mackey-glass", "marker-later", "padded",
                                   "padded-sum", "text", "csv", "reverse", "dates", "recall", "missing-sine",
                                   "any-one", "echo", "lag-recall", "waveforms", "keywords"]
    /// The tasks that need the encoder–decoder (`Seq2SeqSession`).
    public static let seq2seqTaskNames = ["reverse", "dates"]
    public static let optimizerNames = ["sgd", "momentum", "adagrad", "rmsprop", "adam"]
    /// "default" is PyTorch's U(±1/√H); "small" is N(0, 0.01²).
    public static let initializerNames = ["default", "xavier", "orthogonal", "identity", "small"]
    public static let activationNames = Activation.allCases.map(\.rawValue)
    public static let attentionNames = ["none"] + AttentionKind.allCases.map(\.rawValue)
    public static let radiusRange: ClosedRange<Double> = 0.01...10
    public static let teacherForcingRange: ClosedRange<Double> = 0...1
    public static let tbpttRange: ClosedRange<Int> = 1...Limits.maxSequenceLength

    /// True when the task is sequence-to-sequence.
    public var isSeq2Seq: Bool { Self.seq2seqTaskNames.contains(task) }

    /// Checks every field that does not need the task built; `makeTask` checks the task's own.
    public func validate() throws {
        guard Self.taskNames.contains(task) else {
            throw InputError(place: "task", "unknown task \"\(task)\" (expected one of \(Self.taskNames.joined(separator: ", ")))")
        }
        try Limits.checkHidden(hidden, place: "hidden")
        guard hidden >= 1 else { throw InputError(place: "hidden", "must be at least 1, got \(hidden)") }
        guard (1...16).contains(layers) else { throw InputError(place: "layers", "must be between 1 and 16, got \(layers)") }
        guard dropout.isFinite, (0..<1).contains(dropout) else { throw InputError(place: "dropout", "must be in [0, 1), got \(dropout)") }
        guard lr.isFinite, lr > 0 else { throw InputError(place: "lr", "must be a positive number, got \(lr)") }
        guard Self.optimizerNames.contains(optimizer) else {
            throw InputError(place: "optimizer", "unknown optimizer \"\(optimizer)\" (expected one of \(Self.optimizerNames.joined(separator: ", ")))")
        }
        if let c = clip, !(c.isFinite && c > 0) { throw InputError(place: "clip", "must be a positive number, got \(c)") }
        if let c = clipValue, !(c.isFinite && c > 0) { throw InputError(place: "clip_value", "must be a positive number, got \(c)") }
        try TaskCheck.batchSize(batch)
        try validateInitialization()
        try validateTraining()
    }

    private func validateInitialization() throws {
        guard Self.initializerNames.contains(initializer) else {
            throw InputError(place: "init", "unknown initializer \"\(initializer)\" (expected one of \(Self.initializerNames.joined(separator: ", ")))")
        }
        if let r = radius, !(r.isFinite && Self.radiusRange.contains(r)) {
            throw InputError(place: "radius", "must be in \(Self.radiusRange.lowerBound)...\(Self.radiusRange.upperBound), got \(r)")
        }
        if let a = activation {
            guard Self.activationNames.contains(a) else {
                throw InputError(place: "activation", "unknown activation \"\(a)\" (expected one of \(Self.activationNames.joined(separator: ", ")))")
            }
            if !cell.rawValue.hasPrefix("rnn_") && a != "tanh" {
                throw InputError(place: "activation", "\(cell.rawValue) has its own nonlinearities (tanh); activation \(a) applies only to rnn_* cells")
            }
        }
    }

    private func validateTraining() throws {
        if let k = tbptt {
            guard Self.tbpttRange.contains(k) else {
                throw InputError(place: "tbptt", "must be in \(Self.tbpttRange.lowerBound)...\(Self.tbpttRange.upperBound), got \(k)")
            }
            if bidirectional { throw InputError(place: "tbptt", "truncated BPTT runs forward in time only; it cannot train a bidirectional model") }
            if isSeq2Seq { throw InputError(place: "tbptt", "truncated BPTT is not available for the sequence-to-sequence task \(task)") }
        }
        guard Self.attentionNames.contains(attention) else {
            throw InputError(place: "attention", "unknown attention \"\(attention)\" (expected one of \(Self.attentionNames.joined(separator: ", ")))")
        }
        guard teacherForcing.isFinite, Self.teacherForcingRange.contains(teacherForcing) else {
            throw InputError(place: "teacher_forcing", "must be in [0, 1], got \(teacherForcing)")
        }
    }

    /// The cell kind actually built: an rnn_* kind with its activation overridden.
    public var effectiveCell: CellKind {
        guard let a = activation, cell.rawValue.hasPrefix("rnn_") else { return cell }
        return CellKind(rawValue: "rnn_" + a) ?? cell
    }

    /// The attention kind of a seq2seq model (nil for "none").
    public var attentionKind: AttentionKind? { AttentionKind(rawValue: attention) }
}
