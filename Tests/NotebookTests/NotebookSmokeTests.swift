import Notebook
import XCTest

final class NotebookSmokeTests: XCTestCase {
    func testNotebookReexportsTheGrid() {
        XCTAssertEqual(Buffer(width: 3, height: 2).lines, ["   ", "   "])
    }
}
