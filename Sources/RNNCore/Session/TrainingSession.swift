/// A task, a model and its trainer, built from a recipe and stepped one batch at a time.
public final class TrainingSession<Scalar: BLASReal> {
    public let recipe: TrainingRecipe
    public let task: any SequenceTask
    public let model: SequenceModel<Scalar>
    public let trainer: Trainer<Scalar>
    let batch = SequenceBatch<Scalar>()
    let evaluationBatch = SequenceBatch<Scalar>()
    var rng: SeededRandom

    public init(_ recipe: TrainingRecipe) throws {
        self.recipe = recipe
        try TaskCheck.batchSize(recipe.batch)
        task = try recipe.makeTask()
        var rng = SeededRandom(seed: recipe.seed)
        model = try recipe.makeModel(for: task, rng: &rng)
        trainer = Trainer(model: model, optimizer: try recipe.makeOptimizer())
        trainer.clipNorm = recipe.clip
        trainer.clipValue = recipe.clipValue
        // A fixed held-out batch, drawn from its own stream, so metrics are comparable over time.
        var heldOut = SeededRandom(seed: recipe.seed ^ 0xE7A1)
        task.fill(evaluationBatch, size: max(recipe.batch, 64), rng: &heldOut)
        self.rng = rng.split()
    }

    /// One training step on a fresh batch.
    @discardableResult
    public func step() -> Trainer<Scalar>.Report {
        task.fill(batch, size: recipe.batch, rng: &rng)
        return trainer.step(on: batch)
    }

    /// Loss and the task's metrics on the held-out batch.
    public func evaluate() -> [String: Double] {
        let r = model.evaluate(on: evaluationBatch)
        var m = task.metrics(predictions: model.predictionTensor(), batch: evaluationBatch)
        m["loss"] = r.loss
        return m
    }
}
