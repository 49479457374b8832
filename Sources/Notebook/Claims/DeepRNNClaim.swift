import RNNCore

/// deep-rnn: in a stack of 4 recurrent layers the loss reaches the first layer only through the
/// three above it, and each passage through a layer's input weights and gates shrinks it.
/// Residual connections (out_k = layer_k(in_k) + in_k) add an identity path around every layer
/// but the first, so the first layer hears the loss almost as loudly as the last.
///
/// Measured with the probe's per-layer ‖∂L/∂h_t‖ (the total derivative of the loss with respect
/// to layer k's hidden state at step t, through both its output and its future): averaged over
/// the steps t and over probed rows 0 ..< `probedRows`, for layer 1 (the first) and layer 4
/// (the last). The "fall" is last / first. The claim is judged at initialisation (each row read
/// from the untrained weights), where the depth's effect is cleanest. After `steps` training
/// steps the fall is read again and reported only: on this task Adam soon gives the plain
/// stack's lower layers gradient to spare, and in both stacks the first layer ends up with
/// more than the last (fall < 1), which the scenario says.
public enum DeepRNNClaim: ScenarioClaim {
    public static let scenarioID = "deep-rnn"
    public static let text = "In a 4-layer LSTM stack at initialisation, residual connections keep the first layer's ‖∂L/∂h_t‖ (the probe's per-layer gradient norm, averaged over steps) within 10× of the last layer's; without them it is more than 10× smaller, and falls at least 10 times further than with them."

    public static let steps = 200
    public static let probedRows = 8
    public static let residualBound = 10.0
    public static let plainBound = 10.0
    public static let separation = 10.0

    public static var scenarioDefaults: TrainingRecipe {
        var r = TrainingRecipe()
        r.task = "sine"; r.seqLen = 50; r.cell = .lstm; r.hidden = 32; r.layers = 4; r.residual = true
        r.optimizer = "adam"; r.lr = 1e-2; r.batch = 32; r.seed = 0
        return r
    }

    public static func measure(_ recipe: TrainingRecipe, log: (String) -> Void) throws -> ClaimResult {
        var r = recipe
        r.layers = 4; r.bidirectional = false; r.tbptt = nil
        var m: [String: Double] = [:]
        for residual in [true, false] {
            var cr = r
            cr.residual = residual
            let session = try TrainingSession<Float>(cr)
            let initial = layerNorms(session, resetEachRow: true)
            session.reset()
            for _ in 0..<steps { session.step() }
            let trained = layerNorms(session, resetEachRow: false)
            let name = residual ? "residual" : "plain"
            m["\(name)FallInitial"] = initial[3] / initial[0]
            m["\(name)FallTrained"] = trained[3] / trained[0]
            m["\(name)Loss"] = session.evaluate()["loss"] ?? .nan
            log("\(name): mean ‖∂L/∂h‖ of layers 1…4 at initialisation \(initial.map { Float($0) }), after \(steps) steps \(trained.map { Float($0) }); held-out loss \(m["\(name)Loss"]!)")
        }
        let holds = m["residualFallInitial"]! <= residualBound && m["plainFallInitial"]! > plainBound
            && m["plainFallInitial"]! >= separation * m["residualFallInitial"]!
        return ClaimResult(text: text, holds: holds, measured: m)
    }

    /// Mean over time steps and over probed rows 0 ..< `probedRows` of ‖∂L/∂h_t‖, per layer
    /// (forward direction). Each row is one probed training step; with `resetEachRow` the
    /// model is rebuilt first, so every row is read from the initial weights.
    static func layerNorms(_ session: TrainingSession<Float>, resetEachRow: Bool) -> [Double] {
        let savedRow = session.trainer.probe.row
        defer { session.trainer.probe.row = savedRow }
        var sums = [Double](repeating: 0, count: session.model.stack.layers.count)
        for row in 0..<probedRows {
            session.trainer.probe.row = row
            if resetEachRow { session.reset() }
            for trace in session.step(probe: true).snapshot?.layers ?? [] where trace.direction == 0 {
                let norms = trace.gradHNorms
                sums[trace.layer] += norms.reduce(0, +) / Double(max(norms.count, 1))
            }
        }
        return sums.map { $0 / Double(probedRows) }
    }
}
