import XCTest
@testable import Notebook
import RNNCore

/// The measuring helpers of the training-and-deployment and reservoir claims, on small inputs.
final class DeploymentClaimHelpersTests: XCTestCase {
    func testMemoryCapacityOfASmallReservoirIsPositiveAndBelowItsSize() throws {
        let mc = try MemoryCapacityClaim.memoryCapacity(units: 5, radius: 0.9, seed: 3)
        XCTAssertGreaterThan(mc, 1)
        XCTAssertLessThan(mc, 5)
    }

    func testSquaredCorrelationIsOneForAffineCopiesAndZeroForOrthogonalColumns() {
        let a = Tensor<Double>(shape: [4, 2], values: [1, 1, 2, -1, 3, -1, 4, 1])
        let b = Tensor<Double>(shape: [4, 2], values: [3, 5, 5, 5, 7, 5, 9, 5])
        XCTAssertEqual(MemoryCapacityClaim.squaredCorrelation(a, b, column: 0, width: 2), 1, accuracy: 1e-12)
        XCTAssertEqual(MemoryCapacityClaim.squaredCorrelation(a, b, column: 1, width: 2), 0)
        let c = Tensor<Double>(shape: [4, 2], values: [1, 0, 2, 0, 3, 0, 4, 0])
        XCTAssertEqual(MemoryCapacityClaim.squaredCorrelation(a, c, column: 1, width: 2), 0, accuracy: 1e-12)
    }

    func testLogLogSlopeRecoversAPowerLaw() {
        let x = [1.0, 2, 4, 8].map { Foundation.log($0) }
        XCTAssertEqual(RNNvsTransformerCostClaim.slope(x: x, y: x.map { 2 * $0 + 0.3 }), 2, accuracy: 1e-12)
    }
}
