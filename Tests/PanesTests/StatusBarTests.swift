import _SnapshotTesting
import Panes
import TermGrid
import XCTest

final class StatusBarTests: XCTestCase {
    private typealias F = TextPanesFixtures

    private let status = StatusBar.Status(
        scenario: "vanishing-gradients", walkthroughStep: 2, walkthroughCount: 5, step: 1200, loss: 0.41234,
        stepsPerSecond: 850.4, framesPerSecond: 59.7, runState: .running)

    private func render(_ s: StatusBar.Status, width: Int, context: PaneContext = TextPanesFixtures.full) -> Buffer {
        var buffer = Buffer(width: width, height: 1)
        StatusBar.render(s, in: buffer.bounds, into: &buffer, context: context)
        return buffer
    }

    func testWideShowsEveryField() {
        let line = render(status, width: 100).lines[0]
        XCTAssertTrue(line.hasPrefix(" vanishing-gradients  2/5  step 1200  loss 0.412  850 steps/s  60 fps  running  "), line)
        XCTAssertTrue(line.hasSuffix("  ? help "), line)
    }

    func testSnapshotsAtSeveralWidths() {
        var s = status
        s.message = "radius must be in 0.1…3.0"
        s.runState = .paused
        let text = [100, 80, 60, 40, 30, 20, 12, 1].map { render(s, width: $0).lines[0] }.map { "|\($0)|" }.joined(separator: "\n")
        assertSnapshot(text + "\n", named: "widths")
        var n = status
        n.runState = .nonFinite
        assertSnapshot(snapshotText(render(n, width: 80, context: F.ascii)), named: "ascii-nan")
    }

    func testNarrowKeepsStepAndHelpDroppingFpsFirst() {
        for width in 30...120 {
            let line = render(status, width: width).lines[0]
            XCTAssertTrue(line.contains("step 1200"), "\(width): \(line)")
            XCTAssertTrue(line.hasSuffix("? help "), "\(width): \(line)")
            if !line.contains("steps/s") { XCTAssertFalse(line.contains("fps"), "\(width): \(line)") }
            if !line.contains("2/5") { XCTAssertFalse(line.contains("steps/s"), "\(width): \(line)") }
            if !line.contains("loss") { XCTAssertFalse(line.contains("vanishing"), "\(width): \(line)") }
        }
        XCTAssertEqual(render(status, width: 30).lines[0], " step 1200  running    ? help ")
    }

    func testMessageIsShownAndCutRatherThanDropped() {
        var s = status
        s.message = "radius must be in 0.1…3.0"
        XCTAssertTrue(render(s, width: 100).lines[0].contains("radius must be in 0.1…3.0"))
        let narrow = render(s, width: 45).lines[0]
        XCTAssertTrue(narrow.contains("radius must"), narrow)
        XCTAssertTrue(narrow.contains("running"), narrow)
    }

    func testPausedRunningAndNaNLookDifferent() {
        func stateCell(_ state: StatusBar.RunState, _ word: String, context: PaneContext = TextPanesFixtures.full) -> Cell {
            var s = status
            s.runState = state
            let buffer = render(s, width: 100, context: context)
            let column = buffer.lines[0].unicodeScalars.map { $0 }.firstIndex(of: word.unicodeScalars.first!)!
            return buffer[column, 0]
        }
        let running = stateCell(.running, "r"), paused = stateCell(.paused, "p"), nan = stateCell(.nonFinite, "N")
        XCTAssertNotEqual(running.style.foreground, paused.style.foreground)
        XCTAssertNotEqual(running.style, nan.style)
        XCTAssertTrue(paused.style.attributes.contains(.bold))
        XCTAssertFalse(running.style.attributes.contains(.bold))
        XCTAssertTrue(nan.style.attributes.contains(.reverse))
        XCTAssertTrue(render({ var s = status; s.runState = .nonFinite; return s }(), width: 100).lines[0].contains("NaN — paused"))
    }
}
