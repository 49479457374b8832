/// Jordan network (Jordan 1986): the state fed back is the network's OUTPUT, not its hidden layer.
///
///     a_t = f(W_ih x_t + b_ih + W_hh y_{t-1} + b_hh)     U hidden units, G = U
///     y_t = W_hy a_t + b_y                                 linear, S = O outputs
///
/// The cell's `h` is y, so `stateSize` is the output width O and W_hh is [U, O]. Unlike an Elman
/// cell, the hidden layer a_t is forgotten between steps except through what y keeps of it.
public final class JordanCell<Scalar: BLASReal>: RecurrentCell {
    public let inputSize: Int
    /// Output width O: what is fed back and what the cell emits.
    public let stateSize: Int
    /// Hidden units U.
    public let units: Int
    public let activation: Activation
    public var cellSize: Int { 0 }
    public var gateWidth: Int { units }
    public var kind: String { "jordan" }

    public let weightIH: Parameter<Scalar>   // [U, I]
    public let weightHH: Parameter<Scalar>   // [U, O]
    public let biasIH: Parameter<Scalar>     // [U]
    public let biasHH: Parameter<Scalar>     // [U]
    public let weightHY: Parameter<Scalar>   // [O, U]
    public let biasY: Parameter<Scalar>      // [O]
    public var cellParameters: [Parameter<Scalar>] { [biasIH, biasHH, weightHY, biasY] }

    /// [steps, B, U] hidden activations a_t, the input of the output projection.
    private let hidden = Tensor<Scalar>(shape: [0])
    private var reservedBatch = 0
    private var reservedSteps = 0

    /// A zero-valued cell with `units` hidden units and `outputSize` outputs fed back.
    public init(inputSize: Int, units: Int, outputSize: Int, activation: Activation = .tanh) {
        self.inputSize = inputSize
        self.units = units
        self.stateSize = outputSize
        self.activation = activation
        weightIH = Parameter("weight_ih", shape: [units, inputSize])
        weightHH = Parameter("weight_hh", shape: [units, outputSize])
        biasIH = Parameter("bias_ih", shape: [units])
        biasHH = Parameter("bias_hh", shape: [units])
        weightHY = Parameter("weight_hy", shape: [outputSize, units])
        biasY = Parameter("bias_y", shape: [outputSize])
    }

    public func reserve(steps: Int, batch: Int) {
        reservedSteps = steps
        reservedBatch = batch
        hidden.resize(steps, batch, units)
    }

    /// The U hidden activations a_t of batch row `row` at cache slot `slot` (for the Probe).
    public func hiddenActivations(slot: Int, row: Int) -> UnsafePointer<Scalar>? {
        guard slot < reservedSteps, row < reservedBatch else { return nil }
        return UnsafePointer(hidden.data + (slot * reservedBatch + row) * units)
    }

    // forward:  a = f(xProj + hProj + b_ih + b_hh)   [B, U]
    //           y = a · W_hyᵀ + b_y                   [B, O], one GEMM over the batch
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func forward(_ s: CellStep<Scalar>) {
        assert(s.slot < reservedSteps && s.batch <= reservedBatch, "JordanCell: reserve before forward")
        let U = units, O = stateSize
        let bi = biasIH.value.data, bh = biasHH.value.data, by = biasY.value.data
        let a = hidden.data + s.slot * reservedBatch * U
        for r in 0..<s.batch {
            for j in 0..<U {
                let k = r * U + j
                a[k] = activation.apply(s.xProj[k] + s.hProj[k] + bi[j] + bh[j])
            }
            for o in 0..<O { s.h[r * O + o] = by[o] }
        }
        Scalar.gemm(transA: false, transB: true, m: s.batch, n: O, k: U,
                    alpha: 1, a: a, lda: U, b: weightHY.value.data, ldb: U,
                    beta: 1, c: s.h, ldc: O)
    }

    // backward: dW_hy += dyᵀ · a      [O, U]
    //           db_y  += Σ_rows dy    [O]
    //           da     = dy · W_hy     [B, U], then ⊙ f'(a)
    //           dxProj = dhProj = da;  db_ih = db_hh += Σ_rows da
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func backward(_ s: CellStep<Scalar>, _ g: CellStepGrads<Scalar>) {
        let U = units, O = stateSize
        let a = hidden.data + s.slot * reservedBatch * U
        let dbi = biasIH.grad.data, dbh = biasHH.grad.data, dby = biasY.grad.data
        Scalar.gemm(transA: true, transB: false, m: O, n: U, k: s.batch,
                    alpha: 1, a: g.dH, lda: O, b: a, ldb: U,
                    beta: 1, c: weightHY.grad.data, ldc: U)
        // da is assembled in dXProj, which is [B, U] and about to be written anyway.
        Scalar.gemm(transA: false, transB: false, m: s.batch, n: U, k: O,
                    alpha: 1, a: g.dH, lda: O, b: weightHY.value.data, ldb: U,
                    beta: 0, c: g.dXProj, ldc: U)
        for r in 0..<s.batch {
            for o in 0..<O { dby[o] += g.dH[r * O + o] }
            for j in 0..<U {
                let k = r * U + j
                let da = g.dXProj[k] * activation.derivative(fromOutput: a[k])
                g.dXProj[k] = da
                g.dHProj[k] = da
                dbi[j] += da
                dbh[j] += da
            }
        }
    }
}
