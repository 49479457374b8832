/// Delayed recall on an endless stream: at every step, name the symbol seen `lag` steps ago.
///
/// Reference: built for rnnbook as the smallest task whose dependencies cross the boundary
/// between chunks of a stream (the stateful scenario), whose rule can change (concept drift),
/// and which has a cheap related question (multi-task learning).
///
/// Input: a stream of K symbols drawn uniformly. A sequence is a window cut out of a longer
/// stream: the `lag` symbols before its first step exist but are never shown, so at steps
/// t < lag the answer is a coin flip with 1/K odds unless the model carries state in from the
/// previous window. Every step is scored.
///
/// - `.recall`: target (x_{t−lag} + shift) mod K. `shift` ≠ 0 is the same stream under a
///   changed rule, for concept drift.
/// - `.match`: target 1 when x_t = x_{t−lag}, else 0 (true with probability 1/K).
public struct DelayedRecall: SequenceTask {
    public enum Question: Sendable, Equatable { case recall, match }

    public let length: Int
    /// K: stream symbols.
    public let symbols: Int
    public let lag: Int
    public let shift: Int
    public let question: Question

    public init(length: Int = 50, symbols: Int = 4, lag: Int = 5, shift: Int = 0,
                question: Question = .recall) throws {
        try TaskCheck.length(length, minimum: 1, name: "length")
        try TaskCheck.count(symbols, in: 2...1000, name: "symbols")
        try TaskCheck.count(lag, in: 1...1000, name: "lag")
        try TaskCheck.count(shift, in: 0...(symbols - 1), name: "shift")
        self.length = length
        self.symbols = symbols
        self.lag = lag
        self.shift = shift
        self.question = question
    }

    public var name: String { "recall" }
    public var kind: TaskKind { .classification(classes: outputSize) }
    public var inputSize: Int { symbols }
    public var outputSize: Int { question == .recall ? symbols : 2 }
    public var steps: Int { length }
    public var inputSymbols: [String] { (0..<symbols).map { String(UnicodeScalar(UInt8(65 + $0 % 26))) } }
    public var outputSymbols: [String] { question == .recall ? inputSymbols : ["no", "same"] }

    public func fill<Scalar: BLASReal>(_ batch: SequenceBatch<Scalar>, size: Int, rng: inout SeededRandom) {
        precondition(size > 0, "batch size must be positive")
        let K = symbols, L = lag
        batch.prepare(.init(steps: length, batch: size, inputSize: K, inputTokens: true, targetTokens: true))
        for b in 0..<size {
            for t in 0..<length {
                let x = rng.int(K)
                // Before step L the remembered symbol lies in the unseen past: a fresh draw.
                let old = t >= L ? Int(batch.inputTokens?[batch.index(t: t - L, b: b)] ?? 0) : rng.int(K)
                batch.setInputToken(x, t: t, b: b)
                switch question {
                case .recall: batch.setTargetToken((old + shift) % K, t: t, b: b)
                case .match: batch.setTargetToken(x == old ? 1 : 0, t: t, b: b)
                }
            }
        }
    }

    /// "accuracy" over every step; "reachableAccuracy" over steps t ≥ lag, whose answer lies
    /// inside the window; "headAccuracy" over steps t < lag, whose answer does not.
    public func metrics<Scalar: BLASReal>(predictions: Tensor<Scalar>, batch: SequenceBatch<Scalar>)
        -> [String: Double]
    {
        var m = standardMetrics(predictions: predictions, batch: batch)
        m["reachableAccuracy"] = Self.accuracy(predictions, batch, steps: min(lag, batch.steps)..<batch.steps)
        m["headAccuracy"] = Self.accuracy(predictions, batch, steps: 0..<min(lag, batch.steps))
        return m
    }

    /// Accuracy of `[T, B, C]` logits over the steps in `range` of every row (0 when empty).
    public static func accuracy<Scalar: BLASReal>(_ logits: Tensor<Scalar>, _ batch: SequenceBatch<Scalar>,
                                                  steps range: Range<Int>) -> Double {
        guard let ids = batch.targetTokens, !range.isEmpty, logits.count % max(ids.count, 1) == 0 else { return 0 }
        let width = logits.count / max(ids.count, 1), B = batch.batch
        var right = 0, total = 0
        for t in range {
            for b in 0..<B {
                let i = t * B + b
                guard ids[i] >= 0 else { continue }
                total += 1
                if argmax(logits.data + i * width, count: width) == Int(ids[i]) { right += 1 }
            }
        }
        return total == 0 ? 0 : Double(right) / Double(total)
    }
}
