import Foundation
import XCTest

/// The `:` command line in the running notebook: `:set` in and out of range, `:focus`,
/// history with ↑ and ↓, and Tab completion.
final class NotebookCommandLineTests: NotebookTestCase {
    func testSetInRangeRestartsTrainingAndOutOfRangeNamesTheRangeAndChangesNothing() throws {
        let range = try XCTUnwrap(try ScenarioFile("vanishing-gradients").range(of: "radius"))
        notebook = try NotebookRun()
        notebook.waitForFirstFrame()
        notebook.session.sendKeys(".", ".")
        notebook.waitForStatus("two steps") { $0.step == 2 && $0.isPaused }

        notebook.command("set radius 0.9")
        let set = notebook.waitForStatus("the radius set and training back at step 0") {
            $0.step == 0 && $0.text.contains("radius = 0.9")
        }
        XCTAssertTrue(set?.text.contains("step 0") == true, set?.text ?? "")

        notebook.session.sendKeys(".")
        notebook.waitForStatus("step 1 at radius 0.9") { $0.step == 1 && $0.isPaused }
        notebook.command("set radius 9")
        let refused = try XCTUnwrap(notebook.waitForStatus("a message naming the allowed range") {
            $0.text.contains("radius") && $0.text.contains("(got 9)")
        })
        XCTAssertTrue(refused.text.contains(range.low) && refused.text.contains(range.high),
                      "the message names \(range.low)…\(range.high): \(refused)")
        XCTAssertEqual(refused.step, 1, "nothing changed, training was not restarted: \(refused)")
        notebook.session.sendKeys(".")
        notebook.waitForStatus("the same model going on to step 2") { $0.step == 2 && $0.isPaused }
    }

    func testHistoryBrowsesEarlierCommands() throws {
        notebook = try NotebookRun()
        notebook.waitForFirstFrame()
        notebook.command("set radius 0.8")
        notebook.waitForStatus("the first command's message") { $0.text.contains("radius = 0.8") }
        notebook.command("set radius 7")
        notebook.waitForStatus("the second command's message") { $0.text.contains("(got 7)") }

        notebook.session.sendKeys(":")
        notebook.waitForStatus("an empty prompt") { $0.text == ":" }
        notebook.session.sendKeys("Up")
        notebook.waitForStatus("the last command") { $0.text == ":set radius 7" }
        notebook.session.sendKeys("Up")
        notebook.waitForStatus("the one before") { $0.text == ":set radius 0.8" }
        notebook.session.sendKeys("Down")
        notebook.waitForStatus("forward again") { $0.text == ":set radius 7" }
        notebook.session.sendKeys("Escape")
        notebook.waitForStatus("the status bar back after Escape") { $0.text.hasSuffix("? help") }
    }

    func testTabCompletesVerbsAndPaneNamesAndFocusMovesTheFocus() throws {
        notebook = try NotebookRun()
        notebook.waitForFirstFrame()
        XCTAssertFalse(notebook.styledScreen().focusedFrame?.title.hasPrefix("loss") ?? true, "loss is not focused at first")

        notebook.session.sendKeys(":")
        notebook.session.type("fo")
        notebook.session.sendKeys("Tab")
        // tmux drops the trailing space the completion adds, so wait for the text after it too.
        notebook.waitForStatus("the verb completed") { $0.text == ":focus" }
        notebook.session.type("lo")
        notebook.session.sendKeys("Tab")
        notebook.waitForStatus("the pane name completed") { $0.text == ":focus loss" }
        notebook.session.sendKeys("Enter")
        notebook.waitForScreen("the loss pane focused") { $0.focusedFrame?.title.hasPrefix("loss") == true }

        notebook.command("focus hidden")
        notebook.waitForScreen("the hidden-state pane focused") { $0.focusedFrame?.title.hasPrefix("hidden") == true }
        notebook.command("focus nowhere")
        notebook.waitForStatus("the panes listed for an unknown one") { $0.text.contains("no pane \"nowhere\"") }
    }
}
