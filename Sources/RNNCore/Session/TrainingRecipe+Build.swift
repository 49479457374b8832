/// Building the task, optimizer and model a recipe names.
extension TrainingRecipe {
    /// The task, validated. A bad length is reported as "seq_len", the recipe's name for it.
    public func makeTask() throws -> any SequenceTask {
        do { return try makeTaskByName() }
        catch var e as InputError where ["length", "lengths", "delay", "lag"].contains(e.place ?? "") {
            e.place = "seq_len"
            throw e
        }
    }

    private func makeTaskByName() throws -> any SequenceTask {
        switch task {
        case "adding": return try AddingProblem(length: seqLen ?? 50)
        case "copy": return try CopyMemory(delay: seqLen ?? 20)
        case "sine": return try SineWave(length: seqLen ?? 50)
        case "noisy-sine": return try SineWave(length: seqLen ?? 50, noise: 0.1)
        case "mackey-glass": return try MackeyGlassTask(length: seqLen ?? 100)
        case "marker-later": return try MarkerLater(length: seqLen ?? 20)
        case "waveforms": return try Waveforms(length: seqLen ?? 64)
        case "keywords": return try KeywordSentences(words: seqLen ?? 8)
        case "padded": return try PaddedSequences(lengths: 5...(seqLen ?? 20))
        case "csv":
            guard let csvFile else { throw InputError(place: "task", "the csv task needs a file (--csv FILE)") }
            return try CSVSeries(contentsOfFile: csvFile, length: seqLen ?? 50)
        case "padded-sum": return try PaddedSequences(rule: .sumSign, lengths: 5...(seqLen ?? 20))
        case "text":
            return try CharacterText(contentsOfFile: textFile ?? Self.defaultCorpus, length: seqLen ?? 64)
        case "reverse":
            // Fixed-length sources, so the attention matrix of every row is square.
            let n = seqLen ?? 10
            return try SequenceReversal(symbols: 8, lengths: n...n)
        case "dates": return try DateTranslation()
        case "recall": return try DelayedRecall(length: seqLen ?? 50)
        case "missing-sine": return try MissingSine(length: seqLen ?? 50)
        case "any-one": return try AnyOne(length: seqLen ?? 20)
        case "echo": return try EchoTask(lag: seqLen ?? 10)
        case "lag-recall": return try LagRecall(lag: seqLen ?? 10)
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

    /// A model shaped for `task`: tokens through an embedding for symbolic inputs, W_hh set up
    /// by `initializer` and `radius`.
    public func makeModel<Scalar: BLASReal>(for task: any SequenceTask, rng: inout SeededRandom,
                                            _: Scalar.Type = Scalar.self) throws -> SequenceModel<Scalar> {
        try validate()
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
        let (kind, ln, H) = (effectiveCell, layerNorm, hidden)
        var firstError: Error?
        let stack = RecurrentStack<Scalar>(inputSize: width, layers: layers, bidirectional: bidirectional,
                                           seed: seed &+ 17) { _, i in
            // A Jordan network feeds back its output, so the fed-back width is the task's output
            // width; fed back at H it would be an Elman network with a factored W_hh.
            do { return try makeCell(kind: kind, inputSize: i, hiddenSize: H, layerNorm: ln,
                                     outputSize: kind == .jordan ? task.outputSize : nil) }
            catch { firstError = firstError ?? error; return ElmanCell<Scalar>(inputSize: i, hiddenSize: H) }
        }
        if let firstError { throw firstError }
        stack.dropout = dropout
        stack.residual = residual
        let model = SequenceModel(input: input, objective: objective, stack: stack)
        model.resetParameters(rng: &rng)
        for l in stack.layers.flatMap({ $0 }) { try initializeRecurrentWeights(l.cell, rng: &rng) }
        return model
    }

    /// An encoder–decoder for a seq2seq task: `cell` for both sides, embeddings of width
    /// min(hidden, 32), the recipe's attention, W_hh of both set up by `initializer` and `radius`.
    public func makeEncoderDecoder<Scalar: BLASReal>(for task: any SequenceTask, rng: inout SeededRandom,
                                                     _: Scalar.Type = Scalar.self) throws -> EncoderDecoder<Scalar> {
        try validate()
        guard case .seq2seq(let sv, let tv) = task.kind else {
            throw InputError(place: "task", "\(task.name) is not a sequence-to-sequence task")
        }
        if layers != 1 { throw InputError(place: "layers", "the encoder–decoder has one layer, got \(layers)") }
        if bidirectional { throw InputError(place: "bidirectional", "the encoder–decoder's encoder is unidirectional") }
        if layerNorm { throw InputError(place: "cell", "the encoder–decoder has no layer-norm cells") }
        let config = EncoderDecoderConfiguration(
            sourceVocabulary: sv, targetVocabulary: tv, embeddingSize: min(hidden, 32), hiddenSize: hidden,
            cell: effectiveCell, attention: attentionKind, sharedEmbedding: sv == tv)
        let model = try EncoderDecoder<Scalar>(config, seed: seed &+ 17)
        model.resetParameters(rng: &rng)
        try initializeRecurrentWeights(model.encoder.cell, rng: &rng)
        try initializeRecurrentWeights(model.decoderCell, rng: &rng)
        return model
    }

    /// Applies `initializer` to the cell's W_hh, one H×H gate block at a time, then `radius`.
    ///
    /// "default" keeps what `resetParameters` drew (PyTorch's U(±1/√H)) and draws nothing, so a
    /// default recipe trains exactly as before these knobs existed. "xavier" is Glorot uniform
    /// over one block (fan-in = fan-out = H), "orthogonal" an orthogonal block, "identity" the
    /// identity (IRNN, Le et al. 2015), "small" N(0, 0.01²). W_ih and biases keep their defaults:
    /// the recurrent matrix is what decides how signals and gradients travel through time.
    func initializeRecurrentWeights<Scalar: BLASReal>(_ cell: any RecurrentCell<Scalar>, rng: inout SeededRandom) throws {
        let w = cell.weightHH.value
        guard w.shape.count == 2 else { return }
        let cols = w.shape[1], rows = w.shape[0]
        let blocks = rows % cols == 0 ? rows / cols : 1
        if initializer != "default" || radius != nil, rows != blocks * cols {
            throw InputError(place: initializer != "default" ? "init" : "radius",
                             "\(cell.kind) has a W_hh of shape \(rows)×\(cols), which does not split into square blocks")
        }
        let block = Tensor<Scalar>(shape: [cols, cols])
        if initializer != "default" {
            for k in 0..<blocks {
                switch initializer {
                case "xavier": Initializer.xavierUniform(block, rng: &rng)
                case "orthogonal": Initializer.orthogonal(block, rng: &rng)
                case "identity": Initializer.identity(block)
                default: Initializer.normal(block, std: 0.01, rng: &rng)   // "small"
                }
                (w.data + k * cols * cols).update(from: block.data, count: cols * cols)
            }
        }
        // Masked weights (clockwork's) are zeroed before the radius is measured.
        cell.weightHH.applyMask()
        guard let radius else { return }
        for k in 0..<blocks {
            let start = w.data + k * cols * cols
            block.data.update(from: start, count: cols * cols)
            scaleToSpectralRadius(block, radius: radius)
            start.update(from: block.data, count: cols * cols)
        }
    }
}
