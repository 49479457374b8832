import XCTest
@testable import RNNCore

/// Finite differences through the whole model: loss → output layer → decoder steps (and
/// attention) → encoder → embeddings, with teacher forcing 1.0, a padded source row and an
/// unscored decoder step.
final class EncoderDecoderGradientTests: XCTestCase {
    func check(_ cell: CellKind, _ attention: AttentionKind?, shared: Bool = false,
               file: StaticString = #filePath, line: UInt = #line) throws {
        let config = tinyConfiguration(cell: cell, attention: attention, shared: shared)
        let model = try EncoderDecoder<Double>(config, seed: 3)
        var rng = SeededRandom(seed: 17)
        model.resetParameters(rng: &rng)
        let data = Seq2SeqFixture(sourceVocabulary: config.sourceVocabulary,
                                  targetVocabulary: config.targetVocabulary, seed: 5)
        GradCheck.assertGradients(model.namedParameters.map { ($0.0, $0.1.value, $0.1.grad) }, run: {
            zeroGrad(model.parameters)
            let result = data.forward(model, mask: data.mask)
            model.backward()
            return result.loss
        }, file: file, line: line)
    }

    func testGRUWithAdditiveAttention() throws { try check(.gru, .additive) }
    func testLSTMWithDotAttention() throws { try check(.lstm, .dot) }
    func testElmanWithGeneralAttention() throws { try check(.rnn_tanh, .general) }
    func testGRUWithoutAttention() throws { try check(.gru, nil) }
    func testLSTMWithoutAttention() throws { try check(.lstm, nil) }
    func testSharedEmbeddingWithAttention() throws { try check(.gru, .additive, shared: true) }

    func testParameterNamesFollowTheAnchorModel() throws {
        let model = try EncoderDecoder<Float>(tinyConfiguration(cell: .gru, attention: .additive, shared: true))
        XCTAssertEqual(model.namedParameters.map(\.0), [
            "emb.weight",
            "enc.weight_ih_l0", "enc.weight_hh_l0", "enc.bias_ih_l0", "enc.bias_hh_l0",
            "dec.weight_ih", "dec.weight_hh", "dec.bias_ih", "dec.bias_hh",
            "Wa.weight", "Ua.weight", "Ua.bias", "va.weight",
            "out.weight", "out.bias",
        ])
        // The decoder reads [embedding; context]; the output layer reads [h; context].
        XCTAssertEqual(model.decoderCell.weightIH.shape, [12, 3 + 4])
        XCTAssertEqual(model.output.weight.shape, [6, 2 * 4])
        let plain = try EncoderDecoder<Float>(tinyConfiguration(cell: .lstm, attention: nil))
        XCTAssertEqual(plain.decoderCell.weightIH.shape, [16, 3])
        XCTAssertEqual(plain.output.weight.shape, [6, 4])
        XCTAssertEqual(plain.namedParameters.first?.0, "src_emb.weight")
    }

    func testBadConfigurationsThrow() {
        XCTAssertThrowsError(try EncoderDecoder<Float>(tinyConfiguration(cell: .clockwork, attention: nil)))
        var c = tinyConfiguration(cell: .gru, attention: .dot)
        c.sharedEmbedding = true   // 5 source symbols, 6 target symbols
        XCTAssertThrowsError(try EncoderDecoder<Float>(c))
        c = tinyConfiguration(cell: .gru, attention: .dot)
        c.embeddingSize = 0
        XCTAssertThrowsError(try EncoderDecoder<Float>(c))
    }
}
