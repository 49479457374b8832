import XCTest
@testable import RNNCore

/// The model's decoding paths agree with each other, padding is invisible, and scheduled
/// sampling feeds what it says it feeds.
final class EncoderDecoderBehaviourTests: XCTestCase {
    func makeModel(_ cell: CellKind = .gru, _ attention: AttentionKind? = .additive) throws -> EncoderDecoder<Double> {
        let model = try EncoderDecoder<Double>(tinyConfiguration(cell: cell, attention: attention), seed: 1)
        var rng = SeededRandom(seed: 2)
        model.resetParameters(rng: &rng)
        return model
    }

    /// Free-running batch forward (ratio 0) and the StepDecoder's greedy decoding are the same
    /// computation: same fed tokens, same logits.
    func testFreeRunningForwardMatchesGreedyStepDecoding() throws {
        for (cell, attention) in [(CellKind.gru, AttentionKind?.some(.additive)), (.lstm, .general), (.rnn_tanh, nil)] {
            let model = try makeModel(cell, attention)
            let source: [Int32] = [3, 1, 4, 1], Td = 5, V = 6
            let teacher = [Int32](repeating: 0, count: Td)
            source.withUnsafeBufferPointer { s in
                teacher.withUnsafeBufferPointer { d in
                    _ = model.forward(source: s.baseAddress!, sourceSteps: 4, batch: 1, decoderInputs: d.baseAddress!,
                                      decoderTargets: nil, decoderSteps: Td, teacherForcingRatio: 0)
                }
            }
            let batchLogits = model.logits.array
            try model.start(source: source)
            var token: Int32 = 0
            for t in 0..<Td {
                let logits = model.step(token: token)
                for v in 0..<V { XCTAssertEqual(logits[v], batchLogits[t * V + v], accuracy: 1e-12, "\(cell) step \(t)") }
                token = Int32(argmax(logits, count: V))
                if t + 1 < Td { XCTAssertEqual(model.fedTokens[t + 1], token) }
            }
        }
    }

    /// Beam search's log-probabilities, computed step by step through save/restore, equal the
    /// teacher-forced cross-entropy of the same outputs in one batched forward.
    func testBeamScoresMatchTeacherForcedLikelihood() throws {
        let model = try makeModel(.lstm, .dot)
        let source: [Int32] = [2, 0, 4]
        let options = DecodingOptions(startToken: 0, endToken: 1, maxLength: 5)
        let beams = try StepDecoding.beamSearch(model, source: source, width: 3, options: options)
        XCTAssertEqual(beams.count, 3)
        for h in beams {
            let inputs = [options.startToken] + h.tokens
            let targets = h.tokens + (h.finished ? [1] : [])
            let Td = targets.count
            let loss = source.withUnsafeBufferPointer { s in
                inputs.withUnsafeBufferPointer { d in
                    targets.withUnsafeBufferPointer { y in
                        model.forward(source: s.baseAddress!, sourceSteps: source.count, batch: 1,
                                      decoderInputs: d.baseAddress!, decoderTargets: y.baseAddress!, decoderSteps: Td)
                    }
                }
            }
            XCTAssertEqual(-loss.loss * Double(Td), h.logProbability, accuracy: 1e-9)
        }
    }

    /// Changing a token past a row's source length changes nothing: the encoder carries its
    /// state over padding, and attention gives padded positions zero weight.
    func testPaddedSourceTokensAreInvisible() throws {
        for attention in [AttentionKind?.some(.additive), .dot, nil] {
            let model = try makeModel(.gru, attention)
            var data = Seq2SeqFixture(sourceVocabulary: 5, targetVocabulary: 6, seed: 8)
            let before = data.forward(model, mask: data.mask).loss
            data.source[3 * data.B + 1] = (data.source[3 * data.B + 1] + 1) % 5   // row 1 is 2 long
            XCTAssertEqual(data.forward(model, mask: data.mask).loss, before)
            data.source[1 * data.B + 1] = (data.source[1 * data.B + 1] + 1) % 5   // a real position
            XCTAssertNotEqual(data.forward(model, mask: data.mask).loss, before)
        }
    }

    func testScheduledSamplingMixesTeacherAndModelTokens() throws {
        let model = try makeModel()
        let data = Seq2SeqFixture(sourceVocabulary: 5, targetVocabulary: 6, seed: 4)
        func fed(_ ratio: Double) -> [Int32] {
            data.forward(model, ratio: ratio, mask: data.mask)
            return (0..<(data.Td * data.B)).map { model.fedTokens[$0] }
        }
        XCTAssertEqual(fed(1), data.decoderInputs)
        let free = fed(0)
        for t in 1..<data.Td { for b in 0..<data.B {
            XCTAssertEqual(free[t * data.B + b], Int32(argmax(model.logits.slice(t - 1) + b * 6, count: 6)))
        } }
        model.reseedSampling(9)
        let mixed = fed(0.5)
        model.reseedSampling(9)
        XCTAssertEqual(fed(0.5), mixed)
        // Step 0 always gets <bos> from the teacher; every later token is the teacher's or the model's.
        for b in 0..<data.B { XCTAssertEqual(mixed[b], data.decoderInputs[b]) }
    }

    func testTeacherForcingSchedules() throws {
        XCTAssertEqual(TeacherForcingSchedule.constant(0.7).ratio(atStep: 1000), 0.7)
        let linear = TeacherForcingSchedule.linear(start: 1, end: 0.2, steps: 100)
        XCTAssertEqual(linear.ratio(atStep: 0), 1)
        XCTAssertEqual(linear.ratio(atStep: 50), 0.6, accuracy: 1e-12)
        XCTAssertEqual(linear.ratio(atStep: 500), 0.2, accuracy: 1e-12)
        let sigmoid = TeacherForcingSchedule.inverseSigmoid(k: 50)
        XCTAssertEqual(sigmoid.ratio(atStep: 0), 50 / 51, accuracy: 1e-12)
        XCTAssertEqual(sigmoid.ratio(atStep: 200), 50 / (50 + exp(4)), accuracy: 1e-12)
        XCTAssertEqual(sigmoid.ratio(atStep: 1_000_000), 0)
        let ratios = (0..<40).map { sigmoid.ratio(atStep: $0 * 25) }
        XCTAssertEqual(ratios, ratios.sorted(by: >))
        XCTAssertEqual(TeacherForcingSchedule.exponential(base: 0.99).ratio(atStep: 100), pow(0.99, 100), accuracy: 1e-12)
        XCTAssertThrowsError(try TeacherForcingSchedule.constant(1.5).validate())
        XCTAssertThrowsError(try TeacherForcingSchedule.inverseSigmoid(k: 0.5).validate())
        XCTAssertThrowsError(try TeacherForcingSchedule.linear(start: 1, end: -0.1, steps: 10).validate())
        XCTAssertNoThrow(try linear.validate())
    }

    func testStartRejectsBadSources() throws {
        let model = try makeModel()
        XCTAssertThrowsError(try model.start(source: []))
        XCTAssertThrowsError(try model.start(source: [0, 9]))
    }
}
