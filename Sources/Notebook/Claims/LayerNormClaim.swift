import RealModule
import RNNCore

/// layer-norm: a layer-norm cell standardises its input projection W_ih x_t and its recurrent
/// projection W_hh h_{t−1} over the units, separately, at every step, before the nonlinearity:
///
///     x̂ = (W_ih x_t − μ) / √(σ² + ε),  ĥ = (W_hh h_{t−1} − μ') / √(σ'² + ε),  h_t = φ(γ ⊙ x̂ + γ' ⊙ ĥ + β)
///
/// so however large the weights grow, what reaches φ keeps its scale. That is what lets a ReLU
/// RNN train at a learning rate where the same RNN without it blows up.
///
/// Normalisation: after training, a held-out batch is run and, for every step t and row, the
/// cell's own record of μ and σ² for each projection gives the normalised values' mean (0 by
/// construction) and standard deviation √(σ² / (σ² + ε)), which is 1 only while σ² ≫ ε: the
/// measurement is the worst |std − 1| over steps t ≥ 1 (at t = 0, h_{−1} = 0 and there is no
/// recurrent projection to normalise) and rows. The raw projections' std is reported too, to show
/// how far from 1 they are and how they vary over the steps.
///
/// Stability: both RNNs train on the recipe (its high learning rate) for `steps` steps. One
/// "diverges" when a training loss turns non-finite or its held-out cross-entropy ends above
/// where it started; the layer-norm one must stay finite and end below `learnedBound` nats.
public enum LayerNormClaim: ScenarioClaim {
    public static let scenarioID = "layer-norm"
    public static let text = "A character-level ReLU RNN (64 units) trained with Adam at learning rate 0.1: with layer norm, the cell's input and recurrent pre-activations are normalised at every step (over the units, std within 0.01 of 1, at each of steps 1–63 of held-out text) and held-out cross-entropy falls below 2.5 nats per character (a unigram model needs about 3.2); without layer norm the same training diverges (its held-out loss ends above where it started, or turns non-finite)."

    public static let steps = 600
    public static let probedRows = 8
    public static let stdTolerance = 0.01
    /// Nats per character; the shipped corpus's unigram entropy is about 3.2.
    public static let learnedBound = 2.5

    public static var scenarioDefaults: TrainingRecipe {
        var r = TrainingRecipe()
        r.task = "text"; r.seqLen = 64; r.cell = .rnn_relu; r.hidden = 64; r.layerNorm = true
        r.optimizer = "adam"; r.lr = 0.1; r.batch = 32; r.seed = 0
        return r
    }

    public static func measure(_ recipe: TrainingRecipe, log: (String) -> Void) throws -> ClaimResult {
        var r = recipe
        r.layers = 1; r.bidirectional = false; r.tbptt = nil
        var m: [String: Double] = [:]
        var sessions: [Bool: TrainingSession<Float>] = [:]
        for ln in [true, false] {
            var cr = r
            cr.layerNorm = ln
            let session = try TrainingSession<Float>(cr)
            let initialLoss = session.evaluate()["loss"] ?? .nan
            var finite = true, firstBad = -1
            for s in 0..<steps {
                let loss = session.step().loss
                if !loss.isFinite { finite = false; firstBad = s; break }
            }
            let loss = finite ? (session.evaluate()["loss"] ?? .nan) : .nan
            let name = ln ? "layerNorm" : "plain"
            m["\(name)InitialLoss"] = initialLoss
            m["\(name)Loss"] = loss
            m["\(name)NonFiniteAt"] = Double(firstBad)
            log("\(name): held-out loss \(initialLoss) → \(loss)\(finite ? "" : ", loss non-finite at step \(firstBad)")")
            sessions[ln] = session
        }
        if let s = sessions[true] {
            let n = try normalisation(s)
            m["worstStdError"] = n.worstStdError
            m["rawRecurrentStdMin"] = n.rawMin
            m["rawRecurrentStdMax"] = n.rawMax
            log("layer norm: normalised pre-activations |std − 1| ≤ \(n.worstStdError) over steps 1…T−1; raw recurrent projection std \(n.rawMin)…\(n.rawMax)")
        }
        let lnStable = m["layerNormNonFiniteAt"]! < 0 && m["layerNormLoss"]! < learnedBound
        let plainDiverged = m["plainNonFiniteAt"]! >= 0 || !(m["plainLoss"]! <= m["plainInitialLoss"]!)
        let holds = lnStable && plainDiverged && m["worstStdError"]! <= stdTolerance
        return ClaimResult(text: text, holds: holds, measured: m)
    }

    struct Normalisation {
        var worstStdError = 0.0
        var rawMin = Double.infinity, rawMax = 0.0
    }

    /// The layer-norm cell's statistics on a held-out batch, steps 1…T−1, rows 0 ..< probedRows.
    static func normalisation(_ session: TrainingSession<Float>) throws -> Normalisation {
        guard let layer = session.model.stack.layers.first?.first,
              let cell = layer.cell as? LayerNormCell<Float> else {
            throw InputError(place: "layer_norm", "the normalisation check needs a layer-norm cell")
        }
        var rng = SeededRandom(seed: session.recipe.seed ^ 0x1A7E)
        let batch = session.task.makeBatch(size: probedRows, rng: &rng, as: Float.self)
        _ = session.model.evaluate(on: batch)
        var n = Normalisation()
        let eps = Double(cell.epsilon)
        for t in 1..<batch.steps {
            for row in 0..<probedRows {
                for block in 0..<cell.blocks {
                    guard let s = cell.statistics(slot: t, row: row, block: block) else { continue }
                    for (variance, raw) in [(Double(s.ihVariance), false), (Double(s.hhVariance), true)] {
                        let std = (max(variance, 0) / (max(variance, 0) + eps)).squareRoot()
                        n.worstStdError = max(n.worstStdError, abs(std - 1))
                        if raw {
                            n.rawMin = min(n.rawMin, variance.squareRoot())
                            n.rawMax = max(n.rawMax, variance.squareRoot())
                        }
                    }
                }
            }
        }
        return n
    }
}
