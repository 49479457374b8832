/// Single-sequence decoding buffers of an `EncoderDecoder` (batch 1).
final class DecodeState<Scalar: BLASReal> {
    let source = TokenBuffer()
    let token = TokenBuffer(capacity: 1)
    let h = Tensor<Scalar>(shape: [0, 0]), hNext = Tensor<Scalar>(shape: [0, 0])   // [1, H]
    let c = Tensor<Scalar>(shape: [0, 0]), cNext = Tensor<Scalar>(shape: [0, 0])   // [1, max(C,1)]
    let input = Tensor<Scalar>(shape: [0, 0])                                      // [1, X]
    let xProj = Tensor<Scalar>(shape: [0, 0]), hProj = Tensor<Scalar>(shape: [0, 0]) // [1, G]
    let context = Tensor<Scalar>(shape: [0, 0])                                    // [1, H]
    let outputInput = Tensor<Scalar>(shape: [0, 0])                                // [1, O]
    let logits = Tensor<Scalar>(shape: [0, 0])                                     // [1, V]
    /// [slots, H + max(C,1)] saved (h, c), and the step count of each slot.
    let saved = Tensor<Scalar>(shape: [0, 0])
    var savedSteps: [Int] = []
    var step = 0
}

/// Free-running decoding of one source sequence, for greedy decoding, sampling and beam search
/// (`StepDecoding`). After greedy decoding or sampling, `attention?.alignmentRows(row: 0)`
/// is the alignment of the decoded output (up to `maxDecodeSteps` steps).
extension EncoderDecoder: StepDecoder {
    public var vocabularySize: Int { configuration.targetVocabulary }

    /// Encodes `source` (batch 1) and starts the decoder from the encoder's final state.
    /// - Throws: `InputError` for an empty or over-long source or an id outside the vocabulary.
    public func start(source tokens: [Int32]) throws {
        guard !tokens.isEmpty else { throw InputError(place: "source", "the source sequence is empty") }
        try Limits.checkSequenceLength(tokens.count, place: "source")
        try sourceEmbedding.validate(tokens, place: "source")
        let s = decodeState, Ts = tokens.count, Cw = max(C, 1)
        s.source.resize(Ts)
        for (i, t) in tokens.enumerated() { s.source[i] = t }
        s.h.resize(1, H); s.hNext.resize(1, H)
        s.c.resize(1, Cw); s.cNext.resize(1, Cw)
        s.input.resize(1, X); s.context.resize(1, H)
        s.xProj.resize(1, G); s.hProj.resize(1, G)
        s.outputInput.resize(1, O); s.logits.resize(1, V)
        sourceTokens = nil   // the training caches no longer match a batch: no backward now
        encode(s.source.data, steps: Ts, batch: 1, lengths: nil, decoderSteps: max(maxDecodeSteps, 1))
        reserveDecoderCell(steps: 1, batch: 1)
        s.h.data.update(from: encoder.finalState, count: H)
        if C > 0 { s.c.data.update(from: encoder.finalCell, count: C) }
        s.step = 0
    }

    public func step(token: Int32) -> UnsafePointer<Scalar> {
        let s = decodeState, hasCell = C > 0
        s.token.resize(1)
        s.token[0] = token
        let buffers = DecoderStepBuffers(
            hPrev: s.h.data, h: s.hNext.data, cPrev: hasCell ? s.c.data : nil, c: hasCell ? s.cNext.data : nil,
            input: s.input.data, xProj: s.xProj.data, hProj: s.hProj.data, context: s.context.data,
            outputInput: s.outputInput.data, logits: s.logits.data)
        decoderStepForward(time: s.step, slot: 0, attentionStep: min(s.step, max(maxDecodeSteps, 1) - 1),
                           batch: 1, tokens: s.token.data, buffers)
        s.h.data.update(from: s.hNext.data, count: H)
        if hasCell { s.c.data.update(from: s.cNext.data, count: C) }
        s.step += 1
        return UnsafePointer(s.logits.data)
    }

    public func reserveStates(_ count: Int) {
        let s = decodeState, width = H + max(C, 1)
        if s.saved.shape.count != 2 || s.saved.shape[0] < count || s.saved.shape[1] != width {
            s.saved.resize(max(count, 1), width)
        }
        if s.savedSteps.count < count { s.savedSteps += Array(repeating: 0, count: count - s.savedSteps.count) }
    }

    public func saveState(to slot: Int) {
        let s = decodeState, width = H + max(C, 1), row = s.saved.data + slot * width
        row.update(from: s.h.data, count: H)
        if C > 0 { (row + H).update(from: s.c.data, count: C) }
        s.savedSteps[slot] = s.step
    }

    public func restoreState(from slot: Int) {
        let s = decodeState, width = H + max(C, 1), row = s.saved.data + slot * width
        s.h.data.update(from: row, count: H)
        if C > 0 { s.c.data.update(from: row + H, count: C) }
        s.step = s.savedSteps[slot]
    }
}
