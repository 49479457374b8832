import RNNCore

/// truncated-bptt: truncated backpropagation through time cannot learn a dependency longer
/// than its window, however long the state itself is carried.
///
/// The task is `EchoTask` at lag 10: at every step, name the symbol read 10 steps ago. The
/// recipe's model trains by TBPTT with k1 = k2 = `shortWindow`, then a fresh one with
/// `longWindow`, for `steps` steps each, and both are scored on `heldOutSize` fresh sequences
/// run forward in full (chance is 1/K). The forward pass carries the state across window
/// boundaries either way; what the short window loses is the gradient path from an answer back
/// to the step that held it.
public enum TruncatedBPTTClaim: ScenarioClaim {
    public static let scenarioID = "truncated-bptt"
    public static let text = "Naming, 10 steps later, the symbol read at the first step (4 symbols, chance 25%), truncated BPTT with a window of 5 stays near chance (≤ 35% held-out accuracy) while a window of 15 learns it (≥ 90%)."

    public static let lag = 10
    public static let shortWindow = 5, longWindow = 15
    public static let steps = 600
    public static let heldOutSize = 500

    /// The configuration the scenario's front matter should hold (the claim sets the windows).
    public static var scenarioDefaults: TrainingRecipe {
        var r = TrainingRecipe()
        r.task = "lag-recall"; r.seqLen = 10; r.cell = .gru; r.hidden = 32; r.tbptt = 15
        r.optimizer = "adam"; r.lr = 1e-2; r.batch = 32; r.seed = 0
        return r
    }

    public static func measure(_ recipe: TrainingRecipe, log: (String) -> Void) throws -> ClaimResult {
        var r = recipe
        r.task = "lag-recall"; r.seqLen = lag; r.bidirectional = false
        var m: [String: Double] = [:]
        for window in [shortWindow, longWindow] {
            r.tbptt = window
            let session = try TrainingSession<Float>(r)
            for s in 1...steps {
                let loss = session.step().loss
                if s % 500 == 0 { log("window \(window), step \(s): training loss \(loss)") }
            }
            let h = BasicsMeasures.heldOut(session.model, task: session.task, size: heldOutSize, seed: r.seed)
            m["accuracy@\(window)"] = h["accuracy"] ?? 0
            m["chance"] = h["chance"] ?? 0
            log("window \(window): held-out accuracy \(m["accuracy@\(window)"]!)")
        }
        let holds = m["accuracy@\(shortWindow)"]! <= 0.35 && m["accuracy@\(longWindow)"]! >= 0.9
        return ClaimResult(text: text, holds: holds, measured: m)
    }
}
