/// Which time loop a row split is running.
enum SplitPhase { case forward, backward }

/// When a recurrent layer splits its batch across two threads (see RecurrentLayer+RowSplit).
enum RowSplit {
    /// Per-step multiply-adds (B·G·S) below which a split costs more than it saves.
    /// Measured on W1 (32·512·128 = 2²¹) and W3 (2²⁶), both faster split. Tests lower it.
    @exclusivity(unchecked) nonisolated(unsafe) static var threshold = 1 << 18
}

// Two cores on one sequence: the rows of a batch are independent through every step of both
// time loops, so with two threads allowed each takes half the rows, per-step products and
// cell work included, with no synchronisation until the loop ends. OpenBLAS's own threading
// cannot do this: it splits each small per-step product anew and pays a hand-off per step.
extension RecurrentLayer: PartedWork {
    /// True when this batch's loops run as two row halves: two threads allowed, a cell that
    /// permits it, enough work, and nothing that acts on whole steps (padding, recurrent
    /// dropout, zoneout).
    func splitsRows() -> Bool {
        BLASThreads.limit >= 2 && cell.splitsRows && batch >= 4
            && batch * cell.gateWidth * cell.stateSize >= RowSplit.threshold
            && !padded && !regularizers.dropActive && !regularizers.zoneActive
    }

    /// How many row ranges this batch's loops run as (1: no split).
    func rowParts() -> Int { splitsRows() ? min(BLASThreads.limit, batch / 2) : 1 }

    /// Runs one time loop as `parts` row ranges on the team's threads, or all rows here (as
    /// part 0) when there is one part or the team is busy. Products inside a part find the
    /// team busy and run on their part's thread.
    func runLoop(_ phase: SplitPhase, parts: Int, outputGrad: Tensor<Scalar>?) {
        splitPhase = phase
        splitOutputGrad = outputGrad
        if parts < 2 || !ThreadTeam.shared.tryRun(self, parts: parts) { runPart(0, of: 1) }
        splitOutputGrad = nil
    }

    func runPart(_ part: Int, of parts: Int) {
        let lo = part * batch / parts, hi = (part + 1) * batch / parts
        switch splitPhase {
        case .forward: forwardRows(lo, hi)
        case .backward: backwardRows(lo, hi, part: part, outputGrad: splitOutputGrad)
        }
    }
}
