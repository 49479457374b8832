import CursesBackend
import XCTest

final class CursesBackendSmokeTests: XCTestCase {
    func testBackendReexportsTheGrid() {
        XCTAssertEqual(Rect(x: 0, y: 0, width: 2, height: 3).area, 6)
    }
}
