/// Unrolls one `RecurrentCell` over a time-major sequence, in one direction.
///
/// Shape letters: T steps, B batch, I input width, S state width, C cell width, G gate width.
///
/// The layer owns the three matrix products that dominate the cost, so each is as large as it
/// can be: `X · W_ihᵀ` for all T·B rows at once before the loop, `h_{t-1} · W_hhᵀ` once per step
/// inside it, and after backward both weight gradients as single GEMMs over the whole sequence.
/// Everything between those products is the cell's business.
///
/// Sequences shorter than T (`lengths`) carry their last state through the padded steps and
/// output zeros there, as PyTorch's packed sequences do; their padded steps contribute nothing
/// to any gradient.
public final class RecurrentLayer<Scalar: BLASReal> {
    public let cell: any RecurrentCell<Scalar>
    /// Appended to parameter names: "_l0", "_l1_reverse".
    public let nameSuffix: String

    /// Gal & Ghahramani: one dropout mask on h_{t-1} in the recurrent product, fixed per sequence.
    @exclusivity(unchecked) public var recurrentDropout: Double = 0
    /// Krueger et al.: each unit keeps its previous value with this probability, per step.
    @exclusivity(unchecked) public var zoneout: Double = 0
    /// Dropout and zoneout sample masks only while training; evaluation uses their expectation.
    @exclusivity(unchecked) public var training = true
    /// When on, backward records ‖∂L/∂h_t‖² per step and row into `gradNormSquared`, where
    /// ∂L/∂h_t is the total derivative: through the output at t and through every later step.
    @exclusivity(unchecked) public var recordGradNorms = false
    /// Off when the input is data: skips the [T·B, G]·[G, I] product nobody reads.
    @exclusivity(unchecked) public var computesInputGrad = true

    @exclusivity(unchecked) public private(set) var steps = 0
    @exclusivity(unchecked) public private(set) var batch = 0
    /// [T+1, B, S] states; slice 0 is h_0, slice t+1 is h_t (carried through padding).
    public let states = Tensor<Scalar>(shape: [1, 1, 1])
    /// [T+1, B, C] cell states, when the cell has them.
    public let cellStates = Tensor<Scalar>(shape: [1, 1, 1])
    /// [T, B, S] outputs: h_t where t < length, zero after.
    public let outputs = Tensor<Scalar>(shape: [1, 1, 1])
    /// [T, B, I] gradient with respect to the input, after `backward`.
    public let inputGrad = Tensor<Scalar>(shape: [1, 1, 1])
    /// [B, S] and [B, C] gradients with respect to the initial state, after `backward`.
    public let initialStateGrad = Tensor<Scalar>(shape: [1, 1])
    public let initialCellGrad = Tensor<Scalar>(shape: [1, 1])
    /// [T, B] Σ over units of (∂L/∂h_t)², when `recordGradNorms` is on. Step t is in this
    /// layer's own order: a reverse layer's step t is the sequence's step len − 1 − t.
    public let gradNormSquared = Tensor<Scalar>(shape: [1])

    let xProj = Tensor<Scalar>(shape: [1, 1, 1])       // [T, B, G]
    let hProj = Tensor<Scalar>(shape: [1, 1, 1])       // [T, B, G]
    let dXProj = Tensor<Scalar>(shape: [1, 1, 1])      // [T, B, G]
    let dHProj = Tensor<Scalar>(shape: [1, 1, 1])      // [T, B, G]
    let dH = Tensor<Scalar>(shape: [1, 1])             // [B, S] running ∂L/∂h_t
    let dHPrev = Tensor<Scalar>(shape: [1, 1])         // [B, S]
    let dC = Tensor<Scalar>(shape: [1, 1])             // [B, C]
    let dCPrev = Tensor<Scalar>(shape: [1, 1])         // [B, C]
    let scratch = Tensor<Scalar>(shape: [1, 1])        // [B, S]
    let stash = Tensor<Scalar>(shape: [1, 1])          // [B, S+C] padded rows' pass-through
    @exclusivity(unchecked) var lengths: [Int] = []
    @exclusivity(unchecked) var padded = false
    @exclusivity(unchecked) var timeOffset = 0
    let regularizers: StateRegularizers<Scalar>
    let tokenProjection = TokenProjection<Scalar>()
    let biasPartSums = Tensor<Scalar>(shape: [1])   // [P, 2, G] per row range: b_ih, b_hh
    // Which loop the two threads of a row split run (see RecurrentLayer+RowSplit).
    @exclusivity(unchecked) var splitPhase = SplitPhase.forward
    unowned(unsafe) var splitOutputGrad: Tensor<Scalar>? = nil
    unowned(unsafe) var input: Tensor<Scalar>? = nil

    public init(cell: any RecurrentCell<Scalar>, nameSuffix: String = "_l0", seed: UInt64 = 0) {
        self.cell = cell
        self.nameSuffix = nameSuffix
        regularizers = StateRegularizers(seed: seed)
    }

    public var parameters: [Parameter<Scalar>] { cell.allParameters }
    /// Parameter names as they appear in a PyTorch state_dict.
    public func stateDictName(_ p: Parameter<Scalar>) -> String { p.name + nameSuffix }

    /// Restarts the dropout and zoneout masks' generator, so the next forward draws known masks.
    public func reseedMasks(_ seed: UInt64) { regularizers.rng = SeededRandom(seed: seed) }

    /// Grows every buffer to hold T steps of B rows. Allocates only when growing.
    public func reserve(steps T: Int, batch B: Int) {
        let S = cell.stateSize, C = cell.cellSize, G = cell.gateWidth, I = cell.inputSize
        steps = T; batch = B
        states.resize(T + 1, B, S); outputs.resize(T, B, S)
        cellStates.resize(T + 1, B, max(C, 1))
        xProj.resize(T, B, G)
        if !cell.sumsProjections { hProj.resize(T, B, G) }
        dXProj.resize(T, B, G)
        if !cell.projectionGradsCoincide { dHProj.resize(T, B, G) }
        inputGrad.resize(T, B, I)
        dH.resize(B, S); dHPrev.resize(B, S); scratch.resize(B, S)
        dC.resize(B, max(C, 1)); dCPrev.resize(B, max(C, 1))
        stash.resize(B, S + C)
        initialStateGrad.resize(B, S); initialCellGrad.resize(B, max(C, 1))
        gradNormSquared.resize(T, B)
        cell.reserve(steps: T, batch: B)
    }

    /// Runs the sequence `input` [T, B, I].
    /// - Parameters:
    ///   - lengths: per-row lengths (≤ T), or nil when every row is T long.
    ///   - initialState: [B, S] h_0 (zeros when nil); `initialCell` [B, C] likewise.
    ///   - timeOffset: absolute time of step 0, for cells that tick on time (clockwork) and for
    ///     windows of truncated BPTT.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func forward(_ input: Tensor<Scalar>, steps T: Int, batch B: Int, lengths: [Int]? = nil,
                        initialState: UnsafePointer<Scalar>? = nil,
                        initialCell: UnsafePointer<Scalar>? = nil, timeOffset: Int = 0) {
        begin(steps: T, batch: B, lengths: lengths, initialState: initialState, initialCell: initialCell)
        self.input = input
        tokenProjection.source = nil
        let G = cell.gateWidth, I = cell.inputSize
        // One GEMM for every step's input projection: [T·B, I] · [I, G].
        Scalar.gemm(transA: false, transB: true, m: T * B, n: G, k: I, alpha: 1,
                    a: input.data, lda: I, b: cell.weightIH.value.data, ldb: I,
                    beta: 0, c: xProj.data, ldc: G)
        unroll(timeOffset: timeOffset)
    }

    /// Sizes the buffers and sets lengths and the initial state, before the input projection.
    func begin(steps T: Int, batch B: Int, lengths: [Int]?, initialState: UnsafePointer<Scalar>?,
               initialCell: UnsafePointer<Scalar>?) {
        reserve(steps: T, batch: B)
        setLengths(lengths, T: T, B: B)
        let S = cell.stateSize, C = cell.cellSize
        if let h0 = initialState { states.data.update(from: h0, count: B * S) }
        else { states.data.update(repeating: 0, count: B * S) }
        if C > 0 {
            if let c0 = initialCell { cellStates.data.update(from: c0, count: B * C) }
            else { cellStates.data.update(repeating: 0, count: B * C) }
        }
    }

    /// The time loop, once `xProj` holds every step's input projection.
    func unroll(timeOffset: Int) {
        let T = steps, B = batch, S = cell.stateSize, C = cell.cellSize
        self.timeOffset = timeOffset
        regularizers.begin(steps: T, batch: B, width: S, cellWidth: C, training: training,
                           recurrentDropout: recurrentDropout, zoneout: zoneout)
        runLoop(.forward, parts: rowParts(), outputGrad: nil)
        writeOutputs()
    }

    /// Backpropagates through the whole sequence.
    /// - Parameters:
    ///   - outputGrad: [T, B, S] ∂L/∂outputs, or nil.
    ///   - finalStateGrad: [B, S] ∂L/∂h_T, or nil; `finalCellGrad` [B, C] likewise.
    /// Accumulates into parameter gradients; writes `inputGrad` and `initialStateGrad`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func backward(outputGrad: Tensor<Scalar>?, finalStateGrad: UnsafePointer<Scalar>? = nil,
                         finalCellGrad: UnsafePointer<Scalar>? = nil) {
        let T = steps, B = batch, S = cell.stateSize, C = cell.cellSize
        let G = cell.gateWidth, I = cell.inputSize
        if let g = finalStateGrad { dH.data.update(from: g, count: B * S) } else { dH.zero() }
        if C > 0 { if let g = finalCellGrad { dC.data.update(from: g, count: B * C) } else { dC.zero() } }
        // Each row range sums its bias and token gradients as it goes; they add up after.
        let parts = rowParts()
        beginPartSums(parts)
        runLoop(.backward, parts: parts, outputGrad: outputGrad)
        initialStateGrad.data.update(from: dH.data, count: B * S)
        if C > 0 { initialCellGrad.data.update(from: dC.data, count: B * C) }
        addProjectionBiasGrads(parts: parts)
        // Weight gradients, each one GEMM over all T·B rows.
        let dHP = cell.projectionGradsCoincide ? dXProj.data : dHProj.data
        Scalar.gemm(transA: true, transB: false, m: G, n: S, k: T * B, alpha: 1,
                    a: dHP, lda: G, b: regularizers.recurrentInputs(states: states.data), ldb: S,
                    beta: 1, c: cell.weightHH.grad.data, ldc: S)
        if tokenProjection.source != nil {
            tokenProjection.finishBackward(rows: T * B, parts: parts, dXProj: dXProj.data, weightIH: cell.weightIH)
        } else {
            guard let input else { preconditionFailure("backward before forward") }
            Scalar.gemm(transA: true, transB: false, m: G, n: I, k: T * B, alpha: 1,
                        a: dXProj.data, lda: G, b: input.data, ldb: I,
                        beta: 1, c: cell.weightIH.grad.data, ldc: I)
            if computesInputGrad {
                Scalar.gemm(transA: false, transB: false, m: T * B, n: I, k: G, alpha: 1,
                            a: dXProj.data, lda: G, b: cell.weightIH.value.data, ldb: I,
                            beta: 0, c: inputGrad.data, ldc: I)
            }
        }
        cell.weightIH.applyMask()
        cell.weightHH.applyMask()
    }

    /// [B, S] the state after the last step of each row (h_n in PyTorch's terms).
    public var finalState: UnsafeMutablePointer<Scalar> { states.data + steps * batch * cell.stateSize }
    /// [B, C] the cell state after the last step, when the cell has one.
    public var finalCell: UnsafeMutablePointer<Scalar> { cellStates.data + steps * batch * cell.cellSize }
}

@inline(__always)
func sumOfSquares<Scalar: BLASReal>(_ p: UnsafePointer<Scalar>, _ n: Int) -> Scalar {
    Scalar.dot(n: n, x: p, y: p)
}
