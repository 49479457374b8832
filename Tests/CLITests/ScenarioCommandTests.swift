import Foundation
import XCTest

/// The scenario commands through the real binary: their output formats, and one clear line
/// with exit code 2 for every kind of bad input.
final class ScenarioCommandTests: XCTestCase {
    func testRenderPrintsTheNotebookFrame() throws {
        let r = try CLI.run(["render", "vanishing-gradients", "--steps", "3", "--size", "100x30"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertTrue(lines[0].contains("Vanishing gradients"))
        XCTAssertTrue(r.stdout.contains("step 3"))
        XCTAssertTrue(r.stdout.contains("? help"))
        let svg = try CLI.run(["render", "attention", "--size", "80x24", "--format", "svg"])
        XCTAssertTrue(svg.stdout.hasPrefix("<?xml") && svg.stdout.contains("</svg>"))
    }

    func testRunJSONHasStepLinesThenASummary() throws {
        let r = try CLI.run(["run", "vanishing-gradients", "--steps", "4", "--every", "2", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let objects = try r.stdout.split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
        XCTAssertEqual(objects.count, 3)
        XCTAssertEqual(objects[0]["step"] as? Int, 2)
        XCTAssertEqual((objects[0]["grad_h_norms"] as? [Double])?.count, 50)
        let summary = try XCTUnwrap(objects[2]["summary"] as? [String: Any])
        XCTAssertNotNil(summary["final"] as? [String: Double])
        XCTAssertNotNil((summary["probe"] as? [String: Any])?["hidden"])
        XCTAssertNotNil((summary["claim"] as? [String: Any])?["text"])
    }

    func testListAndQuestionsJSON() throws {
        let list = try JSONSerialization.jsonObject(with: Data(try CLI.run(["list", "--json"]).stdout.utf8)) as! [[String: Any]]
        XCTAssertTrue(list.contains { $0["id"] as? String == "attention" })
        XCTAssertTrue(list.allSatisfy { Set($0.keys) == ["id", "title", "chapter", "questions"] })
        let questions = try JSONSerialization.jsonObject(with: Data(try CLI.run(["questions", "--json"]).stdout.utf8)) as! [[String: Any]]
        XCTAssertGreaterThan(questions.count, 100)
        XCTAssertTrue(questions.allSatisfy { Set($0.keys) == ["id", "question", "sources", "scenarios"] })
        let ask = try CLI.run(["ask", "why", "do", "gradients", "explode"])
        XCTAssertEqual(ask.status, 0)
        XCTAssertTrue(ask.stdout.contains("rnnbook open"))
    }

    func testBadInputGetsOneLineAndExitCode2() throws {
        let dir = try CLI.temporaryDirectory()
        let broken = dir.appendingPathComponent("mine.md")
        try "---\nid: mine\ntitle: [unclosed\n---\n".write(to: broken, atomically: true, encoding: .utf8)
        let csv = dir.appendingPathComponent("series.csv")
        try "1\n2\nnot-a-number\n".write(to: csv, atomically: true, encoding: .utf8)
        let cases: [([String], String)] = [
            (["run", "vanishing-gradient"], "closest: vanishing-gradients"),
            (["render", "attention", "--set", "radius=9"], "radius must be between"),
            (["render", "attention", "--set", "nonsense=1"], "unknown parameter"),
            (["render", "attention", "--size", "huge"], "--size"),
            (["render", "mine", "--scenarios", dir.path], "mine.md:4: invalid YAML"),
            (["lint", broken.path], "mine.md:4: invalid YAML"),
            (["run", "vanishing-gradients", "--csv", csv.path], "--csv applies to forecasting scenarios"),
            (["open", "attention"], "not a terminal"),
        ]
        for (args, expected) in cases {
            let r = try CLI.run(args)
            XCTAssertEqual(r.status, 2, "\(args): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains(expected), "\(args): \(r.stderr)")
            XCTAssertFalse(r.stderr.contains("Fatal error"), "\(args) crashed")
        }
    }
}
