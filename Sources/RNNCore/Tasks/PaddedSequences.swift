/// Variable-length sequences padded to a common length: classify each whole sequence.
///
/// Reference: padding and masking as in PyTorch's `pack_padded_sequence`; parity is the
/// classic hard case of Hochreiter (1991) and Bengio, Simard & Frasconi, "Learning Long-Term
/// Dependencies with Gradient Descent is Difficult" (1994).
///
/// Lengths L ~ U{Lmin…Lmax}; the batch has T = Lmax steps and steps t ≥ L are padding (zero
/// input, zero mask, target -1). One real-valued input feature. The class is scored at each
/// sequence's own last real step t = L-1 — not at step T-1, where a padded sequence would
/// already have read L..T-1 zeros.
/// - `.parity`: inputs are ±1 bits; class 1 when the number of +1s is odd. Hard: flipping any
///   one bit flips the answer, so nothing short of counting all of them helps, and the
///   gradient is uninformative until the network almost has it.
/// - `.sumSign`: inputs are U[-1, 1); class 1 when their sum is positive. Easy to get mostly
///   right, a good first check that masking and lengths are wired correctly.
public struct PaddedSequences: SequenceTask {
    public enum Rule: String, CaseIterable, Sendable { case parity, sumSign }

    public let rule: Rule
    public let lengths: ClosedRange<Int>

    public init(rule: Rule = .parity, lengths: ClosedRange<Int> = 5...20) throws {
        try TaskCheck.length(lengths.lowerBound, minimum: 1, name: "lengths")
        try TaskCheck.length(lengths.upperBound, minimum: 1, name: "lengths")
        self.rule = rule
        self.lengths = lengths
    }

    public var name: String { rule == .parity ? "padded-parity" : "padded-sum-sign" }
    public var kind: TaskKind { .classification(classes: 2) }
    public var inputSize: Int { 1 }
    public var outputSize: Int { 2 }
    public var steps: Int { lengths.upperBound }
    public var outputSymbols: [String] { rule == .parity ? ["even", "odd"] : ["≤0", ">0"] }

    public func fill<Scalar: BLASReal>(_ batch: SequenceBatch<Scalar>, size: Int, rng: inout SeededRandom) {
        precondition(size > 0, "batch size must be positive")
        batch.prepare(.init(steps: steps, batch: size, inputSize: 1, targetTokens: true))
        let span = lengths.upperBound - lengths.lowerBound + 1
        for b in 0..<size {
            let n = lengths.lowerBound + rng.int(span)
            var ones = 0
            var sum = 0.0
            for t in 0..<n {
                switch rule {
                case .parity:
                    let bit = rng.bernoulli(0.5)
                    if bit { ones += 1 }
                    batch.setInput(bit ? 1 : -1, t: t, b: b)
                case .sumSign:
                    let v = rng.uniform(-1, 1)
                    sum += v
                    batch.setInput(v, t: t, b: b)
                }
            }
            let label = rule == .parity ? ones % 2 : (sum > 0 ? 1 : 0)
            batch.setTargetToken(label, t: n - 1, b: b)
            batch.setLength(n, b: b)
        }
    }

    /// "accuracy" over sequences (one scored step each).
    public func metrics<Scalar: BLASReal>(predictions: Tensor<Scalar>, batch: SequenceBatch<Scalar>)
        -> [String: Double]
    {
        standardMetrics(predictions: predictions, batch: batch)
    }
}
