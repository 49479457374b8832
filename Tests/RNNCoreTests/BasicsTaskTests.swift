import XCTest
import RNNCore

/// The two tasks of the Basics scenarios: "did a 1 occur anywhere" and echo at a lag.
final class BasicsTaskTests: XCTestCase {
    func testAnyOneScoresOnlyTheLastStepWithWhetherAOneOccurred() throws {
        let task = try AnyOne(length: 12)
        var rng = SeededRandom(seed: 3)
        let batch = task.makeBatch(size: 400, rng: &rng, as: Float.self)
        let ids = try XCTUnwrap(batch.inputTokens), labels = try XCTUnwrap(batch.targetTokens)
        var yes = 0
        for b in 0..<batch.batch {
            var seen = false
            for t in 0..<batch.steps {
                let i = batch.index(t: t, b: b)
                XCTAssertTrue(ids[i] == 0 || ids[i] == 1)
                XCTAssertEqual(batch.inputs[i * 2 + Int(ids[i])], 1)
                if ids[i] == 1 { seen = true }
                if t < batch.steps - 1 {
                    XCTAssertEqual(labels[i], -1); XCTAssertEqual(batch.lossMask[i], 0)
                } else {
                    XCTAssertEqual(labels[i], seen ? 1 : 0); XCTAssertEqual(batch.lossMask[i], 1)
                }
            }
            if seen { yes += 1 }
        }
        // Half the sequences hold a 1: 400 draws put the share within 0.5 ± 0.1 (4 sigma).
        XCTAssertEqual(Double(yes) / 400, 0.5, accuracy: 0.1)
        XCTAssertEqual(pow(1 - task.oneProbability, 12), 0.5, accuracy: 1e-12)
    }

    func testEchoTargetsTheInputLagStepsBackAndScoresNothingBefore() throws {
        let task = try EchoTask(lag: 3, symbols: 5)
        XCTAssertEqual(task.steps, 3 + EchoTask.scoredSteps)
        var rng = SeededRandom(seed: 4)
        let batch = task.makeBatch(size: 7, rng: &rng, as: Double.self)
        let ids = try XCTUnwrap(batch.inputTokens), labels = try XCTUnwrap(batch.targetTokens)
        var used = Set<Int32>()
        for b in 0..<batch.batch {
            for t in 0..<batch.steps {
                let i = batch.index(t: t, b: b)
                used.insert(ids[i])
                XCTAssertEqual(batch.inputs[i * 5 + Int(ids[i])], 1)
                if t < 3 {
                    XCTAssertEqual(labels[i], -1); XCTAssertEqual(batch.lossMask[i], 0)
                } else {
                    XCTAssertEqual(labels[i], ids[batch.index(t: t - 3, b: b)]); XCTAssertEqual(batch.lossMask[i], 1)
                }
            }
        }
        XCTAssertEqual(used, Set(0..<5))
        XCTAssertEqual(task.metrics(predictions: Tensor<Double>(shape: [task.steps, 7, 5]), batch: batch)["chance"], 0.2)
    }

    func testSameSeedSameBatches() throws {
        let tasks: [any SequenceTask] = [try AnyOne(length: 9), try EchoTask(lag: 4)]
        for task in tasks {
            var a = SeededRandom(seed: 9), b = SeededRandom(seed: 9), c = SeededRandom(seed: 10)
            let x = task.makeBatch(size: 8, rng: &a, as: Float.self).inputTokens
            XCTAssertEqual(x, task.makeBatch(size: 8, rng: &b, as: Float.self).inputTokens, task.name)
            XCTAssertNotEqual(x, task.makeBatch(size: 8, rng: &c, as: Float.self).inputTokens, task.name)
        }
    }

    func testRecipesBuildTheTasksAndReportBadLengthsAsSeqLen() throws {
        var r = TrainingRecipe()
        r.task = "any-one"; r.seqLen = 7
        XCTAssertEqual(try r.makeTask().steps, 7)
        r.task = "echo"; r.seqLen = 10
        XCTAssertEqual(try r.makeTask().steps, 10 + EchoTask.scoredSteps)
        r.seqLen = 0
        XCTAssertThrowsError(try r.makeTask()) { XCTAssertEqual(($0 as? InputError)?.place, "seq_len") }
        r.task = "any-one"
        XCTAssertThrowsError(try r.makeTask()) { XCTAssertEqual(($0 as? InputError)?.place, "seq_len") }
    }
}
