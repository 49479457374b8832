@testable import Notebook
import XCTest

final class CommandLineTests: XCTestCase {
    func testParsesEveryCommandOfTheIssue() throws {
        XCTAssertEqual(try NotebookCommand.parse("set radius 1.2"), .set(name: "radius", value: "1.2"))
        XCTAssertEqual(try NotebookCommand.parse("set radius=1.2"), .set(name: "radius", value: "1.2"))
        XCTAssertEqual(try NotebookCommand.parse("run 200"), .run(steps: 200))
        XCTAssertEqual(try NotebookCommand.parse(" reset "), .reset)
        XCTAssertEqual(try NotebookCommand.parse("focus gradients"), .focus(pane: "gradients"))
        XCTAssertEqual(try NotebookCommand.parse("open attention"), .open(scenario: "attention"))
        XCTAssertEqual(try NotebookCommand.parse("step 3"), .step(index: 2))
        XCTAssertEqual(try NotebookCommand.parse("q"), .quit)
    }

    func testBadCommandsSayWhatIsWrong() {
        XCTAssertThrowsError(try NotebookCommand.parse("run -3")) {
            XCTAssertEqual(($0 as? CommandError)?.message, ":run takes a number of steps between 1 and 1000000 (got -3)")
        }
        XCTAssertThrowsError(try NotebookCommand.parse("rest")) {
            XCTAssertEqual(($0 as? CommandError)?.message, "unknown command :rest (did you mean :reset?)")
        }
        XCTAssertThrowsError(try NotebookCommand.parse("set radius"))
        XCTAssertThrowsError(try NotebookCommand.parse(""))
    }

    func testEditingHistoryAndCompletion() {
        var editor = CommandLineEditor()
        let names: (Int, [String]) -> [String] = { index, words in
            index == 0 ? NotebookCommand.verbs : (words.first == "set" ? ["radius", "reset_me", "lr"] : [])
        }
        for c in "se" { _ = editor.handle(.character(c), completions: names) }
        _ = editor.handle(.tab, completions: names)
        XCTAssertEqual(editor.text, "set ")
        _ = editor.handle(.character("r"), completions: names)
        _ = editor.handle(.tab, completions: names)
        XCTAssertEqual(editor.text, "set r")
        XCTAssertEqual(editor.candidates, ["radius", "reset_me"])
        for c in "a" { _ = editor.handle(.character(c), completions: names) }
        _ = editor.handle(.tab, completions: names)
        XCTAssertEqual(editor.text, "set radius ")
        for c in "0.5" { _ = editor.handle(.character(c), completions: names) }
        XCTAssertEqual(editor.handle(.enter, completions: names), .submitted("set radius 0.5"))
        XCTAssertEqual(editor.text, "")
        _ = editor.handle(.up, completions: names)
        XCTAssertEqual(editor.text, "set radius 0.5")
        _ = editor.handle(.home, completions: names)
        _ = editor.handle(.delete, completions: names)
        XCTAssertEqual(editor.text, "et radius 0.5")
        XCTAssertEqual(editor.cursor, 0)
        XCTAssertEqual(editor.handle(.escape, completions: names), .cancelled)
    }

    func testEditDistanceSuggestions() {
        XCTAssertEqual(ClosestNames.suggestion(for: "focsu", in: NotebookCommand.verbs), "focus")
        XCTAssertNil(ClosestNames.suggestion(for: "zzzzzz", in: NotebookCommand.verbs))
    }
}
