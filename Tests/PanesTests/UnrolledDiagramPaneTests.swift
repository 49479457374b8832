import _SnapshotTesting
import Panes
import RNNCore
import TermGrid
import XCTest

final class UnrolledDiagramPaneTests: XCTestCase {
    private typealias F = TextPanesFixtures

    private func render(_ snapshot: ProbeSnapshot?, tokens: [String]? = nil, state: UnrolledDiagramPane.ViewState = .init(),
                        width: Int, height: Int, context: PaneContext = TextPanesFixtures.full) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        UnrolledDiagramPane.render(snapshot, inputTokens: tokens, state: state, in: buffer.bounds, into: &buffer, context: context)
        return buffer
    }

    func testBoxedDiagramWithTokensAndGradients() {
        let tokens = ["t", "h", "e", " ", "c", "a", "t", "\n", "s", "a", "t", "!"]
        assertSnapshot(snapshotText(render(F.vanishingSnapshot(), tokens: tokens, width: 70, height: 14)), named: "boxed")
    }

    func testCompactDiagramWhenShort() {
        assertSnapshot(snapshotText(render(F.vanishingSnapshot(steps: 4), width: 40, height: 8)), named: "compact")
    }

    func testAsciiDiagram() {
        assertSnapshot(snapshotText(render(F.vanishingSnapshot(), width: 60, height: 14, context: F.ascii)), named: "ascii")
    }

    func testTinyDiagramAndTooSmall() {
        assertSnapshot(snapshotText(render(F.vanishingSnapshot(), width: 16, height: 2)), named: "tiny")
        XCTAssertEqual(render(F.vanishingSnapshot(), width: 5, height: 1).lines, ["too …"])
        XCTAssertEqual(render(nil, width: 14, height: 1).lines, ["no steps yet  "])
    }

    func testLongSequenceShowsEllipsisAndTheLastStep() {
        let lines = render(F.vanishingSnapshot(steps: 100), state: .init(scroll: 10), width: 60, height: 3).lines
        XCTAssertTrue(lines[1].contains("h₁₁"), lines[1])
        XCTAssertTrue(lines[1].contains("…"), lines[1])
        XCTAssertTrue(lines[1].hasSuffix("[h₁₀₀]") || lines[1].contains("[h₁₀₀]"), lines[1])
        XCTAssertFalse(lines[1].contains("h₁₀]"), lines[1])
    }

    func testBackwardArrowsAreBrighterForLargerGradients() {
        let buffer = render(F.vanishingSnapshot(steps: 4), width: 40, height: 8)
        // The backward arrow heads below the legend, left to right: step 0 has the smallest gradient.
        XCTAssertTrue(buffer.lines[0].hasPrefix("‖∂L/∂h_t‖"))
        var heads: [Cell] = []
        for y in 1..<buffer.height { for x in 0..<buffer.width where buffer[x, y].glyph == "◀" { heads.append(buffer[x, y]) } }
        XCTAssertEqual(heads.count, 4)
        let brightness = heads.map { cell -> Int in
            guard case let .rgb(r, g, b) = cell.style.foreground else { return -1 }
            return Int(r) + Int(g) + Int(b)
        }
        XCTAssertEqual(brightness, brightness.sorted(), "\(brightness)")
        XCTAssertLessThan(brightness[0], brightness[3])
        XCTAssertTrue(heads[3].style.attributes.contains(.bold))
        XCTAssertTrue(heads[0].style.attributes.contains(.dim))
    }

    func testNonFiniteGradientIsMarked() {
        var s = F.vanishingSnapshot(steps: 3)
        s.gradHNorms[1] = .nan
        let buffer = render(s, width: 40, height: 8)
        XCTAssertTrue(buffer.lines.contains { $0.contains("◀!!") })
        XCTAssertTrue(buffer.lines.contains { $0.contains("nan") })
    }

    func testForwardOnlyWhenBackwardIsOff() {
        let lines = render(F.vanishingSnapshot(steps: 3), state: .init(backward: false), width: 40, height: 8).lines
        XCTAssertFalse(lines.joined().contains("◀"))
        XCTAssertTrue(lines.joined().contains("──▶[h₁]"))
    }

    func testBackwardFlagWithoutNormsDrawsDimArrows() {
        let buffer = render(F.vanishingSnapshot(steps: 0), tokens: ["a", "b"], state: .init(backward: true), width: 30, height: 5)
        let back = buffer.lines.first { $0.contains("◀") } ?? ""
        XCTAssertTrue(back.hasPrefix("◀      ◀"), back)
        XCTAssertFalse(buffer.lines[0].contains("‖∂L/∂h_t‖"), "no legend without norms")
        XCTAssertTrue(buffer.lines.contains { $0.contains("──▶[h₁]──▶[h₂]") })
    }

    func testHighlightedStepIsReversed() {
        let buffer = render(F.vanishingSnapshot(steps: 3), state: .init(highlight: 1), width: 40, height: 3)
        let row = buffer.lines[1]
        guard let column = row.unicodeScalars.map({ $0 }).firstIndex(of: "₂") else { return XCTFail(row) }
        XCTAssertTrue(buffer[column, 1].style.attributes.contains(.reverse))
        XCTAssertFalse(buffer[column - 8, 1].style.attributes.contains(.reverse))
    }
}
