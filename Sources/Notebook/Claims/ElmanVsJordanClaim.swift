import RNNCore

/// elman-vs-jordan: an Elman network feeds back its whole hidden state, a Jordan network only
/// its output; on a task whose answer is not what must be remembered, only Elman can learn.
///
/// The task is `EchoTask` at lag 6: at every step, name the symbol read 6 steps ago. The
/// output at step t is x_{t−6}; what the next steps need is x_{t−5} … x_t, which the output
/// never held. Both networks have 32 tanh units and train with the recipe's settings for
/// `steps` steps. The Elman network is the recipe's (`rnn_tanh`). The Jordan network is
/// built here: a `JordanCell` whose fed-back output y_t has K values (one per symbol), read by
/// the K-way softmax head, as in Jordan (1986). Its K real outputs can, in principle, hide
/// more than the answer in their exact values (at lag 2 or 3 it learns to), but not six
/// symbols' worth. Both are scored on `heldOutSize` fresh
/// sequences: cross-entropy and accuracy (chance is 1/K).
public enum ElmanVsJordanClaim: ScenarioClaim {
    public static let scenarioID = "elman-vs-jordan"
    public static let text = "Echoing the symbol seen 6 steps earlier (4 symbols, chance 25%), a 32-unit Elman RNN gets ≥ 95% right, while a 32-unit Jordan network, which feeds back only its 4 output values, stays near chance (≤ 35%) with a held-out loss ≥ 10× higher."

    public static let steps = 600
    public static let heldOutSize = 500
    public static let jordanCeiling = 0.35

    /// The configuration the scenario's front matter should hold (the claim sets the cells).
    public static var scenarioDefaults: TrainingRecipe {
        var r = TrainingRecipe()
        r.task = "echo"; r.seqLen = 6; r.cell = .rnn_tanh; r.hidden = 32
        r.optimizer = "adam"; r.lr = 1e-2; r.batch = 32; r.seed = 0
        return r
    }

    public static func measure(_ recipe: TrainingRecipe, log: (String) -> Void) throws -> ClaimResult {
        var r = recipe
        r.task = "echo"; r.seqLen = 6; r.hidden = 32; r.activation = nil; r.layers = 1; r.bidirectional = false
        r.layerNorm = false; r.residual = false; r.tbptt = nil
        var elmanRecipe = r
        elmanRecipe.cell = .rnn_tanh
        let task = try r.makeTask()
        var m: [String: Double] = [:]

        let elman = try TrainingSession<Float>(elmanRecipe)
        for _ in 0..<steps { elman.step() }
        let e = BasicsMeasures.heldOut(elman.model, task: task, size: heldOutSize, seed: r.seed)
        m["elmanLoss"] = e["loss"] ?? .nan; m["elmanAccuracy"] = e["accuracy"] ?? 0
        log("Elman: held-out loss \(m["elmanLoss"]!), accuracy \(m["elmanAccuracy"]!)")

        let jordan = try makeJordan(r, task: task)
        var seedRng = SeededRandom(seed: r.seed)
        var rng = seedRng.split()
        let batch = SequenceBatch<Float>()
        for _ in 0..<steps {
            task.fill(batch, size: r.batch, rng: &rng)
            jordan.trainer.step(on: batch)
        }
        let j = BasicsMeasures.heldOut(jordan.model, task: task, size: heldOutSize, seed: r.seed)
        m["jordanLoss"] = j["loss"] ?? .nan; m["jordanAccuracy"] = j["accuracy"] ?? 0
        m["chance"] = 1 / Double(task.outputSize)
        log("Jordan: held-out loss \(m["jordanLoss"]!), accuracy \(m["jordanAccuracy"]!) (chance \(m["chance"]!))")

        let holds = m["elmanAccuracy"]! >= 0.95 && m["jordanAccuracy"]! <= jordanCeiling
            && 10 * m["elmanLoss"]! <= m["jordanLoss"]!
        return ClaimResult(text: text, holds: holds, measured: m)
    }

    /// A Jordan network: token embedding → JordanCell (U = hidden units, y fed back with K
    /// values) → K-way softmax head, initialised like the recipe's models (PyTorch's default).
    static func makeJordan(_ r: TrainingRecipe, task: any SequenceTask)
        throws -> (model: SequenceModel<Float>, trainer: Trainer<Float>) {
        let K = task.outputSize, E = min(r.hidden, 64), U = r.hidden
        let stack = RecurrentStack<Float>(inputSize: E, layers: 1, bidirectional: false, seed: r.seed &+ 17) { _, i in
            JordanCell<Float>(inputSize: i, units: U, outputSize: K)
        }
        let model = SequenceModel(input: .tokens(vocabulary: task.inputSize, embedding: E),
                                  objective: .classification(classes: K), stack: stack)
        var rng = SeededRandom(seed: r.seed)
        model.resetParameters(rng: &rng)
        let trainer = Trainer(model: model, optimizer: try r.makeOptimizer(Float.self))
        trainer.clipNorm = r.clip
        trainer.clipValue = r.clipValue
        return (model, trainer)
    }
}
