import ArgumentParser
import Foundation
import Notebook
import RNNCore

/// Options every scenario command shares: which scenario, `--set` overrides, extra scenario
/// folders, and what the terminal can show.
struct ScenarioOptions: ParsableArguments {
    @Argument(help: "Scenario id, e.g. vanishing-gradients (see `rnnbook list`).")
    var scenario: String

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a parameter, e.g. --set radius=1.2 (repeatable).", valueName: "name=value"))
    var assignments: [String] = []

    @Option(help: ArgumentHelp("Also load scenarios from this folder.", valueName: "dir"))
    var scenarios: String?

    @Option(help: ArgumentHelp("Train a character scenario (char-lm) on this UTF-8 text file.", valueName: "file"))
    var text: String?

    @Option(help: ArgumentHelp("Forecast this series instead (time-series): a CSV file with one numeric column.", valueName: "file"))
    var csv: String?

    func catalog(reportSkipped: Bool = true) -> ScenarioCatalog { Self.catalog(extraFolder: scenarios, reportSkipped: reportSkipped) }

    /// The shipped catalogue plus the user's folder; a broken user file is reported, not fatal.
    static func catalog(extraFolder: String?, reportSkipped: Bool = true) -> ScenarioCatalog {
        var folders = [ScenarioCatalog.shippedDirectory]
        if let extraFolder { folders.append(URL(fileURLWithPath: extraFolder)) }
        let catalog = ScenarioCatalog(directories: folders, questionsDirectory: ScenarioCatalog.shippedQuestionsDirectory)
        for d in catalog.diagnostics where reportSkipped && d.isError && !d.file.hasPrefix(ScenarioCatalog.shippedDirectory.path) {
            FileHandle.standardError.write(Data("rnnbook: skipped \(d)\n".utf8))
        }
        return catalog
    }

    /// The scenario, or exit 2 with the closest names.
    func load() -> (Scenario, ScenarioCatalog) {
        let catalog = catalog(reportSkipped: false)
        guard let found = catalog.scenario(id: scenario) else {
            // A scenario file that exists but is broken: its own file:line messages.
            let broken = catalog.diagnostics.filter { $0.isError && URL(fileURLWithPath: $0.file).lastPathComponent == "\(scenario).md" }
            if !broken.isEmpty {
                for d in broken { FileHandle.standardError.write(Data("\(d)\n".utf8)) }
                Foundation.exit(2)
            }
            let near = catalog.closestIDs(to: scenario, limit: 4)
            Rnnbook.fail("unknown scenario \"\(scenario)\"" + (near.isEmpty ? "" : "; closest: \(near.joined(separator: ", "))"))
        }
        return (found, catalog)
    }

    /// The scenario's parameters with every `--set`, `--text` and `--csv` applied, or exit 2
    /// naming the bad one.
    func parameters(for scenario: Scenario) -> ParameterSet {
        var parameters = scenario.parameters
        for assignment in assignments {
            do { try parameters.apply(assignment: assignment) } catch { Rnnbook.fail("--set \(assignment): \(error)") }
        }
        do { try userFiles(for: scenario)(&parameters) } catch { Rnnbook.fail("\(error)") }
        do { _ = try parameters.recipe() } catch { Rnnbook.fail("\(scenario.id): \(error)") }
        return parameters
    }

    /// Scenarios whose data the user may replace, by the kind of file.
    static let textTasks: Set<String> = ["text"]
    static let seriesTasks: Set<String> = ["sine", "noisy-sine", "mackey-glass", "csv"]

    /// `--text` and `--csv` as a change to a scenario's parameters; throws when the scenario
    /// does not train on that kind of data.
    func userFiles(for scenario: Scenario) -> (inout ParameterSet) throws -> Void {
        let (text, csv, task, id) = (text, csv, scenario.parameters.task, scenario.id)
        return { parameters in
            if let text {
                guard Self.textTasks.contains(task) else { throw CommandError("--text applies to character scenarios such as char-lm; \(id) trains on \(task)") }
                parameters.textFile = URL(fileURLWithPath: text).path
            }
            if let csv {
                guard Self.seriesTasks.contains(task) else { throw CommandError("--csv applies to forecasting scenarios such as time-series; \(id) trains on \(task)") }
                parameters.csvFile = URL(fileURLWithPath: csv).path
            }
        }
    }
}

/// `--color` and `--glyphs`, over what the environment says the terminal can show.
struct DisplayOptions: ParsableArguments {
    @Option(help: "Colours: truecolor, 256, 16 or mono (default: detected).")
    var color: String?

    @Option(help: "Glyphs: braille, block or ascii (default: detected).")
    var glyphs: String?

    func capabilities(terminfoColors: Int?, default fallback: Capabilities? = nil) -> Capabilities {
        var caps = fallback ?? Capabilities.detect(environment: ProcessInfo.processInfo.environment, terminfoColors: terminfoColors)
        do {
            if let color { caps.colorDepth = try ColorDepth(option: color) }
            if let glyphs { caps.glyphs = try GlyphSet(option: glyphs) }
        } catch { Rnnbook.fail("\(error)") }
        return caps
    }
}
