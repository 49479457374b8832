@testable import CursesBackend
import XCTest

/// Records what the painter would send to ncurses.
private struct RecordingSink: CellSink {
    struct Write: Equatable { var x: Int, y: Int, glyph: Unicode.Scalar, attributes: AttributeBits, pair: Int32 }
    var clears = 0
    var pairs: [Int32: (Int32, Int32)] = [:]
    var writes: [Write] = []

    mutating func clearAll() { clears += 1 }
    mutating func definePair(_ pair: Int32, foreground: Int32, background: Int32) { pairs[pair] = (foreground, background) }
    mutating func put(x: Int, y: Int, glyph: Unicode.Scalar, attributes: AttributeBits, pair: Int32) {
        writes.append(Write(x: x, y: y, glyph: glyph, attributes: attributes, pair: pair))
    }
}

final class CellPainterTests: XCTestCase {
    private func painter(_ palette: Palette = .indexed256, utf8: Bool = true) -> CellPainter {
        CellPainter(palette: palette, pairCapacity: 64, utf8: utf8)
    }

    func testFirstPaintClearsAndWritesEveryCell() {
        var p = painter(), sink = RecordingSink()
        var b = Buffer(width: 4, height: 3)
        b.put("hi", x: 0, y: 0)
        p.paint(b, width: 4, height: 3, into: &sink)
        XCTAssertEqual(sink.clears, 1)
        XCTAssertEqual(sink.writes.count, 12)
        XCTAssertEqual(sink.writes.first, .init(x: 0, y: 0, glyph: "h", attributes: 0, pair: 0))
    }

    func testLaterPaintsWriteOnlyChangedCells() {
        var p = painter(), sink = RecordingSink()
        var b = Buffer(width: 10, height: 5)
        p.paint(b, width: 10, height: 5, into: &sink)
        sink.writes.removeAll()
        b[3, 2] = Cell("⣿")
        b[9, 4] = Cell("x", style: Style(attributes: .bold))
        p.paint(b, width: 10, height: 5, into: &sink)
        XCTAssertEqual(sink.clears, 1)
        XCTAssertEqual(sink.writes.map { [$0.x, $0.y] }, [[3, 2], [9, 4]])
        XCTAssertEqual(sink.writes[0].glyph, "⣿")
        XCTAssertEqual(sink.writes[1].attributes, CellPainter.bold)
        XCTAssertEqual(p.lastWriteCount, 2)
        sink.writes.removeAll()
        p.paint(b, width: 10, height: 5, into: &sink)
        XCTAssertTrue(sink.writes.isEmpty, "nothing changed, nothing written")
    }

    func testInvalidateAndSizeChangeRepaintEverything() {
        var p = painter(), sink = RecordingSink()
        let b = Buffer(width: 3, height: 2)
        p.paint(b, width: 3, height: 2, into: &sink)
        p.invalidate()
        p.paint(b, width: 3, height: 2, into: &sink)
        XCTAssertEqual(sink.clears, 2)
        XCTAssertEqual(sink.writes.count, 12)
        p.paint(Buffer(width: 4, height: 2), width: 4, height: 2, into: &sink)
        XCTAssertEqual(sink.clears, 3)
        XCTAssertEqual(sink.writes.count, 20)
    }

    func testColoursAreFoldedAndPairsDefinedOncePerStyle() {
        var p = painter(), sink = RecordingSink()
        var b = Buffer(width: 4, height: 1)
        let sky = Style(foreground: .rgb(0, 175, 255), background: .black)
        b[0, 0] = Cell("a", style: sky); b[1, 0] = Cell("b", style: sky)
        b[2, 0] = Cell("c", style: Style(foreground: .red))
        p.paint(b, width: 4, height: 1, into: &sink)
        XCTAssertEqual(sink.pairs.count, 2)
        let skyPair = sink.writes[0].pair
        XCTAssertEqual(sink.writes[1].pair, skyPair)
        XCTAssertEqual(sink.pairs[skyPair]?.0, 39)
        XCTAssertEqual(sink.pairs[skyPair]?.1, 0)
        XCTAssertEqual(sink.pairs[sink.writes[2].pair]?.0, 1)
        XCTAssertEqual(sink.pairs[sink.writes[2].pair]?.1, -1)
        XCTAssertEqual(sink.writes[3].pair, 0)
    }

    func testMonoUsesNoPairsButKeepsAttributes() {
        var p = painter(.none), sink = RecordingSink()
        var b = Buffer(width: 2, height: 1)
        b[0, 0] = Cell("a", style: Style(foreground: .red, attributes: [.reverse, .underline]))
        p.paint(b, width: 2, height: 1, into: &sink)
        XCTAssertTrue(sink.pairs.isEmpty)
        XCTAssertEqual(sink.writes[0].pair, 0)
        XCTAssertEqual(sink.writes[0].attributes, CellPainter.reverse | CellPainter.underline)
    }

    func testPaletteChangeRepaintsWithNewColours() {
        var p = painter(), sink = RecordingSink()
        var b = Buffer(width: 1, height: 1)
        b[0, 0] = Cell("a", style: Style(foreground: .rgb(255, 0, 0)))
        p.paint(b, width: 1, height: 1, into: &sink)
        XCTAssertEqual(sink.pairs[sink.writes[0].pair]?.0, 196)
        p.setPalette(.basic(count: 16))
        p.paint(b, width: 1, height: 1, into: &sink)
        XCTAssertEqual(sink.clears, 2)
        XCTAssertEqual(sink.pairs[sink.writes[1].pair]?.0, 9)
    }

    func testCellsOutsideTheScreenAreDroppedAndNonASCIIWithoutUTF8IsReplaced() {
        var p = painter(utf8: false), sink = RecordingSink()
        var b = Buffer(width: 5, height: 5)
        b[0, 0] = Cell("⠿")
        p.paint(b, width: 2, height: 1, into: &sink)
        XCTAssertEqual(sink.writes.count, 2)
        XCTAssertEqual(sink.writes[0].glyph, "?")
    }

    func testLaterPaintsClipChangedRunsToTheScreen() {
        var p = painter(), sink = RecordingSink()
        var b = Buffer(width: 6, height: 3)
        p.paint(b, width: 4, height: 2, into: &sink)
        XCTAssertEqual(sink.writes.count, 8)
        sink.writes.removeAll()
        b.put("abcdef", x: 0, y: 1)
        b.put("zz", x: 4, y: 0)
        b.put("hidden", x: 0, y: 2)
        p.paint(b, width: 4, height: 2, into: &sink)
        XCTAssertEqual(sink.writes.map { String($0.glyph) }.joined(), "abcd", "row 1 up to the screen's edge, nothing else")
        XCTAssertEqual(sink.writes.map(\.x), [0, 1, 2, 3])
        XCTAssertEqual(p.lastWriteCount, 4)
    }

    func testAttributeBitsAreDistinct() {
        let all: [AttributeBits] = [CellPainter.bold, CellPainter.dim, CellPainter.italic, CellPainter.underline, CellPainter.reverse]
        XCTAssertEqual(Set(all).count, 5)
        XCTAssertFalse(all.contains(0))
        XCTAssertEqual(CellPainter.attributes([]), 0)
        XCTAssertEqual(CellPainter.attributes([.bold, .italic]), CellPainter.bold | CellPainter.italic)
    }
}
