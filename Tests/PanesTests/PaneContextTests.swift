import Panes
import XCTest

final class PaneContextTests: XCTestCase {
    func testDefaultsToTheRichestTerminalUnfocused() {
        let c = PaneContext()
        XCTAssertEqual(c.capabilities.colorDepth, .truecolor)
        XCTAssertFalse(c.focused)
    }
}
