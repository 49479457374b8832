import _SnapshotTesting
import Panes
import RNNCore
import TermGrid
import XCTest

final class AttentionPaneTests: XCTestCase {
    func render(_ s: ProbeSnapshot?, state: AttentionPane.ViewState = .init(step: 2, cursor: MatrixIndex(row: 2, column: 3)),
                inputs: [String]? = Fixtures.inputTokens, outputs: [String]? = Fixtures.outputTokens,
                width: Int, height: Int, context: PaneContext = Fixtures.full) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        AttentionPane.render(s, inputTokens: inputs, outputTokens: outputs, state: state, in: buffer.bounds, into: &buffer, context: context)
        return buffer
    }

    func testNormalSize() {
        let b = render(Fixtures.attention(), width: 50, height: 10)
        assertSnapshot(snapshotText(b), named: "normal")
        XCTAssertTrue(b.line(0).hasPrefix("step 2 ('d') → in 3 ('d') 0.7"))
        XCTAssertEqual(b.line(9).trimmingCharacters(in: .whitespaces), "out 2 ('d'), in 3 ('d'): 0.7")
    }

    func testHighlightedStepRowDiffersInStyle() {
        let b = render(Fixtures.attention(), state: .init(step: 2), width: 50, height: 10, context: Fixtures.unfocused)
        // Grid starts at (2, 1); row 2 is the decoding step. Same weights elsewhere, different style.
        let highlighted = b[2, 3], other = b[2, 4]
        XCTAssertTrue(highlighted.style.attributes.contains(.underline))
        XCTAssertFalse(other.style.attributes.contains(.underline))
        XCTAssertEqual(b[1, 3].glyph, "▶")
        // The strongest weight is bright, a weak one dark.
        XCTAssertGreaterThan(Hue.brightness(b[2 + 9, 3].style.background), Hue.brightness(highlighted.style.background))
    }

    func testTinySize() {
        assertSnapshot(snapshotText(render(Fixtures.attention(), width: 8, height: 3)), named: "tiny")
    }

    func testAsciiMonoWithoutTokens() {
        let b = render(Fixtures.attention(inputs: 8, outputs: 5), inputs: nil, outputs: nil, width: 50, height: 10,
                       context: Fixtures.asciiMono)
        assertSnapshot(snapshotText(b), named: "ascii-mono")
        XCTAssertTrue(b.lines.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) })
        XCTAssertTrue(b[2, 3].style.attributes.contains(.underline))
    }

    func testMessages() {
        XCTAssertTrue(render(Fixtures.elman(), width: 40, height: 3).line(0).hasPrefix("this model has no attention"))
        XCTAssertTrue(render(nil, width: 40, height: 3).line(0).hasPrefix("no attention yet"))
        var empty = Fixtures.elman()
        empty.attention = []
        XCTAssertTrue(render(empty, width: 40, height: 3).line(0).hasPrefix("no attention weights recorded"))
    }

    func testLongOutputsScrollToTheStep() {
        let b = render(Fixtures.attention(inputs: 6, outputs: 40), state: .init(step: 30, cursor: MatrixIndex(row: 30, column: 0)),
                       inputs: nil, outputs: nil, width: 40, height: 10)
        XCTAssertNotNil(b.find("30▶"), "the highlighted step is scrolled into view")
    }
}
