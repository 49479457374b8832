import _SnapshotTesting
import Panes
import TermGrid
import XCTest

final class HeatmapTests: XCTestCase {
    /// 4 rows × 6 columns, value = (column − 2.5) × (row + 1) / 10: negative left, positive right.
    let matrix: [[Float]] = (0..<4).map { r in (0..<6).map { c in (Float(c) - 2.5) * Float(r + 1) / 10 } }

    func testFullCellsCarryTheSignInColour() {
        var buffer = Buffer(width: 6, height: 4)
        let map = Heatmap(data: HeatmapData(rows: matrix), scale: .symmetric(fitting: matrix.joined()))
        let viewport = map.render(in: buffer.bounds, into: &buffer, context: Fixtures.asciiColor)
        XCTAssertEqual(viewport?.grid, buffer.bounds)
        Hue.assertCool(buffer[0, 3].style.background)
        Hue.assertWarm(buffer[5, 3].style.background)
        XCTAssertEqual(buffer[0, 0].glyph, " ")
    }

    func testHalfBlocksPackTwoRowsPerLine() {
        var buffer = Buffer(width: 6, height: 2)
        let map = Heatmap(data: HeatmapData(rows: matrix), scale: .diverging(limit: 0.25))
        map.render(in: buffer.bounds, into: &buffer, context: Fixtures.full)
        XCTAssertEqual(buffer.lines, ["▀▀▀▀▀▀", "▀▀▀▀▀▀"])
        // Row 2 is the top pixel of line 1, row 3 its bottom pixel.
        XCTAssertEqual(buffer[0, 1].style.foreground, ColorScale.diverging(limit: 0.25).color(matrix[2][0]))
        XCTAssertEqual(buffer[0, 1].style.background, ColorScale.diverging(limit: 0.25).color(matrix[3][0]))
    }

    func testTransposedDataShowsUnitsDownAndTimeAcross() {
        let trace: [[Float]] = [[1, 2, 3], [4, 5, 6]]  // [T=2][units=3]
        let data = HeatmapData(columns: trace)
        XCTAssertEqual(data.rows, 3)
        XCTAssertEqual(data.columns, 2)
        XCTAssertEqual(data.value(2, 1), 6)
        XCTAssertEqual(HeatmapData(columns: trace, columnLimit: 1).columns, 1)
    }

    func testCursorFooterAndLabels() {
        var buffer = Buffer(width: 20, height: 7)
        var map = Heatmap(data: HeatmapData(rows: matrix), scale: .diverging(limit: 1))
        map.rowLabels = .indices
        map.columnLabels = .tokens(["a", "b", "c", "d", "e", "f"])
        map.cursor = MatrixIndex(row: 2, column: 4)
        map.footer = { i, v in "r\(i.row) c\(i.column) = \(v)" }
        map.render(in: buffer.bounds, into: &buffer, context: Fixtures.asciiColor)
        assertSnapshot(snapshotText(buffer), named: "cursor")
        XCTAssertEqual(buffer.line(6).trimmingCharacters(in: .whitespaces), "r2 c4 = 0.45")
        XCTAssertEqual(buffer[2 + 4, 2].glyph, "+")
        XCTAssertTrue(buffer[2 + 4, 5].style.attributes.contains(.reverse), "the cursor's column label is highlighted")
    }

    func testScrollsToKeepTheCursorVisible() {
        let wide: [[Float]] = (0..<3).map { r in (0..<100).map { Float($0 + r) } }
        var buffer = Buffer(width: 10, height: 3)
        var map = Heatmap(data: HeatmapData(rows: wide), scale: .sequential(low: 0, high: 100))
        map.cursor = MatrixIndex(row: 0, column: 90)
        let viewport = map.render(in: buffer.bounds, into: &buffer, context: Fixtures.asciiMono)
        XCTAssertEqual(viewport?.origin.column, 81)
        XCTAssertEqual(viewport?.columns, 10)
        map.cursor = nil
        map.scroll = MatrixIndex(row: 0, column: 500)
        XCTAssertEqual(map.render(in: buffer.bounds, into: &buffer, context: Fixtures.asciiMono)?.origin.column, 90)
    }

    func testFittingKeepsTheStrongestEntryOfEachBlock() {
        var row = [Float](repeating: 0.1, count: 100)
        row[37] = -0.9
        var buffer = Buffer(width: 10, height: 1)
        var map = Heatmap(data: HeatmapData(rows: [row]), scale: .diverging(limit: 1))
        map.fitColumns = true
        let viewport = map.render(in: buffer.bounds, into: &buffer, context: Fixtures.asciiColor)
        XCTAssertEqual(viewport?.columnBlock, 10)
        Hue.assertCool(buffer[3, 0].style.background)
        XCTAssertEqual(buffer[3, 0].style.background, ColorScale.diverging(limit: 1).color(-0.9))
    }

    func testNonFiniteIsMarkedAndHolesStayBlank() {
        let ragged: [[Float]] = [[0.5, .nan, 0.2], [0.1]]
        var buffer = Buffer(width: 3, height: 2)
        Heatmap(data: HeatmapData(rows: ragged), scale: .diverging(limit: 1))
            .render(in: buffer.bounds, into: &buffer, context: Fixtures.asciiColor)
        XCTAssertEqual(buffer[1, 0].glyph, "!")
        XCTAssertEqual(buffer[1, 0].style.background, ColorMap.nonFinite)
        XCTAssertEqual(buffer[1, 1], .blank)
        var mono = Buffer(width: 3, height: 2)
        Heatmap(data: HeatmapData(rows: ragged), scale: .diverging(limit: 1))
            .render(in: mono.bounds, into: &mono, context: Fixtures.asciiMono)
        XCTAssertEqual(mono.lines, ["+!.", ".  "])
    }

    func testHighlightedRowIsUnderlinedAndMarked() {
        var buffer = Buffer(width: 12, height: 4)
        var map = Heatmap(data: HeatmapData(rows: matrix), scale: .diverging(limit: 1))
        map.rowLabels = .tokens(["w", "x", "y", "z"])
        map.highlightRow = 1
        map.render(in: buffer.bounds, into: &buffer, context: Fixtures.full)
        XCTAssertTrue(buffer[3, 1].style.attributes.contains(.underline))
        XCTAssertFalse(buffer[3, 0].style.attributes.contains(.underline))
        XCTAssertEqual(buffer[1, 1].glyph, "▶")
    }

    func testNeverDrawsOutsideItsArea() {
        for w in 0..<8 {
            for h in 0..<6 {
                var buffer = Buffer(width: 12, height: 10)
                let area = Rect(x: 2, y: 2, width: w, height: h)
                var map = Heatmap(data: HeatmapData(rows: matrix), scale: .diverging(limit: 1))
                map.rowLabels = .indices; map.columnLabels = .indices
                map.cursor = MatrixIndex(row: 9, column: 9); map.highlightRow = 2
                map.footer = { _, _ in "a long footer line that overflows" }
                map.render(in: area, into: &buffer, context: Fixtures.full)
                for y in 0..<10 { for x in 0..<12 where !area.contains(x: x, y: y) {
                    XCTAssertEqual(buffer[x, y], .blank, "drew at (\(x),\(y)) for \(w)×\(h)")
                } }
            }
        }
    }
}
