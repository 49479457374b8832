import Foundation
import XCTest

/// The notebook's screen as a whole: focus and zoom, the help overlay, the walkthrough,
/// live resizes and the too-small screen, and a second scenario.
final class NotebookScreenTests: NotebookTestCase {
    func testTabMovesTheFocusedFrameAndZTogglesZoom() throws {
        let scenario = try ScenarioFile("vanishing-gradients")
        notebook = try NotebookRun()
        notebook.waitForFirstFrame()
        let start = try XCTUnwrap(notebook.styledScreen().focusedFrame)

        // Tab: another frame takes the focused style; after one Tab per pane it comes back.
        notebook.session.sendKeys("Tab")
        let moved = try XCTUnwrap(notebook.waitForScreen("the focus to leave \(start.title)") {
            $0.frames.count == scenario.panes.count && $0.focusedFrame.map { $0.title != start.title } == true
        }?.focusedFrame)
        XCTAssertEqual(moved.style, start.style, "the newly focused frame has the style the first one had")
        for _ in 1..<scenario.panes.count { notebook.session.sendKeys("Tab") }
        notebook.waitForScreen("the focus to come back to \(start.title)") { $0.focusedFrame?.title == start.title }

        // z: the focused pane alone, over the whole grid between title row and status bar.
        notebook.session.sendKeys("Tab")
        notebook.waitForScreen("the focus on \(moved.title)") { $0.focusedFrame?.title == moved.title }
        notebook.session.sendKeys("z")
        let zoomed = try XCTUnwrap(notebook.waitForScreen("only \(moved.title) zoomed") { $0.frames.count == 1 })
        XCTAssertEqual(zoomed.frames[0].title, moved.title)
        XCTAssertEqual(zoomed.frames[0].x, 0)
        XCTAssertEqual(zoomed.frames[0].y, 1)
        XCTAssertTrue(zoomed.text(row: 1).hasSuffix("╮") && zoomed.text(row: 1).unicodeScalars.count == 120,
                      "the zoomed frame spans the width: \(zoomed.text(row: 1))")
        XCTAssertTrue(zoomed.text(row: 34).hasPrefix("╰"), "and reaches the status bar:\n\(notebook.session.capture())")
        notebook.session.sendKeys("z")
        let back = notebook.waitForScreen("every pane back") { $0.frames.count == scenario.panes.count }
        XCTAssertEqual(back?.focusedFrame?.title, moved.title)
    }

    func testHelpOverlayListsTheKeysAndQClosesIt() throws {
        notebook = try NotebookRun()
        notebook.waitForFirstFrame()
        notebook.session.sendKeys("?")
        let actions = ["play / pause", "one training step", "reset", "speed up / slow down", "move focus",
                       "zoom the focused pane", "walkthrough step", "command line", "question search", "quit"]
        let help = try XCTUnwrap(notebook.session.waitFor("play / pause"))
        for action in actions { XCTAssertTrue(help.contains(action), "help lists \"\(action)\":\n\(help)") }

        notebook.session.sendKeys("q")
        XCTAssertTrue(notebook.session.poll(timeout: 5) { !notebook.session.capture().contains("play / pause") },
                      "q closes the overlay")
        XCTAssertTrue(notebook.statusBar.text.hasSuffix("? help"), "and does not quit: \(notebook.statusBar)")
        XCTAssertNil(notebook.run.waitForExit(timeout: 0.3))
    }

    func testAClickFocusesThePaneUnderIt() throws {
        notebook = try NotebookRun()
        notebook.waitForFirstFrame()
        let screen = notebook.styledScreen()
        let target = try XCTUnwrap(screen.frames.first { $0.title != screen.focusedFrame?.title }, "\(screen.frames)")
        // An X10 mouse report: ESC [ M, then button, column and row, each offset by 32, 1-based.
        let (x, y) = (target.x + 3, target.y + 2)
        notebook.session.sendBytes([0x1B, 0x5B, 0x4D, 32 + 0, UInt8(32 + x + 1), UInt8(32 + y + 1)])
        notebook.waitForScreen("a click at \(x),\(y) to focus \(target.title)") { $0.focusedFrame?.title == target.title }
    }

    func testSlashSearchesTheQuestionsAndEscapeClosesIt() throws {
        notebook = try NotebookRun()
        notebook.waitForFirstFrame()
        notebook.session.sendKeys("/")
        notebook.session.type("exploding")
        let results = try XCTUnwrap(notebook.session.waitFor("/exploding", " matches"))
        let rows = results.components(separatedBy: "\n")
        let query = try XCTUnwrap(rows.firstIndex { $0.contains("/exploding") })
        XCTAssertTrue(rows.dropFirst(query + 1).prefix(3).contains { $0.lowercased().contains("exploding") },
                      "a question about exploding gradients comes first:\n\(results)")
        notebook.session.sendKeys("Escape")
        XCTAssertTrue(notebook.session.poll(timeout: 5) { !notebook.session.capture().contains("/exploding") }, "Escape closes it")
        XCTAssertTrue(notebook.statusBar.text.hasSuffix("? help"), notebook.statusBar.text)
    }

    func testNAndPWalkTheWalkthrough() throws {
        let scenario = try ScenarioFile("vanishing-gradients")
        let count = scenario.stepTitles.count
        XCTAssertGreaterThanOrEqual(count, 2)
        notebook = try NotebookRun()
        notebook.waitForFirstFrame()
        notebook.session.sendKeys("n")
        notebook.session.waitFor("step 2/\(count): \(scenario.stepTitles[1])")
        XCTAssertTrue(notebook.titleRow.contains("step 2/\(count): \(scenario.stepTitles[1])"), notebook.titleRow)
        notebook.waitForStatus("the status bar at 2/\(count)") { $0.text.contains("  2/\(count)  ") }
        notebook.session.sendKeys("p")
        notebook.session.waitFor("step 1/\(count): \(scenario.stepTitles[0])")
        XCTAssertTrue(notebook.titleRow.contains("step 1/\(count): "), notebook.titleRow)
    }

    func testResizeRedrawsAtTheNewSize() throws {
        notebook = try NotebookRun(width: 120, height: 36)
        notebook.waitForFirstFrame()
        for (width, height) in [(150, 44), (80, 24)] {
            notebook.session.resize(width: width, height: height)
            notebook.waitForLayout(width: width, height: height)
        }
    }

    func testTooSmallSaysHowLargeAndRecoversWhenEnlarged() throws {
        notebook = try NotebookRun(width: 50, height: 15)
        let small = notebook.session.waitFor("needs at least 60×20", "50×15", timeout: 15) ?? ""
        XCTAssertFalse(small.contains("? help"), small)
        XCTAssertFalse(small.contains("terminal too small"), "one too-small message, the notebook's own:\n\(small)")
        notebook.session.resize(width: 59, height: 30)
        notebook.session.waitFor("needs at least 60×20", "59×30")
        notebook.session.resize(width: 100, height: 30)
        notebook.waitForStatus("the notebook back at 100×30") { $0.text.hasSuffix("? help") && $0.step == 0 }
        notebook.session.resize(width: 60, height: 19)
        notebook.session.waitFor("needs at least 60×20", "60×19")
        notebook.session.sendKeys("q")
        notebook.run.assertRestored(status: [0])
    }

    func testAttentionScenarioOpensFocusedOnItsAttentionPaneAndTrains() throws {
        let scenario = try ScenarioFile("attention")
        notebook = try NotebookRun("attention")
        notebook.waitForFirstFrame()
        XCTAssertTrue(notebook.titleRow.contains(scenario.title), notebook.titleRow)
        XCTAssertTrue(notebook.statusBar.text.hasPrefix(" attention "), notebook.statusBar.text)
        let screen = notebook.styledScreen()
        XCTAssertEqual(screen.frames.count, scenario.panes.count, "\(screen.frames)")
        XCTAssertTrue(screen.focusedFrame?.title.lowercased().contains("attention") == true, "\(screen.frames)")
        notebook.session.sendKeys(".")
        notebook.waitForStatus("one attention step", timeout: 30) { $0.step == 1 && $0.isPaused }
        notebook.session.sendKeys("q")
        notebook.run.assertRestored(status: [0])
    }
}
