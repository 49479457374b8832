import Panes
import TermGrid
import XCTest

final class PaneChromeTests: XCTestCase {
    func testFrameWithTitleAndInnerArea() {
        var buffer = Buffer(width: 12, height: 4)
        let inner = PaneChrome.draw(title: "loss", in: buffer.bounds, into: &buffer, context: PaneContext())
        XCTAssertEqual(inner, Rect(x: 1, y: 1, width: 10, height: 2))
        XCTAssertEqual(buffer.lines, ["╭─ loss ───╮", "│          │", "│          │", "╰──────────╯"])
    }

    func testAsciiFallbackAndFocusStyle() {
        var buffer = Buffer(width: 5, height: 3)
        let context = PaneContext(capabilities: Capabilities(colorDepth: .mono, glyphs: .ascii), focused: true)
        PaneChrome.draw(title: "", in: buffer.bounds, into: &buffer, context: context)
        XCTAssertEqual(buffer.lines, ["+---+", "|   |", "+---+"])
        XCTAssertTrue(buffer[0, 0].style.attributes.contains(.bold))
    }

    func testTooSmallForAFrameKeepsTheArea() {
        var buffer = Buffer(width: 2, height: 2)
        XCTAssertEqual(PaneChrome.draw(title: "x", in: buffer.bounds, into: &buffer, context: PaneContext()), buffer.bounds)
        XCTAssertEqual(buffer.lines, ["  ", "  "])
    }
}
