import Foundation
import _SnapshotTesting
import Panes
import TermGrid
import XCTest

final class LossPaneTests: XCTestCase {
    func render(_ points: [LossPoint], state: LossPane.ViewState = .init(), width: Int, height: Int,
                context: PaneContext = Fixtures.full) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        LossPane.render(points, state: state, in: buffer.bounds, into: &buffer, context: context)
        return buffer
    }

    func testNormalSizeWithMetricAndNaN() {
        let b = render(Fixtures.losses(count: 300, nanAt: [100]), width: 70, height: 14)
        assertSnapshot(snapshotText(b), named: "normal")
        XCTAssertTrue(b.line(0).hasPrefix("loss 0.187 · step 2990"))
        guard let tag = b.find(" NaN at step 1000 ") else { return XCTFail("no NaN tag") }
        XCTAssertEqual(b[tag.x + 1, tag.y].style.background, .rgb(150, 0, 150))
        XCTAssertTrue(b.line(13).hasPrefix("accuracy 0.997"))
        XCTAssertEqual(b.lines[1...12].filter { $0.contains("!") }.count, 1, "the NaN step is marked above the line")
    }

    func testTinySize() {
        assertSnapshot(snapshotText(render(Fixtures.losses(count: 50), width: 8, height: 3)), named: "tiny")
    }

    func testAsciiMonoTellsSeriesApart() {
        let b = render(Fixtures.losses(count: 300), width: 70, height: 14, context: Fixtures.asciiMono)
        assertSnapshot(snapshotText(b), named: "ascii-mono")
        XCTAssertTrue(b.lines.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) })
        XCTAssertTrue(b.lines.contains { $0.contains("*") } && b.lines.dropLast().contains { $0.contains(".") })
    }

    func testZeroOneAndManyPoints() {
        XCTAssertTrue(render([], width: 40, height: 8).line(0).hasPrefix("no training steps yet"))
        let one = render([LossPoint(step: 5, loss: 2.3)], width: 40, height: 8)
        XCTAssertTrue(one.line(0).hasPrefix("loss 2.3 · step 5"))
        XCTAssertTrue(one.lines.contains { $0.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) } }, "one point is drawn")
        let many = render(Fixtures.losses(count: 10_000), width: 80, height: 20)
        XCTAssertTrue(many.line(0).hasPrefix("loss "))
        XCTAssertTrue(many.line(0).contains("step 99990"))
    }

    func testLogAxisWhenTheLossSpansMoreThanTwoDecades() {
        let falling = (0..<200).map { LossPoint(step: $0, loss: 10 * pow(0.96, Double($0))) }
        XCTAssertTrue(LossPane.usesLogScale(falling))
        XCTAssertFalse(LossPane.usesLogScale(Fixtures.losses(count: 300)))
        let b = render(falling, width: 60, height: 12)
        assertSnapshot(snapshotText(b), named: "log")
        XCTAssertTrue(b.line(0).hasPrefix("loss 0.00296 · step 199 · log"))
        XCTAssertFalse(render(falling, state: .init(logScale: false), width: 60, height: 12).line(0).contains("log"))
    }

    func testAllNaNAndZeroLossesDoNotCrash() {
        _ = render((0..<20).map { LossPoint(step: $0, loss: .nan) }, width: 60, height: 12)
        _ = render((0..<20).map { LossPoint(step: $0, loss: 0) }, state: .init(logScale: true), width: 60, height: 12)
        _ = render((0..<20).map { _ in LossPoint(step: 7, loss: -.infinity) }, width: 60, height: 12)
    }
}
