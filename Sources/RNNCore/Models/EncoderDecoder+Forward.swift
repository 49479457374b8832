extension EncoderDecoder {
    /// Runs encoder and decoder over a batch and, when targets are given, the loss; leaves
    /// ∂loss/∂logits ready for `backward()`.
    ///
    /// - Parameters:
    ///   - source: [Ts·B] source ids, time-major; `sourceLengths` [B] their real lengths (nil:
    ///     all Ts). Padded source positions get no attention.
    ///   - decoderInputs: [Td·B] the teacher's y_{t-1}: `<bos>`, then the target shifted right.
    ///   - decoderTargets: [Td·B] ids scored at each step (−1: not scored), or nil for no loss.
    ///   - decoderMask: [Td·B] loss weight of each step (nil: every step with a target counts).
    ///   - teacherForcingRatio: at every step after the first, each row is fed the teacher's
    ///     token with this probability and otherwise the model's own previous argmax (scheduled
    ///     sampling, Bengio et al. 2015). 1 is pure teacher forcing, 0 free-running; draws come
    ///     from the model's seeded generator, and none are made at 0 or 1.
    /// Every id must already be valid (see `Embedding.validate`).
    @discardableResult
    public func forward(source: UnsafePointer<Int32>, sourceSteps Ts: Int, batch B: Int, sourceLengths: [Int]? = nil,
                        decoderInputs teacher: UnsafePointer<Int32>, decoderTargets: UnsafePointer<Int32>?,
                        decoderSteps Td: Int, decoderMask: UnsafePointer<Scalar>? = nil,
                        teacherForcingRatio ratio: Double = 1) -> LossResult {
        sourceSteps = Ts; decoderSteps = Td; batch = B; sourceTokens = source
        reserve(sourceSteps: Ts, decoderSteps: Td, batch: B)
        encode(source, steps: Ts, batch: B, lengths: sourceLengths, decoderSteps: Td)
        states.slice(0).update(from: encoder.finalState, count: B * H)
        if C > 0 { cellStates.slice(0).update(from: encoder.finalCell, count: B * C) }
        reserveDecoderCell(steps: Td, batch: B)

        let fed = fedTokens.data
        for t in 0..<Td {
            for b in 0..<B {
                let i = t * B + b
                let useTeacher = t == 0 || ratio >= 1 || (ratio > 0 && samplingRandom.bernoulli(ratio))
                fed[i] = useTeacher ? teacher[i] : Int32(argmax(logits.slice(t - 1) + b * V, count: V))
            }
            decoderStepForward(time: t, slot: t, attentionStep: t, batch: B, tokens: fed + t * B,
                               trainingBuffers(step: t))
        }
        guard let decoderTargets else {
            logitsGrad.zero()
            return LossResult(loss: 0, weight: 0)
        }
        return crossEntropy(logits: logits.data, rows: Td * B, classes: V, targets: decoderTargets,
                            mask: decoderMask, logitsGrad: logitsGrad.data)
    }

    /// `forward` on a seq2seq `SequenceBatch` (its `inputTokens`, `lengths` and decoder fields).
    @discardableResult
    public func forward(batch: SequenceBatch<Scalar>, teacherForcingRatio ratio: Double = 1) -> LossResult {
        guard let source = batch.inputTokens, let teacher = batch.decoderInputTokens,
              let targets = batch.decoderTargetTokens, let mask = batch.decoderLossMask else {
            preconditionFailure("EncoderDecoder needs a seq2seq batch with token inputs")
        }
        return source.withUnsafeBufferPointer { s in
            teacher.withUnsafeBufferPointer { d in
                targets.withUnsafeBufferPointer { y in
                    forward(source: s.baseAddress!, sourceSteps: batch.steps, batch: batch.batch,
                            sourceLengths: batch.lengths, decoderInputs: d.baseAddress!,
                            decoderTargets: y.baseAddress!, decoderSteps: batch.decoderSteps,
                            decoderMask: mask.data, teacherForcingRatio: ratio)
                }
            }
        }
    }

    /// Embeds and encodes the source, and readies attention over its outputs.
    func encode(_ source: UnsafePointer<Int32>, steps Ts: Int, batch B: Int, lengths: [Int]?, decoderSteps Td: Int) {
        sourceEmbedded.resize(Ts, B, E)
        sourceEmbedding.forward(source, rows: Ts * B, into: sourceEmbedded.data)
        encoder.forward(sourceEmbedded, steps: Ts, batch: B, lengths: lengths)
        guard let attention else { return }
        var mask: UnsafePointer<Scalar>? = nil
        if let lengths {
            sourceMask.resize(Ts, B)
            for t in 0..<Ts { for b in 0..<B { sourceMask.data[t * B + b] = t < lengths[b] ? 1 : 0 } }
            mask = UnsafePointer(sourceMask.data)
        }
        attention.prepare(encoder: encoder.outputs.data, mask: mask, sourceLength: Ts, batch: B, steps: Td)
    }

    /// Grows every training buffer; allocates only when a size grows.
    func reserve(sourceSteps Ts: Int, decoderSteps Td: Int, batch B: Int) {
        let Cw = max(C, 1), rows = Td * B
        fedTokens.resize(rows)
        decoderInputs.resize(Td, B, X)
        xProj.resize(Td, B, G); hProj.resize(Td, B, G)
        states.resize(Td + 1, B, H); cellStates.resize(Td + 1, B, Cw)
        contexts.resize(Td, B, H)
        outputInputs.resize(Td, B, O)
        logits.resize(Td, B, V)
        logitsGrad.resize(rows, V)
        outputInputsGrad.resize(rows, O)
        dXProj.resize(Td, B, G); dHProj.resize(Td, B, G)
        decoderInputsGrad.resize(Td, B, X)
        targetEmbeddingGrad.resize(rows, E)
        encoderOutputsGrad.resize(Ts, B, H)
        dH.resize(B, H); dHPrev.resize(B, H)
        dC.resize(B, Cw); dCPrev.resize(B, Cw)
        contextGrad.resize(B, H)
    }
}
