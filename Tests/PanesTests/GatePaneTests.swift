import _SnapshotTesting
import Panes
import RNNCore
import TermGrid
import XCTest

final class GatePaneTests: XCTestCase {
    func render(_ s: ProbeSnapshot?, state: GatePane.ViewState = .init(cursor: MatrixIndex(row: 1, column: 2)),
                width: Int, height: Int, context: PaneContext = Fixtures.full) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        GatePane.render(s, state: state, in: buffer.bounds, into: &buffer, context: context)
        return buffer
    }

    func testLSTM() {
        let b = render(Fixtures.lstm(), width: 70, height: 16)
        assertSnapshot(snapshotText(b), named: "lstm")
        XCTAssertTrue(b.line(0).hasPrefix("layer 1 → of 1 · LSTM"))
        XCTAssertEqual(b.line(15).trimmingCharacters(in: .whitespaces), "unit 1, t=2: i 0 f 0.987 g -0.4 o 1 c 0")
        for name in ["i input", "f forget", "g cand.", "o output", "c cell"] { XCTAssertNotNil(b.find(name), name) }
    }

    func testGateColoursFollowTheValue() {
        let b = render(Fixtures.lstm(), state: .init(), width: 70, height: 16, context: Fixtures.unfocused)
        // Input gate, top line: units 0 (fg) and 1 (bg) at t = 0 and t = 1; values (u*5 + t*3) % 11 / 10.
        let x0 = 9, x1 = 12
        let dim = b[x0, 1].style.foreground     // unit 0, t 0: 0.0
        let bright = b[x1, 1].style.background  // unit 1, t 1: 0.8
        XCTAssertGreaterThan(Hue.brightness(bright), Hue.brightness(dim) + 200)
        // The cell state is diverging: its panel has both warm and cool cells.
        guard let c = b.find("c cell") else { return XCTFail() }
        let colours = (9..<39).map { b[$0, c.y].style.background } + (9..<39).map { b[$0, c.y + 1].style.background }
        let rgb = colours.compactMap { c -> (Int, Int)? in
            if case .rgb(let r, _, let bl) = c { return (Int(r), Int(bl)) } else { return nil }
        }
        XCTAssertTrue(rgb.contains { $0.0 > $0.1 + 40 }, "no warm cell")
        XCTAssertTrue(rgb.contains { $0.1 > $0.0 + 40 }, "no cool cell")
    }

    func testGRU() {
        let b = render(Fixtures.gru(), width: 70, height: 12)
        assertSnapshot(snapshotText(b), named: "gru")
        XCTAssertTrue(b.line(0).hasPrefix("layer 1 → of 1 · GRU"))
        for name in ["r reset", "z update", "n new"] { XCTAssertNotNil(b.find(name), name) }
    }

    func testTinySize() {
        assertSnapshot(snapshotText(render(Fixtures.lstm(), width: 8, height: 3)), named: "tiny")
    }

    func testAsciiMono() {
        let b = render(Fixtures.lstm(), width: 40, height: 16, context: Fixtures.asciiMono)
        assertSnapshot(snapshotText(b), named: "ascii-mono")
        XCTAssertTrue(b.lines.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) })
    }

    func testClampKeepsTheCursorOnTheGates() {
        let s = GatePane.clamped(.init(layer: 3, direction: 1, cursor: MatrixIndex(row: 40, column: -2)), to: Fixtures.lstm())
        XCTAssertEqual(s, GatePane.ViewState(layer: 0, direction: 0, cursor: MatrixIndex(row: 3, column: 0)))
    }

    func testCellsWithoutGatesSaySo() {
        XCTAssertTrue(render(Fixtures.elman(), width: 70, height: 5).line(0).hasPrefix("this cell has no gates"))
        XCTAssertTrue(render(nil, width: 70, height: 5).line(0).hasPrefix("no gates yet"))
    }
}
