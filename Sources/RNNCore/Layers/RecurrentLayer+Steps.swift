// The two time loops of a RecurrentLayer, over a range of batch rows: all of them, or one of
// the halves the layer hands to two threads (see RecurrentLayer+RowSplit). Batch rows never
// mix inside a loop (each row's recurrence, product and cell step read only that row), so a
// half runs exactly the arithmetic the whole batch would for those rows.
extension RecurrentLayer {
    /// Forward steps 0..<T for rows lo..<hi, once `xProj` holds the input projections.
    /// Regularisers and padding act on whole steps: they are on only when lo..<hi is the batch.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func forwardRows(_ lo: Int, _ hi: Int) {
        let T = steps, B = batch, S = cell.stateSize, C = cell.cellSize, G = cell.gateWidth
        let n = hi - lo, whole = n == B, summed = cell.sumsProjections, readsTokens = self.readsTokens
        assert(whole || (!padded && !regularizers.dropActive && !regularizers.zoneActive))
        for t in 0..<T {
            let hPrev = states.data + (t * B + lo) * S, h = hPrev + B * S
            let cPrev: UnsafeMutablePointer<Scalar>? = C > 0 ? cellStates.data + (t * B + lo) * C : nil
            let c: UnsafeMutablePointer<Scalar>? = C > 0 ? cPrev! + B * C : nil
            // hProj_t = (h_{t-1} ⊙ recurrent mask) · W_hhᵀ, or xProj_t += that for cells that
            // only read the sum (no separate buffer to clear and read back).
            let recurrentInput = whole ? regularizers.recurrentInput(hPrev, step: t) : hPrev
            let rowProj = (t * B + lo) * G
            if readsTokens { tokenProjection.gather(rows: t * B + lo, t * B + hi, weightIH: cell.weightIH, into: xProj.data) }
            let hProjRows = summed ? xProj.data + rowProj : hProj.data + rowProj
            Scalar.gemm(transA: false, transB: true, m: n, n: G, k: S, alpha: 1,
                        a: recurrentInput, lda: S, b: cell.weightHH.value.data, ldb: S,
                        beta: summed ? 1 : 0, c: hProjRows, ldc: G)
            let out = whole ? regularizers.candidate(h, c, step: t) : (h: h, c: c)
            cell.forward(CellStep(time: timeOffset + t, slot: t, batch: n,
                                  xProj: xProj.data + rowProj, hProj: hProjRows,
                                  hPrev: hPrev, h: out.h, cPrev: cPrev, c: out.c, rowOffset: lo))
            if whole {
                regularizers.mixZoneout(step: t, hPrev: hPrev, h: h, cPrev: cPrev, c: c)
                if padded { carryPaddedRows(step: t) }
            }
        }
    }

    /// Backward steps T−1 through 0 for rows lo..<hi, from the running gradients in dH and dC
    /// (rows lo..<hi), leaving ∂L/∂h_0 and ∂L/∂c_0 there.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func backwardRows(_ lo: Int, _ hi: Int, part: Int, outputGrad: Tensor<Scalar>?) {
        let T = steps, B = batch, S = cell.stateSize, C = cell.cellSize, G = cell.gateWidth
        let n = hi - lo, whole = n == B, summed = cell.sumsProjections
        // Cells whose two projection gradients are equal write one buffer (see RecurrentCell).
        let dHP = cell.projectionGradsCoincide ? dXProj.data : dHProj.data
        let deferBiases = cell.projectionBiases != nil, coincide = cell.projectionGradsCoincide
        let biasIH = biasPartSums.data + part * 2 * G, biasHH = biasIH + G
        let dHRows = dH.data + lo * S, dHPrevRows = dHPrev.data + lo * S, scratchRows = scratch.data + lo * S
        let dCRows: UnsafeMutablePointer<Scalar>? = C > 0 ? dC.data + lo * C : nil
        let dCPrevRows: UnsafeMutablePointer<Scalar>? = C > 0 ? dCPrev.data + lo * C : nil
        for t in stride(from: T - 1, through: 0, by: -1) {
            if let og = outputGrad {
                if whole { addOutputGrad(og.data + t * B * S, step: t) }
                else { add(og.data + (t * B + lo) * S, into: dHRows, count: n * S) }
            }
            if recordGradNorms {
                for b in lo..<hi { gradNormSquared[t * B + b] = sumOfSquares(dH.data + b * S, S) }
            }
            let hPrev = states.data + (t * B + lo) * S, h = hPrev + B * S
            let cPrev: UnsafeMutablePointer<Scalar>? = C > 0 ? cellStates.data + (t * B + lo) * C : nil
            let c: UnsafeMutablePointer<Scalar>? = C > 0 ? cPrev! + B * C : nil
            if whole && padded { stashPaddedRows(step: t) }
            // The cell adds its direct terms to dHPrev; zoneout's kept units start it off.
            regularizers.splitZoneoutGrad(step: t, dH: dHRows, dC: dCRows, dHPrev: dHPrevRows, dCPrev: dCPrevRows,
                                          B: n, S: S, C: C)
            let out = whole ? regularizers.candidate(h, c, step: t) : (h: h, c: c)
            let rowProj = (t * B + lo) * G
            cell.backward(
                CellStep(time: timeOffset + t, slot: t, batch: n,
                         xProj: xProj.data + rowProj, hProj: summed ? xProj.data + rowProj : hProj.data + rowProj,
                         hPrev: hPrev, h: out.h, cPrev: cPrev, c: out.c, rowOffset: lo),
                CellStepGrads(dH: dHRows, dC: dCRows, dXProj: dXProj.data + rowProj, dHProj: dHP + rowProj,
                              dHPrev: dHPrevRows, dCPrev: dCPrevRows, projectionBiasesDeferred: deferBiases))
            regularizers.addKeptCellGrad(dCPrevRows, count: n * C)
            // This step's share of the bias and token gradients, while its rows are in cache.
            if deferBiases {
                addColumnSums(dXProj.data + rowProj, rows: n, width: G, into: biasIH)
                if !coincide { addColumnSums(dHProj.data + rowProj, rows: n, width: G, into: biasHH) }
            }
            tokenProjection.accumulate(rows: t * B + lo, t * B + hi, dXProj: dXProj.data, part: part)
            // dh_{t-1} += (dHProj_t · W_hh) ⊙ recurrent mask; without a mask the product adds
            // straight into dh_{t-1}.
            if regularizers.dropActive {
                Scalar.gemm(transA: false, transB: false, m: n, n: S, k: G, alpha: 1,
                            a: dHP + rowProj, lda: G, b: cell.weightHH.value.data, ldb: S,
                            beta: 0, c: scratchRows, ldc: S)
                regularizers.addRecurrentGrad(scratchRows, into: dHPrevRows, count: n * S)
            } else {
                Scalar.gemm(transA: false, transB: false, m: n, n: S, k: G, alpha: 1,
                            a: dHP + rowProj, lda: G, b: cell.weightHH.value.data, ldb: S,
                            beta: 1, c: dHPrevRows, ldc: S)
            }
            if whole && padded { passPaddedRows(step: t) }
            // Step back: ∂L/∂h_{t-1} becomes the running gradient.
            dHRows.update(from: dHPrevRows, count: n * S)
            if let dCRows, let dCPrevRows { dCRows.update(from: dCPrevRows, count: n * C) }
        }
    }

    /// Sizes and clears the per-range sums the backward loop adds into.
    func beginPartSums(_ parts: Int) {
        biasPartSums.resize(parts, 2, cell.gateWidth)
        biasPartSums.zero()
        tokenProjection.beginBackward(parts: parts)
    }

    /// Adds the gradients of the cell's projection biases, which `backwardRows` summed per row
    /// range: column sums of dXProj (b_ih) and dHProj (b_hh) over every step and row.
    func addProjectionBiasGrads(parts: Int) {
        guard let biases = cell.projectionBiases else { return }
        let G = cell.gateWidth, coincide = cell.projectionGradsCoincide
        for p in 0..<parts {
            let ih = biasPartSums.data + p * 2 * G
            add(ih, into: biases.ih.grad.data, count: G)
            add(coincide ? ih : ih + G, into: biases.hh.grad.data, count: G)
        }
    }
}
