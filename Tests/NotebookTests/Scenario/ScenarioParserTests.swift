import Foundation
import Notebook
import XCTest

/// A good file becomes the model it describes, piece by piece.
final class ScenarioParserTests: XCTestCase {
    func testGoodFileRoundTripsIntoTheModel() throws {
        let result = ScenarioParser.parse(ScenarioFixture.text, file: "Scenarios/demo.md", questionIDs: ["q-one"])
        XCTAssertEqual(result.diagnostics, [])
        let s = try XCTUnwrap(result.scenario)
        XCTAssertEqual(s.id, "demo")
        XCTAssertEqual(s.title, "Demo")
        XCTAssertEqual(s.chapter, "Basics")
        XCTAssertEqual(s.order, 100)
        XCTAssertEqual(s.questions, ["q-one"])
        XCTAssertEqual(s.claim, "Something holds.")
        XCTAssertEqual(s.intro, "# Demo\n\nIntro text.")
        XCTAssertEqual(s.sourcePath, "Scenarios/demo.md")
        XCTAssertEqual(s.parameters.task, "adding")
        XCTAssertEqual(s.parameters["seq_len"], .int(20))
        XCTAssertEqual(s.parameters["cell"], .choice("rnn_tanh"))
        XCTAssertEqual(s.parameters["hidden"], .int(16))
        XCTAssertEqual(s.parameters["radius"], .real(0.5))
        XCTAssertEqual(s.parameters["lr"], .real(0.01))
        XCTAssertEqual(s.tweakable, ["radius", "cell"])
        XCTAssertEqual(s.parameters.spec("radius")?.kind, .real(0.25...2))
        XCTAssertEqual(s.panes, [.gradients, .loss])
        XCTAssertEqual(s.layout, PaneLayout(rows: [PaneLayout.Row([.init(.gradients), .init(.loss)])]))
        XCTAssertEqual(s.initialFocus, .gradients)

        XCTAssertEqual(s.steps.map(\.title), ["One", "Two", "Three"])
        XCTAssertEqual(s.steps.map(\.line), [25, 34, 40])
        XCTAssertEqual(s.steps[0].prose, "Prose one.")
        XCTAssertEqual(s.steps[0].actions, [.set(name: "radius", value: .real(1)), .run(steps: 10)])
        XCTAssertEqual(s.steps[0].actionLines, [30, 31])
        XCTAssertEqual(s.steps[1].actions, [.focus(.loss)])
        XCTAssertEqual(s.steps[2].actions, [.compare(name: "cell", values: [.choice("rnn_tanh"), .choice("lstm")])])
        // Actions print back as the text they came from.
        XCTAssertEqual(s.steps.flatMap(\.actions).map(\.text),
                       ["set radius 1", "run 10", "focus loss", "compare cell=rnn_tanh,lstm"])
        XCTAssertEqual(s.steps[0].actions[0].notebookCommand, .set(name: "radius", value: "1"))

        let recipe = try s.parameters.recipe()
        XCTAssertEqual(recipe.task, "adding")
        XCTAssertEqual(recipe.seqLen, 20)
        XCTAssertEqual(recipe.radius, 0.5)
    }

    func testLayoutWeightsFocusAndProseAroundTheActions() throws {
        let text = ScenarioFixture.text(replacing: [
            19: "layout: [[gradients: 2, loss], {weight: 3, panes: [hidden]}]\nfocus: hidden",
            27: "Before.\n\n```python\n## not a heading\n```",
            32: "```\n\nAfter the block.",
        ])
        let result = ScenarioParser.parse(text, file: "demo.md")
        XCTAssertEqual(result.errors, [])
        let s = try XCTUnwrap(result.scenario)
        XCTAssertEqual(s.layout.rows, [
            PaneLayout.Row([.init(.gradients, weight: 2), .init(.loss)]),
            PaneLayout.Row([.init(.hidden)], weight: 3),
        ])
        XCTAssertEqual(s.panes, [.gradients, .loss, .hidden])
        XCTAssertEqual(s.initialFocus, .hidden)
        XCTAssertEqual(s.steps.count, 3)
        XCTAssertEqual(s.steps[0].prose, "Before.\n\n```python\n## not a heading\n```\n\n\nAfter the block.")
    }

    func testPanesAloneAreLaidOutTwoPerRow() {
        XCTAssertEqual(PaneLayout.automatic([.hidden, .gradients, .loss]).rows,
                       [PaneLayout.Row([.init(.hidden), .init(.gradients)]), PaneLayout.Row([.init(.loss)])])
    }

    func testPanesAndLayoutMustAgree() {
        let text = ScenarioFixture.text(replacing: [19: "panes: [gradients, loss]\nlayout: [[gradients]]"])
        XCTAssertEqual(ScenarioParser.parse(text, file: "demo.md").errors.map(\.description),
                       ["demo.md:20: pane loss is in panes: but not placed in layout:"])
    }

    func testTextCorpusResolvesInsideTheFolder() throws {
        let folder = try temporaryFolder(self)
        _ = try write("some text", to: folder, "corpus.txt")
        let text = ScenarioFixture.text(replacing: [8: "  name: text", 9: "  text: ./corpus.txt"])
        let result = ScenarioParser.parse(text, file: "demo.md", folder: folder)
        XCTAssertEqual(result.errors, [])
        let path = try XCTUnwrap(result.scenario?.parameters.textFile)
        XCTAssertTrue(path.hasSuffix("/corpus.txt"), path)
        XCTAssertEqual(try result.scenario?.parameters.recipe().textFile, path)
    }

    func testLoadingFromDiskThrowsAllErrorsAtOnce() throws {
        let folder = try temporaryFolder(self)
        let url = try write(ScenarioFixture.text(replacing: [12: "  hidden: 0", 13: "  radius: 9"]), to: folder, "demo.md")
        XCTAssertThrowsError(try Scenario(contentsOf: url)) { error in
            let list = error as? DiagnosticList
            XCTAssertEqual(list?.diagnostics.map(\.line), [12, 13])
            XCTAssertEqual("\(error)".split(separator: "\n").count, 2)
        }
        let good = try write(ScenarioFixture.text, to: folder, "demo.md")
        XCTAssertEqual(try Scenario(contentsOf: good).id, "demo")
    }
}
