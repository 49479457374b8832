import Foundation

/// Every question file in a folder (`Assets/questions/`), loaded like the scenario catalogue:
/// a broken file is reported in `diagnostics` and skipped, never fatal.
public struct QuestionBank: Sendable {
    /// Loaded questions, sorted by id.
    public private(set) var questions: [Question] = []
    public private(set) var diagnostics: [Diagnostic] = []

    /// Loads `directory/*.md` except README.md. `scenarioSteps` (id → step count) turns on
    /// checks of the `scenarios:` links; `seedFiles` turns on checks of `sources:`.
    public init(directory: URL, scenarioSteps: [String: Int]? = nil, seedFiles: Set<String>? = nil) {
        for url in ScenarioCatalog.markdownFiles(in: directory, diagnostics: &diagnostics) {
            let result = QuestionParser.load(url, displayPath: ScenarioCatalog.displayPath(url),
                                             scenarioSteps: scenarioSteps, seedFiles: seedFiles)
            diagnostics += result.diagnostics
            if let question = result.value { questions.append(question) }
        }
        questions.sort { $0.id < $1.id }
    }

    /// The question with this id, if loaded.
    public func question(id: String) -> Question? { questions.first { $0.id == id } }

    public var ids: [String] { questions.map(\.id) }

    /// Up to `limit` ids nearest to a mistyped one, nearest first.
    public func closestIDs(to id: String, limit: Int = 5) -> [String] {
        ClosestNames.nearest(to: id, in: ids, limit: limit)
    }

    /// Questions that link to `scenarioID`, for the scenario's answer pane and for checking
    /// that links run both ways.
    public func questions(linkingTo scenarioID: String) -> [Question] {
        questions.filter { $0.scenarios.contains { $0.id == scenarioID } }
    }
}
