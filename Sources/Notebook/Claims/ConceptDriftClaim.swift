import RNNCore

/// concept-drift: the world changes under a deployed model. Kept frozen, it stays wrong; updated
/// online, it follows.
///
/// The recipe's model learns `DelayedRecall` (name the symbol seen 5 steps ago) for
/// `stepsBeforeDrift` steps. Then the rule drifts: the same inputs now call for the next symbol
/// round the alphabet, (x_{t−5} + 1) mod K. P(x) is unchanged and P(y | x) is not, which is
/// what concept drift means (a change of P(x) alone is covariate shift). The frozen model is
/// scored on the new rule as it stands; the online one takes one optimizer step per incoming
/// batch of the new rule, and is scored every `checkEvery` batches until it recovers or
/// `onlineBudget` batches have passed. Accuracy counts the steps whose answer lies inside the
/// sequence (t ≥ 5), on a held-out batch.
public enum ConceptDriftClaim: ScenarioClaim {
    public static let scenarioID = "concept-drift"
    public static let text = "An LSTM that has learnt to name the symbol seen 5 steps earlier (≥ 95% held-out accuracy) falls to ≤ 10% when the rule drifts to the symbol after it; kept frozen it stays there, while one online Adam step per incoming batch brings it back to ≥ 90% within 500 batches."

    public static let stepsBeforeDrift = 400
    public static let onlineBudget = 500
    public static let checkEvery = 10

    public static var scenarioDefaults: TrainingRecipe {
        var r = TrainingRecipe()
        r.task = "recall"; r.seqLen = 50; r.cell = .lstm; r.hidden = 32
        r.optimizer = "adam"; r.lr = 1e-2; r.batch = 32; r.seed = 0
        return r
    }

    public static func measure(_ recipe: TrainingRecipe, log: (String) -> Void) throws -> ClaimResult {
        var r = recipe
        r.task = "recall"; r.tbptt = nil
        let length = r.seqLen ?? 50
        let before = try DelayedRecall(length: length)
        let after = try DelayedRecall(length: length, shift: 1)
        var heldOut = SeededRandom(seed: recipe.seed ^ 0xD81F7)
        let oldRule = before.makeBatch(size: 256, rng: &heldOut, as: Float.self)
        let newRule = after.makeBatch(size: 256, rng: &heldOut, as: Float.self)

        var run = try TaskTrainer(r, task: before)
        run.train(stepsBeforeDrift)
        var m: [String: Double] = [:]
        m["accuracyBeforeDrift"] = run.evaluate(oldRule)["reachableAccuracy"] ?? 0
        m["frozenAccuracyAfterDrift"] = run.evaluate(newRule)["reachableAccuracy"] ?? 0
        log("before the drift: \(m["accuracyBeforeDrift"]!); frozen, on the new rule: \(m["frozenAccuracyAfterDrift"]!)")

        var recoveredAt: Int? = nil, online = 0.0, batches = 0
        while batches < onlineBudget {
            run.train(checkEvery, on: after)
            batches += checkEvery
            online = run.evaluate(newRule)["reachableAccuracy"] ?? 0
            if batches % 50 == 0 { log("online: \(online) after \(batches) batches") }
            if online >= 0.9 { recoveredAt = batches; break }
        }
        m["onlineAccuracy"] = online
        m["batchesToRecover"] = Double(recoveredAt ?? -1)
        log("online: \(online) after \(batches) batches of the new rule")

        // For scale: a fresh model learning the new rule from nothing, checked the same way.
        var scratch = try TaskTrainer(r, task: after, seed: recipe.seed &+ 1)
        var scratchAt: Int? = nil, scratchBatches = 0
        while scratchBatches < onlineBudget {
            scratch.train(checkEvery)
            scratchBatches += checkEvery
            if (scratch.evaluate(newRule)["reachableAccuracy"] ?? 0) >= 0.9 { scratchAt = scratchBatches; break }
        }
        m["batchesFromScratch"] = Double(scratchAt ?? -1)
        log("a fresh model learning the new rule: \(scratchAt.map(String.init) ?? "not") within \(scratchBatches) batches")
        let holds = m["accuracyBeforeDrift"]! >= 0.95 && m["frozenAccuracyAfterDrift"]! <= 0.1 && recoveredAt != nil
        return ClaimResult(text: text, holds: holds, measured: m)
    }
}
