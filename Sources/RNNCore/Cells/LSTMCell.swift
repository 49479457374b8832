/// Long short-term memory, with PyTorch's gate order i, f, g, o fused into G = 4H rows:
///
///     i = σ(a_i + p_i ⊙ c_{t-1})     f = σ(a_f + p_f ⊙ c_{t-1})
///     g = tanh(a_g)                   c_t = f ⊙ c_{t-1} + i ⊙ g
///     o = σ(a_o + p_o ⊙ c_t)          h_t = o ⊙ tanh(c_t)
///
/// where a = xProj + hProj + b_ih + b_hh. The peephole terms (Gers & Schmidhuber 2000) exist only
/// when the cell is built with `peepholes: true`; without them this is exactly nn.LSTM.
public final class LSTMCell<Scalar: BLASReal>: RecurrentCell {
    public let inputSize: Int
    public let stateSize: Int
    public let peepholes: Bool
    public var cellSize: Int { stateSize }
    public var gateWidth: Int { 4 * stateSize }
    public var kind: String { peepholes ? "lstm_peephole" : "lstm" }
    public var gateNames: [String] { ["i", "f", "g", "o"] }

    public let weightIH: Parameter<Scalar>   // [4H, I]
    public let weightHH: Parameter<Scalar>   // [4H, H]
    public let biasIH: Parameter<Scalar>     // [4H]
    public let biasHH: Parameter<Scalar>     // [4H]
    /// Diagonal peephole weights [H] each; nil unless `peepholes`.
    public let peepholeI: Parameter<Scalar>?
    public let peepholeF: Parameter<Scalar>?
    public let peepholeO: Parameter<Scalar>?
    public var cellParameters: [Parameter<Scalar>] {
        var ps = [biasIH, biasHH]
        if let pi = peepholeI, let pf = peepholeF, let po = peepholeO { ps += [pi, pf, po] }
        return ps
    }

    /// [steps, B, 4H] gate values after their nonlinearity, in i, f, g, o order.
    private let gates = Tensor<Scalar>(shape: [0])
    /// [steps, B, H] tanh(c_t), reused by backward for both do and dc.
    private let tanhC = Tensor<Scalar>(shape: [0])
    @exclusivity(unchecked) private var reservedBatch = 0
    @exclusivity(unchecked) private var reservedSteps = 0

    /// A zero-valued cell; the layer initialises the weights.
    public init(inputSize: Int, hiddenSize: Int, peepholes: Bool = false) {
        self.inputSize = inputSize
        self.stateSize = hiddenSize
        self.peepholes = peepholes
        weightIH = Parameter("weight_ih", shape: [4 * hiddenSize, inputSize])
        weightHH = Parameter("weight_hh", shape: [4 * hiddenSize, hiddenSize])
        biasIH = Parameter("bias_ih", shape: [4 * hiddenSize])
        biasHH = Parameter("bias_hh", shape: [4 * hiddenSize])
        peepholeI = peepholes ? Parameter("weight_peephole_i", shape: [hiddenSize]) : nil
        peepholeF = peepholes ? Parameter("weight_peephole_f", shape: [hiddenSize]) : nil
        peepholeO = peepholes ? Parameter("weight_peephole_o", shape: [hiddenSize]) : nil
    }

    public func reserve(steps: Int, batch: Int) {
        reservedSteps = steps
        reservedBatch = batch
        gates.resize(steps, batch, 4 * stateSize)
        tanhC.resize(steps, batch, stateSize)
    }

    public func gateActivations(slot: Int, row: Int) -> UnsafePointer<Scalar>? {
        guard slot < reservedSteps, row < reservedBatch else { return nil }
        return UnsafePointer(gates.data + (slot * reservedBatch + row) * 4 * stateSize)
    }

    public var projectionGradsCoincide: Bool { true }
    public var sumsProjections: Bool { true }
    public var projectionBiases: (ih: Parameter<Scalar>, hh: Parameter<Scalar>)? { (biasIH, biasHH) }
    // Peephole gradients accumulate across rows, so a peephole cell runs on one thread.
    public var splitsRows: Bool { !peepholes }

    // forward, per row and unit j (block offsets 0, H, 2H, 3H):
    //   i, f from c_{t-1};  g;  c = f c_{t-1} + i g;  o from c_t;  h = o tanh(c)
    // One pass over each row, eight units at a time: all four gates of a unit stay in
    // registers from their pre-activation to h, instead of one sweep per gate. Units past the
    // last multiple of eight go through the same arithmetic one lane at a time.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func forward(_ s: CellStep<Scalar>) {
        guard let cPrev = s.cPrev, let c = s.c else { preconditionFailure("LSTMCell needs cPrev and c") }
        assert(s.slot < reservedSteps && s.rowOffset + s.batch <= reservedBatch, "LSTMCell: reserve before forward")
        let H = stateSize, G = 4 * H
        let bi = biasIH.value.data, bh = biasHH.value.data
        let pi = peepholeI?.value.data, pf = peepholeF?.value.data, po = peepholeO?.value.data
        let gBase = gates.data + (s.slot * reservedBatch + s.rowOffset) * G
        let tBase = tanhC.data + (s.slot * reservedBatch + s.rowOffset) * H
        let summed = s.hProj == s.xProj   // the layer has added hProj into xProj
        for r in 0..<s.batch {
            let x = s.xProj + r * G, hp = s.hProj + r * G, gt = gBase + r * G
            let cp = cPrev + r * H, ct = c + r * H, tc = tBase + r * H, h = s.h + r * H
            @inline(__always) func units(_ j: Int, _ ld: (UnsafePointer<Scalar>) -> SIMD8<Scalar>,
                                         _ st: (SIMD8<Scalar>, UnsafeMutablePointer<Scalar>) -> Void) {
                @inline(__always) func pre(_ k: Int) -> SIMD8<Scalar> {
                    let o = k * H + j
                    return (summed ? ld(x + o) : ld(x + o) + ld(hp + o)) + ld(bi + o) + ld(bh + o)
                }
                let cpv = ld(cp + j)
                var ai = pre(0), af = pre(1), ao = pre(3)
                if let pi, let pf { ai += ld(pi + j) * cpv; af += ld(pf + j) * cpv }
                let i = sigmoid8(ai), f = sigmoid8(af), g = tanh8(pre(2))
                let cv = f * cpv + i * g
                if let po { ao += ld(po + j) * cv }
                let o = sigmoid8(ao), tcv = tanh8(cv)
                st(i, gt + j); st(f, gt + H + j); st(g, gt + 2 * H + j); st(o, gt + 3 * H + j)
                st(cv, ct + j); st(tcv, tc + j); st(o * tcv, h + j)
            }
            var j = 0
            while j + 8 <= H { units(j, load8, store8); j += 8 }
            while j < H { units(j, loadLane, storeLane); j += 1 }
        }
    }

    // backward, per row and unit j (dC may be nil: no gradient arrives at c_t from later):
    //   dao = dh tanh(c) o(1-o)
    //   dc  = dC + dh o (1 - tanh²c) + dao p_o
    //   dai = dc g i(1-i);  daf = dc c_{t-1} f(1-f);  dag = dc i (1-g²)
    //   dc_{t-1} = dc f + dai p_i + daf p_f
    //   dp_i += dai c_{t-1};  dp_f += daf c_{t-1};  dp_o += dao c_t
    //   dxProj = dhProj = da;  db_ih = db_hh += da
    // Eight units at a time, as forward.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func backward(_ s: CellStep<Scalar>, _ g: CellStepGrads<Scalar>) {
        guard let cPrev = s.cPrev, let c = s.c, let dCPrev = g.dCPrev else {
            preconditionFailure("LSTMCell needs cPrev, c and dCPrev")
        }
        let H = stateSize, G = 4 * H
        let dbi = biasIH.grad.data, dbh = biasHH.grad.data
        let pi = peepholeI?.value.data, pf = peepholeF?.value.data, po = peepholeO?.value.data
        let dpi = peepholeI?.grad.data, dpf = peepholeF?.grad.data, dpo = peepholeO?.grad.data
        let gBase = gates.data + (s.slot * reservedBatch + s.rowOffset) * G
        let tBase = tanhC.data + (s.slot * reservedBatch + s.rowOffset) * H
        let separate = g.dHProj != g.dXProj, biases = !g.projectionBiasesDeferred
        for r in 0..<s.batch {
            let gt = gBase + r * G, dx = g.dXProj + r * G, dhp = g.dHProj + r * G, k0 = r * H
            @inline(__always) func units(_ j: Int, _ ld: (UnsafePointer<Scalar>) -> SIMD8<Scalar>,
                                         _ st: (SIMD8<Scalar>, UnsafeMutablePointer<Scalar>) -> Void) {
                let k = k0 + j
                let i = ld(gt + j), f = ld(gt + H + j), gg = ld(gt + 2 * H + j), o = ld(gt + 3 * H + j)
                let tc = ld(tBase + k), cp = ld(cPrev + k), dh = ld(g.dH + k)
                let dao = dh * tc * o * (1 - o)
                var dc = dh * o * (1 - tc * tc)
                if let dC = g.dC { dc = ld(dC + k) + dc }
                if let po { dc += dao * ld(po + j) }
                let dai = dc * gg * i * (1 - i)
                let daf = dc * cp * f * (1 - f)
                let dag = dc * i * (1 - gg * gg)
                var dcp = dc * f
                if let pi, let pf, let dpi, let dpf, let dpo {
                    dcp += dai * ld(pi + j) + daf * ld(pf + j)
                    st(ld(dpi + j) + dai * cp, dpi + j)
                    st(ld(dpf + j) + daf * cp, dpf + j)
                    st(ld(dpo + j) + dao * ld(c + k), dpo + j)
                }
                st(dcp, dCPrev + k)
                @inline(__always) func put(_ gate: Int, _ da: SIMD8<Scalar>) {
                    let o = gate * H + j
                    st(da, dx + o)
                    if separate { st(da, dhp + o) }
                    if biases { st(ld(dbi + o) + da, dbi + o); st(ld(dbh + o) + da, dbh + o) }
                }
                put(0, dai); put(1, daf); put(2, dag); put(3, dao)
            }
            var j = 0
            while j + 8 <= H { units(j, load8, store8); j += 8 }
            while j < H { units(j, loadLane, storeLane); j += 1 }
        }
    }
}
