import RealModule
import XCTest
@testable import RNNCore

/// The tasks of the practice scenarios: delayed recall on a stream, and sines with gaps.
final class PracticeTaskTests: XCTestCase {
    func testRecallTargetsAreTheSymbolLagStepsBackShiftedRoundTheAlphabet() throws {
        for shift in [0, 1, 3] {
            let task = try DelayedRecall(length: 40, symbols: 4, lag: 5, shift: shift)
            var rng = SeededRandom(seed: 3)
            let batch = task.makeBatch(size: 7, rng: &rng, as: Float.self)
            let x = try XCTUnwrap(batch.inputTokens), y = try XCTUnwrap(batch.targetTokens)
            for b in 0..<7 {
                for t in 0..<40 {
                    let i = batch.index(t: t, b: b)
                    XCTAssertEqual(batch.lossMask.data[i], 1, "every step is scored")
                    XCTAssertEqual(batch.inputs.data[i * 4 + Int(x[i])], 1, "one-hot row matches the id")
                    XCTAssert((0..<4).contains(Int(y[i])))
                    if t >= 5 { XCTAssertEqual(Int(y[i]), (Int(x[batch.index(t: t - 5, b: b)]) + shift) % 4) }
                }
            }
        }
    }

    func testHeadTargetsComeFromTheUnseenPastNotFromTheWindow() throws {
        // Before step lag the answer is a fresh draw: about 1/K of them match any fixed guess.
        let task = try DelayedRecall(length: 5, symbols: 4, lag: 5)
        var rng = SeededRandom(seed: 1)
        let batch = task.makeBatch(size: 2000, rng: &rng, as: Float.self)
        let y = try XCTUnwrap(batch.targetTokens)
        let zeros = Double(y.filter { $0 == 0 }.count) / Double(y.count)
        XCTAssertEqual(zeros, 0.25, accuracy: 0.02)
    }

    func testMatchLabelsSayWhetherTheSymbolRepeatsAfterLagSteps() throws {
        let task = try DelayedRecall(length: 30, symbols: 3, lag: 2, question: .match)
        XCTAssertEqual(task.outputSize, 2)
        var rng = SeededRandom(seed: 5)
        let batch = task.makeBatch(size: 4, rng: &rng, as: Float.self)
        let x = try XCTUnwrap(batch.inputTokens), y = try XCTUnwrap(batch.targetTokens)
        for b in 0..<4 {
            for t in 2..<30 {
                let same = x[batch.index(t: t, b: b)] == x[batch.index(t: t - 2, b: b)]
                XCTAssertEqual(y[batch.index(t: t, b: b)], same ? 1 : 0)
            }
        }
    }

    func testRecallMetricsSplitReachableAndHeadSteps() throws {
        let task = try DelayedRecall(length: 10, symbols: 4, lag: 3)
        var rng = SeededRandom(seed: 2)
        let batch = task.makeBatch(size: 5, rng: &rng, as: Float.self)
        let y = try XCTUnwrap(batch.targetTokens)
        // Logits right at reachable steps, wrong (target + 1) at head steps.
        let logits = Tensor<Float>(shape: [10, 5, 4])
        for t in 0..<10 {
            for b in 0..<5 {
                let i = batch.index(t: t, b: b)
                logits.data[i * 4 + (Int(y[i]) + (t < 3 ? 1 : 0)) % 4] = 5
            }
        }
        let m = task.metrics(predictions: logits, batch: batch)
        XCTAssertEqual(m["reachableAccuracy"], 1)
        XCTAssertEqual(m["headAccuracy"], 0)
        XCTAssertEqual(m["accuracy"] ?? 0, 0.7, accuracy: 1e-12)
    }

    func testRecallRejectsBadParameters() {
        XCTAssertThrowsError(try DelayedRecall(length: 0))
        XCTAssertThrowsError(try DelayedRecall(symbols: 1))
        XCTAssertThrowsError(try DelayedRecall(shift: 4))
    }

    func testMissingSineEncodingsShareTheirDrawsAndDecayStaleValues() throws {
        let zero = try MissingSine(length: 60, missingRate: 0.3, encoding: .zeroFilled)
        let gruD = try MissingSine(length: 60, missingRate: 0.3, encoding: .maskAndDecay, decaySteps: 4)
        var r1 = SeededRandom(seed: 9), r2 = SeededRandom(seed: 9)
        let a = zero.makeBatch(size: 50, rng: &r1, as: Double.self)
        let b = gruD.makeBatch(size: 50, rng: &r2, as: Double.self)
        var missing = 0
        for row in 0..<50 {
            var last = 0.0, since = 0.0
            for t in 0..<60 {
                let i = a.index(t: t, b: row)
                let observed = b.inputs.data[i * 3 + 1] == 1
                if observed { last = a.inputs.data[i]; since = 0 } else { since += 1; missing += 1 }
                XCTAssertEqual(a.inputs.data[i], observed ? b.inputs.data[i * 3] : 0, accuracy: 1e-12)
                XCTAssertEqual(b.inputs.data[i * 3], last * Double.exp(-since / 4), accuracy: 1e-12)
                XCTAssertEqual(b.inputs.data[i * 3 + 2], since / 4, accuracy: 1e-12)
                XCTAssertEqual(a.targets?.data[i] ?? .nan, b.targets?.data[i] ?? .nan)
                XCTAssertEqual(a.lossMask.data[i], t >= gruD.warmUp ? 1 : 0)
            }
        }
        XCTAssertEqual(Double(missing) / 3000, 0.3, accuracy: 0.03)
    }

    func testMissingSineTargetIsTheNextCleanSample() throws {
        // With nothing missing, the zero-filled input at t + 1 is the target at t.
        let task = try MissingSine(length: 20, missingRate: 0, encoding: .zeroFilled, warmUp: 0)
        var rng = SeededRandom(seed: 4)
        let batch = task.makeBatch(size: 3, rng: &rng, as: Double.self)
        let y = try XCTUnwrap(batch.targets)
        for row in 0..<3 {
            for t in 0..<19 {
                XCTAssertEqual(y.data[batch.index(t: t, b: row)], batch.inputs.data[batch.index(t: t + 1, b: row)], accuracy: 1e-12)
            }
        }
    }

    func testRecipeBuildsThePracticeTasksByName() throws {
        var r = TrainingRecipe()
        r.task = "recall"; r.seqLen = 33
        XCTAssertEqual(try r.makeTask().steps, 33)
        r.task = "missing-sine"; r.seqLen = nil
        XCTAssertEqual(try r.makeTask().inputSize, 3)
    }
}
