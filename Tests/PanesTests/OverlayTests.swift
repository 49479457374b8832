import _SnapshotTesting
import Panes
import TermGrid
import XCTest

final class OverlayTests: XCTestCase {
    private typealias F = TextPanesFixtures

    /// A screen full of `#`, so tests can see what an overlay clears.
    private func filled(_ width: Int, _ height: Int) -> Buffer { Buffer(width: width, height: height, fill: Cell("#")) }

    // MARK: Help

    func testHelpListsEveryKeyAndCommand() {
        var buffer = filled(100, 40)
        HelpOverlay.render(in: buffer.bounds, into: &buffer, context: F.full)
        let text = buffer.lines.joined(separator: "\n")
        for key in ["space", " . ", " r ", "+ -", "Tab", " z ", "←↓↑→ hjkl", "PgUp PgDn", "n p", " : ", " / ", " ? ", " q "] {
            XCTAssertTrue(text.contains(key), key)
        }
        for command in [":set KEY VALUE", ":run N", ":reset", ":focus PANE", ":open SCENARIO"] {
            XCTAssertTrue(text.contains(command), command)
        }
        assertSnapshot(snapshotText(buffer), named: "help")
        XCTAssertEqual(buffer[0, 0].glyph, "#", "outside the box stays")
        XCTAssertEqual(buffer[75, 24].glyph, " ", "inside the box is cleared")
    }

    func testHelpClearsBeneathAndFitsTinyAndAscii() {
        var ascii = filled(50, 12)
        HelpOverlay.render(scroll: 3, in: ascii.bounds, into: &ascii, context: F.ascii)
        assertSnapshot(snapshotText(ascii), named: "help-ascii-small")
        XCTAssertFalse(ascii.lines.joined().contains("#"), "the box takes the whole small screen")
        var tiny = filled(3, 2)
        HelpOverlay.render(in: tiny.bounds, into: &tiny, context: F.full)
        XCTAssertEqual(tiny.lines, [" Ke", "  s"], "no room for a frame: as much text as fits")
    }

    // MARK: Command line

    func testCommandLineCursorCompletionAndCandidates() {
        var buffer = Buffer(width: 40, height: 1)
        let state = CommandLineBar.ViewState(text: "set rad", completion: "ius", candidates: ["radius", "rate"], selectedCandidate: 0)
        CommandLineBar.render(state, in: buffer.bounds, into: &buffer, context: F.full)
        XCTAssertEqual(buffer.lines[0], ":set radius  radius  rate" + String(repeating: " ", count: 15))
        XCTAssertTrue(buffer[8, 0].style.attributes.contains(.reverse), "cursor on the first greyed letter")
        XCTAssertTrue(buffer[9, 0].style.attributes.contains(.dim))
        XCTAssertFalse(buffer[7, 0].style.attributes.contains(.reverse))
        XCTAssertTrue(buffer[13, 0].style.attributes.contains(.reverse), "selected candidate")
        assertSnapshot(snapshotText(buffer), named: "command-line")
    }

    func testCommandLineScrollsToKeepTheCursorAndCutsCandidates() {
        var buffer = Buffer(width: 12, height: 1)
        CommandLineBar.render(.init(text: "focus gradients", cursor: 15), in: buffer.bounds, into: &buffer, context: F.ascii)
        XCTAssertEqual(buffer.lines[0], ": gradients ")
        assertSnapshot(snapshotText(buffer), named: "command-line-ascii-narrow")
        XCTAssertTrue(buffer[11, 0].style.attributes.contains(.reverse))
        var mid = Buffer(width: 12, height: 1)
        CommandLineBar.render(.init(text: "run 200", cursor: 2, candidates: ["a", "bb", "ccc", "dddd"]), in: mid.bounds, into: &mid, context: F.ascii)
        XCTAssertTrue(mid[3, 0].style.attributes.contains(.reverse))
        XCTAssertEqual(mid.lines[0], ":run 200  ~ ", "no room for a candidate: only the more mark")
    }

    // MARK: Question search

    private let results = [
        QuestionSearchOverlay.Result(id: "rnn-003", title: "Why do gradients vanish in a vanilla RNN?"),
        QuestionSearchOverlay.Result(id: "rnn-017", title: "How does gradient clipping work, and when does it help?"),
        QuestionSearchOverlay.Result(id: "lstm-002", title: "What does the forget gate of an LSTM do to the gradient?"),
        QuestionSearchOverlay.Result(id: "att-001", title: "Why did attention replace the fixed context vector?"),
    ]

    func testSearchOverlay() {
        var buffer = filled(80, 14)
        QuestionSearchOverlay.render(results: results, state: .init(query: "gradient", selected: 1), in: buffer.bounds,
                                     into: &buffer, context: F.full)
        assertSnapshot(snapshotText(buffer), named: "search")
        // The selected row is highlighted, the query's word marked in the titles.
        guard let selectedRow = buffer.lines.firstIndex(where: { $0.contains("How does gradient") }) else { return XCTFail() }
        XCTAssertEqual(buffer[10, selectedRow].style.background, .rgb(40, 90, 140))
        XCTAssertEqual(buffer[10, selectedRow + 1].style.background, .terminalDefault)
        let row = Array(buffer.lines[selectedRow - 1].unicodeScalars)
        guard let g = row.firstIndex(of: "g") else { return XCTFail() }
        XCTAssertTrue(buffer[g, selectedRow - 1].style.attributes.contains(.bold), "matched word")
        XCTAssertFalse(buffer[g - 3, selectedRow - 1].style.attributes.contains(.bold), "unmatched word")
    }

    func testSearchScrollsToTheSelectionInAsciiAndTinySizes() {
        var buffer = filled(40, 7)
        QuestionSearchOverlay.render(results: results, state: .init(query: "WHY", selected: 3), in: buffer.bounds,
                                     into: &buffer, context: F.ascii)
        assertSnapshot(snapshotText(buffer), named: "search-ascii-small")
        XCTAssertTrue(buffer.lines.joined().contains("Why did attention"))
        XCTAssertEqual(QuestionSearchOverlay.scroll(keeping: 3, from: 0, rows: 2, count: 4), 2)
        XCTAssertEqual(QuestionSearchOverlay.scroll(keeping: 0, from: 3, rows: 2, count: 4), 0)
        XCTAssertEqual(QuestionSearchOverlay.listRows(resultCount: 4, in: buffer.bounds), 3)
        var tiny = filled(12, 4)
        QuestionSearchOverlay.render(results: results, state: .init(query: "gate", selected: 2), in: tiny.bounds,
                                     into: &tiny, context: F.full)
        assertSnapshot(snapshotText(tiny), named: "search-tiny")
        var empty = filled(30, 8)
        QuestionSearchOverlay.render(results: [], state: .init(query: "zzz"), in: empty.bounds, into: &empty, context: F.full)
        XCTAssertTrue(empty.lines.joined().contains("no matching"))
    }
}
