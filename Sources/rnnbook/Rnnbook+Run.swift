import ArgumentParser
import Foundation
import RNNCore

extension Rnnbook {
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Train a model headless and print its progress.",
            discussion: "With --json, prints one object per logged step {step, loss, metrics, grad_h_norms}, then {\"summary\": …}.")

        @Option(help: "Task: \(TrainingRecipe.taskNames.joined(separator: ", ")).")
        var task = "adding"
        @Option(help: "Cell: \(CellKind.allCases.map(\.rawValue).joined(separator: ", ")).")
        var cell = "lstm"
        @Flag(help: "Use the layer-norm variant of the cell.")
        var layerNorm = false
        @Option(help: "Hidden units per layer.") var hidden = 32
        @Option(help: "Stacked layers.") var layers = 1
        @Flag(help: "Bidirectional layers.") var bidirectional = false
        @Option(help: "Sequence length of the task.") var seqLen: Int?
        @Option(help: "Text file for the text task.") var text: String?
        @Option(help: "Optimizer: \(TrainingRecipe.optimizerNames.joined(separator: ", ")).")
        var optimizer = "adam"
        @Option(help: "Learning rate.") var lr = 1e-2
        @Option(help: "Clip the global gradient norm to this.") var clip: Double?
        @Option(help: "Clip each gradient entry to ±this.") var clipValue: Double?
        @Option(help: "Batch size.") var batch = 32
        @Option(help: "Dropout between layers.") var dropout = 0.0
        @Option(help: "Training steps.") var steps = 300
        @Option(help: "Log every this many steps.") var every = 25
        @Option(help: "Random seed.") var seed: UInt64 = 0
        @Flag(help: "JSON lines instead of text.") var json = false

        func validate() throws {
            guard (1...10_000_000).contains(steps) else { throw InputError(place: "--steps", "must be between 1 and 10000000") }
            guard every >= 1 else { throw InputError(place: "--every", "must be at least 1") }
        }

        func run() throws {
            var recipe = TrainingRecipe()
            recipe.task = task; recipe.seqLen = seqLen; recipe.textFile = text
            recipe.cell = try CellKind(name: cell, place: "--cell")
            recipe.layerNorm = layerNorm; recipe.hidden = hidden; recipe.layers = layers
            recipe.bidirectional = bidirectional; recipe.optimizer = optimizer; recipe.lr = lr
            recipe.clip = clip; recipe.clipValue = clipValue; recipe.batch = batch
            recipe.dropout = dropout; recipe.seed = seed
            let session = try TrainingSession<Float>(recipe)
            if !json {
                print("rnnbook run: \(recipe.cell.rawValue) ×\(recipe.layers), \(recipe.hidden) units on \(session.task.name) (T=\(session.task.steps), batch \(recipe.batch)), \(recipe.optimizer) lr \(recipe.lr)")
            }
            session.trainer.probe.isOn = json
            var last: Trainer<Float>.Report? = nil
            for s in 1...steps {
                let report = session.step()
                last = report
                guard s % every == 0 || s == steps else { continue }
                let metrics = session.evaluate()
                if json {
                    try printJSON(["step": s, "loss": report.loss, "metrics": metrics,
                                   "grad_h_norms": report.snapshot?.gradHNorms ?? []])
                } else {
                    let m = metrics.sorted { $0.key < $1.key }.map { String(format: "%@ %.4f", $0.key, $0.value) }.joined(separator: "  ")
                    print(String(format: "step %6d  train loss %.5f  held-out: ", s, report.loss) + m)
                }
                if !report.loss.isFinite {
                    Rnnbook.fail("training diverged at step \(s): the loss is \(report.loss). Lower --lr or set --clip.")
                }
            }
            if json {
                var summary: [String: Any] = ["final": session.evaluate()]
                if let snap = last?.snapshot {
                    summary["probe"] = ["hidden": snap.layers.last?.hidden.map { $0.map(Double.init) } ?? [],
                                        "grad_h_norms": snap.gradHNorms] as [String: Any]
                }
                try printJSON(["summary": summary])
            }
        }
    }
}
