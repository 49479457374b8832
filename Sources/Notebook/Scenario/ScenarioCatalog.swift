import Foundation
import RNNCore

/// Every scenario the notebook can open: the shipped `Scenarios/` folder plus any folders the
/// user adds with `--scenarios DIR`. A broken file is reported in `diagnostics` and skipped;
/// it never takes the other scenarios down.
public struct ScenarioCatalog: Sendable {
    /// A chapter heading and its scenarios, in reading order.
    public struct Chapter: Sendable, Equatable {
        public var name: String
        public var scenarios: [Scenario]
    }

    /// The catalogue's chapters in teaching order; a user's own chapters follow, alphabetically.
    public static let chapterOrder = ["Basics", "Gradients through time", "Gated cells and structure",
                                      "Sequences in practice", "Training and deployment", "Reservoirs and limits"]

    /// All loaded scenarios: by chapter (in `chapterOrder`), then `order`, then id.
    public private(set) var scenarios: [Scenario] = []
    /// Problems found while loading, warnings included; files with errors were skipped.
    public private(set) var diagnostics: [Diagnostic] = []

    /// Loads every `*.md` except README.md in each directory (not recursively), in order.
    /// When two files share an id the first one wins and the second is reported.
    /// `questionsDirectory` enables question-link checks when that folder exists.
    public init(directories: [URL], questionsDirectory: URL? = nil) {
        let questionIDs = questionsDirectory.flatMap(QuestionParser.ids(in:))
        var byID: [String: Scenario] = [:]
        for directory in directories {
            for url in Self.markdownFiles(in: directory, diagnostics: &diagnostics) {
                let result = ScenarioParser.load(url, displayPath: Self.displayPath(url), questionIDs: questionIDs)
                diagnostics += result.diagnostics
                guard let scenario = result.scenario else { continue }
                if let first = byID[scenario.id] {
                    diagnostics.append(Diagnostic(file: scenario.sourcePath, line: 1,
                        "scenario id \"\(scenario.id)\" is already used by \(first.sourcePath); this file is skipped"))
                    continue
                }
                byID[scenario.id] = scenario
            }
        }
        scenarios = byID.values.sorted { a, b in
            (Self.chapterRank(a.chapter), a.chapter, a.order, a.id) < (Self.chapterRank(b.chapter), b.chapter, b.order, b.id)
        }
    }

    /// The scenario with this id, if loaded.
    public func scenario(id: String) -> Scenario? { scenarios.first { $0.id == id } }

    public var ids: [String] { scenarios.map(\.id) }

    /// Up to `limit` ids nearest to a mistyped one, nearest first: for "unknown scenario" messages.
    public func closestIDs(to id: String, limit: Int = 5) -> [String] {
        ClosestNames.nearest(to: id, in: ids, limit: limit)
    }

    /// The chapters that have scenarios, in a stable order.
    public var chapters: [Chapter] {
        var result: [Chapter] = []
        for scenario in scenarios {
            if result.last?.name == scenario.chapter {
                result[result.count - 1].scenarios.append(scenario)
            } else {
                result.append(Chapter(name: scenario.chapter, scenarios: [scenario]))
            }
        }
        return result
    }

    /// Scenario id → number of walkthrough steps, for checking `id#step` links.
    public var stepCounts: [String: Int] {
        Dictionary(uniqueKeysWithValues: scenarios.map { ($0.id, $0.steps.count) })
    }

    /// `Scenarios/` in the checkout (beside `Assets/`), or `RNNBOOK_SCENARIOS` when set.
    public static var shippedDirectory: URL {
        if let dir = ProcessInfo.processInfo.environment["RNNBOOK_SCENARIOS"] { return URL(fileURLWithPath: dir) }
        return URL(fileURLWithPath: AssetLocator.path("")).deletingLastPathComponent().appendingPathComponent("Scenarios")
    }

    /// `Assets/questions/`.
    public static var shippedQuestionsDirectory: URL { URL(fileURLWithPath: AssetLocator.path("questions")) }

    static func chapterRank(_ chapter: String) -> Int { chapterOrder.firstIndex(of: chapter) ?? chapterOrder.count }

    /// The folder's `*.md` files except README.md, sorted by name; a missing folder is reported.
    static func markdownFiles(in directory: URL, diagnostics: inout [Diagnostic]) -> [URL] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else {
            diagnostics.append(Diagnostic(file: displayPath(directory), line: 1, "cannot read this folder"))
            return []
        }
        return names.filter { $0.hasSuffix(".md") && $0.lowercased() != "readme.md" && !$0.hasPrefix(".") }
            .sorted().map { directory.appendingPathComponent($0) }
    }

    /// A path relative to the working directory when it lies below it, so messages stay short.
    static func displayPath(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        let cwd = FileManager.default.currentDirectoryPath
        let prefix = cwd.hasSuffix("/") ? cwd : cwd + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
