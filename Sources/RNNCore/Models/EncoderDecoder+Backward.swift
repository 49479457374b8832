extension EncoderDecoder {
    /// Backpropagates the last `forward`'s loss through decoder, attention, encoder and both
    /// embeddings (full BPTT), accumulating into every parameter's gradient.
    public func backward() {
        let Td = decoderSteps, B = batch, Ts = sourceSteps, rows = Td * B
        let E = self.E, H = self.H, X = self.X, G = self.G, C = self.C
        guard let source = sourceTokens else { preconditionFailure("backward before forward") }
        // The output layer for every step at once: d[h; ctx] [Td·B, O].
        output.backward(input: outputInputs.data, rows: rows, outputGrad: logitsGrad.data,
                        inputGrad: outputInputsGrad.data)
        dH.zero()
        if C > 0 { dC.zero() }
        for t in stride(from: Td - 1, through: 0, by: -1) { decoderStepBackward(step: t) }
        // Decoder weight gradients, one GEMM each over all Td·B rows:
        // dW_ih [G, X] += dXProjᵀ · x;  dW_hh [G, H] += dHProjᵀ · h_{t-1}
        Scalar.gemm(transA: true, transB: false, m: G, n: X, k: rows, alpha: 1,
                    a: dXProj.data, lda: G, b: decoderInputs.data, ldb: X,
                    beta: 1, c: decoderCell.weightIH.grad.data, ldc: X)
        Scalar.gemm(transA: true, transB: false, m: G, n: H, k: rows, alpha: 1,
                    a: dHProj.data, lda: G, b: states.data, ldb: H,
                    beta: 1, c: decoderCell.weightHH.grad.data, ldc: H)
        // Target embedding: gather the embedding columns of dx, then scatter-add by token.
        for r in 0..<rows {
            (targetEmbeddingGrad.data + r * E).update(from: decoderInputsGrad.data + r * X, count: E)
        }
        targetEmbedding.backward(fedTokens.data, rows: rows, outputGrad: targetEmbeddingGrad.data)
        // Encoder: its outputs get the attention's gradient, its final state the decoder's h_0.
        var outputsGrad: Tensor<Scalar>? = nil
        if let attention {
            encoderOutputsGrad.zero()
            attention.finishBackward(dEncoder: encoderOutputsGrad.data)
            outputsGrad = encoderOutputsGrad
        }
        encoder.backward(outputGrad: outputsGrad, finalStateGrad: dH.data, finalCellGrad: C > 0 ? dC.data : nil)
        sourceEmbedding.backward(source, rows: Ts * B, outputGrad: encoder.inputGrad.data)
    }

    // backward, one step (dH holds ∂L/∂h_t from later steps, dC likewise):
    //   dH += d[h_t; ctx][:, :H];  dctx = d[h_t; ctx][:, H:]
    //   cell: dH, dC → dXProj, dHProj, direct part of dh_{t-1}, dc_{t-1}
    //   dh_{t-1} += dHProj · W_hh;  dx = dXProj · W_ih  [B, X]
    //   dctx += dx[:, E:];  attention: dctx → dh_{t-1} (its query), encoder outputs (deferred)
    func decoderStepBackward(step t: Int) {
        let B = batch, E = self.E, H = self.H, X = self.X, O = self.O, G = self.G, C = self.C
        let dOut = outputInputsGrad.data + t * B * O
        for b in 0..<B { Scalar.axpy(n: H, alpha: 1, x: dOut + b * O, y: dH.data + b * H) }
        dHPrev.zero()
        let p = trainingBuffers(step: t)
        decoderCell.backward(
            CellStep(time: t, slot: t, batch: B, xProj: p.xProj, hProj: p.hProj,
                     hPrev: p.hPrev, h: p.h, cPrev: p.cPrev, c: p.c),
            CellStepGrads(dH: dH.data, dC: C > 0 ? dC.data : nil,
                          dXProj: dXProj.slice(t), dHProj: dHProj.slice(t),
                          dHPrev: dHPrev.data, dCPrev: C > 0 ? dCPrev.data : nil))
        Scalar.gemm(transA: false, transB: false, m: B, n: H, k: G, alpha: 1,
                    a: dHProj.slice(t), lda: G, b: decoderCell.weightHH.value.data, ldb: H,
                    beta: 1, c: dHPrev.data, ldc: H)
        let dx = decoderInputsGrad.slice(t)
        Scalar.gemm(transA: false, transB: false, m: B, n: X, k: G, alpha: 1,
                    a: dXProj.slice(t), lda: G, b: decoderCell.weightIH.value.data, ldb: X,
                    beta: 0, c: dx, ldc: X)
        if let attention {
            for b in 0..<B {
                let dctx = contextGrad.data + b * H
                dctx.update(from: dOut + b * O + H, count: H)
                Scalar.axpy(n: H, alpha: 1, x: dx + b * X + E, y: dctx)
            }
            attention.backward(step: t, dContext: contextGrad.data, dQuery: dHPrev.data)
        }
        dH.data.update(from: dHPrev.data, count: B * H)
        if C > 0 { dC.data.update(from: dCPrev.data, count: B * C) }
    }
}
