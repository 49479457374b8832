import XCTest
@testable import RNNCore

final class LossTests: XCTestCase {
    private let targets: [Int32] = [2, -1, 0, 4, 1, 3]
    private let mask: [Double] = [1, 1, 0, 1, 0.5, 1]

    private func randomLogits(rows: Int, classes: Int, seed: UInt64) -> Tensor<Double> {
        var rng = SeededRandom(seed: seed)
        let z = Tensor<Double>(shape: [rows, classes])
        GradCheck.randomize(z, &rng, scale: 2)
        return z
    }

    /// Σ w·CE / Σ w, written the plain way: log Σ exp, with no shift (safe for small logits).
    private func naiveCrossEntropy(_ z: Tensor<Double>, classes V: Int) -> Double {
        var total = 0.0, weight = 0.0
        for r in targets.indices where targets[r] >= 0 {
            var s = 0.0
            for j in 0..<V { s += exp(z[r, j]) }
            total += mask[r] * (log(s) - z[r, Int(targets[r])])
            weight += mask[r]
        }
        return total / weight
    }

    func testCrossEntropyValueMatchesPlainFormula() {
        let z = randomLogits(rows: 6, classes: 5, seed: 1)
        let ce = SoftmaxCrossEntropy<Double>()
        let result = ce(logits: z.data, rows: 6, classes: 5, targets: targets, mask: mask)
        XCTAssertEqual(result.loss, naiveCrossEntropy(z, classes: 5), accuracy: 1e-12)
        XCTAssertEqual(result.weight, 3.5)
        XCTAssertEqual(ce.rowLoss[1], 0, "ignored row")
        XCTAssertEqual(ce.rowLoss[2], 0, "masked row")
    }

    func testCrossEntropyGradientsWithIgnoredAndWeightedRows() {
        let z = randomLogits(rows: 6, classes: 5, seed: 2)
        let dz = Tensor<Double>(shape: [6, 5], repeating: 99)
        let ce = SoftmaxCrossEntropy<Double>()
        GradCheck.assertGradients([("logits", z, dz)]) {
            ce(logits: z.data, rows: 6, classes: 5, targets: targets, mask: mask, logitsGrad: dz.data).loss
        }
        for j in 0..<5 {
            XCTAssertEqual(dz[1, j], 0, "ignored target sends no gradient")
            XCTAssertEqual(dz[2, j], 0, "zero mask sends no gradient")
        }
    }

    func testCrossEntropySumReductionScalesByTotalWeight() {
        let z = randomLogits(rows: 6, classes: 5, seed: 3)
        let mean = SoftmaxCrossEntropy<Double>(), sum = SoftmaxCrossEntropy<Double>(reduction: .sum)
        let dMean = Tensor<Double>(shape: [6, 5]), dSum = Tensor<Double>(shape: [6, 5])
        let a = mean(logits: z.data, rows: 6, classes: 5, targets: targets, mask: mask, logitsGrad: dMean.data)
        let b = sum(logits: z.data, rows: 6, classes: 5, targets: targets, mask: mask, logitsGrad: dSum.data)
        XCTAssertEqual(b.loss, a.loss * 3.5, accuracy: 1e-12)
        for i in 0..<30 { XCTAssertEqual(dSum[i], dMean[i] * 3.5, accuracy: 1e-12) }
    }

    func testCrossEntropyIsStableForHugeLogitsInFloat() {
        let z: [Float] = [1000, 0, -1000, 0, 1000, 0]
        let t: [Int32] = [0, 2]
        let dz = Tensor<Float>(shape: [2, 3])
        let ce = SoftmaxCrossEntropy<Float>(reduction: .sum)
        let result = ce(logits: z, rows: 2, classes: 3, targets: t, logitsGrad: dz.data)
        XCTAssertTrue(result.loss.isFinite)
        XCTAssertEqual(Double(ce.rowLoss[0]), 0, accuracy: 1e-6)
        XCTAssertEqual(Double(ce.rowLoss[1]), 1000, accuracy: 1e-3)
        XCTAssertEqual(dz[4], 1, accuracy: 1e-6)
        XCTAssertEqual(dz[5], -1, accuracy: 1e-6)
        XCTAssertFalse(dz.hasNonFinite)
    }

    func testAccuracyCountsWeightedArgmaxHits() {
        // Row argmaxes: 1, 0, 2, 2. Targets: 1 (hit), 2 (miss), -1 (ignored), 2 (hit, weight 3).
        let z: [Double] = [0, 5, 1, 9, 1, 2, 0, 0, 4, 1, 1, 3]
        let t: [Int32] = [1, 2, -1, 2]
        let m: [Double] = [1, 1, 1, 3]
        let result = SoftmaxCrossEntropy<Double>()(logits: z, rows: 4, classes: 3, targets: t, mask: m)
        XCTAssertEqual(result.accuracy ?? -1, 4.0 / 5.0, accuracy: 1e-12)
        XCTAssertEqual(argmax([1.0, 3, 3, 2], count: 4), 1, "first maximum wins")
    }

    func testAllRowsIgnoredGivesZeroLossAndGradient() {
        let z = randomLogits(rows: 2, classes: 3, seed: 4)
        let dz = Tensor<Double>(shape: [2, 3], repeating: 5)
        let result = SoftmaxCrossEntropy<Double>()(logits: z.data, rows: 2, classes: 3, targets: [-1, -1],
                                                   logitsGrad: dz.data)
        XCTAssertEqual(result.loss, 0)
        XCTAssertNil(result.accuracy)
        XCTAssertEqual(dz.array, [Double](repeating: 0, count: 6))
    }

    func testTargetValidation() {
        XCTAssertNoThrow(try SoftmaxCrossEntropy<Float>.validateTargets([0, 4, -1] as [Int32], classes: 5))
        XCTAssertThrowsError(try SoftmaxCrossEntropy<Float>.validateTargets([0, 5] as [Int32], classes: 5,
                                                                            place: "targets"))
        XCTAssertThrowsError(try SoftmaxCrossEntropy<Float>.validateTargets([-3] as [Int32], classes: 5))
    }

    // MARK: mean squared error

    func testMSEWithoutMaskIsMeanOverAllElements() {
        var rng = SeededRandom(seed: 5)
        let p = Tensor<Double>(shape: [4, 3]), y = Tensor<Double>(shape: [4, 3])
        GradCheck.randomize(p, &rng)
        GradCheck.randomize(y, &rng)
        var expected = 0.0
        for i in 0..<12 { expected += (p[i] - y[i]) * (p[i] - y[i]) }
        expected /= 12
        let mse = MeanSquaredError<Double>()
        XCTAssertEqual(mse(predictions: p.data, targets: y.data, rows: 4, width: 3).loss, expected, accuracy: 1e-12)
        let ones = [Double](repeating: 1, count: 4)
        XCTAssertEqual(mse(predictions: p.data, targets: y.data, rows: 4, width: 3, mask: ones).loss,
                       expected, accuracy: 1e-12)
        let sum = MeanSquaredError<Double>(reduction: .sum)
        XCTAssertEqual(sum(predictions: p.data, targets: y.data, rows: 4, width: 3).loss, expected * 12, accuracy: 1e-12)
    }

    func testMSEGradientsWithMask() {
        var rng = SeededRandom(seed: 6)
        let p = Tensor<Double>(shape: [4, 3]), y = Tensor<Double>(shape: [4, 3])
        let dp = Tensor<Double>(shape: [4, 3], repeating: 42)
        GradCheck.randomize(p, &rng)
        GradCheck.randomize(y, &rng)
        let m: [Double] = [1, 0, 1, 0.25]
        let mse = MeanSquaredError<Double>()
        GradCheck.assertGradients([("predictions", p, dp)]) {
            mse(predictions: p.data, targets: y.data, rows: 4, width: 3, mask: m, predictionsGrad: dp.data).loss
        }
        for j in 0..<3 { XCTAssertEqual(dp[1, j], 0) }
        // Masked rows drop out of the mean: the loss equals the mean over the rows that count.
        var expected = 0.0
        for r in 0..<4 { for j in 0..<3 { expected += m[r] * (p[r, j] - y[r, j]) * (p[r, j] - y[r, j]) } }
        expected /= 3 * 2.25
        XCTAssertEqual(mse(predictions: p.data, targets: y.data, rows: 4, width: 3, mask: m).loss,
                       expected, accuracy: 1e-12)
    }
}
