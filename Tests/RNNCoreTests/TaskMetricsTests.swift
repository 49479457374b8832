import XCTest
@testable import RNNCore

final class TaskMetricsTests: XCTestCase {
    func testTokenAccuracyIgnoresUnscoredRows() {
        // Four rows of three classes; argmaxes 2, 0, 1, 1.
        let logits = Tensor<Double>(shape: [2, 2, 3], values: [0, 1, 2,  5, 1, 1,  0, 3, 1,  -1, 0, -2])
        XCTAssertEqual(TaskMetrics.tokenAccuracy(logits: logits, targets: [2, 0, 1, 1]), 1)
        XCTAssertEqual(TaskMetrics.tokenAccuracy(logits: logits, targets: [2, 1, -1, -1]), 0.5)
        XCTAssertEqual(TaskMetrics.tokenAccuracy(logits: logits, targets: [-1, -1, -1, 0]), 0)
        XCTAssertEqual(TaskMetrics.tokenAccuracy(logits: logits, targets: [-1, -1, -1, -1]), 0, "nothing scored")
        // Sequences are columns b of [T, B]: b=0 rows 0 and 2, b=1 rows 1 and 3.
        XCTAssertEqual(TaskMetrics.sequenceAccuracy(logits: logits, targets: [2, 0, 1, 2], batch: 2), 0.5)
    }

    func testMSEAndNRMSEUseOnlyMaskedRows() {
        let targets = Tensor<Double>(shape: [2, 2, 1], values: [1, 2, 3, 100])
        let predictions = Tensor<Double>(shape: [2, 2, 1], values: [1, 4, 3, -50])
        let mask = Tensor<Double>(shape: [2, 2], values: [1, 1, 1, 0])
        XCTAssertEqual(TaskMetrics.mse(predictions: predictions, targets: targets, mask: mask), 4.0 / 3, accuracy: 1e-12)
        // Masked targets 1, 2, 3: variance 2/3.
        XCTAssertEqual(TaskMetrics.meanBaselineMSE(targets: targets, mask: mask), 2.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(TaskMetrics.nrmse(predictions: predictions, targets: targets, mask: mask),
                       (2.0).squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(TaskMetrics.nrmse(predictions: targets, targets: targets, mask: mask), 0)
        let mean = Tensor<Double>(shape: [2, 2, 1], repeating: 2)
        XCTAssertEqual(TaskMetrics.nrmse(predictions: mean, targets: targets, mask: mask), 1, accuracy: 1e-12,
                       "predicting the mean scores exactly 1")
    }

    func testCrossEntropyMatchesAHandComputedSoftmax() {
        let logits = Tensor<Double>(shape: [1, 2, 2], values: [0, 1,  2, 2])
        let expected = (-log(exp(1.0) / (1 + exp(1.0))) + log(2.0)) / 2
        XCTAssertEqual(TaskMetrics.crossEntropy(logits: logits, targets: [1, 0]), expected, accuracy: 1e-12)
        XCTAssertEqual(TaskMetrics.crossEntropy(logits: logits, targets: [1, -1]),
                       -log(exp(1.0) / (1 + exp(1.0))), accuracy: 1e-12)
    }
}
