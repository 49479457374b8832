import TermGrid
import XCTest

final class NumberFormatTests: XCTestCase {
    func testCompactPicksSignificantDigits() {
        XCTAssertEqual(NumberFormat.compact(0.012345), "0.0123")
        XCTAssertEqual(NumberFormat.compact(12.345), "12.3")
        XCTAssertEqual(NumberFormat.compact(-2.5), "-2.5")
        XCTAssertEqual(NumberFormat.compact(1000), "1000")
        XCTAssertEqual(NumberFormat.compact(1.23e-5), "1.23e-05")
        XCTAssertEqual(NumberFormat.compact(-3.4e7, digits: 2), "-3.4e+07")
        XCTAssertEqual(NumberFormat.compact(0), "0")
        XCTAssertEqual(NumberFormat.compact(.nan), "nan")
        XCTAssertEqual(NumberFormat.compact(-.infinity), "-inf")
    }

    func testFixedPadsTheFraction() {
        XCTAssertEqual(NumberFormat.fixed(3.05, decimals: 2), "3.05")
        XCTAssertEqual(NumberFormat.fixed(2.0, decimals: 2, trimZeros: false), "2.00")
        XCTAssertEqual(NumberFormat.fixed(-0.001, decimals: 1), "0")
    }
}
