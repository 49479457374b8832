import RNNCore

/// hierarchical: on sentences of words, a two-level RNN (one RNN within each word, one across
/// the words' summaries) learns to spot a keyword in fewer training steps than a flat RNN
/// reading the same letters one by one.
///
/// Task: `KeywordSentences` (8 words of 3 letters and a separator, T = 32; label at the end:
/// does the keyword occur?). The flat model is the scenario's own (`TrainingSession`: embedding,
/// one recurrent layer, head on the last step). The two-level model (`TwoLevelRNN`) has the
/// same cell, hidden size and embedding width at both levels, the same optimizer and learning
/// rate, and trains on batches from the same task. Every `evalEvery` steps both are scored on
/// the same held-out batch; a model "has learned" at the first evaluation where its accuracy
/// reaches `target`. A model that never does within `budget` steps counts as `budget`, and the
/// measured value says so (learnedAt = budget means "not within the budget").
public enum HierarchicalClaim: ScenarioClaim {
    public static let scenarioID = "hierarchical"
    public static let text = "On sentences of 16 three-letter words (64 characters) labelled by whether a keyword occurs, a two-level GRU (one GRU within words, one across words) reaches 90% held-out accuracy in at most half the training steps a flat GRU of the same width needs (steps averaged over 3 seeds)."

    public static let budget = 2000
    public static let evalEvery = 10
    public static let target = 0.9
    public static let speedup = 2.0
    /// Seeds (from the recipe's) whose step counts are averaged: one run's count is noisy.
    public static let seeds = 3

    public static var scenarioDefaults: TrainingRecipe {
        var r = TrainingRecipe()
        r.task = "keywords"; r.seqLen = 16; r.cell = .gru; r.hidden = 32
        r.optimizer = "adam"; r.lr = 3e-3; r.batch = 32; r.seed = 0
        return r
    }

    public static func measure(_ recipe: TrainingRecipe, log: (String) -> Void) throws -> ClaimResult {
        var m: [String: Double] = [:]
        var flatTotal = 0, twoTotal = 0
        for i in 0..<seeds {
            var r = recipe
            r.task = "keywords"; r.tbptt = nil; r.layers = 1; r.bidirectional = false
            r.seed = recipe.seed &+ UInt64(i)
            let flat = try TrainingSession<Float>(r)
            let flatAt = stepsToLearn { flat.step() } accuracy: { flat.evaluate()["accuracy"] ?? 0 }
            let twoLevel = try TwoLevelTrainer(r)
            let twoAt = stepsToLearn { twoLevel.step() } accuracy: { twoLevel.evaluate() }
            m["flatLearnedAt.seed\(r.seed)"] = Double(flatAt.steps)
            m["twoLevelLearnedAt.seed\(r.seed)"] = Double(twoAt.steps)
            flatTotal += flatAt.steps; twoTotal += twoAt.steps
            log("seed \(r.seed): flat \(describe(flatAt)); two-level \(describe(twoAt))")
        }
        let flatMean = Double(flatTotal) / Double(seeds), twoMean = Double(twoTotal) / Double(seeds)
        m["flatLearnedAt"] = flatMean
        m["twoLevelLearnedAt"] = twoMean
        m["speedup"] = flatMean / max(twoMean, 1)
        log("mean steps to \(target): flat \(flatMean), two-level \(twoMean)")
        let holds = twoMean < Double(budget) && flatMean >= speedup * twoMean
        return ClaimResult(text: text, holds: holds, measured: m)
    }

    static func describe(_ r: (steps: Int, accuracy: Double)) -> String {
        r.steps < budget ? "\(target) at step \(r.steps)" : "not at \(target) within \(budget) steps (accuracy \(r.accuracy))"
    }

    /// Trains until the held-out accuracy reaches `target` (checked every `evalEvery` steps) or
    /// the budget runs out; returns the step count and the last accuracy.
    static func stepsToLearn(step: () -> Void, accuracy: () -> Double) -> (steps: Int, accuracy: Double) {
        var last = 0.0
        for s in stride(from: evalEvery, through: budget, by: evalEvery) {
            for _ in 0..<evalEvery { step() }
            last = accuracy()
            if last >= target { return (s, last) }
        }
        return (budget, last)
    }
}

/// The two-level model on the recipe's `KeywordSentences`, trained batch by batch.
final class TwoLevelTrainer {
    let task: KeywordSentences
    let model: TwoLevelRNN<Float>
    let optimizer: any Optimizer<Float>
    let clip: Double?
    let batch = SequenceBatch<Float>()
    let heldOut = SequenceBatch<Float>()
    var labels: [Int32] = []
    var rng: SeededRandom
    let size: Int

    init(_ recipe: TrainingRecipe) throws {
        guard let task = try recipe.makeTask() as? KeywordSentences else {
            throw InputError(place: "task", "the two-level model reads the keywords task")
        }
        self.task = task
        var init_ = SeededRandom(seed: recipe.seed)
        model = try TwoLevelRNN<Float>(vocabulary: task.inputSize, embedding: min(recipe.hidden, 64),
                                      hidden: recipe.hidden, classes: 2, kind: recipe.effectiveCell)
        model.resetParameters(rng: &init_)
        optimizer = try recipe.makeOptimizer(Float.self)
        clip = recipe.clip
        rng = init_.split()
        size = recipe.batch
        // The flat session's held-out batch: same stream, same size.
        var h = SeededRandom(seed: recipe.seed ^ 0xE7A1)
        task.fill(heldOut, size: max(recipe.batch, 64), rng: &h)
    }

    /// The label of each row: its target at the last step.
    func forward(_ b: SequenceBatch<Float>) -> LossResult {
        let T = b.steps, B = b.batch
        guard let tokens = b.inputTokens, let targets = b.targetTokens else { return LossResult(loss: .nan, weight: 0) }
        if labels.count != B { labels = Array(repeating: 0, count: B) }
        for r in 0..<B { labels[r] = targets[(T - 1) * B + r] }
        return tokens.withUnsafeBufferPointer { t in
            labels.withUnsafeBufferPointer { l in
                model.forward(tokens: t.baseAddress!, segments: task.words, segmentLength: task.segmentLength,
                              batch: B, labels: l.baseAddress!)
            }
        }
    }

    func step() {
        task.fill(batch, size: size, rng: &rng)
        zeroGrad(model.parameters)
        _ = forward(batch)
        model.backward()
        if let c = clip { _ = clipGradNorm(model.parameters, maxNorm: c) }
        optimizer.step(model.parameters)
    }

    func evaluate() -> Double { forward(heldOut).accuracy ?? 0 }
}
