import RNNCore

/// dropout: with little training text, a model without dropout memorises it and its validation
/// loss pulls away from its training loss; dropout between the layers keeps the two closer.
/// Variational dropout draws one mask per sequence and keeps it at every step.
///
/// The training set is the first `trainCharacters` characters of the recipe's corpus, the
/// validation set a later stretch the model never sees (`TextSlice`, shared vocabulary). Two
/// copies of the recipe's model (same seed, same batches) train for `steps` steps, one with the
/// recipe's dropout and one without; each is then scored in evaluation mode on `evalRows` fixed
/// windows of each set. The gap is validation loss − training loss, in nats per character.
///
/// The mask is read from what layer 1 actually received (`RecurrentStack.dropoutPattern`):
/// for every (row, unit), whether its keep/drop decision at step t agrees with step 0.
public enum DropoutClaim: ScenarioClaim {
    public static let scenarioID = "dropout"
    public static let text = "Trained on 2,000 characters of text, a 2-layer LSTM with dropout 0.5 between its layers ends with a validation-minus-training loss gap at most 0.75× that of the same model without dropout, and a lower validation loss; and variational dropout keeps one mask along the sequence: 100% of its keep/drop decisions agree across steps, against about 50% for per-step dropout."

    public static let trainCharacters = 2000
    public static let validationRange = 20_000..<40_000
    public static let steps = 600
    public static let evalRows = 128
    public static let maxGapRatio = 0.75

    /// The configuration the scenario's front matter should hold.
    public static var scenarioDefaults: TrainingRecipe {
        var r = TrainingRecipe()
        r.task = "text"; r.seqLen = 32; r.cell = .lstm; r.hidden = 64; r.layers = 2; r.dropout = 0.5
        r.optimizer = "adam"; r.lr = 1e-2; r.clip = 5; r.batch = 16; r.seed = 0
        return r
    }

    public static func measure(_ recipe: TrainingRecipe, log: (String) -> Void) throws -> ClaimResult {
        var r = recipe
        r.task = "text"; r.tbptt = nil
        if r.layers < 2 { r.layers = 2 }
        if r.dropout <= 0 { r.dropout = 0.5 }
        let corpus = try CharacterText(contentsOfFile: r.textFile ?? TrainingRecipe.defaultCorpus, length: r.seqLen ?? 32)
        let upper = min(validationRange.upperBound, corpus.corpus.count)
        let train = try TextSlice(corpus, range: 0..<min(trainCharacters, corpus.corpus.count))
        let validation = try TextSlice(corpus, range: min(validationRange.lowerBound, upper / 2)..<upper)
        var m: [String: Double] = [:]

        var plain = r
        plain.dropout = 0
        let without = try trainAndScore(plain, train: train, validation: validation, log: log)
        let with = try trainAndScore(r, train: train, validation: validation, log: log)
        m["trainLossWithout"] = without.train; m["validationLossWithout"] = without.validation
        m["trainLossWith"] = with.train; m["validationLossWith"] = with.validation
        m["gapWithout"] = without.validation - without.train
        m["gapWith"] = with.validation - with.train
        m["gapRatio"] = m["gapWith"]! / max(m["gapWithout"]!, 1e-12)
        log("gap without dropout \(m["gapWithout"]!), with dropout \(r.dropout): \(m["gapWith"]!) (ratio \(m["gapRatio"]!))")

        m["maskAgreementVariational"] = try maskAgreement(r, task: train, variational: true)
        m["maskAgreementPerStep"] = try maskAgreement(r, task: train, variational: false)
        log("keep/drop decisions agreeing with step 0: variational \(m["maskAgreementVariational"]!), per-step \(m["maskAgreementPerStep"]!)")

        let holds = m["gapWithout"]! > 0 && m["gapRatio"]! <= maxGapRatio && with.validation < without.validation
            && m["maskAgreementVariational"]! == 1 && abs(m["maskAgreementPerStep"]! - 0.5) < 0.1
        return ClaimResult(text: text, holds: holds, measured: m)
    }

    /// A model of the recipe on `task`, and its trainer.
    static func build(_ r: TrainingRecipe, task: any SequenceTask) throws -> Trainer<Float> {
        var rng = SeededRandom(seed: r.seed)
        let model = try r.makeModel(for: task, rng: &rng, Float.self)
        let trainer = Trainer(model: model, optimizer: try r.makeOptimizer(Float.self))
        trainer.clipNorm = r.clip
        trainer.clipValue = r.clipValue
        return trainer
    }

    /// Trains on `train` and returns the evaluation-mode loss on fixed windows of both sets.
    static func trainAndScore(_ r: TrainingRecipe, train: TextSlice, validation: TextSlice,
                              log: (String) -> Void) throws -> (train: Double, validation: Double) {
        let trainer = try build(r, task: train)
        var stream = SeededRandom(seed: r.seed &+ 1)
        var heldOut = SeededRandom(seed: r.seed ^ 0xD0D0)
        let batch = SequenceBatch<Float>()
        let trainEval = train.makeBatch(size: evalRows, rng: &heldOut, as: Float.self)
        let validationEval = validation.makeBatch(size: evalRows, rng: &heldOut, as: Float.self)
        var scores = (train: 0.0, validation: 0.0)
        for s in 1...steps {
            train.fill(batch, size: r.batch, rng: &stream)
            trainer.step(on: batch)
            if s % (steps / 4) == 0 {
                scores = (trainer.model.evaluate(on: trainEval).loss, trainer.model.evaluate(on: validationEval).loss)
                log("dropout \(r.dropout), step \(s): training-set loss \(scores.train), validation loss \(scores.validation)")
            }
        }
        return scores
    }

    /// Fraction of decidable (t ≥ 1, row, unit) keep/drop decisions on layer 1's input that
    /// equal the same (row, unit)'s decision at step 0, after one training step.
    static func maskAgreement(_ r: TrainingRecipe, task: TextSlice, variational: Bool) throws -> Double {
        let trainer = try build(r, task: task)
        trainer.model.stack.variationalDropout = variational
        var stream = SeededRandom(seed: r.seed &+ 2)
        let batch = task.makeBatch(size: r.batch, rng: &stream, as: Float.self)
        trainer.step(on: batch)
        let stack = trainer.model.stack
        guard let pattern = stack.dropoutPattern(layer: 1) else {
            throw InputError(place: "dropout", "layer 1 recorded no dropout mask")
        }
        let row = stack.batch * stack.outputSize
        var agree = 0, total = 0
        for t in 1..<stack.steps {
            for i in 0..<row {
                let first = pattern[i], now = pattern[t * row + i]
                guard first >= 0, now >= 0 else { continue }
                total += 1
                if first == now { agree += 1 }
            }
        }
        return total == 0 ? 0 : Double(agree) / Double(total)
    }
}
