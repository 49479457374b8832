import RNNCore

/// unrolled-rnn: one set of weights, applied at every step, carries what the sequence said in
/// its hidden state.
///
/// A 16-unit tanh RNN trains on "did a 1 occur anywhere in these bits?" (`AnyOne`, scored at
/// the last step only, half the answers yes) for `steps` steps, and is scored on `heldOutSize`
/// fresh sequences. Then W_hh is set to zero, so each step sees only its own input and the
/// hidden state carries nothing forward, and the same sequences are scored again: whatever
/// the network knew about the early bits travelled through W_hh.
///
/// W_hh starts orthogonal, so the answer's gradient reaches an early 1 (PyTorch's default
/// U(±1/√16) has radius ≈ 0.58, and 2 seeds of 6 then stay at chance for 1000 steps); at
/// lr 1e-2 Adam's steps are large enough that 2 seeds of 6 unlearn the latch again, at 3e-3
/// all 6 reach 100%.
public enum UnrolledRNNClaim: ScenarioClaim {
    public static let scenarioID = "unrolled-rnn"
    public static let text = "A 16-unit tanh RNN learns \"did a 1 occur anywhere in these 20 bits?\" to ≥ 95% held-out accuracy; with its recurrent weights W_hh then set to zero it falls to ≤ 60%: the answer is carried in the hidden state."

    public static let steps = 1000
    public static let heldOutSize = 2000
    public static let accuracyThreshold = 0.95
    public static let ablatedCeiling = 0.6

    /// The configuration the scenario's front matter should hold.
    public static var scenarioDefaults: TrainingRecipe {
        var r = TrainingRecipe()
        r.task = "any-one"; r.seqLen = 20; r.cell = .rnn_tanh; r.hidden = 16; r.initializer = "orthogonal"
        r.optimizer = "adam"; r.lr = 3e-3; r.batch = 32; r.seed = 0
        return r
    }

    public static func measure(_ recipe: TrainingRecipe, log: (String) -> Void) throws -> ClaimResult {
        var r = recipe
        // The claim names the task, its length, the cell and its size.
        r.task = "any-one"; r.seqLen = 20; r.cell = .rnn_tanh; r.activation = nil; r.hidden = 16
        let session = try TrainingSession<Float>(r)
        for s in 1...steps {
            let loss = session.step().loss
            if s % 250 == 0 { log("step \(s): training loss \(loss)") }
        }
        var m: [String: Double] = [:]
        let trained = BasicsMeasures.heldOut(session.model, task: session.task, size: heldOutSize, seed: r.seed)
        m["accuracy"] = trained["accuracy"] ?? 0
        m["loss"] = trained["loss"] ?? .nan
        for layer in session.model.stack.layers.flatMap({ $0 }) { layer.cell.weightHH.value.zero() }
        let ablated = BasicsMeasures.heldOut(session.model, task: session.task, size: heldOutSize, seed: r.seed)
        m["accuracyWithoutWhh"] = ablated["accuracy"] ?? 1
        log("held-out accuracy \(m["accuracy"]!), with W_hh zeroed \(m["accuracyWithoutWhh"]!)")
        let holds = m["accuracy"]! >= accuracyThreshold && m["accuracyWithoutWhh"]! <= ablatedCeiling
        return ClaimResult(text: text, holds: holds, measured: m)
    }
}
