/// Everything needed to build and train a model on a task, by name: what `rnnbook run` reads
/// from its flags and what scenarios will read from their front matter.
public struct TrainingRecipe: Sendable, Equatable {
    public var task = "adding"
    /// Sequence length of the task (its natural default when nil).
    public var seqLen: Int? = nil
    /// For the character task: the text file.
    public var textFile: String? = nil
    public var cell: CellKind = .lstm
    public var layerNorm = false
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

    public init() {}

    public static let taskNames = ["adding", "copy", "sine", "noisy-sine", "mackey-glass", "marker-later", "padded", "text"]
    public static let optimizerNames = ["sgd", "momentum", "adagrad", "rmsprop", "adam"]

    /// The task, validated.
    public func makeTask() throws -> any SequenceTask {
        switch task {
        case "adding": return try AddingProblem(length: seqLen ?? 50)
        case "copy": return try CopyMemory(delay: seqLen ?? 20)
        case "sine": return try SineWave(length: seqLen ?? 50)
        case "noisy-sine": return try SineWave(length: seqLen ?? 50, noise: 0.1)
        case "mackey-glass": return try MackeyGlassTask(length: seqLen ?? 100)
        case "marker-later": return try MarkerLater(length: seqLen ?? 20)
        case "padded": return try PaddedSequences(lengths: 5...(seqLen ?? 20))
        case "text":
            return try CharacterText(contentsOfFile: textFile ?? Self.defaultCorpus, length: seqLen ?? 64)
        default:
            throw InputError(place: "task", "unknown task \"\(task)\" (expected one of \(Self.taskNames.joined(separator: ", ")))")
        }
    }

    /// The shipped public-domain corpus, found next to the executable's package.
    public static var defaultCorpus: String { AssetLocator.path("corpora/verse.txt") }

    public func makeOptimizer<Scalar: BLASReal>(_: Scalar.Type = Scalar.self) throws -> any Optimizer<Scalar> {
        switch optimizer {
        case "sgd": return try SGD<Scalar>(learningRate: lr)
        case "momentum": return try SGD<Scalar>(learningRate: lr, momentum: 0.9)
        case "adagrad": return try Adagrad<Scalar>(learningRate: lr)
        case "rmsprop": return try RMSProp<Scalar>(learningRate: lr)
        case "adam": return try Adam<Scalar>(learningRate: lr)
        default:
            throw InputError(place: "optimizer", "unknown optimizer \"\(optimizer)\" (expected one of \(Self.optimizerNames.joined(separator: ", ")))")
        }
    }

    /// A model shaped for `task`: tokens through an embedding for symbolic inputs.
    public func makeModel<Scalar: BLASReal>(for task: any SequenceTask, rng: inout SeededRandom,
                                            _: Scalar.Type = Scalar.self) throws -> SequenceModel<Scalar> {
        try Limits.checkHidden(hidden, place: "hidden")
        guard (1...16).contains(layers) else { throw InputError(place: "layers", "must be between 1 and 16, got \(layers)") }
        guard (0..<1).contains(dropout) else { throw InputError(place: "dropout", "must be in [0, 1), got \(dropout)") }
        let objective: SequenceModel<Scalar>.Objective
        switch task.kind {
        case .regression: objective = .regression(outputs: task.outputSize)
        case .classification(let c): objective = .classification(classes: c)
        case .seq2seq: throw InputError(place: "task", "\(task.name) is a sequence-to-sequence task; it needs the encoder–decoder")
        }
        let symbolic = !task.inputSymbols.isEmpty
        let input: SequenceModel<Scalar>.Input = symbolic
            ? .tokens(vocabulary: task.inputSize, embedding: min(hidden, 64)) : .features(task.inputSize)
        let width: Int = symbolic ? min(hidden, 64) : task.inputSize
        let (kind, ln, H) = (cell, layerNorm, hidden)
        var firstError: Error?
        let stack = RecurrentStack<Scalar>(inputSize: width, layers: layers, bidirectional: bidirectional,
                                           seed: seed &+ 17) { _, i in
            do { return try makeCell(kind: kind, inputSize: i, hiddenSize: H, layerNorm: ln) }
            catch { firstError = firstError ?? error; return ElmanCell<Scalar>(inputSize: i, hiddenSize: H) }
        }
        if let firstError { throw firstError }
        stack.dropout = dropout
        let model = SequenceModel(input: input, objective: objective, stack: stack)
        model.resetParameters(rng: &rng)
        return model
    }
}
