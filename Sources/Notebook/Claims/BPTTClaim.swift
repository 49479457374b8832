import RealModule
import RNNCore

/// bptt: the gradient of the shared recurrent weights is a sum over time steps, one term per
/// copy of W_hh in the unrolled network, and the terms far from the loss are small.
///
/// The recipe's tanh RNN is built in Double, a batch of the adding problem (loss on the last
/// step only) is run forward and backward by RNNCore, and the same weights are handed to
/// `ElmanBPTT`, a hand-written loop that keeps each step's term C_t = δ_t h_{t−1}ᵀ. The claim
/// reads the worst entry of |Σ_t C_t − ∂L/∂W_hh| relative to the largest entry of ∂L/∂W_hh,
/// and ‖C_t‖ (Frobenius) against the distance from the loss.
public enum BPTTClaim: ScenarioClaim {
    public static let scenarioID = "bptt"
    public static let text = "In a tanh RNN on the adding problem (loss at the last step), the 50 per-step contributions δ_t h_{t−1}ᵀ to ∂L/∂W_hh, from a hand-written loop in double precision, add up to the full gradient within 1e-6 (relative); and they shrink with distance from the loss: 10 steps back a contribution is under 1/10 of the last step's, 20 steps back under 1/100."

    /// Distances back (from the last step) the claim reads.
    public static let near = 10, far = 20

    /// The configuration the scenario's front matter should hold.
    public static var scenarioDefaults: TrainingRecipe {
        var r = TrainingRecipe()
        r.task = "adding"; r.seqLen = 50; r.cell = .rnn_tanh; r.hidden = 32
        r.optimizer = "adam"; r.lr = 1e-3; r.batch = 32; r.seed = 0
        return r
    }

    public static func measure(_ recipe: TrainingRecipe, log: (String) -> Void) throws -> ClaimResult {
        var r = recipe
        r.task = "adding"; r.seqLen = 50; r.cell = .rnn_tanh; r.activation = nil
        r.layers = 1; r.bidirectional = false; r.layerNorm = false; r.residual = false; r.dropout = 0
        let task = try r.makeTask()
        var rng = SeededRandom(seed: r.seed)
        let model = try r.makeModel(for: task, rng: &rng, Double.self)
        let batch = task.makeBatch(size: r.batch, rng: &rng, as: Double.self)
        guard let targets = batch.targets, let bias = model.head.bias,
              let cell = model.stack.layers.first?.first?.cell as? ElmanCell<Double> else {
            throw InputError(place: "cell", "the bptt check needs a one-layer tanh RNN with a biased head")
        }
        for p in model.parameters { p.grad.zero() }
        _ = model.forward(features: batch.inputs, steps: batch.steps, batch: batch.batch,
                          targets: .values(targets.data), mask: batch.lossMask.data)
        model.backward()
        let library = array(cell.weightHH.grad)

        let byHand = ElmanBPTT(inputSize: cell.inputSize, hiddenSize: cell.stateSize, outputSize: task.outputSize,
                               weightIH: array(cell.weightIH.value), weightHH: array(cell.weightHH.value),
                               biasIH: array(cell.biasIH.value), biasHH: array(cell.biasHH.value),
                               weightHY: array(model.head.weight.value), biasY: array(bias.value))
            .run(x: array(batch.inputs), y: array(targets), mask: array(batch.lossMask),
                 steps: batch.steps, batch: batch.batch)
        var m: [String: Double] = [:]
        let scale = library.map(abs).max() ?? 0
        let worst = zip(byHand.total, library).map { abs($0 - $1) }.max() ?? .infinity
        m["relativeError"] = scale > 0 ? worst / scale : .infinity
        let norms = byHand.contributions.map { c in c.reduce(0) { $0 + $1 * $1 }.squareRoot() }
        let T = norms.count
        m["steps"] = Double(T)
        m["lastStepNorm"] = norms[T - 1]
        m["ratio@\(near)"] = norms[T - 1 - near] / norms[T - 1]
        m["ratio@\(far)"] = norms[T - 1 - far] / norms[T - 1]
        m["perStepFactor"] = Double.exp(BasicsMeasures.slope((0...far).map { Double.log(max(norms[T - 1 - $0], .leastNonzeroMagnitude)) }))
        log("Σ_t C_t vs RNNCore's ∂L/∂W_hh: worst relative error \(m["relativeError"]!); ‖C_t‖ \(near) back / last \(m["ratio@\(near)"]!), \(far) back / last \(m["ratio@\(far)"]!)")
        let holds = m["relativeError"]! <= 1e-6 && m["ratio@\(near)"]! < 0.1 && m["ratio@\(far)"]! < 0.01
        return ClaimResult(text: text, holds: holds, measured: m)
    }

    static func array(_ t: Tensor<Double>) -> [Double] { Array(UnsafeBufferPointer(start: t.data, count: t.count)) }
}
