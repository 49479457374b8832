import XCTest
import RNNCore

/// The Probe records what panes will draw, and what it records is the model's real state.
final class ProbeTests: XCTestCase {
    func testSnapshotHoldsStatesGatesNormsAndRadii() throws {
        var r = TrainingRecipe()
        r.task = "adding"; r.seqLen = 12; r.cell = .lstm; r.hidden = 6; r.batch = 4; r.layers = 2; r.bidirectional = true
        let session = try TrainingSession<Float>(r)
        session.trainer.probe.isOn = true
        session.trainer.probe.row = 1
        let snap = try XCTUnwrap(session.step().snapshot)
        XCTAssertEqual(snap.layers.count, 4)
        let top = try XCTUnwrap(snap.layers.first { $0.layer == 1 && $0.direction == 0 })
        XCTAssertEqual(top.hidden.count, 12); XCTAssertEqual(top.hidden[0].count, 6)
        XCTAssertEqual(Set(top.gates.keys), ["i", "f", "g", "o"])
        // The recorded forward states are the layer's own, for the chosen row.
        let layer = session.model.stack.layers[1][0]
        for t in [0, 5, 11] { for j in 0..<6 {
            XCTAssertEqual(top.hidden[t][j], layer.states[((t + 1) * 4 + 1) * 6 + j])
        } }
        // h = o ⊙ tanh(c), read back from the recorded gates and cell states.
        let c = try XCTUnwrap(top.cell)
        for j in 0..<6 {
            XCTAssertEqual(top.hidden[7][j], top.gates["o"]![7][j] * Float.tanh(c[7][j]), accuracy: 1e-5)
        }
        XCTAssertEqual(snap.gradHNorms.count, 12)
        XCTAssertTrue(snap.gradHNorms.allSatisfy { $0.isFinite && $0 >= 0 })
        // Adding scores only the last step: the gradient reaching the last step is the largest
        // for the forward direction of the top layer.
        XCTAssertGreaterThan(top.gradHNorms[11], 0)
        XCTAssertEqual(snap.spectralRadius.count, 4 * 4, "one radius per gate block of each W_hh")
        XCTAssertNotNil(snap.parameterGradNorms["weight_hh_l0_reverse"], "\(snap.parameterGradNorms.keys.sorted())")
        XCTAssertFalse(snap.nonFinite)
    }

    func testProbeOffRecordsNothing() throws {
        var r = TrainingRecipe()
        r.task = "sine"; r.cell = .rnn_tanh; r.batch = 2
        let session = try TrainingSession<Float>(r)
        XCTAssertNil(session.step().snapshot)
        XCTAssertFalse(session.model.stack.recordsGradNorms)
    }

    func testEncoderDecoderSnapshotCarriesAttention() throws {
        let task = try SequenceReversal(symbols: 4, lengths: 5...5)
        let model = try EncoderDecoder<Float>(EncoderDecoderConfiguration(
            sourceVocabulary: task.vocabulary, targetVocabulary: task.vocabulary, embeddingSize: 4,
            hiddenSize: 8, cell: .gru, attention: .additive))
        var rng = SeededRandom(seed: 1)
        model.resetParameters(rng: &rng)
        let batch = task.makeBatch(size: 3, rng: &rng, as: Float.self)
        model.encoder.recordGradNorms = true
        let loss = model.forward(batch: batch).loss
        model.backward()
        let snap = Probe().capture(step: 0, loss: loss, metrics: [:], encoderDecoder: model, clip: nil)
        let attention = try XCTUnwrap(snap.attention)
        XCTAssertFalse(attention.isEmpty)
        for row in attention { XCTAssertEqual(row.reduce(0, +), 1, accuracy: 1e-4) }
        XCTAssertEqual(snap.gradHNorms.count, model.encoder.steps)
        XCTAssertTrue(snap.gradHNorms.contains { $0 > 0 })
    }
}
