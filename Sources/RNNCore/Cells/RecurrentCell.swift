/// Pointers for one time step of one cell, shared by `forward` and `backward`.
///
/// Shape letters: B batch rows in use, I input width, S state width (`stateSize`),
/// C cell-state width (`cellSize`, 0 when the cell has none), G gate width (`gateWidth`).
/// All blocks are row-major with one row per batch item.
public struct CellStep<Scalar: BLASReal> {
    /// Position of this step in the whole sequence (clockwork modules tick on it).
    public var time: Int
    /// Index of this step in the layer's caches, 0 ..< steps reserved.
    public var slot: Int
    public var batch: Int
    /// The first of this step's rows in the cell's per-slot caches: nonzero only for cells that
    /// `splitsRows`, when the layer hands a row range to each of two threads.
    public var rowOffset: Int
    /// [B, G] x_t · W_ihᵀ, without bias.
    public var xProj: UnsafeMutablePointer<Scalar>
    /// [B, G] h_{t-1} · W_hhᵀ, without bias.
    public var hProj: UnsafeMutablePointer<Scalar>
    /// [B, S] previous state and [B, S] new state.
    public var hPrev: UnsafeMutablePointer<Scalar>
    public var h: UnsafeMutablePointer<Scalar>
    /// [B, C] previous and new cell state; nil when C == 0.
    public var cPrev: UnsafeMutablePointer<Scalar>?
    public var c: UnsafeMutablePointer<Scalar>?

    public init(time: Int, slot: Int, batch: Int,
                xProj: UnsafeMutablePointer<Scalar>, hProj: UnsafeMutablePointer<Scalar>,
                hPrev: UnsafeMutablePointer<Scalar>, h: UnsafeMutablePointer<Scalar>,
                cPrev: UnsafeMutablePointer<Scalar>?, c: UnsafeMutablePointer<Scalar>?, rowOffset: Int = 0) {
        self.time = time; self.slot = slot; self.batch = batch; self.rowOffset = rowOffset
        self.xProj = xProj; self.hProj = hProj; self.hPrev = hPrev; self.h = h
        self.cPrev = cPrev; self.c = c
    }
}

/// Gradients flowing through one step, from `RecurrentCell.backward`.
public struct CellStepGrads<Scalar: BLASReal> {
    /// [B, S] and [B, C]: total ∂L/∂h_t and ∂L/∂c_t (read only).
    public var dH: UnsafeMutablePointer<Scalar>
    public var dC: UnsafeMutablePointer<Scalar>?
    /// [B, G] written by the cell: ∂L/∂xProj and ∂L/∂hProj.
    public var dXProj: UnsafeMutablePointer<Scalar>
    public var dHProj: UnsafeMutablePointer<Scalar>
    /// [B, S] the cell ADDS its direct dependence on h_{t-1} (e.g. GRU's z ⊙ dh); the layer
    /// adds dHProj · W_hh itself. [B, C] the cell OVERWRITES ∂L/∂c_{t-1}.
    public var dHPrev: UnsafeMutablePointer<Scalar>
    public var dCPrev: UnsafeMutablePointer<Scalar>?
    /// True when the caller adds the gradients of the cell's `projectionBiases` itself, as
    /// column sums of dXProj and dHProj over all steps: the cell then leaves them alone.
    public var projectionBiasesDeferred: Bool

    public init(dH: UnsafeMutablePointer<Scalar>, dC: UnsafeMutablePointer<Scalar>?,
                dXProj: UnsafeMutablePointer<Scalar>, dHProj: UnsafeMutablePointer<Scalar>,
                dHPrev: UnsafeMutablePointer<Scalar>, dCPrev: UnsafeMutablePointer<Scalar>?,
                projectionBiasesDeferred: Bool = false) {
        self.dH = dH; self.dC = dC; self.dXProj = dXProj; self.dHProj = dHProj
        self.dHPrev = dHPrev; self.dCPrev = dCPrev
        self.projectionBiasesDeferred = projectionBiasesDeferred
    }
}

/// One recurrent cell: the per-step math between the two big matrix products.
///
/// The layer that unrolls a cell (`RecurrentLayer`) owns the matrix products: it computes
/// `x_t · W_ihᵀ` for all steps in one GEMM, `h_{t-1} · W_hhᵀ` once per step, and every weight
/// gradient as one GEMM over the whole sequence. The cell owns everything else — biases, gate
/// nonlinearities, peepholes, layer norm — and caches what its backward needs per `slot`.
///
/// The backward of every cell is linear in (dH, dC): a zero upstream gradient contributes
/// nothing to any parameter, which is how padded steps are skipped.
public protocol RecurrentCell<Scalar>: AnyObject {
    associatedtype Scalar: BLASReal

    /// A short name: "rnn_tanh", "lstm", "gru", "jordan", "clockwork", "ln_lstm", …
    var kind: String { get }
    var inputSize: Int { get }
    /// Width of h_t, which is both the step's output and what W_hh multiplies.
    var stateSize: Int { get }
    /// Width of the second state c_t, or 0.
    var cellSize: Int { get }
    /// Rows of W_ih and W_hh: H for Elman, 3H for GRU, 4H for LSTM.
    var gateWidth: Int { get }
    /// [G, I] and [G, S], named `weight_ih` and `weight_hh` (the layer adds `_l{k}` suffixes).
    var weightIH: Parameter<Scalar> { get }
    var weightHH: Parameter<Scalar> { get }
    /// Every other parameter (biases first, as in PyTorch's state_dict order).
    var cellParameters: [Parameter<Scalar>] { get }
    /// Names of the gate blocks in G order, e.g. ["i", "f", "g", "o"]; empty for Elman.
    var gateNames: [String] { get }
    /// True when ∂L/∂xProj and ∂L/∂hProj are always equal (both products enter the cell only
    /// through their sum, as in Elman and LSTM): the layer then hands `backward` one buffer for
    /// both, and the cell writes it once. Cells must accept dXProj == dHProj either way.
    var projectionGradsCoincide: Bool { get }
    /// True when the cell reads xProj and hProj only through their sum (Elman, LSTM): the
    /// layer then adds the recurrent product into xProj itself and passes hProj == xProj,
    /// which the cell takes as "already summed".
    var sumsProjections: Bool { get }
    /// The biases added straight to xProj and to hProj (b_ih, b_hh), if the cell has such:
    /// their gradients are the column sums of dXProj and dHProj, which a layer can take once
    /// over all steps (`CellStepGrads.projectionBiasesDeferred`).
    var projectionBiases: (ih: Parameter<Scalar>, hh: Parameter<Scalar>)? { get }
    /// True when forward and backward touch only their step's rows (caches from `rowOffset`)
    /// and, with projection biases deferred, accumulate no parameter gradient: the layer may
    /// then run disjoint row ranges on two threads.
    var splitsRows: Bool { get }

    /// Makes the per-step caches hold at least `steps` × `batch`. Allocates only when growing.
    func reserve(steps: Int, batch: Int)
    func forward(_ s: CellStep<Scalar>)
    func backward(_ s: CellStep<Scalar>, _ g: CellStepGrads<Scalar>)
    /// Gate activations of batch row `row` at cache slot `slot`, G values in `gateNames` order
    /// (after their nonlinearity). Used by the Probe; nil for cells without gates.
    func gateActivations(slot: Int, row: Int) -> UnsafePointer<Scalar>?
}

extension RecurrentCell {
    public var allParameters: [Parameter<Scalar>] { [weightIH, weightHH] + cellParameters }
    public var gateNames: [String] { [] }
    public var projectionGradsCoincide: Bool { false }
    public var sumsProjections: Bool { false }
    public var projectionBiases: (ih: Parameter<Scalar>, hh: Parameter<Scalar>)? { nil }
    public var splitsRows: Bool { false }
    public func gateActivations(slot: Int, row: Int) -> UnsafePointer<Scalar>? { nil }
}
