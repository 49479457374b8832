import _SnapshotTesting
import Panes
import RNNCore
import TermGrid
import XCTest

final class HiddenStatePaneTests: XCTestCase {
    func render(_ s: ProbeSnapshot?, tokens: [String]? = Fixtures.tokens, state: HiddenStatePane.ViewState = .init(),
                width: Int, height: Int, context: PaneContext = Fixtures.full) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        HiddenStatePane.render(s, tokens: tokens, state: state, in: buffer.bounds, into: &buffer, context: context)
        return buffer
    }

    let cursorAt3x7 = HiddenStatePane.ViewState(cursor: MatrixIndex(row: 3, column: 7))

    func testNormalSize() {
        let b = render(Fixtures.elman(layers: 2), state: cursorAt3x7, width: 60, height: 10)
        assertSnapshot(snapshotText(b), named: "normal")
        XCTAssertEqual(b.line(9).trimmingCharacters(in: .whitespaces), "unit 3, t=7 ('q'): -0.412")
        XCTAssertTrue(b.line(0).hasPrefix("layer 1 → of 2 · 6 units × 12 steps"))
        // Grid starts at (2, 1), three columns per step: unit 0 is −1 at t=0 and 0.75 at t=2.
        Hue.assertCool(b[2, 1].style.background)
        Hue.assertWarm(b[2 + 6, 1].style.background)
        // The focused cursor sits on unit 3, t=7.
        XCTAssertEqual(b[2 + 21, 1 + 3].glyph, "+")
    }

    func testManyUnitsUseHalfBlocksAndScrollToTheCursor() {
        let state = HiddenStatePane.ViewState(cursor: MatrixIndex(row: 50, column: 2))
        let b = render(Fixtures.elman(units: 64), state: state, width: 50, height: 12)
        assertSnapshot(snapshotText(b), named: "halfblocks")
        XCTAssertTrue(b.line(10).hasPrefix("unit 50, t=2 ('l'): -0.875"))
        XCTAssertTrue(b.line(11).hasPrefix("-1 "), "the legend moves to the bottom when the header is full")
        XCTAssertNotNil(b.find("50 "), "the cursor's unit is labelled")
    }

    func testTinySize() {
        let b = render(Fixtures.elman(), state: cursorAt3x7, width: 8, height: 3)
        assertSnapshot(snapshotText(b), named: "tiny")
    }

    func testAsciiMono() {
        let b = render(Fixtures.elman(bidirectional: true), state: .init(direction: 1, cursor: MatrixIndex(row: 3, column: 7)),
                       width: 60, height: 10, context: Fixtures.asciiMono)
        assertSnapshot(snapshotText(b), named: "ascii-mono")
        XCTAssertTrue(b.line(0).hasPrefix("layer 1 <- of 1 - 6 units x 12 steps"))
        XCTAssertTrue(b.lines.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) }, "ASCII terminals get ASCII only")
    }

    func testLayerAndDirectionClamp() {
        let snap = Fixtures.elman(layers: 2)
        let b = render(snap, state: .init(layer: 7, direction: 1), width: 60, height: 10)
        XCTAssertTrue(b.line(0).hasPrefix("layer 2 → of 2"))
        let clamped = HiddenStatePane.clamped(.init(layer: -3, direction: 4, cursor: MatrixIndex(row: 99, column: 99)), to: snap)
        XCTAssertEqual(clamped.layer, 0)
        XCTAssertEqual(clamped.direction, 0)
        XCTAssertEqual(clamped.cursor, MatrixIndex(row: 5, column: 11))
    }

    func testFixedLimitSaturates() {
        let b = render(Fixtures.elman(), state: .init(limit: 0.5), width: 60, height: 10, context: Fixtures.unfocused)
        XCTAssertEqual(b[2, 1].style.background, ColorScale.diverging(limit: 1).color(-1))
        XCTAssertNotNil(b.find("-0.5"))
    }

    func testMessagesWithoutData() {
        XCTAssertTrue(render(nil, width: 30, height: 3).line(0).hasPrefix("no hidden states yet"))
        XCTAssertTrue(render(ProbeSnapshot(step: 0, loss: 0), width: 30, height: 3).line(0).hasPrefix("no hidden states yet"))
    }
}
