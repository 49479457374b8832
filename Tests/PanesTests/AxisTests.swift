import Foundation
@testable import Panes
import TermGrid
import XCTest

final class AxisTests: XCTestCase {
    func testLog10IsAccurateAcrossMagnitudes() {
        for x in [1e-300, 3.7e-12, 0.001, 0.5, 1, 2, 9.99, 10, 12345.678, 1e300] {
            XCTAssertEqual(Axis.log10(x), Foundation.log10(x), accuracy: 1e-8, "\(x)")
        }
        XCTAssertEqual(ColorMap.log10(Float(0.002)), Float(Foundation.log10(0.002)), accuracy: 1e-4)
    }

    func testLog10FloorIsExactAtPowersOfTen() {
        XCTAssertEqual((1e-3).log10Floor, -3)
        XCTAssertEqual((9.99e-4).log10Floor, -4)
        XCTAssertEqual((1000.0).log10Floor, 3)
        XCTAssertEqual((1e22).log10Floor, 22)
    }

    func testLogAxisSpansWholeDecadesAndIgnoresZerosAndNonFinite() {
        let axis = Axis.fitting([0, 3e-5, .nan, 0.2, .infinity, -1], kind: .log10)
        XCTAssertEqual(axis.low, -5)
        XCTAssertEqual(axis.high, 0)
        XCTAssertEqual(axis.position(0), 0, "zero sits on the floor")
        XCTAssertNil(axis.position(.nan))
        XCTAssertEqual(axis.position(1e-2)!, 0.6, accuracy: 1e-9)
        XCTAssertEqual(axis.ticks(maxCount: 10).map(\.label), ["1e-5", "1e-4", "1e-3", "0.01", "0.1", "1"])
        XCTAssertEqual(axis.ticks(maxCount: 3).map(\.label), ["1e-5", "1e-3", "0.1"])
        XCTAssertEqual(Axis.fitting([1.0, 1.0], kind: .log10).high, 1, "a single value still gets a decade")
        XCTAssertEqual(Axis.fitting([Double](), kind: .log10), Axis(kind: .log10, low: -1, high: 0))
    }

    func testLinearTicksAreRound() {
        let axis = Axis.fitting([0.13, 2.61], kind: .linear)
        XCTAssertEqual(axis.ticks(maxCount: 5).map(\.label), ["0.5", "1", "1.5", "2", "2.5"])
        XCTAssertEqual(Axis.fitting([-0.3, 0.3], kind: .linear).ticks(maxCount: 3).map(\.label), ["-0.2", "0", "0.2"])
        let flat = Axis.fitting([4, 4], kind: .linear)
        XCTAssertLessThan(flat.low, 4)
        XCTAssertGreaterThan(flat.high, 4)
    }
}
