import ArgumentParser
import Foundation
import Notebook

extension Rnnbook {
    /// `rnnbook lint [FILE…]`: every problem as `file:line: message`; exit 2 on any error.
    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check scenario and question files (the shipped ones when none are given).")

        @Argument(help: "Scenario or question files, or folders of them.")
        var paths: [String] = []

        @Option(help: "Also check that question sources name files in this folder of seed documents.")
        var seeds: String?

        func run() throws {
            let diagnostics = ScenarioLinter.lint(paths: paths, seedsDirectory: seeds.map { URL(fileURLWithPath: $0) })
                .sortedByPlace()
            for d in diagnostics { FileHandle.standardError.write(Data("\(d)\n".utf8)) }
            if diagnostics.containsErrors { throw ExitCode(2) }
            let warnings = diagnostics.count
            print(warnings == 0 ? "ok" : "ok (\(warnings) warning\(warnings == 1 ? "" : "s"))")
        }
    }
}
