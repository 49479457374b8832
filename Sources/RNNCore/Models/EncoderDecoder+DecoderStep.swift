/// Where one decoder step reads and writes, for rows 0 ..< B. Training points these into its
/// per-step caches; `StepDecoder` decoding points them at single-step buffers.
struct DecoderStepBuffers<Scalar: BLASReal> {
    /// [B, H] h_{t-1} and h_t; [B, C] c_{t-1} and c_t, or nil when the cell has no cell state.
    var hPrev: UnsafeMutablePointer<Scalar>
    var h: UnsafeMutablePointer<Scalar>
    var cPrev: UnsafeMutablePointer<Scalar>?
    var c: UnsafeMutablePointer<Scalar>?
    /// [B, X] the cell's input [embedding(y_{t-1}); context].
    var input: UnsafeMutablePointer<Scalar>
    /// [B, G] input · W_ihᵀ and h_{t-1} · W_hhᵀ.
    var xProj: UnsafeMutablePointer<Scalar>
    var hProj: UnsafeMutablePointer<Scalar>
    /// [B, H] the attention context (unused without attention).
    var context: UnsafeMutablePointer<Scalar>
    /// [B, O] the output layer's input [h_t; context].
    var outputInput: UnsafeMutablePointer<Scalar>
    /// [B, V] logits for y_t.
    var logits: UnsafeMutablePointer<Scalar>
}

extension EncoderDecoder {
    // forward, one step:
    //   e = emb(y_{t-1}) [B, E];  ctx = attend(h_{t-1}, encoder outputs) [B, H]
    //   x = [e; ctx] [B, X];  xProj = x · W_ihᵀ;  hProj = h_{t-1} · W_hhᵀ   [B, G]
    //   h_t (, c_t) = cell(xProj, hProj, h_{t-1} (, c_{t-1}))
    //   logits = [h_t; ctx] · W_outᵀ + b_out [B, V]
    /// Runs one decoder step. `slot` indexes the cell's and attention's per-step caches.
    func decoderStepForward(time t: Int, slot: Int, attentionStep: Int, batch B: Int,
                            tokens: UnsafePointer<Int32>, _ p: DecoderStepBuffers<Scalar>) {
        let E = self.E, H = self.H, X = self.X, O = self.O, G = self.G
        for b in 0..<B { targetEmbedding.forward(tokens + b, rows: 1, into: p.input + b * X) }
        if let attention {
            attention.forward(step: attentionStep, query: p.hPrev, context: p.context)
            for b in 0..<B {
                (p.input + b * X + E).update(from: p.context + b * H, count: H)
                (p.outputInput + b * O + H).update(from: p.context + b * H, count: H)
            }
        }
        Scalar.gemm(transA: false, transB: true, m: B, n: G, k: X, alpha: 1,
                    a: p.input, lda: X, b: decoderCell.weightIH.value.data, ldb: X,
                    beta: 0, c: p.xProj, ldc: G)
        Scalar.gemm(transA: false, transB: true, m: B, n: G, k: H, alpha: 1,
                    a: p.hPrev, lda: H, b: decoderCell.weightHH.value.data, ldb: H,
                    beta: 0, c: p.hProj, ldc: G)
        decoderCell.forward(CellStep(time: t, slot: slot, batch: B, xProj: p.xProj, hProj: p.hProj,
                                     hPrev: p.hPrev, h: p.h, cPrev: p.cPrev, c: p.c))
        for b in 0..<B { (p.outputInput + b * O).update(from: p.h + b * H, count: H) }
        output.forward(p.outputInput, rows: B, into: p.logits)
    }

    /// The buffers of training step `t` inside the per-step caches.
    func trainingBuffers(step t: Int) -> DecoderStepBuffers<Scalar> {
        let hasCell = C > 0
        return DecoderStepBuffers(
            hPrev: states.slice(t), h: states.slice(t + 1),
            cPrev: hasCell ? cellStates.slice(t) : nil, c: hasCell ? cellStates.slice(t + 1) : nil,
            input: decoderInputs.slice(t), xProj: xProj.slice(t), hProj: hProj.slice(t),
            context: attention == nil ? outputInputs.slice(t) : contexts.slice(t),
            outputInput: outputInputs.slice(t), logits: logits.slice(t))
    }
}
