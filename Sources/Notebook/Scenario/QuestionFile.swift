import Foundation
import Yams

/// One interview question with our answer: `Assets/questions/<id>.md`. The front matter says
/// which seed questions it answers and where to see it live; the body is the answer.
public struct Question: Sendable, Equatable {
    public var id: String
    /// The question, in our own words.
    public var question: String
    /// The seed questions it answers.
    public var sources: [SeedReference]
    /// Scenarios (optionally at a step) that show the answer live.
    public var scenarios: [ScenarioLink]
    public var tags: [String]
    /// The body: the answer in Markdown, verbatim.
    public var answer: String
    public var sourcePath: String

    /// Words in the answer, counted the simple way (runs of non-space), for length checks.
    public var answerWordCount: Int { answer.split(whereSeparator: { $0.isWhitespace }).count }
}

/// `SEEDFILE#N`: question N of a seed document, e.g. `002_8a4f2640ade448a0.txt#4`.
public struct SeedReference: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var number: Int

    public init(file: String, number: Int) { self.file = file; self.number = number }

    /// Parses `FILE#N` (a bare file name, N ≥ 1).
    public init?(parsing text: String) {
        let parts = text.split(separator: "#", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[0].contains("/"), let n = Int(parts[1]), n >= 1 else { return nil }
        file = String(parts[0]); number = n
    }

    public var description: String { "\(file)#\(number)" }
}

/// `id` or `id#N`: a scenario, optionally at walkthrough step N (1-based).
public struct ScenarioLink: Sendable, Hashable, CustomStringConvertible {
    public var id: String
    public var step: Int?

    public init(id: String, step: Int? = nil) { self.id = id; self.step = step }

    public init?(parsing text: String) {
        let parts = text.split(separator: "#", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), IdentifierRule.isValid(String(parts[0])) else { return nil }
        id = String(parts[0])
        if parts.count == 2 {
            guard let n = Int(parts[1]), n >= 1 else { return nil }
            step = n
        }
    }

    public var description: String { step.map { "\(id)#\($0)" } ?? id }
}

/// Reads question files with the same front-matter machinery and diagnostics as scenarios.
public enum QuestionParser {
    public static let keys = ["id", "question", "sources", "scenarios", "tags"]
    static let requiredKeys = ["id", "question", "sources"]

    /// Reads `url`. `scenarioSteps` maps known scenario ids to their step counts (nil: skip
    /// link checks); `seedFiles` is the seed documents' file names (nil: skip that check).
    public static func load(_ url: URL, displayPath: String? = nil, scenarioSteps: [String: Int]? = nil,
                            seedFiles: Set<String>? = nil) -> ParseResult<Question> {
        let name = displayPath ?? url.path
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            return ParseResult(value: nil, diagnostics: [Diagnostic(file: name, line: 1, "cannot read the file as UTF-8 text")])
        }
        return parse(text, file: name, scenarioSteps: scenarioSteps, seedFiles: seedFiles)
    }

    public static func parse(_ text: String, file: String, scenarioSteps: [String: Int]? = nil,
                             seedFiles: Set<String>? = nil) -> ParseResult<Question> {
        let document: MarkdownDocument
        do { document = try MarkdownDocument(text, file: file) } catch {
            return ParseResult(value: nil, diagnostics: [error as? Diagnostic ?? Diagnostic(file: file, line: 1, "\(error)")])
        }
        var reader = FrontMatterReader(file: file, lineOffset: document.frontMatterLineOffset, fallbackLine: 1)
        guard let root = reader.compose(document.frontMatter) else {
            if reader.diagnostics.isEmpty { reader.error(nil, "the front matter is empty") }
            return ParseResult(value: nil, diagnostics: reader.diagnostics)
        }
        var fields: [String: Node] = [:]
        for entry in reader.entries(of: root, named: "the front matter", allowed: keys) { fields[entry.key] = entry.value }
        guard case .mapping = root else { return ParseResult(value: nil, diagnostics: reader.diagnostics) }
        for key in requiredKeys where fields[key] == nil { reader.error(nil, "missing required key \"\(key)\"") }

        let id = fields["id"].flatMap { node -> String? in
            guard let id = reader.text(node, "id") else { return nil }
            ScenarioParser.checkID(id, node: node, file: file, reader: &reader)
            return id
        }
        let question = fields["question"].flatMap { reader.text($0, "question") }
        var sources: [SeedReference] = []
        if let node = fields["sources"], let list = reader.textList(node, "sources") {
            if list.isEmpty { reader.error(node, "sources must name at least one seed question (SEEDFILE#N)") }
            for (text, item) in list {
                guard let ref = SeedReference(parsing: text) else {
                    reader.error(item, "source \"\(text)\" must be SEEDFILE#N, e.g. 002_8a4f2640ade448a0.txt#4"); continue
                }
                if let seeds = seedFiles, !seeds.contains(ref.file) {
                    reader.error(item, "no seed file named \(ref.file)\(ClosestNames.hint(for: ref.file, in: seeds.sorted()))")
                }
                sources.append(ref)
            }
        }
        var links: [ScenarioLink] = []
        if let node = fields["scenarios"], let list = reader.textList(node, "scenarios") {
            for (text, item) in list {
                guard let link = ScenarioLink(parsing: text) else {
                    reader.error(item, "scenario link \"\(text)\" must be ID or ID#STEP (steps count from 1)"); continue
                }
                if let known = scenarioSteps {
                    if let steps = known[link.id] {
                        if let step = link.step, step > steps {
                            reader.error(item, "scenario \(link.id) has \(steps) step\(steps == 1 ? "" : "s"), not \(step)")
                        }
                    } else {
                        reader.error(item, "scenario \"\(link.id)\" does not exist\(ClosestNames.hint(for: link.id, in: known.keys.sorted()))")
                    }
                }
                links.append(link)
            }
        }
        let tags = fields["tags"].flatMap { reader.textList($0, "tags")?.map(\.text) } ?? []
        let answer = document.body.trimmingWhitespace
        if answer.isEmpty { reader.error(nil, "the answer (the text after the front matter) is empty") }

        guard !reader.diagnostics.containsErrors, let id, let question else {
            return ParseResult(value: nil, diagnostics: reader.diagnostics.sortedByPlace())
        }
        let value = Question(id: id, question: question, sources: sources, scenarios: links, tags: tags,
                             answer: answer, sourcePath: file)
        return ParseResult(value: value, diagnostics: reader.diagnostics.sortedByPlace())
    }

    /// The ids of the question files in `directory` (file names without `.md`), or nil when
    /// the folder does not exist, in which case links to questions are not checked.
    public static func ids(in directory: URL) -> Set<String>? {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return nil }
        return Set(names.filter { $0.hasSuffix(".md") && $0.lowercased() != "readme.md" }.map { String($0.dropLast(3)) })
    }
}
