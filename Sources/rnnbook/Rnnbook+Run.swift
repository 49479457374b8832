import ArgumentParser
import Foundation
import Notebook
import RNNCore

extension Rnnbook {
    /// `rnnbook run SCENARIO`: trains headless through the notebook's own training path.
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Train a scenario headless and print its progress.",
            discussion: """
                With --json: one object per logged step {"step", "loss", "metrics", "grad_h_norms"}, \
                then {"summary": {"final", "probe", "claim"}}. With --check: measures the scenario's \
                claim and exits 1 when it does not hold.
                """)

        @OptionGroup var scenario: ScenarioOptions
        @Option(help: "Training steps (default 300; with --check, none: the check trains its own models).")
        var steps: Int?
        @Option(help: "Log every this many steps.") var every = 25
        @Flag(help: "JSON lines instead of text.") var json = false
        @Flag(help: "Measure the scenario's claim (exit 1 when it does not hold).") var check = false

        func run() throws {
            let steps = self.steps ?? (check ? 0 : 300)
            guard (0...10_000_000).contains(steps) else { Rnnbook.fail("--steps must be between 0 and 10000000 (got \(steps))") }
            guard every >= 1 else { Rnnbook.fail("--every must be at least 1 (got \(every))") }
            let (found, _) = scenario.load()
            let parameters = scenario.parameters(for: found)
            let recipe: TrainingRecipe, training: any LiveTraining
            do {
                recipe = try parameters.recipe()
                training = try makeLiveTraining(recipe)
            } catch { Rnnbook.fail("\(found.id): \(error)") }
            let thread = TrainingThread(runner: LiveRunner(training))
            if !json && steps > 0 {
                print("rnnbook run \(found.id): \(recipe.cell.rawValue) ×\(recipe.layers), \(recipe.hidden) units on \(recipe.task), \(recipe.optimizer) lr \(recipe.lr), \(steps) steps")
            }
            var failure: String?
            thread.runNow(steps: steps, probeEvery: every) { feed, outcome in
                guard failure == nil, let point = feed.history.last, feed.step % every == 0 || feed.step == steps else { return }
                let metrics = training.evaluate()
                if json {
                    try? printJSON(["step": feed.step, "loss": point.loss, "metrics": metrics,
                                    "grad_h_norms": outcome.snapshot?.gradHNorms ?? []])
                } else {
                    let m = metrics.sorted { $0.key < $1.key }.map { "\($0.key) \(NumberFormat.compact($0.value, digits: 4))" }
                    print("step \(feed.step)  train loss \(NumberFormat.compact(point.loss, digits: 4))  held-out: " + m.joined(separator: "  "))
                }
            }
            let feed = thread.snapshot
            if let reason = feed.haltReason { failure = reason }
            let claim = check ? measureClaim(found, recipe) : nil
            if json {
                var summary: [String: Any] = ["final": training.evaluate()]
                if let snap = feed.latest { summary["probe"] = probeJSON(snap) }
                summary["claim"] = claim.map { ["text": $0.text, "holds": $0.holds, "measured": $0.measured] as [String: Any] }
                    ?? ["text": found.claim, "holds": NSNull(), "measured": [String: Double](),
                        "note": "run with --check to measure the claim"]
                try printJSON(["summary": summary])
            } else if let claim {
                print("claim: \(claim.text)")
                for (k, v) in claim.measured.sorted(by: { $0.key < $1.key }) { print("  \(k) = \(NumberFormat.compact(v, digits: 4))") }
                print(claim.holds ? "claim holds" : "claim does NOT hold")
            }
            if let failure, !json { FileHandle.standardError.write(Data("rnnbook: \(failure)\n".utf8)) }
            if let claim, !claim.holds { throw ExitCode(1) }
        }

        func probeJSON(_ snap: ProbeSnapshot) -> [String: Any] {
            var probe: [String: Any] = [
                "step": snap.step,
                "hidden": snap.layers.last?.hidden.map { $0.map(Double.init) } ?? [],
                "grad_h_norms": snap.gradHNorms,
            ]
            if let attention = snap.attention { probe["attention"] = attention.map { $0.map(Double.init) } }
            return probe
        }

        /// Runs the scenario's claim check, which trains its own models from the recipe.
        func measureClaim(_ scenario: Scenario, _ recipe: TrainingRecipe) -> ClaimResult {
            guard let claim = ClaimRegistry.claim(for: scenario.id) else {
                Rnnbook.fail("\(scenario.id) has no claim check")
            }
            do {
                return try claim.check(recipe) { line in
                    if !json { print("  " + line) }
                }
            } catch { Rnnbook.fail("\(scenario.id): \(error)") }
        }
    }
}
