import Foundation
import RNNCore

/// char-lm: a character-level LSTM learns enough of its text to predict held-out text far
/// better than letter frequencies do, its samples turn from noise into word-like text, and
/// some of its units track things a reader can name.
///
/// The corpus (the recipe's text file, or the shipped one) is split: the first 90% trains,
/// the last 10% is held out. The model is the recipe's (`makeModel`, same seed), trained on
/// random windows of the training part for `steps` steps. Measured:
/// - perplexity e^{CE} on the held-out part, read in windows of seq_len from a zero state,
///   against a unigram model (add-one smoothed character counts of the training part);
/// - samples: `sampleLength` characters at temperature `temperature` after `earlySteps` and
///   at the end, logged, and scored by the fraction of their words (letter runs) that occur
///   in the training text;
/// - neurons: on the first `neuronSpan` held-out characters, the Pearson correlation of every
///   top-layer unit with readable features of the text; the best |r| after training, and at
///   initialisation for comparison. Features the current character alone gives away (is it a
///   space; how far into a word) have strongly correlated units already at initialisation, and
///   position in the line is learned only by some seeds in 400 steps; the claim uses "this
///   letter ends a word", which needs a model of words and is learned by every seed tried.
public enum CharLMClaim: ScenarioClaim {
    public static let scenarioID = "char-lm"
    public static let text = "A character LSTM trained for 400 steps on 90% of its text reaches a held-out perplexity below 0.6× that of a unigram model; its samples improve (more of their words are real words at the end than after 25 steps); and one unit anticipates word endings: its activation correlates with \"this letter ends a word\" at |r| ≥ 0.35, at least 0.1 above the best unit at initialisation."

    public static let steps = 400
    public static let earlySteps = 25
    public static let heldOutFraction = 0.1
    public static let perplexityRatio = 0.6
    public static let sampleLength = 240
    public static let temperature = 0.7
    public static let neuronSpan = 2000
    /// The word-ending unit: |r| at least this, and this much above any unit at initialisation.
    public static let wordEndR = 0.35
    public static let wordEndGain = 0.1

    /// The configuration the scenario's front matter should hold.
    public static var scenarioDefaults: TrainingRecipe {
        var r = TrainingRecipe()
        r.task = "text"; r.seqLen = 64; r.cell = .lstm; r.hidden = 128
        r.optimizer = "adam"; r.lr = 3e-3; r.clip = 5; r.batch = 32; r.seed = 0
        return r
    }

    public static func measure(_ recipe: TrainingRecipe, log: (String) -> Void) throws -> ClaimResult {
        var r = recipe
        r.task = "text"; r.bidirectional = false
        let task = try r.makeTask()
        guard let text = task as? CharacterText else { throw InputError(place: "task", "char-lm needs the text task") }
        let split = Int(Double(text.corpus.count) * (1 - heldOutFraction))
        let train = Array(text.corpus[..<split]), heldOut = Array(text.corpus[split...])
        let T = text.length
        guard train.count > T + 1, heldOut.count > T + 1 else {
            throw InputError(place: "text", "is too short to hold out \(Int(heldOutFraction * 100))% and still have windows of \(T + 1) characters on both sides")
        }
        var rng = SeededRandom(seed: r.seed)
        let model = try r.makeModel(for: text, rng: &rng, Float.self)
        let trainer = Trainer(model: model, optimizer: try r.makeOptimizer(Float.self))
        trainer.clipNorm = r.clip
        trainer.clipValue = r.clipValue
        var data = rng.split()
        var m: [String: Double] = [:]
        let words = CharLMText.words(text.decode(train))

        let initialNeurons = CharLMNeurons.best(model, text: text, tokens: Array(heldOut.prefix(neuronSpan)))
        var tokens = [Int32](repeating: 0, count: T * r.batch), targets = tokens
        var sampleRandom = SeededRandom(seed: r.seed ^ 0x5A3E)
        for s in 1...steps {
            for b in 0..<r.batch {
                let start = data.int(train.count - T)
                for t in 0..<T {
                    tokens[t * r.batch + b] = train[start + t]
                    targets[t * r.batch + b] = train[start + t + 1]
                }
            }
            let report = tokens.withUnsafeBufferPointer { x in
                targets.withUnsafeBufferPointer { y in
                    trainer.step(tokens: x.baseAddress!, steps: T, batch: r.batch, targets: .classes(y.baseAddress!))
                }
            }
            if s % 100 == 0 { log("step \(s): training cross-entropy \(report.loss) nats") }
            if s == earlySteps || s == steps {
                let sample = try CharLMText.sample(model, text: text, prompt: train.last ?? 0, count: sampleLength,
                                                   temperature: temperature, rng: &sampleRandom)
                let fraction = CharLMText.realWordFraction(sample, known: words)
                m["realWords@\(s)"] = fraction
                log("sample after \(s) steps (\(Int((fraction * 100).rounded()))% of its words occur in the training text):\n\(sample)")
            }
        }

        let lstmCE = CharLMText.crossEntropy(model, tokens: heldOut, length: T)
        let unigramCE = CharLMText.unigramCrossEntropy(train: train, heldOut: heldOut, vocabulary: text.vocabulary)
        m["perplexity"] = exp(lstmCE)
        m["unigramPerplexity"] = exp(unigramCE)
        m["perplexityRatio"] = m["perplexity"]! / m["unigramPerplexity"]!
        log("held-out perplexity \(m["perplexity"]!) against the unigram model's \(m["unigramPerplexity"]!) (ratio \(m["perplexityRatio"]!))")

        let neurons = CharLMNeurons.best(model, text: text, tokens: Array(heldOut.prefix(neuronSpan)))
        for (i, name) in CharLMNeurons.featureNames.enumerated() {
            m["neuronR.\(name)"] = neurons[i].r
            m["neuronUnit.\(name)"] = Double(neurons[i].unit)
            m["initialNeuronR.\(name)"] = initialNeurons[i].r
            log("feature \(name): best unit \(neurons[i].unit), |r| \(neurons[i].r) (at initialisation \(initialNeurons[i].r), unit \(initialNeurons[i].unit))")
        }
        let wordEnd = m["neuronR.wordEndsNext"]!, wordEndInitial = m["initialNeuronR.wordEndsNext"]!
        let holds = m["perplexityRatio"]! < perplexityRatio
            && m["realWords@\(steps)"]! > m["realWords@\(earlySteps)"]!
            && wordEnd >= wordEndR && wordEnd - wordEndInitial >= wordEndGain
        return ClaimResult(text: Self.text, holds: holds, measured: m)
    }
}
