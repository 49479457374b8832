import XCTest
@testable import RNNCore

/// Forward values of the cells against numbers worked out by hand or by PyTorch, and the
/// structural promises of the clockwork and layer-norm cells.
final class CellReferenceTests: XCTestCase {
    /// Runs one forward step of `cell` on one batch row at slot 0.
    private func step<Cell: RecurrentCell>(_ cell: Cell, time: Int = 0, x: [Double], hp: [Double],
                                           hPrev: [Double], cPrev: [Double] = []) -> (h: [Double], c: [Double])
    where Cell.Scalar == Double {
        cell.reserve(steps: 1, batch: 1)
        let xs = Tensor<Double>(shape: [1, x.count], values: x), hs = Tensor<Double>(shape: [1, hp.count], values: hp)
        let h0 = Tensor<Double>(shape: [1, hPrev.count], values: hPrev), h = Tensor<Double>(shape: [1, cell.stateSize])
        let c0 = Tensor<Double>(shape: [1, cPrev.count], values: cPrev), c = Tensor<Double>(shape: [1, cell.cellSize])
        let hasC = cell.cellSize > 0
        cell.forward(CellStep(time: time, slot: 0, batch: 1, xProj: xs.data, hProj: hs.data, hPrev: h0.data,
                              h: h.data, cPrev: hasC ? c0.data : nil, c: hasC ? c.data : nil))
        return (h.array, c.array)
    }

    // MARK: LSTM by hand

    /// With a_i = ln 3, a_f = 0, a_g = ln 2, a_o = −ln 3: i = 3/4, f = 1/2, g = tanh(ln 2) = 3/5,
    /// o = 1/4. Choosing c_{t-1} = 2(ln 2 − 0.45) makes c = ½c_{t-1} + ¾·⅗ = ln 2 exactly, so
    /// h = ¼ · tanh(ln 2) = 0.15. Each pre-activation is split over xProj, hProj and both biases.
    func testLSTMMatchesHandComputedStep() {
        let ln2 = Double.log(2), ln3 = Double.log(3)
        let cell = LSTMCell<Double>(inputSize: 1, hiddenSize: 1)
        cell.biasIH.value.copy(from: Tensor(shape: [4], values: [0.125, -0.25, 0.5, 0.25]))
        cell.biasHH.value.copy(from: Tensor(shape: [4], values: [0.125, 0.5, -0.25, -0.5]))
        let hp = [0.25, 0.75, 0.0, 1.0]
        let a = [ln3, 0, ln2, -ln3]
        let x = (0..<4).map { a[$0] - hp[$0] - cell.biasIH.value[$0] - cell.biasHH.value[$0] }
        let cPrev = 2 * (ln2 - 0.45)
        let out = step(cell, x: x, hp: hp, hPrev: [0], cPrev: [cPrev])
        XCTAssertEqual(out.c[0], ln2, accuracy: 1e-14)
        XCTAssertEqual(out.h[0], 0.15, accuracy: 1e-14)
        let gates = Array(UnsafeBufferPointer(start: cell.gateActivations(slot: 0, row: 0), count: 4))
        for (got, want) in zip(gates, [0.75, 0.5, 0.6, 0.25]) { XCTAssertEqual(got, want, accuracy: 1e-14) }
    }

    /// Same step with peepholes: p_i = p_f = 1 with xProj_i, xProj_f lowered by c_{t-1} leaves
    /// i and f unchanged only if they read c_{t-1}; p_o = ln 3 / ln 2 with a_o = 0 gives
    /// o = σ(ln 3) = 3/4 only if o reads c_t = ln 2. Then h = ¾ · ⅗ = 0.45.
    func testLSTMPeepholesReadTheRightCellState() {
        let ln2 = Double.log(2), ln3 = Double.log(3)
        let cell = LSTMCell<Double>(inputSize: 1, hiddenSize: 1, peepholes: true)
        let cPrev = 2 * (ln2 - 0.45)
        cell.peepholeI?.value[0] = 1
        cell.peepholeF?.value[0] = 1
        cell.peepholeO?.value[0] = ln3 / ln2
        let out = step(cell, x: [ln3 - cPrev, -cPrev, ln2, 0], hp: [0, 0, 0, 0], hPrev: [0], cPrev: [cPrev])
        XCTAssertEqual(out.c[0], ln2, accuracy: 1e-14)
        XCTAssertEqual(out.h[0], 0.45, accuracy: 1e-14)
    }

    // MARK: PyTorch references

    /// Weights 0.1·(((a·r + b·c) mod 7) − 3) and biases 0.05·(((a·k) mod 5) − 2): the same
    /// formulas were loaded into torch.nn.LSTMCell / GRUCell (float64) to produce the numbers.
    private func tinyWeights(_ p: Parameter<Double>, _ a: Int, _ b: Int) {
        let cols = p.shape[1]
        for r in 0..<p.shape[0] { for c in 0..<cols { p.value[r * cols + c] = 0.1 * Double((a * r + b * c) % 7 - 3) } }
    }
    private func tinyBias(_ p: Parameter<Double>, _ a: Int) {
        for k in 0..<p.count { p.value[k] = 0.05 * Double((a * k) % 5 - 2) }
    }
    private func projections(_ w: Parameter<Double>, _ v: [Double]) -> [Double] {
        let rows = w.shape[0], out = Tensor<Double>(shape: [1, rows]), vt = Tensor<Double>(shape: [1, v.count], values: v)
        Double.gemm(transA: false, transB: true, m: 1, n: rows, k: v.count, alpha: 1, a: vt.data, lda: v.count,
                    b: w.value.data, ldb: v.count, beta: 0, c: out.data, ldc: rows)
        return out.array
    }
    private let x = [0.5, -1.0, 0.25], h0 = [0.3, -0.2], c0 = [0.1, -0.4]

    func testLSTMMatchesPyTorch() {
        let cell = LSTMCell<Double>(inputSize: 3, hiddenSize: 2)
        tinyWeights(cell.weightIH, 1, 2); tinyWeights(cell.weightHH, 3, 1)
        tinyBias(cell.biasIH, 1); tinyBias(cell.biasHH, 3)
        let out = step(cell, x: projections(cell.weightIH, x), hp: projections(cell.weightHH, h0), hPrev: h0, cPrev: c0)
        let wantH = [-0.020192101260532166, -0.055887203138009725]
        let wantC = [-0.034578014045721625, -0.11978534622591307]
        for j in 0..<2 {
            XCTAssertEqual(out.h[j], wantH[j], accuracy: 1e-14)
            XCTAssertEqual(out.c[j], wantC[j], accuracy: 1e-14)
        }
    }

    func testGRUMatchesPyTorch() {
        let cell = GRUCell<Double>(inputSize: 3, hiddenSize: 2)
        tinyWeights(cell.weightIH, 1, 2); tinyWeights(cell.weightHH, 3, 1)
        tinyBias(cell.biasIH, 1); tinyBias(cell.biasHH, 3)
        let out = step(cell, x: projections(cell.weightIH, x), hp: projections(cell.weightHH, h0), hPrev: h0)
        let want = [0.05442077374304341, 0.017905720975779693]
        for j in 0..<2 { XCTAssertEqual(out.h[j], want[j], accuracy: 1e-14) }
    }

    // MARK: Jordan

    func testJordanFeedsBackItsLinearOutput() {
        let cell = JordanCell<Double>(inputSize: 1, units: 2, outputSize: 1, activation: .tanh)
        cell.biasIH.value[0] = 0.5
        cell.weightHY.value[0] = 2; cell.weightHY.value[1] = -1
        cell.biasY.value[0] = 0.25
        let out = step(cell, x: [0.1, 0.2], hp: [0.3, -0.4], hPrev: [7])
        // a = tanh([0.9, -0.2]);  y = 2 a_0 − a_1 + 0.25
        XCTAssertEqual(out.h[0], 2 * Double.tanh(0.9) - Double.tanh(-0.2) + 0.25, accuracy: 1e-14)
        XCTAssertEqual(cell.hiddenActivations(slot: 0, row: 0)?[1] ?? .nan, Double.tanh(-0.2), accuracy: 1e-14)
    }

    // MARK: Clockwork

    /// At t = 6 with periods 1, 2, 4 the first two modules update and the third copies its
    /// previous state bit for bit.
    func testClockworkInactiveModulesCopyTheirState() throws {
        let cell = try ClockworkCell<Double>(inputSize: 1, hiddenSize: 6, modules: 3)
        XCTAssertEqual(cell.periods, [1, 2, 4])
        var rng = SeededRandom(seed: 3)
        cell.resetParameters(rng: &rng)
        let hPrev = (0..<6).map { _ in rng.normal() }
        let proj = (0..<6).map { _ in rng.normal() }
        for (time, active) in [(6, [true, true, false]), (3, [true, false, false]), (8, [true, true, true])] {
            let out = step(cell, time: time, x: proj, hp: proj, hPrev: hPrev)
            for j in 0..<6 {
                let moving = active[j / 2]
                XCTAssertEqual(out.h[j] == hPrev[j], !moving, "t=\(time) unit \(j)")
                if moving {
                    let a = 2 * proj[j] + cell.biasIH.value[j] + cell.biasHH.value[j]
                    XCTAssertEqual(out.h[j], Double.tanh(a), accuracy: 1e-15)
                }
            }
        }
    }

    /// W_hh[i-module rows, j-module columns] may be nonzero only when T_j ≥ T_i, in value after
    /// initialisation and in gradient after masking.
    func testClockworkMaskZeroesFastToSlowBlocks() throws {
        let m = 2, periods = [1, 2, 4]
        let cell = try ClockworkCell<Double>(inputSize: 1, hiddenSize: 6, modules: 3)
        var rng = SeededRandom(seed: 4)
        cell.resetParameters(rng: &rng)
        cell.weightHH.grad.fill(1)
        cell.applyMasks()
        for row in 0..<6 {
            for col in 0..<6 {
                let allowed = periods[col / m] >= periods[row / m]
                let k = row * 6 + col
                XCTAssertEqual(cell.weightHH.mask?[k], allowed ? 1 : 0)
                XCTAssertEqual(cell.weightHH.value[k] != 0, allowed, "value [\(row), \(col)]")
                XCTAssertEqual(cell.weightHH.grad[k], allowed ? 1 : 0, "grad [\(row), \(col)]")
            }
        }
    }

    // MARK: Layer norm

    func testLayerNormStartsAsStandardisationAndReportsStatistics() {
        let cell = LayerNormCell(wrapping: ElmanCell<Double>(inputSize: 1, hiddenSize: 4, activation: .linear))
        XCTAssertEqual(cell.kind, "ln_rnn_linear")
        XCTAssertEqual(cell.cellParameters.map(\.name),
                       ["bias_ih", "bias_hh", "ln_ih_gain", "ln_ih_bias", "ln_hh_gain", "ln_hh_bias"])
        let x = [1.0, 2.0, 3.0, 6.0], hp = [0.0, 0.0, 0.0, 0.0]
        let out = step(cell, x: x, hp: hp, hPrev: [0, 0, 0, 0])
        // mean 3, variance (4 + 1 + 0 + 9) / 4 = 3.5; a zero hProj normalises to zero.
        let r = 1 / (3.5 + 1e-5).squareRoot()
        for j in 0..<4 { XCTAssertEqual(out.h[j], (x[j] - 3) * r, accuracy: 1e-14) }
        let stats = cell.statistics(slot: 0, row: 0, block: 0)
        XCTAssertEqual(stats?.ihMean ?? .nan, 3, accuracy: 1e-14)
        XCTAssertEqual(stats?.ihVariance ?? .nan, 3.5, accuracy: 1e-9)
        XCTAssertEqual(stats?.hhVariance ?? .nan, 0, accuracy: 1e-9)
    }

    /// The wrapper's reset reaches the inner cell (uniform in ±1/√H, repeatable per seed) and
    /// puts the normalisation back to γ = 1, β = 0.
    func testResetParametersThroughLayerNorm() {
        func build(seed: UInt64) -> LayerNormCell<Double> {
            let cell = LayerNormCell(wrapping: LSTMCell<Double>(inputSize: 2, hiddenSize: 4))
            cell.gainIH.value.fill(3)
            var rng = SeededRandom(seed: seed)
            cell.resetParameters(rng: &rng)
            return cell
        }
        let a = build(seed: 9), b = build(seed: 9)
        XCTAssertEqual(a.weightIH.value.array, b.weightIH.value.array)
        for p in a.inner.allParameters {
            XCTAssertGreaterThan(p.value.norm, 0, p.name)
            XCTAssertTrue(p.value.array.allSatisfy { abs($0) <= 0.5 }, p.name)
        }
        XCTAssertEqual(a.gainIH.value.array, [Double](repeating: 1, count: 16))
        XCTAssertEqual(a.biasHH.value.array, [Double](repeating: 0, count: 16))
    }
}
