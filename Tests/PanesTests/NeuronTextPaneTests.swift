import _SnapshotTesting
import Foundation
import Panes
import RNNCore
import TermGrid
import XCTest

final class NeuronTextPaneTests: XCTestCase {
    private typealias F = TextPanesFixtures

    /// A "quote detector": positive inside quotes, negative outside.
    private let text = "He said \"hi there\"\tand left.\nNext line\u{7} ok"
    private var activations: [Float] {
        var inside = false
        return text.unicodeScalars.map { s -> Float in
            if s == "\"" { inside.toggle(); return 0 }
            return inside ? 0.9 : -0.7
        }
    }

    private func render(width: Int, height: Int, state: NeuronTextPane.ViewState = .init(unit: 17),
                        context: PaneContext = TextPanesFixtures.full) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        NeuronTextPane.render(text: text, activations: activations, state: state, in: buffer.bounds, into: &buffer, context: context)
        return buffer
    }

    func testNormalSize() {
        assertSnapshot(snapshotText(render(width: 40, height: 5)), named: "normal")
    }

    func testWrapsTabsNewlinesAndNonPrintables() {
        XCTAssertEqual(render(width: 16, height: 6).lines, [
            "unit 17  −1 0 +1",
            "He said \"hi ther",
            "e\"  and left.   ",
            "Next line· ok   ",
            "                ",
            "                ",
        ])
        XCTAssertEqual(NeuronTextPane.rowCount(text: text, width: 16), 3)
        XCTAssertEqual(NeuronTextPane.row(of: 30, text: text, width: 16), 2)
    }

    func testAsciiMonoAndTiny() {
        let mono = render(width: 30, height: 4, state: .init(unit: 3, cursor: 10), context: F.ascii)
        assertSnapshot(snapshotText(mono), named: "ascii-mono")
        assertSnapshot(snapshotText(render(width: 6, height: 2)), named: "tiny")
    }

    func testColoursFollowTheSign() {
        let buffer = render(width: 40, height: 3)
        // Row 1 holds the text: 'H' (−0.7) is blue, 'h' of "hi" (+0.9) is red.
        guard case let .rgb(r1, _, b1) = buffer[0, 1].style.background,
              case let .rgb(r2, _, b2) = buffer[9, 1].style.background else { return XCTFail("no colours") }
        XCTAssertEqual(buffer[9, 1].glyph, "h")
        XCTAssertGreaterThan(b1, r1, "negative is blue")
        XCTAssertGreaterThan(r2, b2, "positive is red")
    }

    func testMonoMarksStrongValuesBySign() {
        let buffer = render(width: 40, height: 3, context: F.mono)
        XCTAssertTrue(buffer[0, 1].style.attributes.contains(.underline))
        XCTAssertFalse(buffer[0, 1].style.attributes.contains(.reverse))
        XCTAssertTrue(buffer[9, 1].style.attributes.contains(.reverse))
        XCTAssertEqual(buffer[0, 1].style.background, .terminalDefault)
    }

    func testCursorShowsTheExactValueAndScrollIsClamped() {
        let buffer = render(width: 40, height: 3, state: .init(unit: 17, scroll: 99, cursor: 9))
        XCTAssertTrue(buffer.lines[0].hasPrefix("unit 17  'h' +0.90"), buffer.lines[0])
        let scrolled = render(width: 40, height: 3, state: .init(unit: 17, scroll: 99))
        XCTAssertEqual(scrolled.lines[2], render(width: 40, height: 3, state: .init(unit: 17, scroll: 1)).lines[2])
        XCTAssertTrue(scrolled.lines[2].hasPrefix("Next line"), scrolled.lines[2])
    }

    func testActivationsFromASnapshot() throws {
        var s = ProbeSnapshot(step: 1, loss: 0)
        // LayerTrace has no public initialiser; it is Codable, as snapshots travel as JSON.
        let json = #"{"layer": 0, "direction": 0, "hidden": [[0.1, 0.2], [0.3, 0.4]], "gates": {}, "gradHNorms": []}"#
        s.layers = [try JSONDecoder().decode(ProbeSnapshot.LayerTrace.self, from: Data(json.utf8))]
        XCTAssertEqual(NeuronTextPane.activations(s, layer: 0, unit: 1), [0.2, 0.4])
        XCTAssertNil(NeuronTextPane.activations(s, layer: 0, unit: 2))
        XCTAssertNil(NeuronTextPane.activations(s, layer: 1, unit: 0))
    }
}
