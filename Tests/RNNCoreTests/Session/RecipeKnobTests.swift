import XCTest
import RNNCore

/// Each new recipe knob changes what it says it changes, measured on the built model.
final class RecipeKnobTests: XCTestCase {
    func recipe(_ cell: CellKind, hidden: Int = 16) -> TrainingRecipe {
        var r = TrainingRecipe()
        r.task = "adding"; r.seqLen = 20; r.cell = cell; r.hidden = hidden; r.batch = 8; r.seed = 3
        return r
    }

    func testRadiusSetsTheSpectralRadiusTheProbeMeasures() throws {
        for (cell, target) in [(CellKind.rnn_tanh, 0.5), (.rnn_tanh, 1.2), (.lstm, 0.9), (.gru, 0.7)] {
            var r = recipe(cell); r.radius = target
            let session = try TrainingSession<Float>(r)
            let snap = try XCTUnwrap(session.step(probe: true).snapshot)
            let gates = cell == .lstm ? 4 : cell == .gru ? 3 : 1
            XCTAssertEqual(snap.spectralRadius.count, gates, "\(snap.spectralRadius)")
            for (name, rho) in snap.spectralRadius {
                XCTAssertEqual(rho, target, accuracy: 1e-3, "\(cell) \(name)")
            }
        }
        // Without the knob the default initialisation keeps its own, different radius.
        let plain = try XCTUnwrap(TrainingSession<Float>(recipe(.rnn_tanh)).step(probe: true).snapshot)
        XCTAssertGreaterThan(abs(plain.spectralRadius.values.first! - 0.5), 0.05)
    }

    func testIdentityInitialisationGivesTheIdentity() throws {
        var r = recipe(.rnn_relu, hidden: 6); r.initializer = "identity"
        let w = try TrainingSession<Float>(r).model.stack.layers[0][0].cell.weightHH.value
        for i in 0..<6 { for j in 0..<6 { XCTAssertEqual(w[i * 6 + j], i == j ? 1 : 0) } }
        // Per gate block for a gated cell.
        r.cell = .gru
        let g = try TrainingSession<Float>(r).model.stack.layers[0][0].cell.weightHH.value
        for k in 0..<3 { for i in 0..<6 { for j in 0..<6 { XCTAssertEqual(g[(k * 6 + i) * 6 + j], i == j ? 1 : 0) } } }
    }

    func testOrthogonalXavierAndSmallHaveTheirShapes() throws {
        let H = 12
        var r = recipe(.rnn_tanh, hidden: H); r.initializer = "orthogonal"
        let q = try TrainingSession<Float>(r).model.stack.layers[0][0].cell.weightHH.value
        for i in 0..<H { for j in 0..<H {
            var dot: Float = 0
            for k in 0..<H { dot += q[i * H + k] * q[j * H + k] }
            XCTAssertEqual(dot, i == j ? 1 : 0, accuracy: 1e-5)
        } }
        r.initializer = "small"
        let s = try TrainingSession<Float>(r).model.stack.layers[0][0].cell.weightHH.value
        let std = (0..<s.count).map { Double(s[$0] * s[$0]) }.reduce(0, +) / Double(s.count)
        XCTAssertEqual(std.squareRoot(), 0.01, accuracy: 0.002)
        r.initializer = "xavier"
        let x = try TrainingSession<Float>(r).model.stack.layers[0][0].cell.weightHH.value
        let bound = Float((6.0 / Double(2 * H)).squareRoot())
        let largest = (0..<x.count).map { abs(x[$0]) }.max()!
        XCTAssertLessThanOrEqual(largest, bound)
        XCTAssertGreaterThan(largest, 1 / Float(H).squareRoot(), "wider than PyTorch's default bound")
    }

    func testActivationOverridesTheElmanNonlinearity() throws {
        var r = recipe(.rnn_tanh); r.activation = "relu"
        let cell = try TrainingSession<Float>(r).model.stack.layers[0][0].cell
        XCTAssertEqual(cell.kind, "rnn_relu")
        // ReLU states are never negative; tanh states are.
        let session = try TrainingSession<Float>(r)
        let relu = try XCTUnwrap(session.step(probe: true).snapshot?.layers[0].hidden)
        XCTAssertTrue(relu.allSatisfy { $0.allSatisfy { $0 >= 0 } })
        r.activation = nil
        let tanh = try XCTUnwrap(TrainingSession<Float>(r).step(probe: true).snapshot?.layers[0].hidden)
        XCTAssertTrue(tanh.contains { $0.contains { $0 < 0 } })
    }

    func testTruncationZeroesGradientsBeyondTheWindow() throws {
        // Adding scores only the last step, so with k1 = k2 = 5 the loss reaches only the last
        // five states; full BPTT reaches all twenty.
        var r = recipe(.rnn_tanh); r.tbptt = 5
        let truncated = try XCTUnwrap(TrainingSession<Float>(r).step(probe: true).snapshot)
        XCTAssertEqual(truncated.gradHNorms.count, 20)
        XCTAssertEqual(truncated.layers[0].hidden.count, 20)
        XCTAssertTrue(truncated.gradHNorms[..<15].allSatisfy { $0 == 0 }, "\(truncated.gradHNorms)")
        XCTAssertTrue(truncated.gradHNorms[15...].allSatisfy { $0 > 0 }, "\(truncated.gradHNorms)")
        r.tbptt = nil
        let full = try XCTUnwrap(TrainingSession<Float>(r).step(probe: true).snapshot)
        XCTAssertTrue(full.gradHNorms.allSatisfy { $0 > 0 })
        // The stitched hidden states are the full sequence's: the same first window either way.
        XCTAssertEqual(truncated.layers[0].hidden[0], full.layers[0].hidden[0])
    }

    func testTeacherForcingAndAttentionChangeTheSeq2SeqModel() throws {
        var r = TrainingRecipe()
        r.task = "reverse"; r.seqLen = 5; r.cell = .gru; r.hidden = 16; r.batch = 8
        let forced = try Seq2SeqSession<Float>(r)
        r.teacherForcing = 0
        let free = try Seq2SeqSession<Float>(r)
        // Same weights and batch; only what the decoder is fed after its first step differs.
        XCTAssertEqual(forced.model.parameters[0].value[0], free.model.parameters[0].value[0])
        XCTAssertNotEqual(forced.step(probe: false).loss, free.step(probe: false).loss)
        XCTAssertNotNil(forced.step(probe: true).snapshot?.attention)
        for kind in ["dot", "general"] {
            r.attention = kind
            XCTAssertEqual(try Seq2SeqSession<Float>(r).model.attention?.kind.rawValue, kind)
        }
        r.attention = "none"
        let plain = try Seq2SeqSession<Float>(r)
        XCTAssertNil(plain.model.attention)
        XCTAssertNil(plain.step(probe: true).snapshot?.attention)
    }
}
