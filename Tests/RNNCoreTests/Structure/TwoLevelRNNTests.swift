import XCTest
import RNNCore

/// The two-level model's plumbing (regrouping tokens into segments, summaries into the high
/// level, gradients back the same way) checked by finite differences, and the keyword task.
final class TwoLevelRNNTests: XCTestCase {
    func testGradientsMatchFiniteDifferences() throws {
        for kind in [CellKind.rnn_tanh, .gru] {
            let model = try TwoLevelRNN<Double>(vocabulary: 5, embedding: 3, hidden: 4, classes: 2, kind: kind)
            var rng = SeededRandom(seed: 5)
            model.resetParameters(rng: &rng)
            for p in model.parameters { GradCheck.randomize(p.value, &rng, scale: 0.6) }
            let N = 3, L = 2, B = 2
            let tokens: [Int32] = (0..<(N * L * B)).map { _ in Int32(rng.int(5)) }
            let labels: [Int32] = [1, 0]
            func run() -> Double {
                zeroGrad(model.parameters)
                let loss = tokens.withUnsafeBufferPointer { t in
                    labels.withUnsafeBufferPointer { l in
                        model.forward(tokens: t.baseAddress!, segments: N, segmentLength: L, batch: B, labels: l.baseAddress!)
                    }
                }.loss
                model.backward()
                return loss
            }
            let named = model.parameters.map { ($0.name, $0.value, $0.grad) }
            GradCheck.assertGradients(named, label: kind.rawValue, run: run)
        }
    }

    /// A segment's summary depends on that segment alone: changing a token of segment 2 leaves
    /// the low level's final state for segment 0 unchanged.
    func testSegmentsAreReadIndependently() throws {
        let model = try TwoLevelRNN<Double>(vocabulary: 5, embedding: 3, hidden: 4, classes: 2, kind: .gru)
        var rng = SeededRandom(seed: 1)
        model.resetParameters(rng: &rng)
        let N = 3, L = 2, B = 1
        var tokens: [Int32] = [0, 1, 2, 3, 4, 0]
        let labels: [Int32] = [0]
        func summary0() -> [Double] {
            _ = tokens.withUnsafeBufferPointer { t in labels.withUnsafeBufferPointer { l in
                model.forward(tokens: t.baseAddress!, segments: N, segmentLength: L, batch: B, labels: l.baseAddress!)
            } }
            return (0..<4).map { model.low.finalState[$0] }
        }
        let before = summary0()
        tokens[5] = 3
        XCTAssertEqual(summary0(), before)
        tokens[0] = 3
        XCTAssertNotEqual(summary0(), before)
    }

    func testKeywordSentences() throws {
        let task = try KeywordSentences(words: 6, letters: 3)
        XCTAssertEqual(task.steps, 24)
        var rng = SeededRandom(seed: 3)
        let batch = task.makeBatch(size: 200, rng: &rng, as: Float.self)
        let ids = try XCTUnwrap(batch.inputTokens), labels = try XCTUnwrap(batch.targetTokens)
        var present = 0
        for b in 0..<200 {
            var found = 0
            for w in 0..<6 {
                let word = (0..<3).map { Int(ids[batch.index(t: w * 4 + $0, b: b)]) }
                XCTAssertEqual(Int(ids[batch.index(t: w * 4 + 3, b: b)]), task.separator)
                XCTAssertTrue(word.allSatisfy { (0..<4).contains($0) })
                if word == task.keyword { found += 1 }
            }
            XCTAssertLessThanOrEqual(found, 1)
            XCTAssertEqual(Int(labels[batch.index(t: 23, b: b)]), found)
            for t in 0..<23 { XCTAssertEqual(labels[batch.index(t: t, b: b)], -1) }
            present += found
        }
        XCTAssertGreaterThan(present, 70); XCTAssertLessThan(present, 130)
    }

    func testWaveformsCueAndTargets() throws {
        let task = try Waveforms(length: 16, patterns: 3)
        var rng = SeededRandom(seed: 2)
        let batch = task.makeBatch(size: 12, rng: &rng, as: Float.self)
        let targets = try XCTUnwrap(batch.targets)
        for b in 0..<12 {
            let cue = (0..<3).filter { batch.inputs[batch.index(t: 0, b: b) * 3 + $0] == 1 }
            XCTAssertEqual(cue.count, 1)
            for t in 1..<16 { for f in 0..<3 { XCTAssertEqual(batch.inputs[batch.index(t: t, b: b) * 3 + f], 0) } }
            for t in 0..<16 {
                XCTAssertEqual(Double(targets[batch.index(t: t, b: b)]), task.signals[cue[0]][t], accuracy: 1e-6)
            }
        }
        XCTAssertTrue(task.signals.allSatisfy { $0.allSatisfy { abs($0) <= 0.9 + 1e-12 } })
        XCTAssertNotEqual(task.signals[0], task.signals[1])
    }
}
