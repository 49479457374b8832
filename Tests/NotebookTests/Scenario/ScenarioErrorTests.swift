import Foundation
import Notebook
import XCTest

/// Every kind of mistake in a scenario file produces `file:line: message` at the right line.
/// Each case changes one or two lines of a valid fixture and lists the exact errors expected.
final class ScenarioErrorTests: XCTestCase {
    struct Case {
        let name: String
        let changes: [Int: String]
        let expected: [String]
    }

    static let panes = PaneID.names.joined(separator: ", ")
    static let tasks = ParameterRegistry.taskNames.joined(separator: ", ")

    let cases: [Case] = [
        Case(name: "unknown key", changes: [6: "claims: Something holds."], expected: [
            "demo.md:1: missing required key \"claim\"",
            "demo.md:6: unknown key \"claims\" in the front matter; did you mean claim?"]),
        Case(name: "missing required key", changes: [4: "# no chapter"], expected: [
            "demo.md:1: missing required key \"chapter\""]),
        Case(name: "wrong type", changes: [12: "  hidden: lots"], expected: [
            "demo.md:12: hidden must be a whole number between 1 and 1024 (got \"lots\")"]),
        Case(name: "list where text belongs", changes: [3: "title: [a, b]"], expected: [
            "demo.md:3: title must be text"]),
        Case(name: "out of range", changes: [13: "  radius: 7"], expected: [
            "demo.md:13: radius must be between 0.1 and 3, or none (got 7)"]),
        Case(name: "unknown choice", changes: [11: "  cell: lsmt"], expected: [
            "demo.md:11: cell must be one of \(CellKindNames.all) (got \"lsmt\"; did you mean lstm?)"]),
        Case(name: "parameter in the wrong section", changes: [15: "  seq_len: 30"], expected: [
            "demo.md:15: seq_len belongs under task:, not training:"]),
        Case(name: "parameter at the top level", changes: [6: "lr: 0.1"], expected: [
            "demo.md:1: missing required key \"claim\"",
            "demo.md:6: lr belongs under training:"]),
        Case(name: "unknown task", changes: [8: "  name: addin"], expected: [
            "demo.md:8: unknown task \"addin\" (tasks: \(tasks); did you mean adding?)"]),
        Case(name: "tweak outside the global range", changes: [17: "  radius: [0.01, 5]"], expected: [
            "demo.md:17: radius: the tweak range 0.01 to 5 leaves the allowed range (between 0.1 and 3, or none)"]),
        Case(name: "default outside its tweak range", changes: [13: "  radius: 0.2"], expected: [
            "demo.md:17: radius is 0.2, outside its tweak range (between 0.25 and 2, or none)"]),
        Case(name: "tweak of the wrong shape", changes: [17: "  radius: [lstm]"], expected: [
            "demo.md:17: tweak radius must be [low, high] with numbers"]),
        Case(name: "unknown pane", changes: [19: "panes: [gradients, los]"], expected: [
            "demo.md:19: unknown pane \"los\" (panes: \(panes); did you mean loss?)",
            "demo.md:37: focus loss: this scenario does not show that pane (it shows gradients)"]),
        Case(name: "pane placed twice", changes: [19: "layout: [[gradients, loss: 2], [gradients]]"], expected: [
            "demo.md:19: pane gradients is placed twice in layout:"]),
        Case(name: "layout weight out of range", changes: [19: "layout: [[gradients: 12, loss]]"], expected: [
            "demo.md:19: a layout weight must be a whole number between 1 and 9"]),
        Case(name: "unknown action", changes: [31: "walk 10"], expected: [
            "demo.md:31: unknown action \"walk\" (actions: set, run, reset, focus, compare)"]),
        Case(name: "misspelt action", changes: [31: "rnu 10"], expected: [
            "demo.md:31: unknown action \"rnu\" (actions: set, run, reset, focus, compare; did you mean run?)"]),
        Case(name: "run out of range", changes: [31: "run 0"], expected: [
            "demo.md:31: run takes a number of steps between 1 and 1000000 (got 0)"]),
        Case(name: "set outside the scenario's range", changes: [30: "set radius 2.5"], expected: [
            "demo.md:30: radius must be between 0.25 and 2 in this scenario, or none (got 2.5)"]),
        Case(name: "set of an unknown parameter", changes: [30: "set raduis 1"], expected: [
            "demo.md:30: unknown parameter \"raduis\"; did you mean radius?"]),
        Case(name: "set of the task", changes: [30: "set task copy"], expected: [
            "demo.md:30: task is fixed by the scenario; open another scenario to change it"]),
        Case(name: "compare with one value", changes: [43: "compare cell=lstm"], expected: [
            "demo.md:43: compare needs 2 to 4 values (got 1)"]),
        Case(name: "compare outside the scenario's choices", changes: [43: "compare cell=lstm,gru"], expected: [
            "demo.md:43: cell must be one of rnn_tanh, lstm in this scenario (got \"gru\")"]),
        Case(name: "step without actions", changes: [36: "```text"], expected: [
            "demo.md:34: step \"Two\" has no ```actions block"]),
        Case(name: "unclosed fence", changes: [44: ""], expected: [
            "demo.md:42: this fenced block is never closed (add a line of ```)"]),
        Case(name: "id does not match the file", changes: [2: "id: other"], expected: [
            "demo.md:2: id \"other\" must match the file name (demo.md)"]),
        Case(name: "badly formed id", changes: [2: "id: Demo_1"], expected: [
            "demo.md:2: id \"Demo_1\" must use lowercase letters, digits and single hyphens"]),
        Case(name: "link to a missing question", changes: [5: "questions: [q-onee, q-zzz]"], expected: [
            "demo.md:5: question \"q-onee\" does not exist (no Assets/questions/q-onee.md); did you mean q-one?",
            "demo.md:5: question \"q-zzz\" does not exist (no Assets/questions/q-zzz.md)"]),
        Case(name: "path leaving the folder", changes: [8: "  name: text", 9: "  text: ../secret.txt"], expected: [
            "demo.md:9: path \"../secret.txt\" leaves the scenario's folder"]),
        Case(name: "absolute path", changes: [8: "  name: text", 9: "  text: /etc/passwd"], expected: [
            "demo.md:9: path \"/etc/passwd\" must be relative to the scenario's folder"]),
        Case(name: "missing corpus", changes: [8: "  name: text", 9: "  text: corpus.txt"], expected: [
            "demo.md:9: file \"corpus.txt\" not found next to the scenario"]),
        Case(name: "defaults that do not fit together", changes: [11: "  cell: lstm", 13: "  activation: relu"], expected: [
            "demo.md:13: the defaults do not fit together: activation: lstm has its own nonlinearities (tanh); activation relu applies only to rnn_* cells"]),
        Case(name: "walkthrough reaches an untrainable state", changes: [30: "set bidirectional true", 31: "set tbptt 5", 37: "run 3"], expected: [
            "demo.md:37: the parameters at this point cannot train: tbptt: truncated BPTT runs forward in time only; it cannot train a bidirectional model"]),
    ]

    func testEveryErrorKindPointsAtItsLine() throws {
        let folder = try temporaryFolder(self)
        for c in cases {
            let text = ScenarioFixture.text(replacing: c.changes)
            let result = ScenarioParser.parse(text, file: "demo.md", folder: folder, questionIDs: ["q-one"])
            XCTAssertNil(result.scenario, c.name)
            XCTAssertEqual(result.errors.map(\.description), c.expected, c.name)
        }
    }

    func testBrokenYAMLNamesItsLine() {
        let result = ScenarioParser.parse(ScenarioFixture.text(replacing: [5: "questions: [q-one"]), file: "demo.md")
        XCTAssertEqual(result.errors.count, 1)
        let message = result.errors.first?.description ?? ""
        XCTAssertTrue(message.hasPrefix("demo.md:6: invalid YAML"), message)
    }

    func testDuplicateKeyIsReported() {
        let result = ScenarioParser.parse(ScenarioFixture.text(replacing: [3: "chapter: Other"]), file: "demo.md")
        XCTAssertEqual(result.errors.map(\.description), ["demo.md:3: duplicate key \"chapter\""])
    }

    func testMissingFrontMatter() {
        let result = ScenarioParser.parse("# Just Markdown\n", file: "demo.md")
        XCTAssertEqual(result.errors.map(\.description),
                       ["demo.md:1: missing front matter: the file must start with a line of three dashes (---)"])
        let unclosed = ScenarioParser.parse("---\nid: demo\n", file: "demo.md")
        XCTAssertEqual(unclosed.errors.map(\.description),
                       ["demo.md:1: front matter is not closed: add a line of three dashes (---) after it"])
    }

    func testShortWalkthroughIsAWarningNotAnError() {
        let text = ScenarioFixture.lines[0..<38].joined(separator: "\n") + "\n"
        let result = ScenarioParser.parse(text, file: "demo.md")
        XCTAssertNotNil(result.scenario)
        XCTAssertEqual(result.diagnostics.map(\.description),
                       ["demo.md:25: warning: the walkthrough has 2 steps; scenarios read best with 3 to 8"])
    }

    func testWithoutAQuestionFolderLinksAreNotChecked() {
        let result = ScenarioParser.parse(ScenarioFixture.text(replacing: [5: "questions: [q-two]"]), file: "demo.md")
        XCTAssertNotNil(result.scenario)
    }
}

enum CellKindNames {
    static let all = ParameterRegistry.spec(named: "cell").map { spec -> String in
        if case .choice(let c) = spec.kind { return c.joined(separator: ", ") }
        return ""
    } ?? ""
}
