import Foundation
import Yams

/// Turns a scenario file into a `Scenario`, reporting every problem as `file:line: message`.
///
/// Strict on purpose: an unknown key is more likely a typo than an extension, and a typo that
/// silently falls back to a default makes a demonstration show the wrong thing.
public enum ScenarioParser {
    /// Top-level front-matter keys.
    public static let topLevelKeys = ["id", "title", "chapter", "order", "questions", "claim",
                                      "task", "model", "training", "tweak", "panes", "layout", "focus"]
    static let requiredKeys = ["id", "title", "chapter", "questions", "claim", "task"]

    /// Reads `url`. `questionIDs` is the question bank's ids, or nil to skip link checks (for
    /// example when Assets/questions does not exist yet). `displayPath` is how diagnostics
    /// name the file (default: the path as given).
    public static func load(_ url: URL, displayPath: String? = nil, questionIDs: Set<String>? = nil) -> ParseResult<Scenario> {
        let name = displayPath ?? url.path
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            return ParseResult(value: nil, diagnostics: [Diagnostic(file: name, line: 1, "cannot read the file as UTF-8 text")])
        }
        return parse(text, file: name, folder: url.deletingLastPathComponent(), questionIDs: questionIDs)
    }

    /// Parses scenario text. `file` names it in diagnostics and its last component (minus
    /// `.md`) must equal the `id`; `folder` is where relative paths are resolved (nil: only
    /// their shape is checked).
    public static func parse(_ text: String, file: String, folder: URL? = nil, questionIDs: Set<String>? = nil) -> ParseResult<Scenario> {
        let document: MarkdownDocument
        do {
            document = try MarkdownDocument(text, file: file)
        } catch let d as Diagnostic {
            return ParseResult(value: nil, diagnostics: [d])
        } catch {
            return ParseResult(value: nil, diagnostics: [Diagnostic(file: file, line: 1, "\(error)")])
        }
        var reader = FrontMatterReader(file: file, lineOffset: document.frontMatterLineOffset, fallbackLine: 1)
        guard let root = reader.compose(document.frontMatter) else {
            if reader.diagnostics.isEmpty { reader.error(nil, "the front matter is empty") }
            return ParseResult(value: nil, diagnostics: reader.diagnostics)
        }
        var fields: [String: (keyNode: Node, value: Node)] = [:]
        for entry in reader.entries(of: root, named: "the front matter", allowed: topLevelKeys, misplaced: misplacedTopLevel) {
            fields[entry.key] = (entry.keyNode, entry.value)
        }
        guard case .mapping = root else { return ParseResult(value: nil, diagnostics: reader.diagnostics) }
        for key in requiredKeys where fields[key] == nil {
            reader.error(nil, "missing required key \"\(key)\"")
        }
        if fields["panes"] == nil && fields["layout"] == nil {
            reader.error(nil, "missing required key \"panes\" (or \"layout\"): which panes does the scenario show?")
        }

        let id = fields["id"].flatMap { field -> String? in
            guard let id = reader.text(field.value, "id") else { return nil }
            checkID(id, node: field.value, file: file, reader: &reader)
            return id
        }
        let title = fields["title"].flatMap { reader.text($0.value, "title") }
        let chapter = fields["chapter"].flatMap { reader.text($0.value, "chapter") }
        let claim = fields["claim"].flatMap { reader.text($0.value, "claim") }
        let order = fields["order"].flatMap { reader.integer($0.value, "order") } ?? 100
        let questions = fields["questions"].flatMap { readQuestions($0.value, questionIDs: questionIDs, reader: &reader) }

        var parameters = readParameters(fields, folder: folder, reader: &reader)
        if let tweak = fields["tweak"] { readTweak(tweak.value, into: &parameters, reader: &reader) }
        let screen = readPanes(panes: fields["panes"]?.value, layout: fields["layout"]?.value,
                               focus: fields["focus"]?.value, reader: &reader)
        let steps = readWalkthrough(document, parameters: parameters ?? ParameterSet(),
                                    panes: screen?.panes ?? PaneID.allCases, reader: &reader)

        if !reader.diagnostics.containsErrors, let parameters {
            checkConsistency(parameters, steps: steps, parameterLines: reader.parameterLines,
                             taskLine: reader.line(of: fields["task"]?.value), reader: &reader)
        }
        guard !reader.diagnostics.containsErrors, let id, let title, let chapter, let claim, let questions,
              let parameters, let screen else {
            return ParseResult(value: nil, diagnostics: reader.diagnostics.sortedByPlace())
        }
        let scenario = Scenario(id: id, title: title, chapter: chapter, order: order, questions: questions, claim: claim,
                                intro: document.intro, parameters: parameters, panes: screen.panes, layout: screen.layout,
                                initialFocus: screen.focus, steps: steps, sourcePath: file)
        return ParseResult(value: scenario, diagnostics: reader.diagnostics.sortedByPlace())
    }

    /// A parameter written at the top level gets told which section it belongs in.
    static func misplacedTopLevel(_ key: String) -> String? {
        guard let spec = ParameterRegistry.spec(named: key) else { return nil }
        return "\(key) belongs under \(spec.section.rawValue):"
    }

    static func checkID(_ id: String, node: Node, file: String, reader: inout FrontMatterReader) {
        guard IdentifierRule.isValid(id) else {
            reader.error(node, "id \"\(id)\" must use \(IdentifierRule.explanation)")
            return
        }
        let fileName = (file as NSString).lastPathComponent
        if fileName.hasSuffix(".md"), fileName.dropLast(3) != id {
            reader.error(node, "id \"\(id)\" must match the file name (\(fileName.dropLast(3)).md)")
        }
    }

    static func readQuestions(_ node: Node, questionIDs: Set<String>?, reader: inout FrontMatterReader) -> [String]? {
        guard let list = reader.textList(node, "questions") else { return nil }
        var ids: [String] = []
        for (id, itemNode) in list {
            if !IdentifierRule.isValid(id) {
                reader.error(itemNode, "question id \"\(id)\" must use \(IdentifierRule.explanation)")
            } else if let known = questionIDs, !known.contains(id) {
                let hint = ClosestNames.hint(for: id, in: known.sorted())
                reader.error(itemNode, "question \"\(id)\" does not exist (no Assets/questions/\(id).md)\(hint)")
            } else if ids.contains(id) {
                reader.error(itemNode, "question \"\(id)\" is listed twice")
            }
            ids.append(id)
        }
        return ids
    }
}
