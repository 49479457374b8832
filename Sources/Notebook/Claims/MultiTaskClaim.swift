import RNNCore

/// multi-task: one encoder, two heads. The task with plenty of data teaches the encoder a
/// memory that the task with little data can read.
///
/// Task A, `DelayedRecall(lag: 5)`: name the symbol seen 5 steps ago, a fresh batch every step.
/// Task B, `DelayedRecall(lag: 3)`: name the symbol seen 3 steps ago, from only `smallSetSize`
/// sequences, drawn once and reused every step. To answer A the encoder must hold the last five
/// symbols, so what B asks is already in its state; B's head only has to learn to read it.
///
/// Models (the recipe's cell, size, optimizer, learning rate): the shared one trains on A and B
/// together (one update from L_A + L_B per step); the single-task one trains on B's small set
/// alone, for the same number of steps. Scored on held-out sequences at steps t ≥ lag, where the
/// answer lies inside the sequence.
public enum MultiTaskClaim: ScenarioClaim {
    public static let scenarioID = "multi-task"
    public static let text = "An LSTM encoder shared by two heads learns both tasks: naming the symbol seen 5 steps earlier, with plenty of data (≥ 95%), and naming the one seen 3 steps earlier, from only 8 training sequences (≥ 85%); trained on those 8 sequences alone, the same LSTM memorises them and stays ≤ 75% on new ones (chance is 25%)."

    public static let steps = 600
    public static let smallSetSize = 8
    public static let plentyLag = 5
    public static let scarceLag = 3

    public static var scenarioDefaults: TrainingRecipe {
        var r = TrainingRecipe()
        r.task = "recall"; r.seqLen = 30; r.cell = .lstm; r.hidden = 32
        r.optimizer = "adam"; r.lr = 1e-2; r.batch = 32; r.seed = 0
        return r
    }

    public static func measure(_ recipe: TrainingRecipe, log: (String) -> Void) throws -> ClaimResult {
        let length = recipe.seqLen ?? 30
        let plenty = try DelayedRecall(length: length, lag: plentyLag)
        let scarce = try DelayedRecall(length: length, lag: scarceLag)
        var data = SeededRandom(seed: recipe.seed ^ 0x3A17)
        let smallSet = scarce.makeBatch(size: smallSetSize, rng: &data, as: Float.self)
        let heldOutA = plenty.makeBatch(size: 256, rng: &data, as: Float.self)
        let heldOutB = scarce.makeBatch(size: 256, rng: &data, as: Float.self)
        let batchA = SequenceBatch<Float>()

        let shared = try SharedEncoderModel<Float>(recipe, inputs: plenty.symbols, classesA: plenty.outputSize,
                                                   classesB: scarce.outputSize, seed: recipe.seed)
        let alone = try SharedEncoderModel<Float>(recipe, inputs: plenty.symbols, classesA: plenty.outputSize,
                                                  classesB: scarce.outputSize, seed: recipe.seed)
        for _ in 0..<steps {
            plenty.fill(batchA, size: recipe.batch, rng: &data)
            shared.step(a: batchA, b: smallSet)
            alone.step(a: nil, b: smallSet)
        }
        var m: [String: Double] = [:]
        m["sharedA"] = score(shared.taskA, plenty, heldOutA)
        m["sharedB"] = score(shared.taskB, scarce, heldOutB)
        m["aloneB"] = score(alone.taskB, scarce, heldOutB)
        m["aloneBTrain"] = score(alone.taskB, scarce, smallSet)
        m["chanceB"] = 1 / Double(scarce.symbols)
        log("shared encoder: task A \(m["sharedA"]!), task B \(m["sharedB"]!)")
        log("task B alone: \(m["aloneB"]!) held out (\(m["aloneBTrain"]!) on its \(smallSetSize) training sequences)")
        let holds = m["sharedA"]! >= 0.95 && m["sharedB"]! >= 0.85 && m["aloneB"]! <= 0.75
        return ClaimResult(text: text, holds: holds, measured: m)
    }

    /// Accuracy of `head` on `batch` at steps t ≥ lag.
    static func score(_ head: SequenceModel<Float>, _ task: DelayedRecall, _ batch: SequenceBatch<Float>) -> Double {
        let r = task.metrics(predictions: { _ = head.evaluate(on: batch); return head.predictionTensor() }(), batch: batch)
        return r["reachableAccuracy"] ?? 0
    }
}
