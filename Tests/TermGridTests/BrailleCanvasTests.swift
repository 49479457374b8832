import TermGrid
import XCTest

final class BrailleCanvasTests: XCTestCase {
    func testDotsMapToBrailleBits() {
        var canvas = BrailleCanvas(columns: 2, rows: 1)
        canvas.set(x: 0, y: 0)  // dot 1
        canvas.set(x: 1, y: 3)  // dot 8
        canvas.set(x: 2, y: 1)  // second cell, dot 2
        XCTAssertEqual(canvas.glyph(column: 0, row: 0), Unicode.Scalar(0x2800 + 0x01 + 0x80))
        XCTAssertEqual(canvas.glyph(column: 1, row: 0), Unicode.Scalar(0x2800 + 0x02))
    }

    func testLineTouchesBothEndsAndOnlyDrawnCellsAreWritten() {
        var canvas = BrailleCanvas(columns: 3, rows: 2)
        canvas.line(x0: 0, y0: 7, x1: 5, y1: 0)
        XCTAssertTrue(canvas.isSet(x: 0, y: 7))
        XCTAssertTrue(canvas.isSet(x: 5, y: 0))
        var buffer = Buffer(width: 3, height: 2, fill: Cell("x"))
        BrailleCanvas(columns: 3, rows: 2).draw(into: &buffer, x: 0, y: 0, style: .plain)
        XCTAssertEqual(buffer.lines, ["xxx", "xxx"])
        canvas.draw(into: &buffer, x: 0, y: 0, style: .plain)
        // The diagonal never enters the top-left and bottom-right cells, so they keep their "x".
        XCTAssertEqual(buffer[0, 0].glyph, "x")
        XCTAssertEqual(buffer[2, 1].glyph, "x")
        for (x, y) in [(1, 0), (2, 0), (0, 1), (1, 1)] {
            XCTAssertTrue((0x2801...0x28FF).contains(buffer[x, y].glyph.value), "cell \(x),\(y)")
        }
    }

    func testPutClipsAndReplacesWideCharacters() {
        var buffer = Buffer(width: 4, height: 1)
        let end = buffer.put("a漢bcdef", x: 1, y: 0)
        XCTAssertEqual(buffer.lines, [" a?b"])
        XCTAssertEqual(end, 4)
    }
}
