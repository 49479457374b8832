import _SnapshotTesting
import Panes
import RNNCore
import TermGrid
import XCTest

final class GradientNormPaneTests: XCTestCase {
    /// 20 steps of history; every 7th clipped, step 150 with a NaN.
    var history: GradientHistory {
        var h = GradientHistory(capacity: 50)
        for k in 0..<20 {
            var s = Fixtures.elman()
            s.step = k * 10
            s.clipped = k % 7 == 3
            s.gradHNorms = s.gradHNorms.map { $0 * Double(k + 1) }
            if k == 15 { s.gradHNorms[2] = .nan }
            h.record(s)
        }
        return h
    }

    var clippedSnapshot: ProbeSnapshot {
        var s = Fixtures.elman()
        s.clipped = true; s.gradNorm = 12.3; s.gradNormAfterClip = 5
        return s
    }

    func render(_ s: ProbeSnapshot?, history: GradientHistory = GradientHistory(), state: GradientNormPane.ViewState = .init(cursor: 4),
                width: Int, height: Int, context: PaneContext = Fixtures.full) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        GradientNormPane.render(s, history: history, state: state, in: buffer.bounds, into: &buffer, context: context)
        return buffer
    }

    func testWideShowsHistoryBeside() {
        let b = render(clippedSnapshot, history: history, width: 80, height: 14)
        assertSnapshot(snapshotText(b), named: "wide")
        XCTAssertTrue(b.line(0).hasPrefix("‖∂L/∂h_t‖  t=4: 3.16e-04"))
        guard let clip = b.find(" clip 12→5 ") else { return XCTFail("no clip tag") }
        XCTAssertEqual(b[clip.x + 1, clip.y].style, Style(foreground: .rgb(255, 255, 255), background: .rgb(170, 30, 30), attributes: .bold))
        XCTAssertNotNil(b.find("history steps 90–190"))
    }

    func testNarrowShowsHistoryBelowWithFlags() {
        let b = render(clippedSnapshot, history: history, width: 50, height: 24)
        assertSnapshot(snapshotText(b), named: "narrow")
        // Rows of steps 110…190: 150 has a NaN (!), 100 and 170 were clipped (c; 170 is k=17 → 17 % 7 = 3).
        guard let title = b.find("history steps 110–190") else { return XCTFail("no history title") }
        XCTAssertEqual(b[0, title.y + 1 + 4].glyph, "!")
        XCTAssertEqual(b[0, title.y + 1 + 6].glyph, "c")
        // Newer steps have larger norms: the bottom row is brighter than the top one at t = 11.
        let top = b[1 + 22, title.y + 1].style.background, bottom = b[1 + 22, title.y + 9].style.background
        XCTAssertGreaterThan(Hue.brightness(bottom), Hue.brightness(top))
    }

    func testTinySize() {
        assertSnapshot(snapshotText(render(clippedSnapshot, history: history, width: 8, height: 3)), named: "tiny")
    }

    func testAsciiMono() {
        let b = render(clippedSnapshot, history: history, width: 50, height: 24, context: Fixtures.asciiMono)
        assertSnapshot(snapshotText(b), named: "ascii-mono")
        XCTAssertTrue(b.lines.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) })
        XCTAssertTrue(b.line(0).contains("clip 12->5"))
    }

    func testZerosAndNonFiniteDoNotBreakTheLogAxis() {
        var s = Fixtures.elman()
        s.gradHNorms = [0, 0, 1e-30, .nan, 1e-3, .infinity, 0.5, 2, 0, 1, 1, 1]
        let b = render(s, width: 60, height: 12)
        assertSnapshot(snapshotText(b), named: "nonfinite")
        guard let tag = b.find(" NaN at t=3 +1 ") else { return XCTFail("no NaN tag in \(b.line(0))") }
        XCTAssertEqual(b[tag.x + 1, tag.y].style.background, .rgb(150, 0, 150))
        XCTAssertEqual(b.lines.dropFirst().filter { $0.contains("!") }.count, 1, "both non-finite steps are marked on the top row")

        var allZero = Fixtures.elman()
        allZero.gradHNorms = Array(repeating: 0, count: 12)
        _ = render(allZero, width: 60, height: 12)
        var allNaN = Fixtures.elman()
        allNaN.gradHNorms = Array(repeating: .nan, count: 12)
        XCTAssertNotNil(render(allNaN, width: 60, height: 12).find("NaN at t=0 +11"))
    }

    func testSnapshotWideNonFiniteIsTagged() {
        var s = Fixtures.elman()
        s.nonFinite = true; s.nonFiniteWhere = "rnn.weight_hh_l0.grad"
        XCTAssertNotNil(render(s, width: 70, height: 6).find("NaN/Inf in rnn.weight_hh_l0.grad"))
    }

    func testCursorColumnIsShadedWhenFocused() {
        let b = render(Fixtures.elman(), state: .init(cursor: 11), width: 40, height: 8)
        let shaded = (0..<40).filter { b[$0, 3].style.background == .rgb(55, 55, 70) }
        XCTAssertEqual(shaded.count, 1)
        XCTAssertEqual(shaded.first, 39, "t = 11 is the last step, at the right edge")
        let unfocused = render(Fixtures.elman(), state: .init(cursor: 11), width: 40, height: 8, context: Fixtures.unfocused)
        XCTAssertTrue((0..<40).allSatisfy { unfocused[$0, 3].style.background == .terminalDefault })
    }

    func testPerLayerSeriesCombinesDirections() {
        let s = Fixtures.elman(layers: 2, bidirectional: true)
        let series = GradientNormPane.series(s, layer: 0)
        XCTAssertEqual(series.count, 12)
        XCTAssertEqual(series[11], (2.0).squareRoot(), accuracy: 1e-12)
    }

    func testHistoryKeepsItsCapacity() {
        var h = GradientHistory(capacity: 3)
        for k in 0..<5 { var s = Fixtures.elman(); s.step = k; h.record(s) }
        XCTAssertEqual(h.steps, [2, 3, 4])
        XCTAssertEqual(h.norms.count, 3)
        let given = GradientHistory(norms: [[1], [2]], clipped: [true])
        XCTAssertEqual(given.clipped, [true, false])
        XCTAssertEqual(given.steps, [0, 1])
    }

    func testNoSnapshotMessage() {
        XCTAssertTrue(render(nil, width: 30, height: 3).line(0).hasPrefix("no gradients yet"))
    }
}
