/// Clockwork RNN (Koutník, Greff, Gomez & Schmidhuber 2014).
///
/// The H hidden units are split into M equal modules with periods T_k (by default 1, 2, 4, …).
/// At sequence time t, module k updates only when t mod T_k == 0; otherwise it holds its state:
///
///     h_t[k] = tanh(xProj[k] + hProj[k] + b_ih[k] + b_hh[k])   if t mod T_k == 0
///     h_t[k] = h_{t-1}[k]                                        otherwise
///
/// W_hh is block-structured: module i hears module j only when T_j ≥ T_i, so slow modules carry
/// long-range context into fast ones but are never disturbed by them. The structure lives in
/// `weightHH.mask`; whoever updates W_hh must call `applyMask()` after computing its gradient.
public final class ClockworkCell<Scalar: BLASReal>: RecurrentCell {
    public let inputSize: Int
    public let stateSize: Int
    /// Period of each module, in steps.
    public let periods: [Int]
    /// Units per module, H / M.
    public let moduleSize: Int
    public var modules: Int { periods.count }
    public var cellSize: Int { 0 }
    public var gateWidth: Int { stateSize }
    public var kind: String { "clockwork" }

    public let weightIH: Parameter<Scalar>   // [H, I]
    public let weightHH: Parameter<Scalar>   // [H, H], masked block-triangular
    public let biasIH: Parameter<Scalar>     // [H]
    public let biasHH: Parameter<Scalar>     // [H]
    public var cellParameters: [Parameter<Scalar>] { [biasIH, biasHH] }

    /// A zero-valued cell. `periods` defaults to 1, 2, 4, … 2^(modules-1).
    /// Throws when the hidden units cannot be split evenly or a period is not positive.
    public init(inputSize: Int, hiddenSize: Int, modules: Int, periods: [Int]? = nil) throws {
        guard modules >= 1 else { throw InputError(place: "modules", "clockwork needs at least 1 module, got \(modules)") }
        guard hiddenSize % modules == 0 else {
            throw InputError(place: "modules", "hidden size \(hiddenSize) does not split into \(modules) equal modules")
        }
        // Periods beyond 2^62 would overflow; more than 62 doublings is never meaningful anyway.
        let ps = periods ?? (0..<modules).map { 1 << Swift.min($0, 62) }
        guard ps.count == modules else {
            throw InputError(place: "periods", "\(ps.count) periods given for \(modules) modules")
        }
        guard ps.allSatisfy({ $0 >= 1 }) else { throw InputError(place: "periods", "periods must be ≥ 1, got \(ps)") }
        self.inputSize = inputSize
        self.stateSize = hiddenSize
        self.periods = ps
        self.moduleSize = hiddenSize / modules
        weightIH = Parameter("weight_ih", shape: [hiddenSize, inputSize])
        weightHH = Parameter("weight_hh", shape: [hiddenSize, hiddenSize])
        biasIH = Parameter("bias_ih", shape: [hiddenSize])
        biasHH = Parameter("bias_hh", shape: [hiddenSize])
        weightHH.mask = Self.connectivity(periods: ps, moduleSize: moduleSize)
        weightHH.applyMask()
    }

    /// [H, H] 0/1 mask: row unit (receiver) in module i, column unit (sender) in module j,
    /// 1 exactly when T_j ≥ T_i.
    public static func connectivity(periods: [Int], moduleSize m: Int) -> Tensor<Scalar> {
        let H = periods.count * m
        let mask = Tensor<Scalar>(shape: [H, H])
        for row in 0..<H {
            for col in 0..<H where periods[col / m] >= periods[row / m] { mask[row * H + col] = 1 }
        }
        return mask
    }

    /// Whether module `k` updates at sequence time `time`.
    @inline(__always)
    public func isActive(module k: Int, time: Int) -> Bool { time % periods[k] == 0 }

    // Nothing to cache: h_t is kept by the layer, and activity depends only on s.time.
    public func reserve(steps: Int, batch: Int) {}

    // forward: active modules h = tanh(xProj + hProj + b_ih + b_hh); inactive h = h_{t-1}
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func forward(_ s: CellStep<Scalar>) {
        let H = stateSize, m = moduleSize, bi = biasIH.value.data, bh = biasHH.value.data
        for k in 0..<modules {
            let lo = k * m, active = isActive(module: k, time: s.time)
            for r in 0..<s.batch {
                let row = r * H
                for j in lo..<(lo + m) {
                    s.h[row + j] = active
                        ? Scalar.tanh(s.xProj[row + j] + s.hProj[row + j] + bi[j] + bh[j])
                        : s.hPrev[row + j]
                }
            }
        }
    }

    // backward, active:   da = dh (1 - h²);  dxProj = dhProj = da;  db_ih = db_hh += da
    //           inactive: dh_{t-1} += dh;    dxProj = dhProj = 0
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func backward(_ s: CellStep<Scalar>, _ g: CellStepGrads<Scalar>) {
        let H = stateSize, m = moduleSize, dbi = biasIH.grad.data, dbh = biasHH.grad.data
        for k in 0..<modules {
            let lo = k * m, active = isActive(module: k, time: s.time)
            for r in 0..<s.batch {
                let row = r * H
                for j in lo..<(lo + m) {
                    let dh = g.dH[row + j]
                    if active {
                        let h = s.h[row + j]
                        let da = dh * (1 - h * h)
                        g.dXProj[row + j] = da
                        g.dHProj[row + j] = da
                        dbi[j] += da
                        dbh[j] += da
                    } else {
                        g.dHPrev[row + j] += dh
                        g.dXProj[row + j] = 0
                        g.dHProj[row + j] = 0
                    }
                }
            }
        }
    }
}
