import Foundation
import XCTest

/// `rnnbook open vanishing-gradients` as a user meets it: the first frame, then the keys that
/// drive training (space, `.`, r, + and -), read back from the status bar.
final class NotebookTrainingTests: NotebookTestCase {
    func testFirstFrameHasTitleRowPaneFramesAndAPausedStatusBar() throws {
        let scenario = try ScenarioFile("vanishing-gradients")
        notebook = try NotebookRun(width: 120, height: 36)
        notebook.waitForFirstFrame()
        let rows = notebook.rows()
        XCTAssertEqual(rows.count, 36)
        XCTAssertTrue(rows[0].hasPrefix(" rnnbook "), rows[0])
        XCTAssertTrue(rows[0].contains(scenario.title), rows[0])
        XCTAssertTrue(rows[0].contains("step 1/\(scenario.stepTitles.count): \(scenario.stepTitles[0])"), rows[0])

        let status = notebook.statusBar
        XCTAssertTrue(status.text.hasPrefix(" \(scenario.id) "), status.text)
        XCTAssertEqual(status.step, 0)
        XCTAssertTrue(status.isPaused, status.text)
        XCTAssertFalse(status.isRunning, status.text)
        XCTAssertTrue(status.text.hasSuffix("? help"), status.text)
        XCTAssertNil(status.framesPerSecond, "no frame rate while nothing trains: \(status)")

        let screen = notebook.styledScreen()
        XCTAssertEqual(screen.frames.count, scenario.panes.count, "one frame per pane: \(screen.frames)")
        XCTAssertNotNil(screen.focusedFrame, "exactly one frame is drawn focused: \(screen.frames)")
        XCTAssertEqual(notebook.session.modes, .live)
    }

    func testSpaceStartsAndPausesTraining() throws {
        notebook = try NotebookRun()
        notebook.waitForFirstFrame()
        notebook.session.sendKeys("Space")
        notebook.waitForStatus("training to run past step 2", timeout: 20) { $0.isRunning && ($0.step ?? 0) >= 2 }

        notebook.session.sendKeys("Space")
        let paused = try XCTUnwrap(notebook.waitForStatus("paused") { $0.isPaused })
        // A step already in flight may still land; after it, nothing moves.
        usleep(600_000)
        let later = notebook.statusBar
        XCTAssertTrue(later.isPaused, later.text)
        XCTAssertNil(later.framesPerSecond, "no stale frame rate once paused: \(later)")
        XCTAssertLessThanOrEqual(try XCTUnwrap(later.step), try XCTUnwrap(paused.step) + 1, "training stopped: \(paused) → \(later)")
    }

    func testDotTakesExactlyOneStepAndRResetsToZero() throws {
        notebook = try NotebookRun()
        notebook.waitForFirstFrame()
        notebook.session.sendKeys(".")
        notebook.waitForStatus("step 1, paused") { $0.step == 1 && $0.isPaused }
        notebook.session.sendKeys(".")
        notebook.waitForStatus("step 2, paused") { $0.step == 2 && $0.isPaused }
        XCTAssertTrue(notebook.session.capture().contains("loss"), "a loss is shown once there are steps")

        notebook.session.sendKeys("r")
        let reset = notebook.waitForStatus("step 0 after r") { $0.step == 0 }
        XCTAssertTrue(reset?.text.contains("reset to step 0") == true, reset?.text ?? "")
    }

    func testPlusAndMinusChangeTheSpeedAndSayIt() throws {
        notebook = try NotebookRun()
        notebook.waitForFirstFrame()
        /// Presses `key` and returns the speed message that replaces `previous`.
        func speed(after key: String, replacing previous: String?) throws -> String {
            notebook.session.sendKeys(key)
            var message = ""
            notebook.waitForStatus("a new speed message after \(key)") {
                guard let range = $0.text.range(of: "speed: ") else { return false }
                message = $0.text[range.upperBound...].components(separatedBy: "  ").first ?? ""
                return message != previous
            }
            return message
        }
        let slower = try speed(after: "-", replacing: nil)
        let slowest = try speed(after: "-", replacing: slower)
        XCTAssertTrue(slower.hasSuffix(" steps/s") && slowest.hasSuffix(" steps/s"), "\(slower); \(slowest)")
        let slowerRate = try XCTUnwrap(Int(slower.prefix { $0.isNumber }), slower)
        let slowestRate = try XCTUnwrap(Int(slowest.prefix { $0.isNumber }), slowest)
        XCTAssertLessThan(slowestRate, slowerRate)
        XCTAssertEqual(try speed(after: "+", replacing: slowest), slower)
        XCTAssertEqual(try speed(after: "+", replacing: slower), "as fast as it goes")
    }
}
