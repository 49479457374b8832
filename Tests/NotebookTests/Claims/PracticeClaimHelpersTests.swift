import XCTest
@testable import Notebook
import RNNCore

/// The helpers of the practice claims: spike injection and scoring, the stepwise detector,
/// and the two-headed model's gradients.
final class PracticeClaimHelpersTests: XCTestCase {
    func testPercentileAndDetectionScores() {
        XCTAssertEqual(AnomalyInjection.percentile([5, 1, 3, 2, 4], 0.5), 3)
        XCTAssertEqual(AnomalyInjection.percentile([5, 1, 3, 2, 4], 1), 5)
        XCTAssertEqual(AnomalyInjection.percentile([], 0.5), 0)
        let steps: [AnomalyInjection.ScoredStep] = [
            .init(error: 2, isAnomaly: true), .init(error: 0.1, isAnomaly: true),   // hit, miss
            .init(error: 3, isAnomaly: false), .init(error: 0.2, isAnomaly: false), // false alarm, quiet
        ]
        let s = AnomalyInjection.detectionScores(steps, threshold: 1)
        XCTAssertEqual(s.precision, 0.5); XCTAssertEqual(s.recall, 0.5); XCTAssertEqual(s.f1, 0.5)
    }

    func testSpikesAreSpacedAndComeAfterTheWarmUp() {
        let injection = AnomalyInjection(length: 60)
        var rng = SeededRandom(seed: 11), cleanRNG = SeededRandom(seed: 11)
        let spiked = injection.makeBatch(rows: 200, rate: 0.05, rng: &rng)
        let clean = injection.makeBatch(rows: 200, rate: 0, rng: &cleanRNG)
        XCTAssertFalse(clean.anomalies.contains(true))
        var count = 0
        for b in 0..<200 {
            var last = -100
            for t in 0..<60 where spiked.anomalies[b * 60 + t] {
                count += 1
                XCTAssertGreaterThanOrEqual(t, AnomalyInjection.warmUp)
                XCTAssertGreaterThanOrEqual(t - last, AnomalyInjection.spacing)
                last = t
            }
        }
        XCTAssertEqual(Double(count) / Double(200 * 50), 0.05, accuracy: 0.015)
    }

    func testStepwiseDetectorWithoutFlagsMatchesTheWholeSequenceForward() throws {
        for cell in [CellKind.gru, .lstm] {
            var recipe = TrainingRecipe()
            recipe.task = "noisy-sine"; recipe.seqLen = 30; recipe.cell = cell; recipe.hidden = 8
            let session = try TrainingSession<Float>(recipe)
            for _ in 0..<3 { session.step() }
            var rng = SeededRandom(seed: 2)
            let data = AnomalyInjection(length: 30).makeBatch(rows: 5, rate: 0.1, rng: &rng)
            let whole = AnomalyDetectionClaim.errors(session.model, data)
            let stepwise = StepwiseDetector(model: session.model, threshold: .infinity).scan(data)
            XCTAssertEqual(whole.count, stepwise.count)
            for (w, s) in zip(whole, stepwise) {
                XCTAssertEqual(w.error, s.error, accuracy: 1e-4)
                XCTAssertEqual(w.isAnomaly, s.isAnomaly)
            }
        }
    }

    func testSharedEncoderGradientIsTheSumOfBothTasksAndMatchesFiniteDifferences() throws {
        var recipe = TrainingRecipe()
        recipe.cell = .gru; recipe.hidden = 5
        let model = try SharedEncoderModel<Double>(recipe, inputs: 3, classesA: 3, classesB: 2, seed: 4)
        let a = try DelayedRecall(length: 6, symbols: 3, lag: 2)
        let b = try DelayedRecall(length: 6, symbols: 3, lag: 2, question: .match)
        var rng = SeededRandom(seed: 8)
        let batchA = a.makeBatch(size: 3, rng: &rng, as: Double.self)
        let batchB = b.makeBatch(size: 2, rng: &rng, as: Double.self)

        func grads() -> [[Double]] { model.parameters.map { Array(UnsafeBufferPointer(start: $0.grad.data, count: $0.grad.count)) } }
        model.accumulateGradients(a: batchA, b: nil); let onlyA = grads()
        model.accumulateGradients(a: nil, b: batchB); let onlyB = grads()
        let both = model.accumulateGradients(a: batchA, b: batchB); let joint = grads()
        for p in joint.indices {
            for i in joint[p].indices { XCTAssertEqual(joint[p][i], onlyA[p][i] + onlyB[p][i], accuracy: 1e-12) }
        }

        // Central differences of L_A + L_B on a few entries of every parameter.
        var worst = 0.0
        for (p, parameter) in model.parameters.enumerated() {
            for i in stride(from: 0, to: parameter.value.count, by: max(parameter.value.count / 4, 1)) {
                let saved = parameter.value.data[i], h = 1e-6
                parameter.value.data[i] = saved + h
                let up = model.accumulateGradients(a: batchA, b: batchB)
                parameter.value.data[i] = saved - h
                let down = model.accumulateGradients(a: batchA, b: batchB)
                parameter.value.data[i] = saved
                let numeric = ((up.a + up.b) - (down.a + down.b)) / (2 * h)
                let analytic = joint[p][i]
                worst = max(worst, abs(numeric - analytic) / max(abs(numeric) + abs(analytic), 1e-8))
            }
        }
        XCTAssertLessThan(worst, 1e-6)
        XCTAssert(both.a > 0 && both.b > 0)
    }
}
