// Variable-length batches: rows whose sequence has ended carry their state unchanged, output
// zeros, and pass gradients straight through, exactly as if they had stopped.
extension RecurrentLayer {
    func setLengths(_ given: [Int]?, T: Int, B: Int) {
        lengths.removeAll(keepingCapacity: true)
        padded = false
        guard let given else { return }
        precondition(given.count == B, "lengths has \(given.count) rows for a batch of \(B)")
        for l in given {
            precondition(l >= 0 && l <= T, "length \(l) outside 0...\(T)")
            lengths.append(l)
            if l < T { padded = true }
        }
    }

    @inline(__always) func isPadding(row b: Int, step t: Int) -> Bool { padded && t >= lengths[b] }

    /// After step t: rows that have ended keep h_{t-1} (and c_{t-1}).
    func carryPaddedRows(step t: Int) {
        let B = batch, S = cell.stateSize, C = cell.cellSize
        for b in 0..<B where isPadding(row: b, step: t) {
            let hPrev = states.data + (t * B + b) * S
            (hPrev + B * S).update(from: hPrev, count: S)
            if C > 0 {
                let cPrev = cellStates.data + (t * B + b) * C
                (cPrev + B * C).update(from: cPrev, count: C)
            }
        }
    }

    /// outputs[t] = h_t, or zeros past a row's end.
    func writeOutputs() {
        let T = steps, B = batch, S = cell.stateSize
        outputs.data.update(from: states.data + B * S, count: T * B * S)
        guard padded else { return }
        for t in 0..<T { for b in 0..<B where isPadding(row: b, step: t) {
            (outputs.data + (t * B + b) * S).update(repeating: 0, count: S)
        } }
    }

    /// dH += ∂L/∂output_t, skipping padded rows whose output was a constant zero.
    func addOutputGrad(_ g: UnsafePointer<Scalar>, step t: Int) {
        let B = batch, S = cell.stateSize
        if !padded { Scalar.axpy(n: B * S, alpha: 1, x: g, y: dH.data); return }
        for b in 0..<B where !isPadding(row: b, step: t) {
            Scalar.axpy(n: S, alpha: 1, x: g + b * S, y: dH.data + b * S)
        }
    }

    /// Before the cell's backward: padded rows hand their gradient to the stash and give the
    /// cell zero, so they add nothing to any parameter.
    func stashPaddedRows(step t: Int) {
        let B = batch, S = cell.stateSize, C = cell.cellSize, W = S + C
        for b in 0..<B where isPadding(row: b, step: t) {
            (stash.data + b * W).update(from: dH.data + b * S, count: S)
            (dH.data + b * S).update(repeating: 0, count: S)
            if C > 0 {
                (stash.data + b * W + S).update(from: dC.data + b * C, count: C)
                (dC.data + b * C).update(repeating: 0, count: C)
            }
        }
    }

    /// After the cell's backward: padded rows pass their stashed gradient to step t-1 intact.
    func passPaddedRows(step t: Int) {
        let B = batch, S = cell.stateSize, C = cell.cellSize, W = S + C
        for b in 0..<B where isPadding(row: b, step: t) {
            Scalar.axpy(n: S, alpha: 1, x: stash.data + b * W, y: dHPrev.data + b * S)
            if C > 0 { (dCPrev.data + b * C).update(from: stash.data + b * W + S, count: C) }
        }
    }
}
