import RealModule

/// The copy-memory task: read a short string of symbols, wait, then write it back.
///
/// Reference: Hochreiter & Schmidhuber (1997), in the form of Arjovsky, Shah & Bengio,
/// "Unitary Evolution Recurrent Neural Networks" (2016), section 4.1.
///
/// Vocabulary: 0 is blank, 1...K are data symbols, K+1 is the delimiter. With copy length S
/// and delay D, one sequence has S + D + S steps:
/// ```
/// input:  s1 … sS  _ … _ (D-1 blanks)  :  _ … _ (S blanks)
/// target: _ … _ (S + D blanks)            s1 … sS
/// ```
/// The delimiter at step S+D-1 says "start writing". Every step is classified (blank or a
/// symbol), so outputs have K+1 classes.
///
/// Why it is hard: the symbols must be held unchanged across D steps in which nothing happens,
/// and most of the loss (every blank) can be had for free. A memoryless network that writes
/// blanks and then guesses at random reaches the baseline cross-entropy
/// `S·log(K) / (D + 2S)`, which sinks towards zero as D grows, so watch `recallAccuracy`.
public struct CopyMemory: SequenceTask {
    /// K: data symbols.
    public let symbols: Int
    /// S: symbols to copy.
    public let copyLength: Int
    /// D: steps between the last data symbol and the first one written back.
    public let delay: Int
    /// Score only the S recall steps instead of every step.
    public let scoreRecallOnly: Bool

    public init(symbols: Int = 8, copyLength: Int = 10, delay: Int = 100, scoreRecallOnly: Bool = false) throws {
        try TaskCheck.count(symbols, in: 2...1000, name: "symbols")
        try TaskCheck.length(copyLength, minimum: 1, name: "copyLength")
        try TaskCheck.length(delay, minimum: 1, name: "delay")
        try TaskCheck.length(2 * copyLength + delay, minimum: 3, name: "copyLength + delay")
        self.symbols = symbols
        self.copyLength = copyLength
        self.delay = delay
        self.scoreRecallOnly = scoreRecallOnly
    }

    public var blank: Int { 0 }
    public var delimiter: Int { symbols + 1 }
    public var name: String { "copy" }
    public var kind: TaskKind { .classification(classes: symbols + 1) }
    public var inputSize: Int { symbols + 2 }
    public var outputSize: Int { symbols + 1 }
    public var steps: Int { 2 * copyLength + delay }
    public var inputSymbols: [String] { ["_"] + (1...symbols).map { "\($0)" } + [":"] }
    public var outputSymbols: [String] { ["_"] + (1...symbols).map { "\($0)" } }

    /// Cross-entropy per step of the best memoryless strategy (blanks, then random symbols),
    /// averaged over all steps as Arjovsky et al. report it.
    public var baselineCrossEntropy: Double {
        Double(copyLength) * Double.log(Double(symbols)) / Double(steps)
    }

    public func fill<Scalar: BLASReal>(_ batch: SequenceBatch<Scalar>, size: Int, rng: inout SeededRandom) {
        precondition(size > 0, "batch size must be positive")
        let s = copyLength, recallStart = s + delay
        batch.prepare(.init(steps: steps, batch: size, inputSize: inputSize, inputTokens: true,
                            targetTokens: true))
        for b in 0..<size {
            for t in 0..<steps {
                var input = blank, target = blank
                if t < s {
                    input = 1 + rng.int(symbols)
                } else if t == recallStart - 1 {
                    input = delimiter
                } else if t >= recallStart {
                    // The symbol written back was read at step t - recallStart.
                    target = Int(batch.inputTokens?[batch.index(t: t - recallStart, b: b)] ?? 0)
                }
                batch.setInputToken(input, t: t, b: b)
                if !scoreRecallOnly || t >= recallStart { batch.setTargetToken(target, t: t, b: b) }
            }
        }
    }

    /// "accuracy" over scored steps, "recallAccuracy" over the S recall steps only,
    /// "baselineCrossEntropy".
    public func metrics<Scalar: BLASReal>(predictions: Tensor<Scalar>, batch: SequenceBatch<Scalar>)
        -> [String: Double]
    {
        var m = standardMetrics(predictions: predictions, batch: batch)
        m["baselineCrossEntropy"] = baselineCrossEntropy
        guard let ids = batch.targetTokens, ids.count > 0, predictions.count % ids.count == 0 else { return m }
        let width = predictions.count / ids.count
        var correct = 0, scored = 0
        for t in (copyLength + delay)..<batch.steps {
            for b in 0..<batch.batch {
                let r = batch.index(t: t, b: b)
                scored += 1
                if argmax(predictions.data + r * width, count: width) == Int(ids[r]) { correct += 1 }
            }
        }
        m["recallAccuracy"] = scored == 0 ? 0 : Double(correct) / Double(scored)
        return m
    }
}
