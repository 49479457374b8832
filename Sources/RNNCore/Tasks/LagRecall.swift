/// Delayed recall: name, at step `lag`, the symbol read at step 0.
///
/// Built for rnnbook to give one dependency of an exact length and nothing else. Each sequence
/// is 2·lag random symbols from 0..<K; only step `lag` is scored, and its target is the input
/// at step 0. The symbols in between are distractors. Guessing scores 1/K.
///
/// Why it is useful: the gradient that teaches the answer has to travel exactly `lag` steps
/// back, so truncated BPTT learns it only when its window spans the lag: a window of k steps
/// starting at 0 holds both ends when k > lag, and no window does when k ≤ lag.
public struct LagRecall: SequenceTask {
    /// Steps between the symbol and the question.
    public let lag: Int
    /// K: symbols.
    public let symbols: Int

    public init(lag: Int = 10, symbols: Int = 4) throws {
        try TaskCheck.length(lag, minimum: 1, name: "lag")
        try TaskCheck.length(2 * lag, minimum: 2, name: "lag")
        try TaskCheck.count(symbols, in: 2...1000, name: "symbols")
        self.lag = lag
        self.symbols = symbols
    }

    public var name: String { "lag-recall" }
    public var kind: TaskKind { .classification(classes: symbols) }
    public var inputSize: Int { symbols }
    public var outputSize: Int { symbols }
    public var steps: Int { 2 * lag }
    public var inputSymbols: [String] { (0..<symbols).map { String(UnicodeScalar(UInt8(65 + $0 % 26))) } }
    public var outputSymbols: [String] { inputSymbols }
    /// Accuracy of guessing: 1/K.
    public var chance: Double { 1 / Double(symbols) }

    public func fill<Scalar: BLASReal>(_ batch: SequenceBatch<Scalar>, size: Int, rng: inout SeededRandom) {
        precondition(size > 0, "batch size must be positive")
        batch.prepare(.init(steps: steps, batch: size, inputSize: inputSize, inputTokens: true,
                            targetTokens: true))
        for b in 0..<size {
            let first = rng.int(symbols)
            for t in 0..<steps { batch.setInputToken(t == 0 ? first : rng.int(symbols), t: t, b: b) }
            batch.setTargetToken(first, t: lag, b: b)
        }
    }

    /// "accuracy" on the scored step, and "chance" (1/K).
    public func metrics<Scalar: BLASReal>(predictions: Tensor<Scalar>, batch: SequenceBatch<Scalar>)
        -> [String: Double]
    {
        var m = standardMetrics(predictions: predictions, batch: batch)
        m["chance"] = chance
        return m
    }
}
