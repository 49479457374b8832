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

    func catalog() -> ScenarioCatalog { Self.catalog(extraFolder: scenarios) }

    /// The shipped catalogue plus the user's folder; a broken user file is reported, not fatal.
    static func catalog(extraFolder: String?) -> ScenarioCatalog {
        var folders = [ScenarioCatalog.shippedDirectory]
        if let extraFolder { folders.append(URL(fileURLWithPath: extraFolder)) }
        let catalog = ScenarioCatalog(directories: folders, questionsDirectory: ScenarioCatalog.shippedQuestionsDirectory)
        for d in catalog.diagnostics where d.isError && !d.file.hasPrefix(ScenarioCatalog.shippedDirectory.path) {
            FileHandle.standardError.write(Data("rnnbook: skipped \(d)\n".utf8))
        }
        return catalog
    }

    /// The scenario, or exit 2 with the closest names.
    func load() -> (Scenario, ScenarioCatalog) {
        let catalog = catalog()
        guard let found = catalog.scenario(id: scenario) else {
            let near = catalog.closestIDs(to: scenario, limit: 4)
            Rnnbook.fail("unknown scenario \"\(scenario)\"" + (near.isEmpty ? "" : "; closest: \(near.joined(separator: ", "))"))
        }
        return (found, catalog)
    }

    /// The scenario's parameters with every `--set` applied, or exit 2 naming the bad one.
    func parameters(for scenario: Scenario) -> ParameterSet {
        var parameters = scenario.parameters
        for assignment in assignments {
            do { try parameters.apply(assignment: assignment) } catch { Rnnbook.fail("--set \(assignment): \(error)") }
        }
        do { _ = try parameters.recipe() } catch { Rnnbook.fail("\(scenario.id): \(error)") }
        return parameters
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
