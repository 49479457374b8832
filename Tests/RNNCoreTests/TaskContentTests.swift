import XCTest
@testable import RNNCore

/// Each task's targets follow from its inputs by the rule the task documents.
final class TaskContentTests: XCTestCase {
    func testAddingProblemTargetIsTheMarkedSumAtTheLastStepOnly() throws {
        let task = try AddingProblem(length: 40)
        var rng = SeededRandom(seed: 11)
        let batch: SequenceBatch<Double> = task.makeBatch(size: 50, rng: &rng)
        let targets = try XCTUnwrap(batch.targets)
        for b in 0..<50 {
            var marked: [Int] = [], sum = 0.0
            for t in 0..<40 {
                let i = batch.index(t: t, b: b)
                let value = batch.inputs[i * 2], marker = batch.inputs[i * 2 + 1]
                XCTAssertTrue(value >= 0 && value < 1)
                XCTAssertTrue(marker == 0 || marker == 1)
                if marker == 1 { marked.append(t); sum += value }
                XCTAssertEqual(batch.lossMask[i], t == 39 ? 1 : 0)
                if t < 39 { XCTAssertEqual(targets[i], 0) }
            }
            XCTAssertEqual(marked.count, 2)
            XCTAssertTrue(marked[0] < 20 && marked[1] >= 20, "one marker in each half: \(marked)")
            XCTAssertEqual(targets[batch.index(t: 39, b: b)], sum, accuracy: 1e-12)
        }
    }

    func testAddingProblemBaselineIsTheVarianceOfTheSum() throws {
        let task = try AddingProblem(length: 10)
        var rng = SeededRandom(seed: 12)
        let batch: SequenceBatch<Double> = task.makeBatch(size: 4000, rng: &rng)
        let constant = Tensor<Double>(shape: [10, 4000, 1], repeating: 1)
        let m = task.metrics(predictions: constant, batch: batch)
        XCTAssertEqual(m["mse"] ?? -1, AddingProblem.baselineMSE, accuracy: 0.015)
        XCTAssertEqual(m["mseRatio"] ?? -1, 1, accuracy: 0.1)
        let empirical = TaskMetrics.meanBaselineMSE(targets: batch.targets!, mask: batch.lossMask)
        XCTAssertEqual(empirical, 1.0 / 6, accuracy: 0.015)
        // A perfect answer scores zero.
        XCTAssertEqual(task.metrics(predictions: batch.targets!, batch: batch)["mse"], 0)
    }

    func testCopyMemoryWritesBackWhatItRead() throws {
        let task = try CopyMemory(symbols: 6, copyLength: 5, delay: 9)
        var rng = SeededRandom(seed: 13)
        let batch: SequenceBatch<Float> = task.makeBatch(size: 20, rng: &rng)
        let inputs = try XCTUnwrap(batch.inputTokens), targets = try XCTUnwrap(batch.targetTokens)
        XCTAssertEqual(task.steps, 19)
        for b in 0..<20 {
            for t in 0..<19 {
                let i = batch.index(t: t, b: b)
                switch t {
                case 0..<5:
                    XCTAssertTrue((1...6).contains(inputs[i]))
                    XCTAssertEqual(targets[i], 0)
                case 13: XCTAssertEqual(inputs[i], 7, "delimiter one step before recall")
                case 14..<19:
                    XCTAssertEqual(inputs[i], 0)
                    XCTAssertEqual(targets[i], inputs[batch.index(t: t - 14, b: b)])
                default:
                    XCTAssertEqual(inputs[i], 0)
                    XCTAssertEqual(targets[i], 0)
                }
            }
        }
        let perfect = TaskFixtures.logits(for: targets, width: 7, shape: [19, 20, 7])
        XCTAssertEqual(task.metrics(predictions: perfect, batch: batch.converted())["recallAccuracy"], 1)
        let blanks = Tensor<Double>(shape: [19, 20, 7])   // argmax 0 everywhere
        let m = task.metrics(predictions: blanks, batch: batch.converted())
        XCTAssertEqual(m["accuracy"] ?? -1, 14.0 / 19, accuracy: 1e-12)
        XCTAssertEqual(m["recallAccuracy"], 0)
    }

    func testMarkerLaterLabelsLookAhead() throws {
        let task = try MarkerLater(length: 12, distractors: 3, markerProbability: 0.7)
        var rng = SeededRandom(seed: 14)
        let batch: SequenceBatch<Double> = task.makeBatch(size: 300, rng: &rng)
        let inputs = try XCTUnwrap(batch.inputTokens), labels = try XCTUnwrap(batch.targetTokens)
        var withMarker = 0
        for b in 0..<300 {
            let row = (0..<12).map { Int(inputs[batch.index(t: $0, b: b)]) }
            XCTAssertLessThanOrEqual(row.filter { $0 == 3 }.count, 1)
            if row.contains(3) { withMarker += 1 }
            for t in 0..<12 {
                let expected: Int32 = row[(t + 1)...].contains(3) ? 1 : 0
                XCTAssertEqual(labels[batch.index(t: t, b: b)], expected)
            }
        }
        XCTAssertTrue((150...250).contains(withMarker), "about 70% have a marker: \(withMarker)")
        let oracle = TaskFixtures.logits(for: labels, width: 2, shape: [12, 300, 2])
        let m = task.metrics(predictions: oracle, batch: batch)
        XCTAssertEqual(m["accuracy"], 1, "a model that sees the future can be perfect")
        let ceiling = try XCTUnwrap(m["causalCeiling"])
        XCTAssertTrue(ceiling > 0.6 && ceiling < 0.95, "a causal model cannot: \(ceiling)")
    }

    func testPaddedSequencesLabelTheRealPartOnly() throws {
        for rule in PaddedSequences.Rule.allCases {
            let task = try PaddedSequences(rule: rule, lengths: 3...10)
            var rng = SeededRandom(seed: 15)
            let batch: SequenceBatch<Double> = task.makeBatch(size: 200, rng: &rng)
            let labels = try XCTUnwrap(batch.targetTokens)
            var seenLengths = Set<Int>()
            for b in 0..<200 {
                let n = batch.lengths[b]
                seenLengths.insert(n)
                let values = (0..<n).map { batch.inputs[batch.index(t: $0, b: b)] }
                let expected = rule == .parity ? values.filter { $0 == 1 }.count % 2 : (values.reduce(0, +) > 0 ? 1 : 0)
                if rule == .parity { XCTAssertTrue(values.allSatisfy { $0 == 1 || $0 == -1 }) }
                for t in 0..<10 {
                    let i = batch.index(t: t, b: b)
                    XCTAssertEqual(labels[i], t == n - 1 ? Int32(expected) : -1, "\(rule) b=\(b) t=\(t)")
                    XCTAssertEqual(batch.lossMask[i], t == n - 1 ? 1 : 0)
                }
            }
            XCTAssertEqual(seenLengths, Set(3...10), "every length in range occurs")
        }
    }

    func testSineTargetIsTheNextCleanValue() throws {
        let clean = try SineWave(length: 30)
        var rng = SeededRandom(seed: 16)
        let batch: SequenceBatch<Double> = clean.makeBatch(size: 8, rng: &rng)
        for b in 0..<8 {
            for t in 0..<29 {
                XCTAssertEqual(batch.targets![batch.index(t: t, b: b)], batch.inputs[batch.index(t: t + 1, b: b)],
                               accuracy: 1e-12)
            }
        }
        let noisy = try SineWave(length: 200, noise: 0.3)
        let nb: SequenceBatch<Double> = noisy.makeBatch(size: 20, rng: &rng)
        var sq = 0.0
        for b in 0..<20 { for t in 0..<199 {
            let d = nb.inputs[nb.index(t: t + 1, b: b)] - nb.targets![nb.index(t: t, b: b)]
            sq += d * d
        } }
        XCTAssertEqual((sq / (20 * 199)).squareRoot(), 0.3, accuracy: 0.02, "input noise has the asked std")
        XCTAssertEqual(noisy.name, "noisy-sine")
    }

    func testMackeyGlassStaysOnItsAttractorAndIsNotPeriodic() throws {
        let series = try MackeyGlass.series(count: 3000)
        XCTAssertEqual(series.count, 3000)
        XCTAssertGreaterThan(series.min()!, 0.2)
        XCTAssertLessThan(series.max()!, 1.4)
        let mean = series.reduce(0, +) / 3000
        let std = (series.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 3000).squareRoot()
        XCTAssertGreaterThan(std, 0.15, "it oscillates widely")
        // Chaotic, not periodic: no shift up to 500 samples makes it repeat itself...
        XCTAssertGreaterThan(Self.closestSelfRepeat(series), 0.01)
        // ...while a short delay settles on a limit cycle, which the same measure catches.
        var cyclic = MackeyGlass.Parameters()
        cyclic.tau = 8
        XCTAssertLessThan(Self.closestSelfRepeat(try MackeyGlass.series(count: 3000, parameters: cyclic)), 0.01)
    }

    /// Smallest mean |x[t+lag] - x[t]| over lags 1...500: near 0 when the series repeats.
    static func closestSelfRepeat(_ x: [Double]) -> Double {
        var best = Double.infinity
        for lag in 1...500 {
            var diff = 0.0
            for t in 0..<2000 { diff += abs(x[t + lag] - x[t]) }
            best = min(best, diff / 2000)
        }
        return best
    }

    func testMackeyGlassTaskWindowsComeFromTheSeries() throws {
        let task = try MackeyGlassTask(length: 30, horizon: 3, seriesLength: 1000)
        var rng = SeededRandom(seed: 17)
        let batch: SequenceBatch<Double> = task.makeBatch(size: 6, rng: &rng)
        for b in 0..<6 {
            let first = batch.inputs[batch.index(t: 0, b: b)]
            let start = try XCTUnwrap(task.series.firstIndex(of: first))
            for t in 0..<30 {
                XCTAssertEqual(batch.inputs[batch.index(t: t, b: b)], task.series[start + t])
                XCTAssertEqual(batch.targets![batch.index(t: t, b: b)], task.series[start + t + 3])
            }
        }
    }
}

extension SequenceBatch {
    /// A copy in Double, for metrics checks on Float batches.
    func converted() -> SequenceBatch<Double> {
        let out = SequenceBatch<Double>()
        out.prepare(.init(steps: steps, batch: batch, inputSize: inputs.shape[2],
                          inputTokens: inputTokens != nil, regressionOutputs: targets?.shape[2],
                          targetTokens: targetTokens != nil))
        for i in 0..<inputs.count { out.inputs[i] = Double(inputs[i]) }
        for i in 0..<lossMask.count { out.lossMask[i] = Double(lossMask[i]) }
        out.inputTokens = inputTokens
        out.targetTokens = targetTokens
        return out
    }
}
