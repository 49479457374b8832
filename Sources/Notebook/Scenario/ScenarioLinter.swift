import Foundation
import Yams

/// `rnnbook lint [FILE…]`: checks scenario and question files and returns every problem as a
/// `Diagnostic` (`file:line: message`). The command exits 2 when any of them is an error.
public enum ScenarioLinter {
    /// Lints `paths` (files or folders). With no paths, lints the shipped scenarios and
    /// question bank. A file is a question when its front matter has a `question:` key.
    ///
    /// - Parameters:
    ///   - questionsDirectory: where question links from scenarios must resolve (skipped when
    ///     the folder does not exist).
    ///   - scenarioDirectories: scenarios that question links (`id#step`) may point to, besides
    ///     the scenarios being linted.
    ///   - seedsDirectory: the seed documents that question `sources:` name (nil: not checked).
    public static func lint(paths: [String],
                            questionsDirectory: URL? = ScenarioCatalog.shippedQuestionsDirectory,
                            scenarioDirectories: [URL] = [ScenarioCatalog.shippedDirectory],
                            seedsDirectory: URL? = nil) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var files: [(url: URL, name: String)] = []
        let targets = paths.isEmpty ? (scenarioDirectories + [questionsDirectory].compactMap { $0 }).map(\.path) : paths
        for path in targets {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                diagnostics.append(Diagnostic(file: path, line: 1, "no such file")); continue
            }
            let url = URL(fileURLWithPath: path)
            if isDirectory.boolValue {
                files += ScenarioCatalog.markdownFiles(in: url, diagnostics: &diagnostics)
                    .map { ($0, ScenarioCatalog.displayPath($0)) }
            } else {
                files.append((url, path))
            }
        }
        let questionIDs = questionsDirectory.flatMap(QuestionParser.ids(in:))
        let seedFiles = seedsDirectory.flatMap { try? FileManager.default.contentsOfDirectory(atPath: $0.path) }.map(Set.init)

        var scenarios: [(url: URL, name: String)] = []
        var questions: [(url: URL, name: String)] = []
        for file in files {
            if isQuestionFile(file.url) { questions.append(file) } else { scenarios.append(file) }
        }
        var steps = ScenarioCatalog(directories: scenarioDirectories.filter { FileManager.default.fileExists(atPath: $0.path) })
            .stepCounts
        for file in scenarios {
            let result = ScenarioParser.load(file.url, displayPath: file.name, questionIDs: questionIDs)
            diagnostics += result.diagnostics
            if let s = result.scenario { steps[s.id] = s.steps.count }
        }
        for file in questions {
            diagnostics += QuestionParser.load(file.url, displayPath: file.name, scenarioSteps: steps, seedFiles: seedFiles).diagnostics
        }
        return diagnostics
    }

    /// True when the file's front matter is a mapping with a `question` key.
    static func isQuestionFile(_ url: URL) -> Bool {
        guard let text = try? String(contentsOf: url, encoding: .utf8),
              let document = try? MarkdownDocument(text, file: url.path),
              let root = try? Yams.compose(yaml: document.frontMatter), case .mapping(let mapping) = root else { return false }
        return mapping.keys.contains { $0.scalar?.string == "question" }
    }
}
