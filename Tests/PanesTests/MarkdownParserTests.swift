@testable import Panes
import XCTest

final class MarkdownParserTests: XCTestCase {
    private func spans(_ s: String) -> [MarkdownSpan] { MarkdownInline.parse(s) }

    func testHeadingsOfThreeLevelsAndDeeperShownAsThree() {
        let blocks = MarkdownParser.parse("# One\n## Two ##\n### Three\n#### Four\n#nope")
        XCTAssertEqual(blocks, [
            .heading(level: 1, [MarkdownSpan("One")]), .heading(level: 2, [MarkdownSpan("Two")]),
            .heading(level: 3, [MarkdownSpan("Three")]), .heading(level: 3, [MarkdownSpan("Four")]),
            .paragraph([MarkdownSpan("#nope")]),
        ])
    }

    func testParagraphLinesJoinAndBlankLinesSeparate() {
        let blocks = MarkdownParser.parse("first line\nsecond line\n\nnext paragraph")
        XCTAssertEqual(blocks, [.paragraph([MarkdownSpan("first line second line")]), .paragraph([MarkdownSpan("next paragraph")])])
    }

    func testHardBreakWithTwoTrailingSpacesOrBackslash() {
        XCTAssertEqual(MarkdownParser.parse("a  \nb\\\nc"), [.paragraph([MarkdownSpan("a\nb\nc")])])
    }

    func testEmphasisStrongBothAndCode() {
        XCTAssertEqual(spans("a *em* **st** ***both*** `co de` _u_ __uu__"), [
            MarkdownSpan("a "), MarkdownSpan("em", marks: .emphasis), MarkdownSpan(" "),
            MarkdownSpan("st", marks: .strong), MarkdownSpan(" "), MarkdownSpan("both", marks: [.emphasis, .strong]),
            MarkdownSpan(" "), MarkdownSpan("co de", marks: .code), MarkdownSpan(" "),
            MarkdownSpan("u", marks: .emphasis), MarkdownSpan(" "), MarkdownSpan("uu", marks: .strong),
        ])
    }

    func testNestedEmphasisInsideStrong() {
        XCTAssertEqual(spans("**a *b* c**"), [
            MarkdownSpan("a ", marks: .strong), MarkdownSpan("b", marks: [.strong, .emphasis]), MarkdownSpan(" c", marks: .strong),
        ])
    }

    func testUnderscoresInsideWordsAreNotEmphasis() {
        XCTAssertEqual(spans("snake_case and my_var_name stay"), [MarkdownSpan("snake_case and my_var_name stay")])
    }

    func testFormulasPassThroughUntouched() {
        for formula in ["h_t = tanh(W_hh·h_{t−1} + W_xh·x_t)", "∂L/∂h_t", "‖·‖", "‖∂L/∂h_t‖ ≤ γ^k",
                        "a * b * c", "2*3*4", "x_t * W_xh", "σ(z)_i = e^{z_i} / Σ_j e^{z_j}"] {
            XCTAssertEqual(spans(formula), [MarkdownSpan(formula)], formula)
            XCTAssertEqual(MarkdownParser.parse(formula), [.paragraph([MarkdownSpan(formula)])], formula)
        }
    }

    func testCodeSpanKeepsDelimitersInside() {
        XCTAssertEqual(spans("use `a*b*c` or ``x ` y``"), [
            MarkdownSpan("use "), MarkdownSpan("a*b*c", marks: .code), MarkdownSpan(" or "), MarkdownSpan("x ` y", marks: .code),
        ])
    }

    func testUnclosedDelimitersStayLiteral() {
        XCTAssertEqual(spans("*open and `tick"), [MarkdownSpan("*open and `tick")])
    }

    func testEscapesAndLinks() {
        XCTAssertEqual(spans("\\*not\\* [the paper](https://x.y/z) end"), [
            MarkdownSpan("*not* "), MarkdownSpan("the paper", marks: .link), MarkdownSpan(" end"),
        ])
    }

    func testFencedCodeKeepsLinesAndExpandsTabs() {
        let blocks = MarkdownParser.parse("```swift\nlet a = 1\n\tb *c*\n\n```\nafter")
        XCTAssertEqual(blocks, [.code(language: "swift", lines: ["let a = 1", "    b *c*", ""]), .paragraph([MarkdownSpan("after")])])
    }

    func testUnclosedFenceRunsToTheEnd() {
        XCTAssertEqual(MarkdownParser.parse("~~~\nx\ny"), [.code(language: "", lines: ["x", "y"])])
    }

    func testBulletListWithNestedNumberedList() {
        let blocks = MarkdownParser.parse("- one\n  continued\n- two\n  1. a\n  2. b\n- three")
        XCTAssertEqual(blocks, [.list(ordered: false, start: 1, items: [
            [.paragraph([MarkdownSpan("one continued")])],
            [.paragraph([MarkdownSpan("two")]), .list(ordered: true, start: 1, items: [
                [.paragraph([MarkdownSpan("a")])], [.paragraph([MarkdownSpan("b")])],
            ])],
            [.paragraph([MarkdownSpan("three")])],
        ])])
    }

    func testNumberedListKeepsItsStartAndLooseItems() {
        let blocks = MarkdownParser.parse("3. x\n\n4. y\n\nafter")
        XCTAssertEqual(blocks, [
            .list(ordered: true, start: 3, items: [[.paragraph([MarkdownSpan("x")])], [.paragraph([MarkdownSpan("y")])]]),
            .paragraph([MarkdownSpan("after")]),
        ])
    }

    func testListInterruptsParagraph() {
        XCTAssertEqual(MarkdownParser.parse("Text:\n- a"), [
            .paragraph([MarkdownSpan("Text:")]), .list(ordered: false, start: 1, items: [[.paragraph([MarkdownSpan("a")])]]),
        ])
    }

    func testPipeTableWithAlignmentsEscapesAndRaggedRows() {
        let md = "| cell | formula | n |\n|:-----|:---:|--:|\n| Elman | `a|b` | 1 |\n| GRU \\| x |\nnot table"
        guard case let .table(t)? = MarkdownParser.parse(md).first else { return XCTFail("no table") }
        XCTAssertEqual(t.alignments, [.left, .center, .right])
        XCTAssertEqual(t.header, [[MarkdownSpan("cell")], [MarkdownSpan("formula")], [MarkdownSpan("n")]])
        XCTAssertEqual(t.rows, [
            [[MarkdownSpan("Elman")], [MarkdownSpan("a|b", marks: .code)], [MarkdownSpan("1")]],
            [[MarkdownSpan("GRU | x")], [], []],
        ])
        XCTAssertEqual(MarkdownParser.parse(md).last, .paragraph([MarkdownSpan("not table")]))
    }

    func testQuoteAndRule() {
        XCTAssertEqual(MarkdownParser.parse("> quoted *text*\n> more\n\n---\n* * *"), [
            .quote([.paragraph([MarkdownSpan("quoted "), MarkdownSpan("text", marks: .emphasis), MarkdownSpan(" more")])]),
            .rule, .rule,
        ])
    }

    func testPipesWithoutSeparatorAreAParagraph() {
        XCTAssertEqual(MarkdownParser.parse("|x| is the absolute value"), [.paragraph([MarkdownSpan("|x| is the absolute value")])])
    }
}
