import Foundation
import Notebook
import XCTest

/// Folders of scenarios: broken files are reported and skipped, ids are suggested, chapters ordered.
final class ScenarioCatalogTests: XCTestCase {
    /// The fixture as scenario `id` in `chapter`.
    func scenario(_ id: String, chapter: String = "Basics", order: Int = 100) -> String {
        ScenarioFixture.text(replacing: [2: "id: \(id)", 4: "chapter: \(chapter)\norder: \(order)"])
    }

    func testBrokenFileIsSkippedWithADiagnostic() throws {
        let folder = try temporaryFolder(self)
        _ = try write(scenario("alpha"), to: folder, "alpha.md")
        _ = try write(scenario("beta"), to: folder, "beta.md")
        _ = try write(ScenarioFixture.text(replacing: [2: "id: broken", 13: "  radius: 7"]), to: folder, "broken.md")
        _ = try write("# How to write scenarios\n", to: folder, "README.md")
        _ = try write("not markdown", to: folder, "notes.txt")
        let catalog = ScenarioCatalog(directories: [folder])
        XCTAssertEqual(catalog.ids, ["alpha", "beta"])
        XCTAssertEqual(catalog.diagnostics.count, 1)
        let d = try XCTUnwrap(catalog.diagnostics.first)
        XCTAssertTrue(d.file.hasSuffix("broken.md"))
        XCTAssertEqual(d.line, 13)
        XCTAssertEqual(d.message, "radius must be between 0.1 and 3, or none (got 7)")
        XCTAssertEqual(catalog.scenario(id: "beta")?.title, "Demo")
        XCTAssertNil(catalog.scenario(id: "broken"))
    }

    func testMissingFolderIsReportedNotFatal() throws {
        let folder = try temporaryFolder(self)
        _ = try write(scenario("alpha"), to: folder, "alpha.md")
        let catalog = ScenarioCatalog(directories: [folder.appendingPathComponent("nope"), folder])
        XCTAssertEqual(catalog.ids, ["alpha"])
        XCTAssertEqual(catalog.diagnostics.map(\.message), ["cannot read this folder"])
    }

    func testFirstFolderWinsADuplicateID() throws {
        let shipped = try temporaryFolder(self), user = try temporaryFolder(self)
        _ = try write(scenario("alpha"), to: shipped, "alpha.md")
        _ = try write(scenario("alpha").replacingOccurrences(of: "title: Demo", with: "title: Mine"), to: user, "alpha.md")
        let catalog = ScenarioCatalog(directories: [shipped, user])
        XCTAssertEqual(catalog.scenario(id: "alpha")?.title, "Demo")
        XCTAssertEqual(catalog.diagnostics.count, 1)
        XCTAssertTrue(catalog.diagnostics[0].message.hasPrefix("scenario id \"alpha\" is already used by"))
    }

    func testChaptersFollowTheCatalogueOrderThenTheUsers() throws {
        let folder = try temporaryFolder(self)
        _ = try write(scenario("zeta", chapter: "Basics", order: 1), to: folder, "zeta.md")
        _ = try write(scenario("alpha", chapter: "Basics", order: 2), to: folder, "alpha.md")
        _ = try write(scenario("mine", chapter: "My experiments"), to: folder, "mine.md")
        _ = try write(scenario("grads", chapter: "Gradients through time"), to: folder, "grads.md")
        let catalog = ScenarioCatalog(directories: [folder])
        XCTAssertEqual(catalog.chapters.map(\.name), ["Basics", "Gradients through time", "My experiments"])
        XCTAssertEqual(catalog.chapters[0].scenarios.map(\.id), ["zeta", "alpha"])
        XCTAssertEqual(catalog.ids, ["zeta", "alpha", "grads", "mine"])
    }

    func testUnknownIDsGetTheClosestNames() throws {
        let folder = try temporaryFolder(self)
        for id in ["vanishing-gradients", "exploding-gradients", "attention", "lstm-gates"] {
            _ = try write(scenario(id), to: folder, "\(id).md")
        }
        let catalog = ScenarioCatalog(directories: [folder])
        XCTAssertEqual(catalog.closestIDs(to: "vanishing").first, "vanishing-gradients")
        XCTAssertEqual(catalog.closestIDs(to: "atension").first, "attention")
        XCTAssertEqual(catalog.closestIDs(to: "lstm").first, "lstm-gates")
        XCTAssertEqual(catalog.closestIDs(to: "q", limit: 3).count, 3)
    }

    func testQuestionLinksAreCheckedWhenTheBankExists() throws {
        let folder = try temporaryFolder(self), bank = try temporaryFolder(self)
        _ = try write(scenario("alpha"), to: folder, "alpha.md")
        XCTAssertEqual(ScenarioCatalog(directories: [folder], questionsDirectory: bank).ids, [])
        _ = try write("---\n---\n", to: bank, "q-one.md")
        XCTAssertEqual(ScenarioCatalog(directories: [folder], questionsDirectory: bank).ids, ["alpha"])
        XCTAssertEqual(ScenarioCatalog(directories: [folder], questionsDirectory: bank.appendingPathComponent("none")).ids, ["alpha"])
    }
}
