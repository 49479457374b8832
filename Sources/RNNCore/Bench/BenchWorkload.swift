/// One timed unit of `rnnbook bench`: a full training step (forward, BPTT, update) of the
/// same model, data and optimiser as the workload of that name in shared/bench/anchors.py.
public struct BenchWorkload {
    public let name: String
    public let summary: String
    /// Floating-point operations per step, counted as anchors.py counts them, when it does.
    public let flopsPerStep: Double?
    /// Runs one training step. Everything it touches was built beforehand.
    public let step: () -> Void

    public static let names = ["W0", "W1", "W2", "W3", "W4"]

    /// Builds the named workload, seeded, in Float.
    public static func make(_ name: String) throws -> BenchWorkload {
        switch name {
        case "W0": return try minCharRNN()
        case "W1": return try characterLSTM()
        case "W2": return try liveDemoRNN()
        case "W3": return try largeLSTM()
        case "W4": return try attentionSeq2Seq()
        default:
            throw InputError(place: "--workload", "unknown workload \"\(name)\" (expected one of \(names.joined(separator: ", ")))")
        }
    }
}

extension BenchWorkload {
    /// W0, min-char-rnn: tanh RNN, vocabulary 65, hidden 100, 25 steps, batch 1, summed
    /// softmax cross-entropy, gradients clipped to ±5, Adagrad 0.1 with ε inside the root;
    /// the hidden state carries over from one step to the next. The input is one-hot, as in
    /// min-char-rnn; rnnbook takes it as token ids (`.oneHot`), so W_xh · x is a column lookup.
    static func minCharRNN() throws -> BenchWorkload {
        let V = 65, H = 100, T = 25
        var rng = SeededRandom(seed: 0)
        let stack = RecurrentStack<Float>(inputSize: V, layers: 1, bidirectional: false) { _, i in
            ElmanCell<Float>(inputSize: i, hiddenSize: H) }
        let model = SequenceModel(input: .oneHot(vocabulary: V), objective: .classification(classes: V), stack: stack)
        for p in model.parameters { Initializer.normal(p.value, std: 0.01, rng: &rng) }
        model.crossEntropy.reduction = .sum
        let trainer = Trainer(model: model, optimizer: try Adagrad<Float>(learningRate: 0.1, epsilon: 1e-8, epsilonPlacement: .insideSqrt))
        trainer.clipValue = 5
        trainer.carriesState = true
        let inputs = TokenBuffer(capacity: T), targets = TokenBuffer(capacity: T)
        inputs.resize(T); targets.resize(T)
        for t in 0..<T { inputs[t] = Int32(rng.int(V)); targets[t] = Int32(rng.int(V)) }
        return BenchWorkload(name: "W0", summary: "min-char-rnn: tanh RNN 65→100, T 25, Adagrad", flopsPerStep: nil) {
            trainer.step(tokens: inputs.data, steps: T, batch: 1, targets: .classes(targets.data))
        }
    }

    /// W1, character LSTM: embedding 65→128, LSTM 128, linear 128→65, T 64, batch 32, Adam 1e-3.
    static func characterLSTM() throws -> BenchWorkload {
        let V = 65, H = 128, T = 64, B = 32
        var rng = SeededRandom(seed: 1)
        let stack = RecurrentStack<Float>(inputSize: H, layers: 1, bidirectional: false) { _, i in
            LSTMCell<Float>(inputSize: i, hiddenSize: H) }
        let model = SequenceModel(input: .tokens(vocabulary: V, embedding: H), objective: .classification(classes: V), stack: stack)
        model.resetParameters(rng: &rng)
        let trainer = Trainer(model: model, optimizer: try Adam<Float>(learningRate: 1e-3))
        let tokens = TokenBuffer(capacity: T * B), targets = TokenBuffer(capacity: T * B)
        tokens.resize(T * B); targets.resize(T * B)
        for i in 0..<T * B { tokens[i] = Int32(rng.int(V)); targets[i] = Int32(rng.int(V)) }
        return BenchWorkload(name: "W1", summary: "char LM: embedding, LSTM 128, T 64, B 32, Adam", flopsPerStep: nil) {
            trainer.step(tokens: tokens.data, steps: T, batch: B, targets: .classes(targets.data))
        }
    }

    /// W2, the live-demo size: tanh RNN 8→32, T 50, batch 1, linear 32→1, MSE, SGD 1e-2.
    static func liveDemoRNN() throws -> BenchWorkload {
        let I = 8, H = 32, T = 50
        var rng = SeededRandom(seed: 2)
        let stack = RecurrentStack<Float>(inputSize: I, layers: 1, bidirectional: false) { _, i in
            ElmanCell<Float>(inputSize: i, hiddenSize: H) }
        let model = SequenceModel(input: .features(I), objective: .regression(outputs: 1), stack: stack)
        model.resetParameters(rng: &rng)
        let trainer = Trainer(model: model, optimizer: try SGD<Float>(learningRate: 1e-2))
        let x = Tensor<Float>(shape: [T, 1, I]), y = Tensor<Float>(shape: [T, 1, 1])
        Initializer.normal(x, rng: &rng); Initializer.normal(y, rng: &rng)
        return BenchWorkload(name: "W2", summary: "live demo: tanh RNN 8→32, T 50, B 1, MSE, SGD", flopsPerStep: nil) {
            trainer.step(features: x, steps: T, batch: 1, targets: .values(y.data))
        }
    }

    /// W3, scale: LSTM 512→512, T 128, batch 64, loss mean(h²), SGD 1e-2.
    static func largeLSTM() throws -> BenchWorkload {
        let I = 512, H = 512, T = 128, B = 64
        var rng = SeededRandom(seed: 3)
        let stack = RecurrentStack<Float>(inputSize: I, layers: 1, bidirectional: false) { _, i in
            LSTMCell<Float>(inputSize: i, hiddenSize: H) }
        stack.computesInputGrad = false
        for l in stack.layers[0] { l.cell.resetParameters(rng: &rng) }
        let params = stack.parameters
        let sgd = try SGD<Float>(learningRate: 1e-2)
        let x = Tensor<Float>(shape: [T, B, I]); Initializer.normal(x, rng: &rng)
        let dOut = Tensor<Float>(shape: [T, B, H])
        let flops = 3.0 * 2 * Double(B * T * 4 * H * (I + H))
        return BenchWorkload(name: "W3", summary: "scale: LSTM 512→512, T 128, B 64, mean(h²), SGD", flopsPerStep: flops) {
            zeroGrad(params)
            stack.forward(x, steps: T, batch: B)
            // L = mean(h²): ∂L/∂h = 2h / N.
            let h = stack.output, scale = Float(2) / Float(h.count)
            for i in 0..<h.count { dOut[i] = scale * h[i] }
            stack.backward(outputGrad: dOut)
            sgd.step(params)
        }
    }
}

extension BenchWorkload {
    /// W4, attention: shared embedding 32→32, GRU encoder 64, GRU decoder with additive
    /// attention reading [embedding; context], output over [h; context], source = target
    /// length 20, batch 32, teacher forcing, cross-entropy, Adam 1e-3.
    static func attentionSeq2Seq() throws -> BenchWorkload {
        let V = 32, T = 20, B = 32
        let config = EncoderDecoderConfiguration(sourceVocabulary: V, targetVocabulary: V, embeddingSize: 32,
                                                 hiddenSize: 64, cell: .gru, attention: .additive,
                                                 sharedEmbedding: true)
        let model = try EncoderDecoder<Float>(config, seed: 4)
        var rng = SeededRandom(seed: 4)
        model.resetParameters(rng: &rng)
        let adam = try Adam<Float>(learningRate: 1e-3)
        let source = TokenBuffer(capacity: T * B), target = TokenBuffer(capacity: T * B)
        source.resize(T * B); target.resize(T * B)
        for i in 0..<T * B { source[i] = Int32(rng.int(V)); target[i] = Int32(rng.int(V)) }
        let params = model.parameters
        return BenchWorkload(name: "W4", summary: "attention: GRU encoder–decoder 64, additive, T 20, B 32, Adam", flopsPerStep: nil) {
            zeroGrad(params)
            model.forward(source: source.data, sourceSteps: T, batch: B, decoderInputs: target.data,
                          decoderTargets: target.data, decoderSteps: T)
            model.backward()
            adam.step(params)
        }
    }
}
