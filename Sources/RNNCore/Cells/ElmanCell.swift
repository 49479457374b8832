/// Elman RNN: h_t = f(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh), with f tanh, ReLU, linear or
/// sigmoid. PyTorch's nn.RNN is this cell with f = tanh or relu.
public final class ElmanCell<Scalar: BLASReal>: RecurrentCell {
    public let inputSize: Int
    public let stateSize: Int
    public let activation: Activation
    public var cellSize: Int { 0 }
    public var gateWidth: Int { stateSize }
    public var kind: String { "rnn_" + activation.rawValue }

    public let weightIH: Parameter<Scalar>   // [H, I]
    public let weightHH: Parameter<Scalar>   // [H, H]
    public let biasIH: Parameter<Scalar>     // [H]
    public let biasHH: Parameter<Scalar>     // [H]
    public var cellParameters: [Parameter<Scalar>] { [biasIH, biasHH] }

    public init(inputSize: Int, hiddenSize: Int, activation: Activation = .tanh) {
        self.inputSize = inputSize
        self.stateSize = hiddenSize
        self.activation = activation
        weightIH = Parameter("weight_ih", shape: [hiddenSize, inputSize])
        weightHH = Parameter("weight_hh", shape: [hiddenSize, hiddenSize])
        biasIH = Parameter("bias_ih", shape: [hiddenSize])
        biasHH = Parameter("bias_hh", shape: [hiddenSize])
    }

    public var projectionGradsCoincide: Bool { true }
    public var sumsProjections: Bool { true }
    public var projectionBiases: (ih: Parameter<Scalar>, hh: Parameter<Scalar>)? { (biasIH, biasHH) }
    public var splitsRows: Bool { true }

    // The cell's output h_t is all its backward needs, and the layer keeps it.
    public func reserve(steps: Int, batch: Int) {}

    // forward:  a = xProj + hProj + b_ih + b_hh;  h = f(a)
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func forward(_ s: CellStep<Scalar>) {
        let H = stateSize, bi = biasIH.value.data, bh = biasHH.value.data
        let summed = s.hProj == s.xProj   // the layer has added hProj into xProj
        for r in 0..<s.batch {
            let row = r * H
            if summed { addThree(s.xProj + row, bi, bh, into: s.h + row, count: H) }
            else { addFour(s.xProj + row, s.hProj + row, bi, bh, into: s.h + row, count: H) }
        }
        let n = s.batch * H
        switch activation {
        case .tanh: Scalar.tanhInPlace(s.h, count: n)
        case .sigmoid: Scalar.sigmoidInPlace(s.h, count: n)
        case .relu: for k in 0..<n where s.h[k] < 0 { s.h[k] = 0 }
        case .linear: break
        }
    }

    // backward: da = dh ⊙ f'(a);  dxProj = dhProj = da;  db_ih = db_hh = Σ_rows da
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func backward(_ s: CellStep<Scalar>, _ g: CellStepGrads<Scalar>) {
        let H = stateSize, dbi = biasIH.grad.data, dbh = biasHH.grad.data
        let separate = g.dHProj != g.dXProj, biases = !g.projectionBiasesDeferred
        for r in 0..<s.batch {
            let row = r * H
            var j = 0
            if activation == .tanh {
                // The common case eight lanes at a time: da = dh (1 − h²).
                while j + 8 <= H {
                    let h = load8(s.h + row + j)
                    let da = load8(g.dH + row + j) * (1 - h * h)
                    store8(da, g.dXProj + row + j)
                    if separate { store8(da, g.dHProj + row + j) }
                    if biases {
                        store8(load8(dbi + j) + da, dbi + j)
                        store8(load8(dbh + j) + da, dbh + j)
                    }
                    j += 8
                }
            }
            while j < H {
                let da = g.dH[row + j] * activation.derivative(fromOutput: s.h[row + j])
                g.dXProj[row + j] = da
                if separate { g.dHProj[row + j] = da }
                if biases { dbi[j] += da; dbh[j] += da }
                j += 1
            }
        }
    }
}
