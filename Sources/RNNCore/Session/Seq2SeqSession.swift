/// A sequence-to-sequence task and its `EncoderDecoder`, built from a recipe and trained one
/// batch at a time: the live session of the reversal and date-translation scenarios.
///
/// Each step: forward with the recipe's teacher-forcing ratio (scheduled sampling below 1),
/// full BPTT through decoder, attention and encoder, clipping, one optimizer update.
public final class Seq2SeqSession<Scalar: BLASReal>: LiveTraining {
    public let recipe: TrainingRecipe
    public private(set) var task: any SequenceTask
    public private(set) var model: EncoderDecoder<Scalar>
    public private(set) var optimizer: any Optimizer<Scalar>
    /// Records snapshots for probed steps; set `row` to choose the batch row shown.
    public let probe = Probe(isOn: false)
    public private(set) var stepCount = 0
    let batch = SequenceBatch<Scalar>()
    let evaluationBatch = SequenceBatch<Scalar>()
    var rng: SeededRandom
    var stepMetrics: [String: Double] = [:]

    public init(_ recipe: TrainingRecipe) throws {
        self.recipe = recipe
        let parts = try Self.build(recipe)
        (task, model, optimizer, rng) = (parts.task, parts.model, parts.optimizer, parts.rng)
        fillEvaluationBatch()
    }

    static func build(_ recipe: TrainingRecipe) throws
        -> (task: any SequenceTask, model: EncoderDecoder<Scalar>, optimizer: any Optimizer<Scalar>, rng: SeededRandom) {
        try recipe.validate()
        let task = try recipe.makeTask()
        var rng = SeededRandom(seed: recipe.seed)
        let model = try recipe.makeEncoderDecoder(for: task, rng: &rng, Scalar.self)
        return (task, model, try recipe.makeOptimizer(Scalar.self), rng.split())
    }

    func fillEvaluationBatch() {
        var heldOut = SeededRandom(seed: recipe.seed ^ 0xE7A1)
        task.fill(evaluationBatch, size: max(recipe.batch, 64), rng: &heldOut)
    }

    @_specialize(where Scalar == Float)
    public func step(probe probed: Bool) -> LiveStep {
        task.fill(batch, size: recipe.batch, rng: &rng)
        zeroGrad(model.parameters)
        model.encoder.recordGradNorms = probed
        let loss = model.forward(batch: batch, teacherForcingRatio: recipe.teacherForcing).loss
        model.backward()
        model.encoder.recordGradNorms = false
        var clip: ClipEvent? = nil
        if let v = recipe.clipValue { clip = clipGradValue(model.parameters, limit: v) }
        if let n = recipe.clip { clip = clipGradNorm(model.parameters, maxNorm: n) }
        stepMetrics["accuracy"] = trainingAccuracy()
        var snapshot: ProbeSnapshot? = nil
        if probed {
            snapshot = probe.capture(step: stepCount, loss: loss, metrics: stepMetrics, encoderDecoder: model, clip: clip)
        }
        optimizer.step(model.parameters)
        stepCount += 1
        return LiveStep(loss: loss, metrics: stepMetrics, clipped: clip?.clipped ?? false,
                        nonFinite: !loss.isFinite || (snapshot?.nonFinite ?? false), snapshot: snapshot)
    }

    /// Token accuracy of the last forward's logits on the training batch (as fed: teacher
    /// tokens, or the model's own under scheduled sampling).
    func trainingAccuracy() -> Double {
        guard let targets = batch.decoderTargetTokens else { return 0 }
        let V = model.logits.shape[2]
        var right = 0, scored = 0
        for i in 0..<targets.count where targets[i] >= 0 {
            scored += 1
            if argmax(model.logits.data + i * V, count: V) == Int(targets[i]) { right += 1 }
        }
        return scored == 0 ? 0 : Double(right) / Double(scored)
    }

    /// On the held-out batch: "loss", "accuracy" and "sequenceAccuracy" teacher-forced, and
    /// "greedyAccuracy", "greedySequenceAccuracy" free-running (each step fed the model's own
    /// argmax, which is greedy decoding run for the target's length).
    @_specialize(where Scalar == Float)
    public func evaluate() -> [String: Double] {
        model.forward(batch: evaluationBatch, teacherForcingRatio: 0)
        let free = task.metrics(predictions: model.logits, batch: evaluationBatch)
        let loss = model.forward(batch: evaluationBatch, teacherForcingRatio: 1).loss
        var m = task.metrics(predictions: model.logits, batch: evaluationBatch)
        m["loss"] = loss
        m["greedyAccuracy"] = free["accuracy"]
        m["greedySequenceAccuracy"] = free["sequenceAccuracy"]
        return m
    }

    /// The held-out batch `evaluate()` scores (its last forward is the teacher-forced one).
    public var heldOutBatch: SequenceBatch<Scalar> { evaluationBatch }

    public func reset() {
        guard let parts = try? Self.build(recipe) else { return }
        (task, model, optimizer, rng) = (parts.task, parts.model, parts.optimizer, parts.rng)
        stepCount = 0
        stepMetrics = [:]
        fillEvaluationBatch()
    }

    // MARK: What the panes label

    var probedRow: Int { min(probe.row, max(batch.batch - 1, 0)) }

    public var inputLabels: [String] {
        guard let ids = batch.inputTokens, batch.steps > 0 else { return [] }
        let symbols = task.inputSymbols, B = batch.batch, r = probedRow
        return (0..<batch.steps).map { ids[$0 * B + r] == 0 ? "·" : StepLabels.token(ids[$0 * B + r], symbols) }
    }

    public var outputLabels: [String]? {
        guard let ids = batch.decoderTargetTokens, batch.decoderSteps > 0 else { return nil }
        let symbols = task.outputSymbols, B = batch.batch, r = probedRow
        return (0..<batch.decoderSteps).map { ids[$0 * B + r] < 0 ? "·" : StepLabels.token(ids[$0 * B + r], symbols) }
    }

    public var probedText: String? { nil }

    /// The encoder's activation of `unit` at every source step of the probed row.
    public func neuronActivations(unit: Int) -> [Float]? {
        let e = model.encoder, S = e.cell.stateSize, B = e.batch, r = probedRow
        guard (0..<S).contains(unit), e.steps > 0, r < B else { return nil }
        return (0..<e.steps).map { Float(e.states[((($0 + 1) * B) + r) * S + unit]) }
    }
}
