/// "Will a marker appear later?": a per-step label that depends only on the future.
///
/// Reference: built for rnnbook to make the case of Schuster & Paliwal, "Bidirectional
/// Recurrent Neural Networks" (1997): some per-step decisions need context to the right.
///
/// Vocabulary: ids 0..<K are distractor symbols, id K is the marker. With probability
/// `markerProbability` a sequence contains exactly one marker, at a uniform position p; other
/// steps carry random distractors. The label at step t is 1 when a marker occurs at some step
/// s > t (that is, t < p), else 0. Every step is scored.
///
/// Why it is hard, and for whom: a bidirectional network sees the marker's position from the
/// right and can reach 100%. A left-to-right network can only know whether it has already
/// passed a marker; before that, the best it can do is guess from the step index, so its
/// accuracy is capped. `metrics` reports that cap, computed exactly for the batch, as
/// "causalCeiling". The default marker probability 0.8 makes the best causal rule non-trivial
/// (guess "later" for the first 14 of 20 steps, then "no": about 83% right); at 0.5 or below it
/// degenerates to always answering "no".
public struct MarkerLater: SequenceTask {
    public let length: Int
    /// K: distractor symbols.
    public let distractors: Int
    public let markerProbability: Double

    public init(length: Int = 20, distractors: Int = 4, markerProbability: Double = 0.8) throws {
        try TaskCheck.length(length, minimum: 2, name: "length")
        try TaskCheck.count(distractors, in: 1...1000, name: "distractors")
        try TaskCheck.real(markerProbability, in: 0...1, name: "markerProbability")
        self.length = length
        self.distractors = distractors
        self.markerProbability = markerProbability
    }

    public var marker: Int { distractors }
    public var name: String { "marker-later" }
    public var kind: TaskKind { .classification(classes: 2) }
    public var inputSize: Int { distractors + 1 }
    public var outputSize: Int { 2 }
    public var steps: Int { length }
    public var inputSymbols: [String] { (0..<distractors).map { "\($0)" } + ["*"] }
    public var outputSymbols: [String] { ["no", "later"] }

    public func fill<Scalar: BLASReal>(_ batch: SequenceBatch<Scalar>, size: Int, rng: inout SeededRandom) {
        precondition(size > 0, "batch size must be positive")
        batch.prepare(.init(steps: length, batch: size, inputSize: inputSize, inputTokens: true,
                            targetTokens: true))
        for b in 0..<size {
            // position == length means this sequence has no marker.
            let position = rng.bernoulli(markerProbability) ? rng.int(length) : length
            for t in 0..<length {
                batch.setInputToken(t == position ? marker : rng.int(distractors), t: t, b: b)
                batch.setTargetToken(t < position && position < length ? 1 : 0, t: t, b: b)
            }
        }
    }

    /// The best left-to-right guess at step t, given that no marker has been seen at steps
    /// 0...t: P(marker later | none yet) = q (T-1-t)/T / (1 - q (t+1)/T); guess 1 above ½.
    public func causalGuess(step t: Int) -> Int {
        let q = markerProbability, n = Double(length)
        let later = q * Double(length - 1 - t) / n
        let noneYet = 1 - q * Double(t + 1) / n
        return noneYet > 0 && later / noneYet > 0.5 ? 1 : 0
    }

    /// "accuracy", and "causalCeiling": the accuracy on this batch of the optimal causal rule
    /// (0 once a marker has been seen, `causalGuess` before).
    public func metrics<Scalar: BLASReal>(predictions: Tensor<Scalar>, batch: SequenceBatch<Scalar>)
        -> [String: Double]
    {
        var m = standardMetrics(predictions: predictions, batch: batch)
        guard let inputs = batch.inputTokens, let labels = batch.targetTokens else { return m }
        var right = 0, total = 0
        for b in 0..<batch.batch {
            var seen = false
            for t in 0..<batch.steps {
                let i = batch.index(t: t, b: b)
                if Int(inputs[i]) == marker { seen = true }
                let guess = seen ? 0 : causalGuess(step: t)
                if guess == Int(labels[i]) { right += 1 }
                total += 1
            }
        }
        m["causalCeiling"] = total == 0 ? 0 : Double(right) / Double(total)
        return m
    }
}
