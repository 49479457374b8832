import Foundation
import Notebook
import RNNCore
import XCTest

/// The scenarios in Scenarios/ lint clean (no errors, no warnings) and build valid recipes, and
/// Scenarios/README.md documents every name the format accepts.
final class ShippedScenarioTests: XCTestCase {
    let folder = repositoryRoot.appendingPathComponent("Scenarios")
    let bank = repositoryRoot.appendingPathComponent("Assets/questions")

    func testShippedScenariosLintClean() {
        let diagnostics = ScenarioLinter.lint(paths: [folder.path], questionsDirectory: bank, scenarioDirectories: [])
        XCTAssertEqual(diagnostics.map(\.description), [])
    }

    func testTheIssueThreeScenariosLoadAndBuildTheirRecipes() throws {
        let catalog = ScenarioCatalog(directories: [folder], questionsDirectory: bank)
        XCTAssertEqual(catalog.diagnostics, [])
        for id in ["vanishing-gradients", "lstm-gates", "attention"] {
            let scenario = try XCTUnwrap(catalog.scenario(id: id), id)
            XCTAssertTrue(Scenario.recommendedStepCount.contains(scenario.steps.count), id)
            XCTAssertFalse(scenario.claim.isEmpty)
            XCTAssertFalse(scenario.questions.isEmpty)
            let recipe = try scenario.parameters.recipe()
            XCTAssertNoThrow(try recipe.makeTask(), id)
        }
        let vanishing = try XCTUnwrap(catalog.scenario(id: "vanishing-gradients"))
        XCTAssertEqual(try vanishing.parameters.recipe().cell, .rnn_tanh)
        XCTAssertTrue(vanishing.tweakable.contains("radius"))
        XCTAssertEqual(try catalog.scenario(id: "attention")?.parameters.recipe().task, "reverse")
        XCTAssertEqual(try catalog.scenario(id: "attention")?.parameters.recipe().attention, "additive")
    }

    func testReadmeDocumentsEveryName() throws {
        let readme = try String(contentsOf: folder.appendingPathComponent("README.md"), encoding: .utf8)
        for spec in ParameterRegistry.specs {
            XCTAssertTrue(readme.contains("| `\(spec.name)` | \(spec.kind.typeName) | \(spec.section.rawValue) | \(spec.allowedDescription) |"),
                          "README's parameter table row for \(spec.name)")
        }
        for pane in PaneID.names { XCTAssertTrue(readme.contains("`\(pane)`"), pane) }
        for verb in ScenarioAction.verbs { XCTAssertTrue(readme.contains("`\(verb)"), verb) }
        for key in ScenarioParser.topLevelKeys + QuestionParser.keys { XCTAssertTrue(readme.contains("`\(key)"), key) }
    }
}

extension ShippedScenarioTests {
    /// The README's example is a real scenario: it parses, with only the short-walkthrough warning.
    func testReadmeExampleIsValid() throws {
        let readme = try String(contentsOf: folder.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try XCTUnwrap(readme.range(of: "````markdown\n"))
        let end = try XCTUnwrap(readme.range(of: "\n````", range: start.upperBound..<readme.endIndex))
        let example = String(readme[start.upperBound..<end.lowerBound])
        let ids = QuestionParser.ids(in: bank)
        let result = ScenarioParser.parse(example, file: "my-radius-demo.md", questionIDs: ids)
        XCTAssertEqual(result.errors, [])
        XCTAssertEqual(result.warnings.map(\.message), ["the walkthrough has 2 steps; scenarios read best with 3 to 8"])
        XCTAssertEqual(result.scenario?.layout.rows.first?.slots.first, PaneLayout.Slot(.gradients, weight: 2))
    }
}
