/// The size and wiring of an `EncoderDecoder`.
public struct EncoderDecoderConfiguration: Sendable, Equatable {
    public var sourceVocabulary: Int
    public var targetVocabulary: Int
    /// E, the width of both embeddings.
    public var embeddingSize: Int
    /// H, the state width of encoder and decoder (the decoder starts from the encoder's state).
    public var hiddenSize: Int
    /// The cell of encoder and decoder: an Elman kind, `lstm`, `lstm_peephole` or `gru`.
    public var cell: CellKind
    /// The alignment score, or nil for a plain encoder-decoder without attention.
    public var attention: AttentionKind?
    /// A, the hidden width of the additive score; defaults to H.
    public var attentionWidth: Int?
    /// One embedding table (`emb.weight`) for both sides, as anchors.py W4 does; needs equal
    /// vocabularies. Otherwise `src_emb.weight` and `tgt_emb.weight`.
    public var sharedEmbedding: Bool

    public init(sourceVocabulary: Int, targetVocabulary: Int, embeddingSize: Int, hiddenSize: Int,
                cell: CellKind = .gru, attention: AttentionKind? = .additive, attentionWidth: Int? = nil,
                sharedEmbedding: Bool = false) {
        self.sourceVocabulary = sourceVocabulary
        self.targetVocabulary = targetVocabulary
        self.embeddingSize = embeddingSize
        self.hiddenSize = hiddenSize
        self.cell = cell
        self.attention = attention
        self.attentionWidth = attentionWidth
        self.sharedEmbedding = sharedEmbedding
    }
}

/// Sequence to sequence: embedding → encoder `RecurrentLayer` → a decoder cell stepped one
/// token at a time → `Linear` over [h; context] → masked softmax cross-entropy.
///
/// Shape letters: Ts source steps, Td decoder steps, B batch, E embedding, H hidden,
/// X decoder input width (E + H with attention, else E), O output-layer input width
/// (2H with attention, else H), G gate width, V target vocabulary.
///
/// With attention (Bahdanau-style, as anchors.py W4): at step t the previous decoder state
/// h_{t-1} attends over the encoder outputs, the cell reads [embedding(y_{t-1}); context], and
/// the output layer reads [h_t; context]. Without attention the encoder's final state is the
/// decoder's only view of the source. Either way the decoder starts from the encoder's final
/// state (and cell state, for an LSTM).
///
/// The decoder is unrolled here rather than by `RecurrentLayer`, because its input at step t
/// depends on h_{t-1} (through attention) and, under scheduled sampling, on step t−1's output.
/// It follows the layer's split of work: this class computes the W_ih and W_hh products, the
/// cell does the rest through the same `RecurrentCell` step API, and the weight gradients are
/// one GEMM each over all Td·B rows.
public final class EncoderDecoder<Scalar: BLASReal> {
    public let configuration: EncoderDecoderConfiguration
    public let sourceEmbedding: Embedding<Scalar>
    /// The same object as `sourceEmbedding` when the embedding is shared.
    public let targetEmbedding: Embedding<Scalar>
    public let encoder: RecurrentLayer<Scalar>
    public let decoderCell: any RecurrentCell<Scalar>
    public let attention: Attention<Scalar>?
    public let output: Linear<Scalar>
    public let crossEntropy = SoftmaxCrossEntropy<Scalar>()
    /// Every trainable parameter once, in state_dict order; built once so an optimizer step
    /// allocates nothing.
    public let parameters: [Parameter<Scalar>]
    /// (state_dict name, parameter): `emb.weight` (or `src_emb`/`tgt_emb`), `enc.weight_ih_l0`…,
    /// `dec.weight_ih`…, `Wa.weight`…, `out.weight`, `out.bias`.
    public let namedParameters: [(String, Parameter<Scalar>)]
    /// Steps of attention weights kept while decoding with `StepDecoder` (later steps reuse the
    /// last slot).
    public var maxDecodeSteps = 256

    var E: Int { configuration.embeddingSize }
    var H: Int { configuration.hiddenSize }
    var C: Int { decoderCell.cellSize }
    var G: Int { decoderCell.gateWidth }
    var V: Int { configuration.targetVocabulary }
    /// Context width: H with attention, 0 without.
    var K: Int { attention == nil ? 0 : H }
    var X: Int { E + K }
    var O: Int { H + K }

    // Sizes of the last training forward.
    var sourceSteps = 0, decoderSteps = 0, batch = 0
    var sourceTokens: UnsafePointer<Int32>? = nil
    // Forward caches.
    let sourceEmbedded = Tensor<Scalar>(shape: [0, 0, 0])  // [Ts, B, E]
    let sourceMask = Tensor<Scalar>(shape: [0, 0])           // [Ts, B]
    let fedTokens = TokenBuffer()                            // [Td·B] y_{t-1} actually fed
    let decoderInputs = Tensor<Scalar>(shape: [0, 0, 0])    // [Td, B, X] [emb; context]
    let xProj = Tensor<Scalar>(shape: [0, 0, 0])            // [Td, B, G]
    let hProj = Tensor<Scalar>(shape: [0, 0, 0])            // [Td, B, G]
    let states = Tensor<Scalar>(shape: [0, 0, 0])           // [Td+1, B, H]; slice 0 is h_0
    let cellStates = Tensor<Scalar>(shape: [0, 0, 0])       // [Td+1, B, max(C,1)]
    let contexts = Tensor<Scalar>(shape: [0, 0, 0])         // [Td, B, H] (attention only)
    let outputInputs = Tensor<Scalar>(shape: [0, 0, 0])     // [Td, B, O] [h_t; context]
    /// [Td, B, V] logits of the last forward.
    public let logits = Tensor<Scalar>(shape: [0, 0, 0])
    // Backward buffers.
    let logitsGrad = Tensor<Scalar>(shape: [0, 0])          // [Td·B, V]
    let outputInputsGrad = Tensor<Scalar>(shape: [0, 0])    // [Td·B, O]
    let dXProj = Tensor<Scalar>(shape: [0, 0, 0])           // [Td, B, G]
    let dHProj = Tensor<Scalar>(shape: [0, 0, 0])           // [Td, B, G]
    let decoderInputsGrad = Tensor<Scalar>(shape: [0, 0, 0]) // [Td, B, X]
    let targetEmbeddingGrad = Tensor<Scalar>(shape: [0, 0]) // [Td·B, E]
    let encoderOutputsGrad = Tensor<Scalar>(shape: [0, 0, 0]) // [Ts, B, H]
    let dH = Tensor<Scalar>(shape: [0, 0]), dHPrev = Tensor<Scalar>(shape: [0, 0])   // [B, H]
    let dC = Tensor<Scalar>(shape: [0, 0]), dCPrev = Tensor<Scalar>(shape: [0, 0])   // [B, max(C,1)]
    let contextGrad = Tensor<Scalar>(shape: [0, 0])         // [B, H]
    /// (steps, batch) the decoder cell's caches were last reserved for: cells build a shape
    /// array in `reserve`, so it is called only when that changes.
    var decoderCellReservation = (steps: -1, batch: -1)
    // Scheduled sampling draws, and the StepDecoder's state (see EncoderDecoder+StepDecoder).
    var samplingRandom: SeededRandom
    let decodeState = DecodeState<Scalar>()

    /// A zero-valued model; call `resetParameters(rng:)` or load weights next.
    /// - Throws: `InputError` for sizes that are not positive or exceed `Limits`, a cell kind
    ///   that cannot serve as a decoder, or a shared embedding over different vocabularies.
    public init(_ config: EncoderDecoderConfiguration, seed: UInt64 = 0) throws {
        let allowed: Set<CellKind> = [.rnn_tanh, .rnn_relu, .rnn_linear, .rnn_sigmoid, .lstm, .lstm_peephole, .gru]
        guard allowed.contains(config.cell) else {
            throw InputError(place: "cell", "\(config.cell.rawValue) cannot be an encoder-decoder cell (use an rnn kind, lstm or gru)")
        }
        for (n, what) in [(config.sourceVocabulary, "source vocabulary"), (config.targetVocabulary, "target vocabulary"),
                          (config.embeddingSize, "embedding size")] {
            if n < 1 { throw InputError(place: what, "\(what) must be at least 1, got \(n)") }
            try Limits.checkHidden(n, place: what)
        }
        if config.sharedEmbedding && config.sourceVocabulary != config.targetVocabulary {
            throw InputError(place: "sharedEmbedding", "a shared embedding needs equal vocabularies, got \(config.sourceVocabulary) and \(config.targetVocabulary)")
        }
        configuration = config
        let H = config.hiddenSize, E = config.embeddingSize
        if config.sharedEmbedding {
            sourceEmbedding = Embedding(vocabularySize: config.sourceVocabulary, embeddingSize: E, prefix: "emb")
            targetEmbedding = sourceEmbedding
        } else {
            sourceEmbedding = Embedding(vocabularySize: config.sourceVocabulary, embeddingSize: E, prefix: "src_emb")
            targetEmbedding = Embedding(vocabularySize: config.targetVocabulary, embeddingSize: E, prefix: "tgt_emb")
        }
        encoder = RecurrentLayer(cell: try makeCell(kind: config.cell, inputSize: E, hiddenSize: H), seed: seed)
        attention = try config.attention.map {
            try Attention(kind: $0, queryWidth: H, keyWidth: H, attentionWidth: config.attentionWidth)
        }
        let contextWidth = attention == nil ? 0 : H
        decoderCell = try makeCell(kind: config.cell, inputSize: E + contextWidth, hiddenSize: H)
        output = Linear(inputSize: H + contextWidth, outputSize: config.targetVocabulary, prefix: "out")
        samplingRandom = SeededRandom(seed: seed &+ 0x5EED)

        let embeddings = config.sharedEmbedding ? [sourceEmbedding] : [sourceEmbedding, targetEmbedding]
        let encoderLayer = encoder, cell = decoderCell
        var named = embeddings.flatMap { $0.parameters.map { ($0.name, $0) } }
        named += encoderLayer.parameters.map { ("enc." + encoderLayer.stateDictName($0), $0) }
        named += cell.allParameters.map { ("dec." + $0.name, $0) }
        named += (attention?.parameters ?? []).map { ($0.name, $0) }
        named += output.parameters.map { ($0.name, $0) }
        namedParameters = named
        parameters = named.map { $0.1 }
    }

    /// PyTorch's defaults: embeddings N(0, 1); encoder and decoder cells U(±1/√H); the
    /// attention and output layers as `nn.Linear`, U(±1/√fan_in).
    public func resetParameters(rng: inout SeededRandom) {
        Initializer.normal(sourceEmbedding.weight.value, rng: &rng)
        if targetEmbedding !== sourceEmbedding { Initializer.normal(targetEmbedding.weight.value, rng: &rng) }
        encoder.cell.resetParameters(rng: &rng)
        decoderCell.resetParameters(rng: &rng)
        attention?.initialize(&rng)
        for p in output.parameters { Initializer.pytorchDefault(p.value, fanIn: output.inputSize, rng: &rng) }
    }

    /// Restarts the generator behind scheduled sampling's coin flips.
    public func reseedSampling(_ seed: UInt64) { samplingRandom = SeededRandom(seed: seed) }

    /// Reserves the decoder cell's per-step caches unless they already have this size.
    func reserveDecoderCell(steps: Int, batch: Int) {
        if decoderCellReservation == (steps, batch) { return }
        decoderCell.reserve(steps: steps, batch: batch)
        decoderCellReservation = (steps, batch)
    }
}
