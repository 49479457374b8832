import XCTest
@testable import RNNCore

final class DecodingTests: XCTestCase {
    // Tokens: 0 start, 1 end, 2 A, 3 B, 4 C, 5 D.
    /// Greedy takes A (0.6) but everything after A is spread thin; B (0.4) leads to C with 0.9.
    /// Best output: B C end, probability 0.4 · 0.9 · 1 = 0.36, against greedy's A C end,
    /// 0.6 · 0.34 · 1 = 0.204.
    static let trap: [[Double]] = [
        [0.0001, 0.0001, 0.5998, 0.4, 0, 0].map { max($0, 1e-12) },   // from start
        [1e-12, 1, 1e-12, 1e-12, 1e-12, 1e-12],                      // from end (unused)
        [1e-12, 0.32, 1e-12, 1e-12, 0.34, 0.34],                     // from A
        [1e-12, 1e-12, 1e-12, 1e-12, 0.9, 0.1],                      // from B
        [1e-12, 1, 1e-12, 1e-12, 1e-12, 1e-12],                      // from C
        [1e-12, 1, 1e-12, 1e-12, 1e-12, 1e-12],                      // from D
    ]
    let options = DecodingOptions(startToken: 0, endToken: 1, maxLength: 6)

    func testBeamBeatsGreedyOnTheTrap() throws {
        let model = MarkovDecoder(Self.trap)
        let greedy = try StepDecoding.greedy(model, source: [], options: options)
        XCTAssertEqual(greedy.tokens, [2, 4])
        XCTAssertTrue(greedy.finished)
        XCTAssertEqual(greedy.logProbability, model.logProbability([2, 4], start: 0, end: 1), accuracy: 1e-9)

        let beams = try StepDecoding.beamSearch(model, source: [], width: 2, options: options)
        XCTAssertEqual(beams.first?.tokens, [3, 4])
        XCTAssertEqual(beams.first?.logProbability ?? 0, log(0.4 * 0.9), accuracy: 1e-9)
        XCTAssertGreaterThan(beams[0].logProbability, greedy.logProbability)
        for h in beams {   // every reported score is the model's own probability of that output
            XCTAssertEqual(h.logProbability, model.logProbability(h.tokens, start: 0, end: h.finished ? 1 : nil), accuracy: 1e-9)
        }
        // Width 1 is greedy.
        XCTAssertEqual(try StepDecoding.beamSearch(model, source: [], width: 1, options: options), [greedy])
    }

    /// With a width that never prunes, beam search is exhaustive search; width 1 is greedy.
    func testWideBeamIsExhaustiveAndNarrowBeamIsGreedy() throws {
        let options = DecodingOptions(startToken: 0, endToken: 1, maxLength: 4)
        for seed: Int32 in [1, 2, 3] {
            let model = PrefixHashDecoder(vocabularySize: 5)
            let all = try model.allOutputs(source: [seed], options: options)
            let best = all.max { $0.logProbability < $1.logProbability }!
            let beams = try StepDecoding.beamSearch(model, source: [seed], width: 256, options: options)
            XCTAssertEqual(beams[0].tokens, best.tokens)
            XCTAssertEqual(beams[0].logProbability, best.logProbability, accuracy: 1e-9)
            let greedy = try StepDecoding.greedy(model, source: [seed], options: options)
            let narrow = try StepDecoding.beamSearch(model, source: [seed], width: 1, options: options)
            XCTAssertEqual(narrow[0].tokens, greedy.tokens)
            XCTAssertEqual(narrow[0].logProbability, greedy.logProbability, accuracy: 1e-9)
            // Results come best first, and wider beams never do worse.
            XCTAssertEqual(beams.map(\.logProbability), beams.map(\.logProbability).sorted(by: >))
            let mid = try StepDecoding.beamSearch(model, source: [seed], width: 3, options: options)
            XCTAssertGreaterThanOrEqual(mid[0].logProbability + 1e-12, narrow[0].logProbability)
        }
    }

    /// Short: end at once (0.5). Long: A C D end, 0.45 · 0.9 · 0.9 · 0.9 = 0.328: lower in total,
    /// higher per step. Raw scoring prefers the short output, averaging the long one.
    func testLengthNormalisationPrefersTheLongerOutput() throws {
        let e = 1e-12
        let model = MarkovDecoder([
            [e, 0.5, 0.45, 0.05, e, e],
            [e, 1, e, e, e, e],
            [e, 0.1, e, e, 0.9, e],
            [e, 1, e, e, e, e],
            [e, 0.1, e, e, e, 0.9],
            [e, 0.9, e, 0.1, e, e],
        ])
        let raw = try StepDecoding.beamSearch(model, source: [], width: 3, lengthPenalty: .none, options: options)
        XCTAssertEqual(raw[0].tokens, [])
        let averaged = try StepDecoding.beamSearch(model, source: [], width: 3, lengthPenalty: .average, options: options)
        XCTAssertEqual(averaged[0].tokens, [2, 4, 5])
        XCTAssertEqual(LengthPenalty.average.score(averaged[0]), log(0.45 * 0.9 * 0.9 * 0.9) / 4, accuracy: 1e-9)
    }

    func testSamplingFollowsTheModelAndSpreadsWithTemperature() throws {
        let model = MarkovDecoder(Self.trap)
        func entropy(_ temperature: Double, draws: Int = 3000) throws -> (Double, [[Int32]: Int]) {
            var rng = SeededRandom(seed: 99)
            var counts: [[Int32]: Int] = [:]
            for _ in 0..<draws {
                let h = try StepDecoding.sample(model, source: [], temperature: temperature, rng: &rng, options: options)
                counts[h.tokens, default: 0] += 1
            }
            let h = counts.values.reduce(0.0) { acc, c in
                let p = Double(c) / Double(draws)
                return acc - p * log(p)
            }
            return (h, counts)
        }
        let (h1, counts) = try entropy(1)
        // At temperature 1, frequencies match the model: B C end has probability 0.36.
        XCTAssertEqual(Double(counts[[3, 4]] ?? 0) / 3000, 0.36, accuracy: 0.03)
        XCTAssertEqual(Double(counts[[2]] ?? 0) / 3000, 0.5998 * 0.32, accuracy: 0.03)
        let entropies = try [0.25, 0.5].map { try entropy($0).0 } + [h1] + [2.0, 4.0].map { try entropy($0).0 }
        for (low, high) in zip(entropies, entropies.dropFirst()) { XCTAssertLessThan(low, high, "\(entropies)") }
    }

    func testSamplingRepeatsWithTheSeedAndZeroTemperatureIsGreedy() throws {
        let model = PrefixHashDecoder(vocabularySize: 6)
        func draw(_ seed: UInt64) throws -> [Hypothesis] {
            var rng = SeededRandom(seed: seed)
            return try (0..<20).map { _ in try StepDecoding.sample(model, source: [4], temperature: 1.5, rng: &rng, options: options) }
        }
        XCTAssertEqual(try draw(5), try draw(5))
        XCTAssertNotEqual(try draw(5), try draw(6))
        var rng = SeededRandom(seed: 1)
        XCTAssertEqual(try StepDecoding.sample(model, source: [4], temperature: 0, rng: &rng, options: options),
                       try StepDecoding.greedy(model, source: [4], options: options))
    }

    func testBadSettingsThrow() {
        let model = MarkovDecoder(Self.trap)
        var rng = SeededRandom(seed: 1)
        XCTAssertThrowsError(try StepDecoding.sample(model, source: [], temperature: -1, rng: &rng, options: options))
        XCTAssertThrowsError(try StepDecoding.sample(model, source: [], temperature: .nan, rng: &rng, options: options))
        XCTAssertThrowsError(try StepDecoding.beamSearch(model, source: [], width: 0, options: options))
        XCTAssertThrowsError(try StepDecoding.greedy(model, source: [], options: DecodingOptions(startToken: 9, endToken: 1, maxLength: 3)))
        XCTAssertThrowsError(try StepDecoding.greedy(model, source: [], options: DecodingOptions(startToken: 0, endToken: 1, maxLength: 0)))
    }
}
