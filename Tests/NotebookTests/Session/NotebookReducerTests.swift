@testable import Notebook
import XCTest

final class NotebookReducerTests: XCTestCase {
    private func state() -> NotebookState {
        NotebookState(scenarioID: "vanishing-gradients", panes: [.gradients, .diagram, .answer], walkthroughCount: 3)
    }

    private func press(_ s: inout NotebookState, _ keys: [InputKey], now: Double = 0) -> [NotebookEffect] {
        var all: [NotebookEffect] = []
        for k in keys { let (n, e) = s.reduce(.key(k), now: now); s = n; all += e }
        return all
    }

    func testPlayStepResetAndSpeed() {
        var s = state()
        XCTAssertEqual(press(&s, [.character(" "), .character("."), .character("r")]), [.togglePlay, .trainSteps(1), .reset])
        XCTAssertEqual(press(&s, [.character("-"), .character("-")]), [.setSpeed(300), .setSpeed(100)])
        XCTAssertEqual(s.status?.text, "speed: 100 steps/s")
        for _ in 0..<20 { _ = press(&s, [.character("+")]) }
        XCTAssertNil(s.speedLimit)
    }

    func testTabZoomAndClickFocus() {
        var s = state()
        _ = press(&s, [.tab, .tab])
        XCTAssertEqual(s.focusedPane, .answer)
        _ = press(&s, [.tab])
        XCTAssertEqual(s.focusedPane, .gradients)
        _ = press(&s, [.backTab])
        XCTAssertEqual(s.focusedPane, .answer)
        _ = press(&s, [.character("z")])
        XCTAssertTrue(s.zoomed)
        _ = press(&s, [.escape])
        XCTAssertFalse(s.zoomed)
        s.paneRects = [.diagram: Rect(x: 10, y: 0, width: 10, height: 5)]
        s = s.reduce(.click(x: 12, y: 3), now: 0).0
        XCTAssertEqual(s.focusedPane, .diagram)
    }

    func testCommandLineRunsCommandsAndReportsErrors() {
        var s = state()
        var effects = press(&s, [.character(":")] + "set radius 0.5".map { .character($0) } + [.enter])
        XCTAssertEqual(effects, [.set(name: "radius", value: "0.5")])
        XCTAssertEqual(s.overlay, .none)
        XCTAssertEqual(s.commandHistory, ["set radius 0.5"])
        effects = press(&s, [.character(":")] + "focus diagram".map { .character($0) } + [.enter])
        XCTAssertEqual(effects, [])
        XCTAssertEqual(s.focusedPane, .diagram)
        _ = press(&s, [.character(":")] + "focus attention".map { .character($0) } + [.enter], now: 10)
        XCTAssertEqual(s.status?.isError, true)
        XCTAssertEqual(s.status?.text, "no pane \"attention\" here (panes: gradients, diagram, answer)")
        XCTAssertEqual(s.status?.expires, 14)
    }

    func testOverlaysCatchQBeforeQuitting() {
        var s = state()
        _ = press(&s, [.character("?")])
        XCTAssertEqual(s.overlay, .help)
        XCTAssertEqual(press(&s, [.character("q")]), [])
        XCTAssertEqual(s.overlay, .none)
        XCTAssertEqual(press(&s, [.character("q")]), [.quit])
        XCTAssertTrue(s.quitRequested)
    }

    func testWalkthroughStopsAtTheEnds() {
        var s = state()
        XCTAssertEqual(press(&s, [.character("p")]), [])
        XCTAssertEqual(press(&s, [.character("n"), .character("n"), .character("n")]),
                       [.enterStep(index: 1), .enterStep(index: 2)])
        XCTAssertEqual(s.status?.text, "last step")
    }

    func testSearchTypesNavigatesAndOpens() {
        var s = state()
        XCTAssertEqual(press(&s, [.character("/"), .character("v")]), [.search(query: ""), .search(query: "v")])
        _ = press(&s, [.down, .down, .up])
        XCTAssertEqual(s.overlay, .search(query: "v", selection: 1))
        XCTAssertEqual(press(&s, [.enter]), [.openSearchResult(index: 1)])
    }

    func testNavigationMovesTheFocusedPaneOnly() {
        var s = state()
        _ = press(&s, [.down, .character("j"), .right, .pageDown, .up])
        XCTAssertEqual(s.navigation[.gradients]?.row, 11)
        XCTAssertEqual(s.navigation[.gradients]?.column, 1)
        XCTAssertNil(s.navigation[.diagram])
        _ = press(&s, [.pageUp, .pageUp, .character("h"), .character("h")])
        XCTAssertEqual(s.navigation[.gradients]?.row, 0)
        XCTAssertEqual(s.navigation[.gradients]?.column, 0)
    }
}
