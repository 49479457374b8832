import RNNCore

/// curriculum: a long problem learnt by way of short ones.
///
/// The adding problem at the recipe's length L (200), with a 16-unit LSTM (32 units take 4× as long). Direct training draws every batch at L.
/// The curriculum starts at length `firstLength` and doubles it (capped at L) whenever the
/// held-out MSE at the current length falls below `solved`; the model does not care about
/// length, so what it learnt carries over. Both use the recipe's model and optimizer, count
/// updates, and are checked every `checkEvery` updates; the problem counts as solved when the
/// held-out MSE at L is below `solved` (predicting the mean scores 1/6). Direct training gets
/// twice the curriculum's budget, so "needs ≥ 2× the steps" can be seen, not assumed.
public enum CurriculumClaim: ScenarioClaim {
    public static let scenarioID = "curriculum"
    public static let text = "On the adding problem at T = 200, a 16-unit LSTM whose training sequences start at 10 steps and double each time it solves them (MSE < 0.01) solves the full length within 1000 updates, while training directly at T = 200 has not solved it after twice as many updates, or takes at least twice as many."

    public static let budget = 1000
    public static let firstLength = 10
    public static let solved = 0.01
    public static let checkEvery = 25

    public static var scenarioDefaults: TrainingRecipe {
        var r = TrainingRecipe()
        r.task = "adding"; r.seqLen = 200; r.cell = .lstm; r.hidden = 16
        r.optimizer = "adam"; r.lr = 1e-2; r.batch = 32; r.seed = 0
        return r
    }

    public static func measure(_ recipe: TrainingRecipe, log: (String) -> Void) throws -> ClaimResult {
        var r = recipe
        r.task = "adding"; r.tbptt = nil
        let full = max(r.seqLen ?? 200, firstLength)
        let fullTask = try AddingProblem(length: full)
        var heldOutRNG = SeededRandom(seed: recipe.seed ^ 0xC0441)
        let heldOut = fullTask.makeBatch(size: 128, rng: &heldOutRNG, as: Float.self)
        var m: [String: Double] = [:]

        // Curriculum.
        var curriculum = try TaskTrainer(r, task: fullTask)
        var length = min(firstLength, full), stage = try AddingProblem(length: length)
        let stageHeldOut = SequenceBatch<Float>()
        stage.fill(stageHeldOut, size: 128, rng: &heldOutRNG)
        var curriculumSolvedAt: Int? = nil, updates = 0
        while updates < budget {
            curriculum.train(checkEvery, on: stage)
            updates += checkEvery
            if length == full {
                if (curriculum.evaluate(heldOut)["mse"] ?? 1) < solved { curriculumSolvedAt = updates; break }
            } else if (curriculum.evaluate(stageHeldOut, as: stage)["mse"] ?? 1) < solved {
                length = min(2 * length, full)
                stage = try AddingProblem(length: length)
                stage.fill(stageHeldOut, size: 128, rng: &heldOutRNG)
                log("curriculum: length \(length) from update \(updates)")
            }
        }
        m["curriculumSolvedAt"] = Double(curriculumSolvedAt ?? -1)
        m["curriculumMSE"] = curriculum.evaluate(heldOut)["mse"] ?? .nan
        log("curriculum: MSE at T = \(full) \(m["curriculumMSE"]!) after \(updates) updates")

        // Direct, up to twice the curriculum's updates (or twice the budget).
        var direct = try TaskTrainer(r, task: fullTask)
        let directBudget = 2 * (curriculumSolvedAt ?? budget)
        var directSolvedAt: Int? = nil, directUpdates = 0
        while directUpdates < directBudget {
            direct.train(checkEvery)
            directUpdates += checkEvery
            if (direct.evaluate(heldOut)["mse"] ?? 1) < solved { directSolvedAt = directUpdates; break }
        }
        m["directSolvedAt"] = Double(directSolvedAt ?? -1)
        m["directMSE"] = direct.evaluate(heldOut)["mse"] ?? .nan
        log("direct: MSE at T = \(full) \(m["directMSE"]!) after \(directUpdates) updates")

        let holds: Bool
        if let c = curriculumSolvedAt { holds = directSolvedAt.map { $0 >= 2 * c } ?? true } else { holds = false }
        return ClaimResult(text: text, holds: holds, measured: m)
    }
}
