import XCTest
import RNNCore

/// Finite-difference checks of whole unrolled stacks: every parameter, the input and the
/// initial states, under lengths, dropout, zoneout, residuals and both directions.
final class RecurrentStackGradientTests: XCTestCase {
    typealias MakeCell = (_ layer: Int, _ input: Int) -> any RecurrentCell<Double>

    struct Setup {
        var T = 4, B = 3, I = 3, layers = 1, bidirectional = false
        var lengths: [Int]? = nil
        var dropout = 0.0, variational = false, residual = false
        var recurrentDropout = 0.0, zoneout = 0.0
    }

    func check(_ s: Setup, cell: @escaping MakeCell, label: String = "", file: StaticString = #filePath, line: UInt = #line) {
        var rng = SeededRandom(seed: 7)
        let stack = RecurrentStack<Double>(inputSize: s.I, layers: s.layers, bidirectional: s.bidirectional,
                                           seed: 3, makeCell: cell)
        stack.dropout = s.dropout; stack.variationalDropout = s.variational; stack.residual = s.residual
        for l in stack.layers.flatMap({ $0 }) { l.recurrentDropout = s.recurrentDropout; l.zoneout = s.zoneout }
        for p in stack.parameters { GradCheck.randomize(p.value, &rng, scale: 0.6); p.applyMask() }
        let S = stack.stateSize, D = stack.directions, L = s.layers
        let C = stack.layers[0][0].cell.cellSize
        let x = Tensor<Double>(shape: [s.T, s.B, s.I]); GradCheck.randomize(x, &rng, scale: 1)
        let h0 = Tensor<Double>(shape: [L * D, s.B, S]); GradCheck.randomize(h0, &rng)
        let c0 = Tensor<Double>(shape: [L * D, s.B, max(C, 1)]); GradCheck.randomize(c0, &rng)
        let r = Tensor<Double>(shape: [s.T, s.B, S * D]); GradCheck.randomize(r, &rng, scale: 1)
        let rn = Tensor<Double>(shape: [L * D, s.B, S]); GradCheck.randomize(rn, &rng, scale: 1)
        let rc = Tensor<Double>(shape: [L * D, s.B, max(C, 1)]); GradCheck.randomize(rc, &rng, scale: 1)

        func run() -> Double {
            for p in stack.parameters { p.grad.zero() }
            stack.reseedMasks(11)
            stack.forward(x, steps: s.T, batch: s.B, lengths: s.lengths, initialStates: h0,
                          initialCells: C > 0 ? c0 : nil)
            var loss = 0.0
            for i in 0..<r.count { loss += stack.output[i] * r[i] }
            for i in 0..<rn.count { loss += stack.finalStates[i] * rn[i] }
            if C > 0 { for i in 0..<rc.count { loss += stack.finalCells[i] * rc[i] } }
            stack.backward(outputGrad: r, finalStateGrads: rn, finalCellGrads: C > 0 ? rc : nil)
            return loss
        }
        var named = stack.namedParameters.map { ($0.0, $0.1.value, $0.1.grad) }
        named.append(("input", x, stack.inputGrad))
        // Initial-state gradients live in each layer; gather them into one tensor per run.
        let h0Grad = Tensor<Double>(shape: h0.shape), c0Grad = Tensor<Double>(shape: c0.shape)
        let runAll: () -> Double = {
            let loss = run()
            for (k, dirs) in stack.layers.enumerated() { for (d, l) in dirs.enumerated() {
                let slot = k * D + d
                (h0Grad.data + slot * s.B * S).update(from: l.initialStateGrad.data, count: s.B * S)
                if C > 0 { (c0Grad.data + slot * s.B * C).update(from: l.initialCellGrad.data, count: s.B * C) }
            } }
            return loss
        }
        named.append(("h0", h0, h0Grad))
        if C > 0 { named.append(("c0", c0, c0Grad)) }
        var masks: [String: Tensor<Double>] = [:]
        for (name, p) in stack.namedParameters { if let m = p.mask { masks[name] = m } }
        GradCheck.assertGradients(named, masks: masks, label: label, run: runAll, file: file, line: line)
    }

    static let elman: MakeCell = { _, i in ElmanCell<Double>(inputSize: i, hiddenSize: 3, activation: .tanh) }

    func testElmanUnidirectional() { check(Setup(), cell: Self.elman) }

    func testElmanActivations() {
        for a in Activation.allCases {
            check(Setup(), cell: { _, i in ElmanCell<Double>(inputSize: i, hiddenSize: 3, activation: a) })
        }
    }

    /// Every cell kind, with and without layer norm, unrolled two layers deep in both
    /// directions over ragged lengths.
    func testEveryCellKindThroughTheStack() throws {
        for kind in CellKind.allCases { for ln in [false, true] {
            let make: MakeCell = { _, i in
                try! makeCell(kind: kind, inputSize: i, hiddenSize: 4, layerNorm: ln, modules: 2, scalar: Double.self)
            }
            check(Setup(T: 5, layers: 2, bidirectional: true, lengths: [5, 3, 4]), cell: make,
                  label: "\(kind.rawValue) layerNorm=\(ln)")
        } }
    }

    func testZoneoutOnLSTMCellState() {
        check(Setup(zoneout: 0.3), cell: { _, i in LSTMCell<Double>(inputSize: i, hiddenSize: 3) })
        check(Setup(recurrentDropout: 0.25), cell: { _, i in GRUCell<Double>(inputSize: i, hiddenSize: 3) })
    }

    func testVariableLengths() { check(Setup(T: 5, lengths: [5, 2, 3]), cell: Self.elman) }

    func testBidirectionalTwoLayersWithLengths() {
        check(Setup(T: 5, layers: 2, bidirectional: true, lengths: [3, 5, 1]), cell: Self.elman)
    }

    func testDropoutBetweenLayersAndResidual() {
        check(Setup(layers: 3, dropout: 0.3, residual: true), cell: { k, i in
            ElmanCell<Double>(inputSize: i, hiddenSize: 3, activation: .tanh) })
        check(Setup(layers: 2, bidirectional: true, dropout: 0.3, variational: true, residual: true),
              cell: Self.elman)
    }

    func testRecurrentDropoutAndZoneout() {
        check(Setup(recurrentDropout: 0.3), cell: Self.elman)
        check(Setup(lengths: [4, 2, 3], zoneout: 0.4), cell: Self.elman)
    }

    func testPaddedStepsLeaveStateAndOutputs() {
        let stack = RecurrentStack<Float>(inputSize: 2, layers: 1, bidirectional: true, makeCell: { _, i in
            ElmanCell<Float>(inputSize: i, hiddenSize: 2) })
        var rng = SeededRandom(seed: 1)
        for p in stack.parameters { for i in 0..<p.count { p.value[i] = Float(rng.normal()) } }
        let x = Tensor<Float>(shape: [4, 2, 2]); for i in 0..<x.count { x[i] = Float(rng.normal()) }
        stack.forward(x, steps: 4, batch: 2, lengths: [4, 2])
        let short = stack.layers[0][0]
        // Row 1 ended after step 1: its state is carried, its outputs are zero.
        for j in 0..<2 {
            XCTAssertEqual(short.states[(3 * 2 + 1) * 2 + j], short.states[(2 * 2 + 1) * 2 + j])
            XCTAssertEqual(stack.output[(3 * 2 + 1) * 4 + j], 0)
            XCTAssertEqual(stack.output[(2 * 2 + 1) * 4 + 2 + j], 0)
        }
    }
}
