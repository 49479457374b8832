import RNNCore

/// activations: how much of the gradient survives one step back depends on the nonlinearity's
/// slope: σ′ ≤ ¼, tanh′ ≤ 1 and falling as units saturate, ReLU′ exactly 1 on active units.
///
/// Measured at initialisation on the adding problem (loss on the last step only), as in the
/// vanishing-gradients claim: for each activation, the same recipe (identity W_hh, so the
/// recurrent matrix itself neither shrinks nor grows anything) is probed once for each of
/// `seeds` seeds; the per-step factor is e^slope of the least-squares line through the mean
/// log ‖∂L/∂h_{T−1−k}‖, k = 0 … `span`.
public enum ActivationsClaim: ScenarioClaim {
    public static let scenarioID = "activations"
    public static let text = "With identity-initialised W_hh, the measured per-step factor of ‖∂L/∂h_t‖ over 20 steps back is ordered sigmoid < tanh < ReLU, with sigmoid's ≤ 0.25 (its slope's maximum) and ReLU's ≥ 0.9."

    public static let activations = ["sigmoid", "tanh", "relu"]
    public static let span = 20
    public static let seeds = 8

    /// The configuration the scenario's front matter should hold (the claim sets the activation).
    public static var scenarioDefaults: TrainingRecipe {
        var r = TrainingRecipe()
        r.task = "adding"; r.seqLen = 50; r.cell = .rnn_tanh; r.hidden = 64; r.initializer = "identity"
        r.optimizer = "adam"; r.lr = 1e-3; r.batch = 32; r.seed = 0
        return r
    }

    public static func measure(_ recipe: TrainingRecipe, log: (String) -> Void) throws -> ClaimResult {
        var r = recipe
        r.task = "adding"; r.cell = .rnn_tanh; r.initializer = "identity"; r.radius = nil
        r.layers = 1; r.bidirectional = false; r.layerNorm = false; r.tbptt = nil
        r.seqLen = max(recipe.seqLen ?? 50, span + 1)
        var m: [String: Double] = [:]
        var factors: [Double] = []
        for a in activations {
            r.activation = a
            let profile = try BasicsMeasures.meanLogNormsBack(r, seeds: seeds, span: span)
            let factor = BasicsMeasures.perStepFactor(profile)
            factors.append(factor)
            m["factor@\(a)"] = factor
            log("\(a): per-step factor \(factor)")
        }
        let ordered = zip(factors, factors.dropFirst()).allSatisfy { $0 < $1 }
        m["ordered"] = ordered ? 1 : 0
        let holds = ordered && factors[0] <= 0.25 && factors[2] >= 0.9
        return ClaimResult(text: text, holds: holds, measured: m)
    }
}
