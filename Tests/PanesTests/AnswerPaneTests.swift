import _SnapshotTesting
import Panes
import TermGrid
import XCTest

final class AnswerPaneTests: XCTestCase {
    private typealias F = TextPanesFixtures

    private func render(width: Int, height: Int, scroll: Int = 0, context: PaneContext = TextPanesFixtures.full,
                        cache: inout AnswerPane.LayoutCache) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        AnswerPane.render(title: F.answerTitle, markdown: F.answerMarkdown, state: .init(scroll: scroll), cache: &cache,
                          in: buffer.bounds, into: &buffer, context: context)
        return buffer
    }

    func testAnswerAtNormalSize() {
        var cache = AnswerPane.LayoutCache()
        assertSnapshot(snapshotText(render(width: 60, height: 40, cache: &cache)), named: "normal")
    }

    func testAnswerScrolledWithScrollbarInAscii() {
        var cache = AnswerPane.LayoutCache()
        let buffer = render(width: 40, height: 12, scroll: 9, context: F.ascii, cache: &cache)
        assertSnapshot(snapshotText(buffer), named: "ascii-scrolled")
        let bar = (0..<12).map { buffer[39, $0].glyph }
        XCTAssertTrue(bar.contains("#") && bar.contains("|"), "\(bar)")
    }

    func testAnswerTiny() {
        var cache = AnswerPane.LayoutCache()
        assertSnapshot(snapshotText(render(width: 8, height: 3, cache: &cache)), named: "tiny")
    }

    func testScrollIsClampedToTheLastPage() {
        var cache = AnswerPane.LayoutCache()
        let last = render(width: 50, height: 10, scroll: 10_000, cache: &cache)
        guard let layout = cache.layout else { return XCTFail("no layout kept") }
        let maxScroll = AnswerPane.maxScroll(lineCount: layout.lineCount, height: 10)
        XCTAssertGreaterThan(maxScroll, 0)
        XCTAssertEqual(last, render(width: 50, height: 10, scroll: maxScroll, cache: &cache))
        XCTAssertEqual(render(width: 50, height: 10, scroll: -5, cache: &cache), render(width: 50, height: 10, cache: &cache))
        XCTAssertEqual(AnswerPane.scrollLabel(lineCount: layout.lineCount, state: .init(scroll: 0), height: 10),
                       "10/\(layout.lineCount)")
        XCTAssertEqual(AnswerPane.scrollLabel(lineCount: layout.lineCount, state: .init(scroll: 999), height: 10),
                       "\(layout.lineCount)/\(layout.lineCount)")
    }

    func testLayoutIsRedoneOnlyWhenTheWidthOrTextChanges() {
        var cache = AnswerPane.LayoutCache()
        for scroll in 0..<5 { _ = render(width: 60, height: 20, scroll: scroll, cache: &cache) }
        XCTAssertEqual(cache.layoutCount, 1)
        _ = render(width: 61, height: 20, cache: &cache)
        XCTAssertEqual(cache.layoutCount, 2)
        _ = render(width: 61, height: 30, cache: &cache)
        XCTAssertEqual(cache.layoutCount, 2, "height alone does not change the layout")
        _ = cache.layout(title: "other", markdown: "x", width: AnswerPane.textWidth(for: Rect(x: 0, y: 0, width: 61, height: 1)), ascii: false)
        XCTAssertEqual(cache.layoutCount, 3)
    }

    func testTitleIsAHeadingAndFormulasSurvive() {
        var cache = AnswerPane.LayoutCache()
        let buffer = render(width: 80, height: 60, cache: &cache)
        let lines = buffer.lines
        XCTAssertTrue(lines[0].hasPrefix(F.answerTitle))
        XCTAssertTrue(buffer[0, 0].style.attributes.contains(.bold))
        XCTAssertTrue(lines.contains { $0.contains("∂L/∂h_t = ∂L/∂h_T · Π_k W_hhᵀ·diag(1 − h_k²)") })
        XCTAssertTrue(lines.contains { $0.contains("h_t = tanh(W_hh·h_{t−1} + W_xh·x_t)") })
    }

    func testEmptyAnswerSaysSo() {
        var cache = AnswerPane.LayoutCache()
        var buffer = Buffer(width: 20, height: 2)
        AnswerPane.render(title: "", markdown: "\n", state: .init(), cache: &cache, in: buffer.bounds, into: &buffer, context: F.full)
        XCTAssertEqual(buffer.lines[0], "no answer linked    ")
    }
}
