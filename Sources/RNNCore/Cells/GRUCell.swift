/// Gated recurrent unit in PyTorch's formulation, gate order r, z, n fused into G = 3H rows:
///
///     r = σ(W_ir x + b_ir + W_hr h + b_hr)
///     z = σ(W_iz x + b_iz + W_hz h + b_hz)
///     n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))
///     h' = (1 − z) ⊙ n + z ⊙ h
///
/// The reset gate multiplies the already-projected state (W_hn h + b_hn), as in nn.GRU and cuDNN,
/// rather than h before its projection as in Cho et al. 2014; that is why the n block of dHProj
/// carries an extra factor r that the n block of dXProj does not.
public final class GRUCell<Scalar: BLASReal>: RecurrentCell {
    public let inputSize: Int
    public let stateSize: Int
    public var cellSize: Int { 0 }
    public var gateWidth: Int { 3 * stateSize }
    public var kind: String { "gru" }
    public var gateNames: [String] { ["r", "z", "n"] }

    public let weightIH: Parameter<Scalar>   // [3H, I]
    public let weightHH: Parameter<Scalar>   // [3H, H]
    public let biasIH: Parameter<Scalar>     // [3H]
    public let biasHH: Parameter<Scalar>     // [3H]
    public var cellParameters: [Parameter<Scalar>] { [biasIH, biasHH] }

    /// [steps, B, 3H] r, z, n after their nonlinearity.
    private let gates = Tensor<Scalar>(shape: [0])
    /// [steps, B, H] W_hn h_{t-1} + b_hn, the term r scales; backward needs it for dr.
    private let hn = Tensor<Scalar>(shape: [0])
    private var reservedBatch = 0
    private var reservedSteps = 0

    /// A zero-valued cell; the layer initialises the weights.
    public init(inputSize: Int, hiddenSize: Int) {
        self.inputSize = inputSize
        self.stateSize = hiddenSize
        weightIH = Parameter("weight_ih", shape: [3 * hiddenSize, inputSize])
        weightHH = Parameter("weight_hh", shape: [3 * hiddenSize, hiddenSize])
        biasIH = Parameter("bias_ih", shape: [3 * hiddenSize])
        biasHH = Parameter("bias_hh", shape: [3 * hiddenSize])
    }

    public func reserve(steps: Int, batch: Int) {
        reservedSteps = steps
        reservedBatch = batch
        gates.resize(steps, batch, 3 * stateSize)
        hn.resize(steps, batch, stateSize)
    }

    public func gateActivations(slot: Int, row: Int) -> UnsafePointer<Scalar>? {
        guard slot < reservedSteps, row < reservedBatch else { return nil }
        return UnsafePointer(gates.data + (slot * reservedBatch + row) * 3 * stateSize)
    }

    // forward, per row and unit j (block offsets 0, H, 2H):
    //   r = σ(x_r + b_ir + hp_r + b_hr);  z = σ(x_z + b_iz + hp_z + b_hz)
    //   hn = hp_n + b_hn;  n = tanh(x_n + b_in + r hn);  h = (1 - z) n + z h_{t-1}
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func forward(_ s: CellStep<Scalar>) {
        assert(s.slot < reservedSteps && s.batch <= reservedBatch, "GRUCell: reserve before forward")
        let H = stateSize, G = 3 * H
        let bi = biasIH.value.data, bh = biasHH.value.data
        let gBase = gates.data + s.slot * reservedBatch * G
        let nBase = hn.data + s.slot * reservedBatch * H
        // Pre-activations first, then each gate block through one vector call.
        for row in 0..<s.batch {
            let x = s.xProj + row * G, hp = s.hProj + row * G, gt = gBase + row * G
            let hn = nBase + row * H, hPrev = s.hPrev + row * H, h = s.h + row * H
            for j in 0..<2 * H { gt[j] = x[j] + bi[j] + hp[j] + bh[j] }
            Scalar.sigmoidInPlace(gt, count: 2 * H)                    // r, z
            for j in 0..<H {
                hn[j] = hp[2 * H + j] + bh[2 * H + j]
                gt[2 * H + j] = x[2 * H + j] + bi[2 * H + j] + gt[j] * hn[j]
            }
            Scalar.tanhInPlace(gt + 2 * H, count: H)                   // n
            for j in 0..<H {
                let z = gt[H + j]
                h[j] = (1 - z) * gt[2 * H + j] + z * hPrev[j]
            }
        }
    }

    // backward, per row and unit j:
    //   dn = dh (1 - z);  dz = dh (h_{t-1} - n);  dh_{t-1} += dh z      (direct path)
    //   dan = dn (1 - n²);  daz = dz z(1 - z);  dar = dan hn r(1 - r)
    //   dxProj  = [dar, daz, dan]        db_ih += [dar, daz, dan]
    //   dhProj  = [dar, daz, dan r]      db_hh += [dar, daz, dan r]
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func backward(_ s: CellStep<Scalar>, _ g: CellStepGrads<Scalar>) {
        let H = stateSize, G = 3 * H
        let dbi = biasIH.grad.data, dbh = biasHH.grad.data
        let gBase = gates.data + s.slot * reservedBatch * G
        let nBase = hn.data + s.slot * reservedBatch * H
        for row in 0..<s.batch {
            let gt = gBase + row * G, dx = g.dXProj + row * G, dhp = g.dHProj + row * G
            for j in 0..<H {
                let k = row * H + j
                let r = gt[j], z = gt[H + j], n = gt[2 * H + j], dh = g.dH[k]
                let dn = dh * (1 - z)
                let dz = dh * (s.hPrev[k] - n)
                g.dHPrev[k] += dh * z
                let dan = dn * (1 - n * n)
                let daz = dz * z * (1 - z)
                let dar = dan * nBase[k] * r * (1 - r)
                let danH = dan * r
                dx[j] = dar; dx[H + j] = daz; dx[2 * H + j] = dan
                dhp[j] = dar; dhp[H + j] = daz; dhp[2 * H + j] = danH
                dbi[j] += dar; dbi[H + j] += daz; dbi[2 * H + j] += dan
                dbh[j] += dar; dbh[H + j] += daz; dbh[2 * H + j] += danH
            }
        }
    }
}
