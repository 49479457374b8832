import Foundation
import Notebook
import XCTest

/// Question files go through the same machinery: front matter with lines, strict keys, links.
final class QuestionFileTests: XCTestCase {
    static let lines = [
        "---",                                                  // 1
        "id: vanishing-gradient",                               // 2
        "question: Why do gradients vanish?",                   // 3
        "sources: [000_f0d40792f6aad4e9.txt#2, 001_x.txt#7]",   // 4
        "scenarios: [vanishing-gradients#2, lstm-gates]",       // 5
        "tags: [gradients, bptt]",                              // 6
        "---",                                                  // 7
        "Because every step multiplies the gradient by the same Jacobian.",  // 8
    ]

    static func text(replacing changes: [Int: String] = [:]) -> String {
        var copy = lines
        for (line, text) in changes { copy[line - 1] = text }
        return copy.joined(separator: "\n") + "\n"
    }

    let steps = ["vanishing-gradients": 6, "lstm-gates": 5]
    let seeds: Set<String> = ["000_f0d40792f6aad4e9.txt", "001_x.txt"]

    func testGoodFileRoundTrips() throws {
        let result = QuestionParser.parse(Self.text(), file: "vanishing-gradient.md", scenarioSteps: steps, seedFiles: seeds)
        XCTAssertEqual(result.diagnostics, [])
        let q = try XCTUnwrap(result.value)
        XCTAssertEqual(q.id, "vanishing-gradient")
        XCTAssertEqual(q.question, "Why do gradients vanish?")
        XCTAssertEqual(q.sources, [SeedReference(file: "000_f0d40792f6aad4e9.txt", number: 2), SeedReference(file: "001_x.txt", number: 7)])
        XCTAssertEqual(q.sources.map(\.description), ["000_f0d40792f6aad4e9.txt#2", "001_x.txt#7"])
        XCTAssertEqual(q.scenarios, [ScenarioLink(id: "vanishing-gradients", step: 2), ScenarioLink(id: "lstm-gates")])
        XCTAssertEqual(q.tags, ["gradients", "bptt"])
        XCTAssertEqual(q.answer, "Because every step multiplies the gradient by the same Jacobian.")
        XCTAssertEqual(q.answerWordCount, 10)
    }

    func testEveryErrorKindPointsAtItsLine() {
        let cases: [([Int: String], [String])] = [
            ([3: "questoin: Why?"], ["q.md:1: missing required key \"question\"",
                                     "q.md:3: unknown key \"questoin\" in the front matter; did you mean question?"]),
            ([2: "id: other"], ["q.md:2: id \"other\" must match the file name (q.md)"]),
            ([4: "sources: [000_f0d40792f6aad4e9.txt]"],
             ["q.md:4: source \"000_f0d40792f6aad4e9.txt\" must be SEEDFILE#N, e.g. 002_8a4f2640ade448a0.txt#4"]),
            ([4: "sources: [000_f0d40792f6aad4e8.txt#1]"],
             ["q.md:4: no seed file named 000_f0d40792f6aad4e8.txt; did you mean 000_f0d40792f6aad4e9.txt?"]),
            ([4: "sources: []"], ["q.md:4: sources must name at least one seed question (SEEDFILE#N)"]),
            ([4: "sources: 001_x.txt#7"], ["q.md:4: sources must be a list"]),
            ([5: "scenarios: [vanishing-gradients#9]"], ["q.md:5: scenario vanishing-gradients has 6 steps, not 9"]),
            ([5: "scenarios: [lstm-gate]"], ["q.md:5: scenario \"lstm-gate\" does not exist; did you mean lstm-gates?"]),
            ([5: "scenarios: [lstm-gates#0]"], ["q.md:5: scenario link \"lstm-gates#0\" must be ID or ID#STEP (steps count from 1)"]),
            ([6: "tags: {a: 1}"], ["q.md:6: tags must be a list"]),
            ([8: ""], ["q.md:1: the answer (the text after the front matter) is empty"]),
        ]
        for (changes, expected) in cases {
            var text = Self.text(replacing: changes)
            if changes[2] == nil { text = text.replacingOccurrences(of: "id: vanishing-gradient", with: "id: q") }
            let result = QuestionParser.parse(text, file: "q.md", scenarioSteps: steps, seedFiles: seeds)
            XCTAssertNil(result.value, "\(changes)")
            XCTAssertEqual(result.errors.map(\.description), expected, "\(changes)")
        }
    }

    func testLinksAreNotCheckedWithoutTheirFolders() {
        let text = Self.text(replacing: [5: "scenarios: [nowhere#3]"])
        XCTAssertNotNil(QuestionParser.parse(text, file: "vanishing-gradient.md").value)
    }

    func testLinterTellsQuestionsFromScenariosAndChecksBoth() throws {
        let root = try temporaryFolder(self)
        let scenarios = root.appendingPathComponent("Scenarios"), bank = root.appendingPathComponent("questions")
        try FileManager.default.createDirectory(at: scenarios, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: bank, withIntermediateDirectories: true)
        _ = try write(ScenarioFixture.text, to: scenarios, "demo.md")
        _ = try write(Self.text(replacing: [2: "id: q-one", 5: "scenarios: [demo#3, demo#4]"]), to: bank, "q-one.md")
        let diagnostics = ScenarioLinter.lint(paths: [scenarios.path, bank.path], questionsDirectory: bank,
                                              scenarioDirectories: [], seedsDirectory: nil)
        XCTAssertEqual(diagnostics.map(\.message), ["scenario demo has 3 steps, not 4"])
        XCTAssertEqual(diagnostics.first?.line, 5)

        let missing = ScenarioLinter.lint(paths: [root.appendingPathComponent("nope.md").path], questionsDirectory: nil,
                                          scenarioDirectories: [])
        XCTAssertEqual(missing.map(\.message), ["no such file"])
    }
}

extension QuestionFileTests {
    func testBankLoadsAFolderAndSkipsBrokenFiles() throws {
        let folder = try temporaryFolder(self)
        _ = try write(Self.text(), to: folder, "vanishing-gradient.md")
        _ = try write(Self.text(replacing: [2: "id: broken", 3: "question: [not, text]"]), to: folder, "broken.md")
        _ = try write("# About the bank\n", to: folder, "README.md")
        let bank = QuestionBank(directory: folder)
        XCTAssertEqual(bank.ids, ["vanishing-gradient"])
        XCTAssertEqual(bank.diagnostics.map(\.line), [3])
        XCTAssertEqual(bank.diagnostics.first?.message, "question must be text")
        XCTAssertEqual(bank.questions(linkingTo: "lstm-gates").map(\.id), ["vanishing-gradient"])
        XCTAssertEqual(bank.closestIDs(to: "vanishing").first, "vanishing-gradient")
    }

    /// The shipped bank parses (links to scenarios of later issues are not checked here).
    func testShippedBankParses() {
        let bank = QuestionBank(directory: repositoryRoot.appendingPathComponent("Assets/questions"))
        XCTAssertEqual(bank.diagnostics.map(\.description), [])
    }
}
