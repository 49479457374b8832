import RNNCore

/// Small training loops the practice claims share: a recipe's model and optimizer on a task
/// instance the recipe cannot name (another encoding, another rule), stepped on fresh batches.
struct TaskTrainer {
    let task: any SequenceTask
    let model: SequenceModel<Float>
    let trainer: Trainer<Float>
    let batch = SequenceBatch<Float>()
    let batchSize: Int
    var rng: SeededRandom

    /// The recipe's model (cell, size, initialisation) shaped for `task`, with its optimizer
    /// and clipping; batches are drawn from `seed`.
    init(_ recipe: TrainingRecipe, task: any SequenceTask, seed: UInt64? = nil) throws {
        var drawn = SeededRandom(seed: seed ?? recipe.seed)
        model = try recipe.makeModel(for: task, rng: &drawn, Float.self)
        trainer = Trainer(model: model, optimizer: try recipe.makeOptimizer(Float.self))
        trainer.clipNorm = recipe.clip
        trainer.clipValue = recipe.clipValue
        self.task = task
        batchSize = recipe.batch
        rng = drawn.split()
    }

    /// `count` steps on fresh batches of `task` (another task with the same shapes may be given,
    /// e.g. the rule after a drift). Returns the last step's loss.
    @discardableResult
    mutating func train(_ count: Int, on other: (any SequenceTask)? = nil) -> Double {
        let source = other ?? task
        var loss = 0.0
        for _ in 0..<count {
            source.fill(batch, size: batchSize, rng: &rng)
            loss = trainer.step(on: batch).loss
        }
        return loss
    }

    /// The task's metrics (and "loss") on `heldOut`, without training.
    func evaluate(_ heldOut: SequenceBatch<Float>, as scorer: (any SequenceTask)? = nil) -> [String: Double] {
        let r = model.evaluate(on: heldOut)
        var m = (scorer ?? task).metrics(predictions: model.predictionTensor(), batch: heldOut)
        m["loss"] = r.loss
        return m
    }
}
