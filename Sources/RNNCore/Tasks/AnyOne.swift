import RealModule

/// "Did a 1 occur anywhere?": read a string of bits, answer yes or no at the end.
///
/// Built for rnnbook as the smallest task that needs memory: the answer depends on every
/// step, but the network sees one bit at a time, so whatever it read must survive in its
/// hidden state until the last step. One flag is enough; a network that forgets scores
/// about 50%.
///
/// Vocabulary: 0 and 1. Each step is a 1 with probability p = 1 − 2^(−1/T), so that exactly
/// half of all sequences contain no 1 at all and both answers are equally likely. Only the
/// last step is scored: class 1 ("yes") when some step was a 1, class 0 ("no") otherwise.
public struct AnyOne: SequenceTask {
    /// T: bits per sequence.
    public let length: Int

    public init(length: Int = 20) throws {
        try TaskCheck.length(length, minimum: 1, name: "length")
        self.length = length
    }

    /// Probability of a 1 at each step: (1 − p)^T = ½.
    public var oneProbability: Double { 1 - Double.pow(2, -1 / Double(length)) }
    public var name: String { "any-one" }
    public var kind: TaskKind { .classification(classes: 2) }
    public var inputSize: Int { 2 }
    public var outputSize: Int { 2 }
    public var steps: Int { length }
    public var inputSymbols: [String] { ["0", "1"] }
    public var outputSymbols: [String] { ["no", "yes"] }

    public func fill<Scalar: BLASReal>(_ batch: SequenceBatch<Scalar>, size: Int, rng: inout SeededRandom) {
        precondition(size > 0, "batch size must be positive")
        batch.prepare(.init(steps: length, batch: size, inputSize: inputSize, inputTokens: true,
                            targetTokens: true))
        let p = oneProbability
        for b in 0..<size {
            var seen = false
            for t in 0..<length {
                let bit = rng.bernoulli(p) ? 1 : 0
                if bit == 1 { seen = true }
                batch.setInputToken(bit, t: t, b: b)
            }
            batch.setTargetToken(seen ? 1 : 0, t: length - 1, b: b)
        }
    }

    /// "accuracy" on the last step (the only scored one).
    public func metrics<Scalar: BLASReal>(predictions: Tensor<Scalar>, batch: SequenceBatch<Scalar>)
        -> [String: Double]
    {
        standardMetrics(predictions: predictions, batch: batch)
    }
}
