import XCTest
@testable import RNNCore

final class ClippingTests: XCTestCase {
    /// Two parameters whose gradients together form the vector (3, 0, 4, 0, 0) ⊕ (0, 12): norm 13.
    private func gradients(_ values: [[Double]]) -> [Parameter<Double>] {
        values.enumerated().map { k, g in
            let p = Parameter<Double>("p\(k)", shape: [g.count])
            for i in g.indices { p.grad[i] = g[i] }
            return p
        }
    }

    private func flatGrads(_ ps: [Parameter<Double>]) -> [Double] { ps.flatMap { $0.grad.array } }

    private func cosine(_ a: [Double], _ b: [Double]) -> Double {
        var ab = 0.0, aa = 0.0, bb = 0.0
        for i in a.indices { ab += a[i] * b[i]; aa += a[i] * a[i]; bb += b[i] * b[i] }
        return ab / (aa * bb).squareRoot()
    }

    func testNormClippingKeepsDirection() {
        let ps = gradients([[3, 0, 4, 0, 0], [0, 12]])
        let before = flatGrads(ps)
        let event = clipGradNorm(ps, maxNorm: 1)
        XCTAssertEqual(event.kind, .norm)
        XCTAssertEqual(event.normBefore, 13, accuracy: 1e-12)
        XCTAssertEqual(event.normAfter, 13 / (13 + 1e-6), accuracy: 1e-12, "PyTorch's 1e-6 in the denominator")
        XCTAssertTrue(event.clipped)
        XCTAssertEqual(event.clippedFraction, 1)
        XCTAssertEqual(cosine(before, flatGrads(ps)), 1, accuracy: 1e-12)
        XCTAssertEqual(ps[1].grad[1], 12 / (13 + 1e-6), accuracy: 1e-12)
    }

    func testNormBelowLimitLeavesGradientsUntouched() {
        let ps = gradients([[3, 4]])
        let event = clipGradNorm(ps, maxNorm: 5.5)
        XCTAssertFalse(event.clipped)
        XCTAssertEqual(ps[0].grad.array, [3, 4])
        XCTAssertEqual(event.normAfter, 5)
    }

    func testFrozenParametersDoNotCountTowardTheNorm() {
        let ps = gradients([[3, 4], [100]])
        ps[1].frozen = true
        XCTAssertEqual(globalGradNorm(ps), 5, accuracy: 1e-12)
        clipGradNorm(ps, maxNorm: 1)
        XCTAssertEqual(ps[1].grad[0], 100)
    }

    func testValueClippingReportsFractionAndChangesDirection() {
        let ps = gradients([[10, -0.5], [-7, 2]])
        let before = flatGrads(ps)
        let event = clipGradValue(ps, limit: 5)
        XCTAssertEqual(flatGrads(ps), [5, -0.5, -5, 2])
        XCTAssertEqual(event.kind, .value)
        XCTAssertTrue(event.clipped)
        XCTAssertEqual(event.clippedFraction, 0.5)
        XCTAssertEqual(event.normBefore, (100 + 0.25 + 49 + 4).squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(event.normAfter, (25 + 0.25 + 25 + 4).squareRoot(), accuracy: 1e-12)
        XCTAssertLessThan(cosine(before, flatGrads(ps)), 0.999)
    }

    func testValueClippingWithinLimitReportsNothing() {
        let ps = gradients([[1, -2]])
        let event = clipGradValue(ps, limit: 5)
        XCTAssertFalse(event.clipped)
        XCTAssertEqual(event.clippedFraction, 0)
        XCTAssertEqual(event.normBefore, event.normAfter)
    }
}
