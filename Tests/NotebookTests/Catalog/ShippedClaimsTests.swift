import Notebook
import RNNCore
import XCTest

/// Every shipped scenario states the claim its check measures, with the configuration the
/// check was measured with, so the notebook shows what `rnnbook run ID --check` proves.
final class ShippedClaimsTests: XCTestCase {
    let catalog = ScenarioCatalog(directories: [ScenarioCatalog.shippedDirectory])

    func testEveryScenarioHasItsClaimCheckWithTheSameWordsAndDefaults() throws {
        XCTAssertFalse(catalog.scenarios.isEmpty)
        for scenario in catalog.scenarios {
            guard let claim = ClaimRegistry.claim(for: scenario.id) else {
                XCTFail("\(scenario.id) has no claim check"); continue
            }
            XCTAssertEqual(normalized(scenario.claim), normalized(claim.text), "claim text of \(scenario.id)")
            XCTAssertEqual(try scenario.parameters.recipe(), claim.scenarioDefaults, "defaults of \(scenario.id)")
        }
    }

    func testEveryClaimBelongsToAShippedScenario() {
        for claim in ClaimRegistry.all {
            XCTAssertNotNil(catalog.scenario(id: claim.scenarioID), "claim for missing scenario \(claim.scenarioID)")
        }
    }

    private func normalized(_ s: String) -> String {
        s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}

/// Scenarios and answers link both ways, so a reader gets from either to the other at once.
final class ScenarioQuestionLinkTests: XCTestCase {
    func testEveryLinkRunsBothWays() {
        let catalog = ScenarioCatalog(directories: [ScenarioCatalog.shippedDirectory])
        let bank = QuestionBank(directory: ScenarioCatalog.shippedQuestionsDirectory)
        for scenario in catalog.scenarios {
            XCTAssertFalse(scenario.questions.isEmpty, "\(scenario.id) links no question")
            for id in scenario.questions {
                guard let question = bank.question(id: id) else { XCTFail("\(scenario.id) links missing question \(id)"); continue }
                XCTAssertTrue(question.scenarios.contains { $0.id == scenario.id }, "\(id) does not link back to \(scenario.id)")
            }
        }
        for question in bank.questions {
            XCTAssertTrue(question.scenarios.contains { catalog.scenario(id: $0.id) != nil },
                          "\(question.id) links no shipped scenario")
        }
    }
}
