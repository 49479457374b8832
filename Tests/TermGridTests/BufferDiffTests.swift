import TermGrid
import XCTest

final class BufferDiffTests: XCTestCase {
    /// (x, y, glyphs) of each run, for compact assertions.
    private func summary(_ runs: [BufferRun]) -> [String] {
        runs.map { run in "\(run.x),\(run.y):" + String(String.UnicodeScalarView(run.cells.map(\.glyph))) }
    }

    func testCellPacksGlyphAndStyleLosslessly() {
        let styles = [
            Style.plain,
            Style(foreground: .rgb(1, 2, 3), background: .indexed(200), attributes: [.bold, .reverse]),
            Style(foreground: .indexed(0), background: .rgb(255, 255, 255), attributes: [.dim, .italic, .underline]),
        ]
        for style in styles {
            for glyph: Unicode.Scalar in ["a", "⣿", "\u{10FFFF}", " "] {
                let cell = Cell(glyph, style: style)
                XCTAssertEqual(cell.glyph, glyph)
                XCTAssertEqual(cell.style, style)
            }
        }
        var cell = Cell("x", style: styles[1])
        cell.glyph = "y"
        XCTAssertEqual(cell.style, styles[1])
        cell.style.foreground = .red
        XCTAssertEqual(cell.glyph, "y")
        XCTAssertEqual(cell.style.attributes, [.bold, .reverse])
        XCTAssertNotEqual(Cell("a", style: Style(foreground: .indexed(1))), Cell("a", style: Style(foreground: .rgb(0, 0, 1))))
        XCTAssertEqual(MemoryLayout<Cell>.stride, 12, "cells must stay padding-free for memcmp")
    }

    func testIdenticalBuffersHaveNoChanges() {
        var a = Buffer(width: 10, height: 3)
        a.put("hello", x: 2, y: 1)
        let b = a
        XCTAssertEqual(a.changes(since: b), [])
        var c = Buffer(width: 10, height: 3)
        c.put("hello", x: 2, y: 1)
        XCTAssertEqual(c.changes(since: a), [])
        XCTAssertEqual(Buffer(width: 0, height: 0).changes(since: Buffer(width: 0, height: 0)), [])
    }

    func testReportsExactlyTheChangedCellsAsRuns() {
        let old = Buffer(width: 8, height: 3)
        var new = old
        new.put("ab", x: 0, y: 0)        // run at the row start
        new.put("c", x: 3, y: 0)         // separate run after a gap of one unchanged cell
        new.put("xyz", x: 5, y: 2)       // run that ends at the row end
        XCTAssertEqual(summary(new.changes(since: old)), ["0,0:ab", "3,0:c", "5,2:xyz"])
    }

    func testStyleOnlyChangeIsAChange() {
        let old = Buffer(width: 4, height: 1)
        var new = old
        new.setStyle(Rect(x: 1, y: 0, width: 2, height: 1), Style(background: .blue))
        let runs = new.changes(since: old)
        XCTAssertEqual(summary(runs), ["1,0:  "])
        XCTAssertEqual(runs.first?.cells.first?.style.background, .blue)
    }

    func testWritingTheSameContentIsNotAChange() {
        var old = Buffer(width: 6, height: 1)
        old.put("same", x: 0, y: 0)
        var new = old
        new.put("sAme", x: 0, y: 0)
        XCTAssertEqual(summary(new.changes(since: old)), ["1,0:A"])
    }

    func testSizeChangeMakesEveryRowARun() {
        var new = Buffer(width: 3, height: 2)
        new.put("abc", x: 0, y: 0)
        let runs = new.changes(since: Buffer(width: 4, height: 2))
        XCTAssertEqual(summary(runs), ["0,0:abc", "0,1:   "])
        XCTAssertEqual(new.changes(since: Buffer(width: 3, height: 5)).count, 2)
    }

    /// A large screen with a few scattered changes reports exactly those cells. (Its speed is
    /// measured by `rnnbook bench --ui`, not here.)
    func testScatteredChangesOnALargeScreen() {
        var a = Buffer(width: 200, height: 60)
        for y in 0..<60 { a.put(String(repeating: "⣿x", count: 100), x: 0, y: y, style: Style(foreground: .rgb(UInt8(y), 9, 9))) }
        var changed = a
        for y in stride(from: 0, to: 60, by: 2) { changed[(y * 7) % 200, y] = Cell("!") }
        let runs = changed.changes(since: a)
        XCTAssertEqual(runs.count, 30)
        XCTAssertTrue(runs.allSatisfy { $0.cells.count == 1 && $0.x == ($0.y * 7) % 200 })
        XCTAssertTrue(a.changes(since: a).isEmpty)
    }
}
