import Notebook
import XCTest

final class HomeScreenTests: XCTestCase {
    let catalog = ScenarioCatalog(directories: [ScenarioCatalog.shippedDirectory])
    let questions = QuestionSource()

    func testListsChaptersAndOpensTheSelectedScenario() {
        var home = HomeScreen(catalog: catalog, questions: questions)
        var buffer = Buffer(width: 100, height: 30)
        home.frame(into: &buffer, capabilities: .full)
        XCTAssertTrue(buffer.lines.joined().contains(catalog.chapters[0].name))
        // Moving down scrolls the list until the last chapter is on screen.
        var scrolled = home
        for _ in 0..<catalog.scenarios.count { _ = scrolled.handle(.down) }
        scrolled.frame(into: &buffer, capabilities: .full)
        XCTAssertTrue(buffer.lines.joined().contains(catalog.chapters.last!.name))
        guard case .scenario(let first) = home.selected else { return XCTFail("nothing selected") }
        XCTAssertEqual(home.handle(.enter), .open(scenario: first.id, question: nil))
        _ = home.handle(.down)
        if case .scenario(let second) = home.selected { XCTAssertNotEqual(second.id, first.id) }
        XCTAssertEqual(home.handle(.character("q")), .quit)
    }

    func testTypingSearchesQuestionsAndEnterOpensTheirScenario() {
        var home = HomeScreen(catalog: catalog, questions: questions)
        for c in "vanishing" { XCTAssertEqual(home.handle(.character(c)), .stay) }
        XCTAssertEqual(home.query, "vanishing")
        XCTAssertTrue(home.entries.contains { if case .question = $0 { return true } else { return false } })
        // q is a letter of the query now, not quit.
        XCTAssertEqual(home.handle(.character("q")), .stay)
        _ = home.handle(.backspace)
        while case .scenario = home.selected { _ = home.handle(.down) }
        guard case .question(let q) = home.selected else { return XCTFail("no question selected") }
        if case .open(let id, let question) = home.handle(.enter) {
            XCTAssertEqual(question, q.id)
            XCTAssertTrue(q.scenarios.contains { $0.id == id })
        }
        _ = home.handle(.escape)
        XCTAssertEqual(home.query, "")
    }

    func testTooSmallTerminalSaysSo() {
        var home = HomeScreen(catalog: catalog, questions: questions)
        var buffer = Buffer(width: 40, height: 10)
        home.frame(into: &buffer, capabilities: .full)
        XCTAssertTrue(buffer.lines.joined().contains("needs at least 60×20"))
    }
}
