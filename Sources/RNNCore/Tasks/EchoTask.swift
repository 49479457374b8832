/// Echo at a fixed lag: at every step, output the symbol read `lag` steps earlier.
///
/// Built for rnnbook to give a dependency of an exact, known length. Each sequence is
/// `lag + 30` random symbols from 0..<K; the target at step t ≥ lag is the input at step
/// t − lag, and the first `lag` steps are not scored. To answer, a network has to hold the
/// last `lag` symbols in order: a shift register in its hidden state.
///
/// Why it is useful: the gradient that teaches step t's answer must travel exactly `lag` steps
/// back. Truncated BPTT with a window shorter than the lag never sees that path, and a Jordan
/// network, which feeds back only its own output (the symbol it is echoing now), has nowhere
/// to keep the symbols it will need next. Guessing scores 1/K.
public struct EchoTask: SequenceTask {
    /// How many steps back the answer was read.
    public let lag: Int
    /// K: symbols.
    public let symbols: Int
    /// Scored steps per sequence, after the first `lag`.
    public static let scoredSteps = 30

    public init(lag: Int = 10, symbols: Int = 4) throws {
        try TaskCheck.length(lag, minimum: 1, name: "lag")
        try TaskCheck.length(lag + Self.scoredSteps, minimum: 2, name: "lag")
        try TaskCheck.count(symbols, in: 2...1000, name: "symbols")
        self.lag = lag
        self.symbols = symbols
    }

    public var name: String { "echo" }
    public var kind: TaskKind { .classification(classes: symbols) }
    public var inputSize: Int { symbols }
    public var outputSize: Int { symbols }
    public var steps: Int { lag + Self.scoredSteps }
    public var inputSymbols: [String] { (0..<symbols).map { String(UnicodeScalar(UInt8(65 + $0 % 26))) } }
    public var outputSymbols: [String] { inputSymbols }
    /// Accuracy of guessing: 1/K.
    public var chance: Double { 1 / Double(symbols) }

    public func fill<Scalar: BLASReal>(_ batch: SequenceBatch<Scalar>, size: Int, rng: inout SeededRandom) {
        precondition(size > 0, "batch size must be positive")
        batch.prepare(.init(steps: steps, batch: size, inputSize: inputSize, inputTokens: true,
                            targetTokens: true))
        for b in 0..<size {
            for t in 0..<steps {
                batch.setInputToken(rng.int(symbols), t: t, b: b)
                if t >= lag, let ids = batch.inputTokens {
                    batch.setTargetToken(Int(ids[batch.index(t: t - lag, b: b)]), t: t, b: b)
                }
            }
        }
    }

    /// "accuracy" over the scored steps, and "chance" (1/K).
    public func metrics<Scalar: BLASReal>(predictions: Tensor<Scalar>, batch: SequenceBatch<Scalar>)
        -> [String: Double]
    {
        var m = standardMetrics(predictions: predictions, batch: batch)
        m["chance"] = chance
        return m
    }
}
