import RNNCore

/// missing-values: when samples go missing, telling the network which ones are missing, and
/// how long ago the last real one was, beats filling the gaps with zeros.
///
/// Task: `MissingSine` (forecast the next clean value of a sine with a per-sequence frequency;
/// 30% of samples missing). The same model (the recipe's) trains twice for `steps` steps on the
/// same stream of sequences, once per encoding: `.zeroFilled` (the sample or 0) and
/// `.maskAndDecay` (GRU-D-style: the last value decayed towards the mean, the mask, the time
/// since the last sample). Both are scored on the same held-out sequences.
public enum MissingValuesClaim: ScenarioClaim {
    public static let scenarioID = "missing-values"
    public static let text = "With 30% of the samples missing, a GRU fed GRU-D-style inputs (the last sample decayed towards the mean, the missing-value mask and the time since the last sample) forecasts the next clean value with a held-out MSE at most half that of the same GRU fed zero-filled samples."

    public static let steps = 800
    public static let missingRate = 0.3
    public static let requiredRatio = 0.5

    public static var scenarioDefaults: TrainingRecipe {
        var r = TrainingRecipe()
        r.task = "missing-sine"; r.seqLen = 50; r.cell = .gru; r.hidden = 32
        r.optimizer = "adam"; r.lr = 1e-2; r.clip = 1; r.batch = 32; r.seed = 0
        return r
    }

    public static func measure(_ recipe: TrainingRecipe, log: (String) -> Void) throws -> ClaimResult {
        var r = recipe
        r.task = "missing-sine"; r.tbptt = nil
        let length = r.seqLen ?? 50
        var m: [String: Double] = [:]
        for (name, encoding) in [("zeroFilled", MissingSine.Encoding.zeroFilled), ("maskAndDecay", .maskAndDecay)] {
            let task = try MissingSine(length: length, missingRate: missingRate, encoding: encoding)
            var run = try TaskTrainer(r, task: task)
            run.train(steps)
            // The same held-out sequences and gaps for both encodings: the generator draws the
            // same numbers whatever it writes.
            var heldOut = SeededRandom(seed: recipe.seed ^ 0x3155)
            let batch = task.makeBatch(size: 256, rng: &heldOut, as: Float.self)
            let scores = run.evaluate(batch)
            m[name + "MSE"] = scores["mse"] ?? .nan
            log("\(name): held-out MSE \(m[name + "MSE"]!), NRMSE \(scores["nrmse"] ?? .nan)")
        }
        m["ratio"] = m["maskAndDecayMSE"]! / m["zeroFilledMSE"]!
        let holds = m["ratio"]! <= requiredRatio
        return ClaimResult(text: text, holds: holds, measured: m)
    }
}
