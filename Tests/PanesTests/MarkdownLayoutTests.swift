@testable import Panes
import XCTest

final class MarkdownLayoutTests: XCTestCase {
    private func text(_ md: String, width: Int, ascii: Bool = false) -> [String] {
        MarkdownLayout.lines(markdown: md, width: width, ascii: ascii).map(\.text)
    }

    func testWrapsAtWordsAndNeverExceedsTheWidth() {
        let md = "The gradient shrinks by a factor at every step back in time, so early inputs barely matter."
        for width in [10, 17, 25, 40] {
            let lines = text(md, width: width)
            XCTAssertTrue(lines.allSatisfy { $0.unicodeScalars.count <= width }, "\(width): \(lines)")
            // Every word survives whole.
            XCTAssertEqual(lines.joined(separator: " ").split(separator: " ").map(String.init),
                           md.split(separator: " ").map(String.init), "\(width)")
        }
        XCTAssertEqual(text(md, width: 25), ["The gradient shrinks by a", "factor at every step back",
                                             "in time, so early inputs", "barely matter."])
    }

    func testSplitsOnlyWordsLongerThanTheWidth() {
        XCTAssertEqual(text("ab abcdefghij cd", width: 4), ["ab", "abcd", "efgh", "ij", "cd"])
    }

    func testFormulaStaysWholeAndUntouched() {
        let formula = "h_t = tanh(W_hh·h_{t−1} + W_xh·x_t)"
        XCTAssertEqual(text("Elman: " + formula, width: 80), ["Elman: " + formula])
        XCTAssertEqual(text(formula, width: 20), ["h_t =", "tanh(W_hh·h_{t−1} +", "W_xh·x_t)"])
    }

    func testHeadingsAreUnderlinedAndMarked() {
        let lines = MarkdownLayout.lines(markdown: "# Vanishing\n\n## Why\n\n### Fix", width: 30, ascii: false)
        XCTAssertEqual(lines.map(\.text), ["Vanishing", "═════════", "", "Why", "───", "", "Fix"])
        XCTAssertTrue(lines[0].marks.allSatisfy { $0.contains(.heading1) })
        XCTAssertTrue(lines[6].marks.allSatisfy { $0.contains(.heading3) })
        XCTAssertEqual(text("# T", width: 10, ascii: true), ["T", "="])
    }

    func testListsHangTheirIndentAndNest() {
        let md = "- a long first item that wraps\n- second\n  - nested item here\n\n10. ten\n11. eleven wraps too"
        XCTAssertEqual(text(md, width: 16), [
            "• a long first", "  item that", "  wraps", "• second", "  ◦ nested item", "    here", "",
            "10. ten", "11. eleven wraps", "    too",
        ])
        XCTAssertEqual(text("- a\n  - b", width: 10, ascii: true), ["- a", "  * b"])
    }

    func testCodeBlocksAreClippedNotWrapped() {
        let md = "```\nfor t in 0..<T { h = tanh(W * h + U * x[t]) }\nshort\n```"
        let lines = MarkdownLayout.lines(markdown: md, width: 30, ascii: false)
        XCTAssertEqual(lines.map(\.text), ["  for t in 0..<T { h = tanh(W…", "  short                       "])
        XCTAssertTrue(lines[1].marks[2...].allSatisfy { $0.contains(.codeBlock) })
        XCTAssertEqual(text(md, width: 10, ascii: true).first, "for t in >")
    }

    func testTableAtNaturalWidth() {
        let md = "| cell | gates |\n|---|--:|\n| LSTM | 4 |\n| GRU | 3 |"
        XCTAssertEqual(text(md, width: 40), ["cell │ gates", "─────┼──────", "LSTM │     4", "GRU  │     3"])
        XCTAssertEqual(text(md, width: 40, ascii: true)[1], "-----+------")
    }

    func testTableShrinksTheWidestColumnAndWrapsItsCells() {
        let md = """
            | cell | update |
            |---|---|
            | Elman | h_t = tanh(W_hh·h_{t−1} + W_xh·x_t) |
            | GRU | h_t = (1 − z_t)⊙h_{t−1} + z_t⊙ñ_t |
            """
        let lines = text(md, width: 28)
        XCTAssertTrue(lines.allSatisfy { $0.unicodeScalars.count <= 28 }, "\(lines)")
        XCTAssertEqual(lines, [
            "cell  │ update",
            "──────┼─────────────────────",
            "Elman │ h_t =",
            "      │ tanh(W_hh·h_{t−1} +",
            "      │ W_xh·x_t)",
            "──────┼─────────────────────",
            "GRU   │ h_t = (1 −",
            "      │ z_t)⊙h_{t−1} +",
            "      │ z_t⊙ñ_t",
        ])
    }

    func testColumnFitSharesWhatIsLeft() {
        XCTAssertEqual(MarkdownTableLayout.fit([5, 30, 20], into: 60), [5, 30, 20])
        XCTAssertEqual(MarkdownTableLayout.fit([5, 30, 20], into: 35), [5, 15, 15])
        XCTAssertEqual(MarkdownTableLayout.fit([5, 30, 20], into: 36), [5, 16, 15])
        XCTAssertEqual(MarkdownTableLayout.fit([5, 30, 20], into: 6), [4, 4, 4])
    }

    func testQuoteAndRule() {
        XCTAssertEqual(text("> note *this*\n\n---", width: 12), ["│ note this", "", "────────────"])
        let quote = MarkdownLayout.lines(markdown: "> x", width: 12, ascii: false)[0]
        XCTAssertTrue(quote.marks[2].contains(.quote))
    }

    func testSnakeCaseIsNotEmphasisedInLayout() {
        let line = MarkdownLayout.lines(markdown: "call hidden_state_norm now", width: 40, ascii: false)[0]
        XCTAssertEqual(line.text, "call hidden_state_norm now")
        XCTAssertTrue(line.marks.allSatisfy { $0.isEmpty })
    }

    func testWidthOneDoesNotLoopOrCrash() {
        let md = "# Title\n\n- a\n  - b\n\n| x | y |\n|---|---|\n| 1 | 2 |\n\n```\ncode\n```\n> q"
        for width in [0, 1, 2, 3] { _ = MarkdownLayout.lines(markdown: md, width: width, ascii: false) }
    }
}
