import RNNCore

/// An encoder–decoder trained by a claim under a teacher-forcing schedule (which
/// `Seq2SeqSession` cannot do: its ratio is one number), and scored on a fixed held-out batch
/// position by position, teacher-forced and free-running.
///
/// Built from a recipe exactly as the session builds it (same task, model, optimizer, seed and
/// data stream), so with a constant schedule equal to the recipe's ratio it trains the same
/// model as `Seq2SeqSession`.
final class Seq2SeqRun {
    let recipe: TrainingRecipe
    let task: any SequenceTask
    let model: EncoderDecoder<Float>
    let optimizer: any Optimizer<Float>
    let schedule: TeacherForcingSchedule
    let batch = SequenceBatch<Float>()
    let heldOut = SequenceBatch<Float>()
    var rng: SeededRandom
    private(set) var stepCount = 0
    /// Held-out sequences: enough that a few points of accuracy are not noise.
    static let heldOutSize = 512

    init(_ recipe: TrainingRecipe, schedule: TeacherForcingSchedule) throws {
        try recipe.validate()
        try schedule.validate()
        self.recipe = recipe
        self.schedule = schedule
        task = try recipe.makeTask()
        var rng = SeededRandom(seed: recipe.seed)
        model = try recipe.makeEncoderDecoder(for: task, rng: &rng, Float.self)
        optimizer = try recipe.makeOptimizer(Float.self)
        self.rng = rng.split()
        var heldOutRandom = SeededRandom(seed: recipe.seed ^ 0xE7A1)
        task.fill(heldOut, size: Self.heldOutSize, rng: &heldOutRandom)
    }

    /// One training step at the schedule's ratio for this step; returns the batch loss.
    @discardableResult
    func step() -> Double {
        task.fill(batch, size: recipe.batch, rng: &rng)
        zeroGrad(model.parameters)
        let loss = model.forward(batch: batch, teacherForcingRatio: schedule.ratio(atStep: stepCount)).loss
        model.backward()
        if let v = recipe.clipValue { _ = clipGradValue(model.parameters, limit: v) }
        if let n = recipe.clip { _ = clipGradNorm(model.parameters, maxNorm: n) }
        optimizer.step(model.parameters)
        stepCount += 1
        return loss
    }

    /// What the held-out batch scores, per decoder position and overall.
    struct Scores {
        /// Token accuracy with the true previous token fed at every step.
        var teacherForced = 0.0
        /// Token accuracy with the model's own previous argmax fed (greedy decoding).
        var freeRunning = 0.0
        /// Teacher-forced cross-entropy (nats per token).
        var loss = 0.0
        /// Free-running token error at each decoder position.
        var freeErrorByPosition: [Double] = []
        /// Teacher-forced token error at each decoder position.
        var forcedErrorByPosition: [Double] = []
        /// Free-running: P(error at a step | an earlier error in the row) and
        /// P(error at a step | no earlier error), over every scored step after the first.
        var errorAfterError = 0.0
        var errorAfterClean = 0.0
    }

    func evaluate() -> Scores {
        var s = Scores()
        model.forward(batch: heldOut, teacherForcingRatio: 0)
        let free = correctness()
        s.loss = model.forward(batch: heldOut, teacherForcingRatio: 1).loss
        let forced = correctness()
        s.freeRunning = mean(free.flatMap { $0.compactMap { $0 } })
        s.teacherForced = mean(forced.flatMap { $0.compactMap { $0 } })
        let Td = heldOut.decoderSteps
        s.freeErrorByPosition = (0..<Td).map { t in 1 - mean(free.compactMap { $0[t] }) }
        s.forcedErrorByPosition = (0..<Td).map { t in 1 - mean(forced.compactMap { $0[t] }) }
        var afterError = (errors: 0, count: 0), afterClean = (errors: 0, count: 0)
        for row in free {
            var seenError = false
            for (t, right) in row.enumerated() {
                guard let right else { continue }
                if t > 0 {
                    if seenError { afterError.count += 1; if !right { afterError.errors += 1 } }
                    else { afterClean.count += 1; if !right { afterClean.errors += 1 } }
                }
                if !right { seenError = true }
            }
        }
        s.errorAfterError = afterError.count == 0 ? 0 : Double(afterError.errors) / Double(afterError.count)
        s.errorAfterClean = afterClean.count == 0 ? 0 : Double(afterClean.errors) / Double(afterClean.count)
        return s
    }

    /// [row][position]: whether the last forward's argmax matched the target (nil: not scored).
    private func correctness() -> [[Bool?]] {
        guard let targets = heldOut.decoderTargetTokens else { return [] }
        let B = heldOut.batch, Td = heldOut.decoderSteps, V = model.logits.shape[2]
        return (0..<B).map { b in
            (0..<Td).map { t in
                let i = t * B + b
                guard targets[i] >= 0 else { return nil }
                return argmax(model.logits.data + i * V, count: V) == Int(targets[i])
            }
        }
    }

    private func mean(_ xs: [Bool]) -> Double {
        xs.isEmpty ? 0 : Double(xs.filter { $0 }.count) / Double(xs.count)
    }
}
