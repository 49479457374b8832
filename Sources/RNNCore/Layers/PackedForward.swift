/// Forward pass over a padded batch the way PyTorch's `PackedSequence` runs it: rows sorted by
/// length, longest first, and at step t the cell runs only on the rows still going, so padded
/// steps cost nothing at all (`RecurrentLayer` with `lengths` gives the same states, but it
/// computes the padded rows and then discards them).
///
/// Shape letters: T steps (the longest length), B batch, I input width, S state width, C cell
/// width, G gate width. Forward only, unidirectional, no dropout: for inference and for
/// checking that packing and masking agree.
public final class PackedForward<Scalar: BLASReal> {
    /// Row-steps the cells computed in the last `run` (Σ lengths, per layer).
    public private(set) var computedRowSteps = 0
    /// Row-steps padding would have cost ((T·B − Σ lengths), per layer).
    public private(set) var skippedRowSteps = 0
    /// [L, B, S] each row's state after its own last step, in the caller's row order.
    public let finalStates = Tensor<Scalar>(shape: [1])

    let xProj = Tensor<Scalar>(shape: [1]), hProj = Tensor<Scalar>(shape: [1])  // [B, G]
    let states = Tensor<Scalar>(shape: [1]), cells = Tensor<Scalar>(shape: [1])  // [T+1, B, S|C]
    let sortedInput = Tensor<Scalar>(shape: [1]), layerOutput = Tensor<Scalar>(shape: [1]) // [T, B, ·]

    public init() {}

    /// Runs the layers of `stack` (one direction each) over `input` [T, B, I] whose rows have
    /// `lengths`, computing only real steps.
    /// - Throws: `InputError` for a bidirectional stack or lengths outside 1...T.
    public func run(_ stack: RecurrentStack<Scalar>, input: Tensor<Scalar>, steps T: Int, batch B: Int,
                    lengths: [Int]) throws {
        guard stack.directions == 1 else {
            throw InputError(place: "bidirectional", "packing here runs forward in time only")
        }
        guard lengths.count == B, lengths.allSatisfy({ (1...T).contains($0) }) else {
            throw InputError(place: "lengths", "needs \(B) lengths in 1...\(T)")
        }
        // Longest first (ties by row), so the rows still going at step t are rows 0 ..< active(t).
        let order = (0..<B).sorted { lengths[$0] != lengths[$1] ? lengths[$0] > lengths[$1] : $0 < $1 }
        let sortedLengths = order.map { lengths[$0] }
        let L = stack.layers.count, S = stack.stateSize
        finalStates.resize(L, B, S)
        computedRowSteps = 0
        skippedRowSteps = 0
        var width = stack.inputSize
        sortedInput.resize(T, B, width)
        for t in 0..<T { for (i, b) in order.enumerated() {
            (sortedInput.data + (t * B + i) * width).update(from: input.data + (t * B + b) * width, count: width)
        } }
        for (k, dirs) in stack.layers.enumerated() {
            let cell = dirs[0].cell
            runLayer(cell, input: k == 0 ? sortedInput : layerOutput, width: width, T: T, B: B, lengths: sortedLengths)
            for (i, b) in order.enumerated() {
                (finalStates.data + (k * B + b) * S).update(from: states.data + (T * B + i) * S, count: S)
            }
            // This layer's outputs (h_t on real steps) are the next layer's input.
            layerOutput.resize(T, B, S)
            layerOutput.zero()
            for t in 0..<T { for i in 0..<B where t < sortedLengths[i] {
                (layerOutput.data + (t * B + i) * S).update(from: states.data + ((t + 1) * B + i) * S, count: S)
            } }
            width = S
        }
    }

    private func runLayer(_ cell: any RecurrentCell<Scalar>, input: Tensor<Scalar>, width I: Int, T: Int, B: Int,
                          lengths: [Int]) {
        let S = cell.stateSize, C = cell.cellSize, G = cell.gateWidth
        cell.reserve(steps: T, batch: B)
        xProj.resize(B, G); hProj.resize(B, G)
        states.resize(T + 1, B, S); states.zero()
        cells.resize(T + 1, B, max(C, 1)); cells.zero()
        for t in 0..<T {
            var active = 0
            while active < B && lengths[active] > t { active += 1 }
            let hPrev = states.data + t * B * S, h = hPrev + B * S
            let cPrev: UnsafeMutablePointer<Scalar>? = C > 0 ? cells.data + t * B * C : nil
            let c: UnsafeMutablePointer<Scalar>? = C > 0 ? cPrev! + B * C : nil
            // Rows already finished keep their state; only the first `active` rows step.
            h.update(from: hPrev, count: B * S)
            if let c, let cPrev { c.update(from: cPrev, count: B * C) }
            // [active, I] · [I, G] and [active, S] · [S, G]
            Scalar.gemm(transA: false, transB: true, m: active, n: G, k: I, alpha: 1,
                        a: input.data + t * B * I, lda: I, b: cell.weightIH.value.data, ldb: I,
                        beta: 0, c: xProj.data, ldc: G)
            Scalar.gemm(transA: false, transB: true, m: active, n: G, k: S, alpha: 1,
                        a: hPrev, lda: S, b: cell.weightHH.value.data, ldb: S,
                        beta: 0, c: hProj.data, ldc: G)
            cell.forward(CellStep(time: t, slot: t, batch: active, xProj: xProj.data, hProj: hProj.data,
                                  hPrev: hPrev, h: h, cPrev: cPrev, c: c))
            computedRowSteps += active
            skippedRowSteps += B - active
        }
    }
}
