/// A task, a model and its trainer, built from a recipe and stepped one batch at a time.
///
/// The recipe's `tbptt` switches every step to truncated BPTT (k1 = k2 = tbptt); its
/// `initializer`, `radius` and `activation` shape the model (see `TrainingRecipe.makeModel`).
public final class TrainingSession<Scalar: BLASReal>: LiveTraining {
    public let recipe: TrainingRecipe
    public private(set) var task: any SequenceTask
    public private(set) var model: SequenceModel<Scalar>
    public private(set) var trainer: Trainer<Scalar>
    public private(set) var stepCount = 0
    let batch = SequenceBatch<Scalar>()
    let evaluationBatch = SequenceBatch<Scalar>()
    var rng: SeededRandom
    /// Reused by every step, so reporting metrics allocates nothing once its keys exist.
    var stepMetrics: [String: Double] = [:]

    public init(_ recipe: TrainingRecipe) throws {
        self.recipe = recipe
        let parts = try Self.build(recipe)
        (task, model, trainer, rng) = (parts.task, parts.model, parts.trainer, parts.rng)
        fillEvaluationBatch()
    }

    static func build(_ recipe: TrainingRecipe) throws
        -> (task: any SequenceTask, model: SequenceModel<Scalar>, trainer: Trainer<Scalar>, rng: SeededRandom) {
        try recipe.validate()
        let task = try recipe.makeTask()
        var rng = SeededRandom(seed: recipe.seed)
        let model = try recipe.makeModel(for: task, rng: &rng, Scalar.self)
        let trainer = Trainer(model: model, optimizer: try recipe.makeOptimizer(Scalar.self))
        trainer.clipNorm = recipe.clip
        trainer.clipValue = recipe.clipValue
        return (task, model, trainer, rng.split())
    }

    /// A fixed held-out batch, drawn from its own stream, so metrics are comparable over time.
    func fillEvaluationBatch() {
        var heldOut = SeededRandom(seed: recipe.seed ^ 0xE7A1)
        task.fill(evaluationBatch, size: max(recipe.batch, 64), rng: &heldOut)
    }

    /// One training step on a fresh batch (by truncated BPTT when the recipe sets `tbptt`).
    @_specialize(where Scalar == Float)
    @discardableResult
    public func step() -> Trainer<Scalar>.Report {
        task.fill(batch, size: recipe.batch, rng: &rng)
        stepCount += 1
        guard let k = recipe.tbptt else { return trainer.step(on: batch) }
        let batch = self.batch, trainer = self.trainer
        return model.withTargets(of: batch) { tokens, targets in
            trainer.truncatedStep(features: tokens == nil ? batch.inputs : nil, tokens: tokens, steps: batch.steps,
                                  batch: batch.batch, k1: k, k2: k, targets: targets, mask: batch.lossMask.data)
        }
    }

    @_specialize(where Scalar == Float)
    public func step(probe: Bool) -> LiveStep {
        trainer.probe.isOn = probe
        var report = step()
        trainer.probe.isOn = false
        report.snapshot?.step = stepCount - 1
        if let a = report.accuracy { stepMetrics["accuracy"] = a }
        return LiveStep(loss: report.loss, metrics: stepMetrics, clipped: report.clip?.clipped ?? false,
                        nonFinite: !report.loss.isFinite || (report.snapshot?.nonFinite ?? false),
                        snapshot: report.snapshot)
    }

    /// Loss and the task's metrics on the held-out batch.
    @_specialize(where Scalar == Float)
    public func evaluate() -> [String: Double] {
        let r = model.evaluate(on: evaluationBatch)
        var m = task.metrics(predictions: model.predictionTensor(), batch: evaluationBatch)
        m["loss"] = r.loss
        return m
    }

    public func reset() {
        // The recipe was valid when this session was built, so rebuilding cannot fail.
        guard let parts = try? Self.build(recipe) else { return }
        // The probed row and eigenvalue cadence are view settings: they survive a reset.
        parts.trainer.probe.row = trainer.probe.row
        parts.trainer.probe.spectralEvery = trainer.probe.spectralEvery
        (task, model, trainer, rng) = (parts.task, parts.model, parts.trainer, parts.rng)
        stepCount = 0
        stepMetrics = [:]
        fillEvaluationBatch()
    }

    // MARK: What the panes label

    var probedRow: Int { min(trainer.probe.row, max(batch.batch - 1, 0)) }

    public var inputLabels: [String] {
        let T = batch.steps, B = batch.batch, r = probedRow
        guard T > 0 else { return [] }
        if let ids = batch.inputTokens {
            let symbols = task.inputSymbols
            return (0..<T).map { StepLabels.token(ids[$0 * B + r], symbols) }
        }
        let I = batch.inputs.shape[2], x = batch.inputs.data
        // A non-zero second feature is a marker (the adding problem's): flag it with "*".
        return (0..<T).map { t in
            let row = x + (t * B + r) * I
            let label = StepLabels.number(Double(row[0]))
            return I >= 2 && row[1] != 0 ? "*" + label : label
        }
    }

    public var outputLabels: [String]? { nil }

    public var probedText: String? { task is CharacterText ? inputLabels.joined() : nil }

    public func neuronActivations(unit: Int) -> [Float]? {
        guard batch.inputTokens != nil, let top = model.stack.layers.last?.first else { return nil }
        let S = top.cell.stateSize, B = top.batch, r = probedRow
        guard (0..<S).contains(unit), top.steps > 0, r < B else { return nil }
        return (0..<top.steps).map { Float(top.states[((($0 + 1) * B) + r) * S + unit]) }
    }
}
