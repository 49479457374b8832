/// Sequence reversal as sequence-to-sequence: read a string of symbols, write it backwards.
///
/// Reference: Sutskever, Vinyals & Le, "Sequence to Sequence Learning with Neural Networks"
/// (2014), who found that reversing the source helps because it puts the first words of the
/// source next to the first words of the target; reversal itself is the classic toy that
/// makes the encoder's bottleneck visible (Bahdanau, Cho & Bengio 2015 motivate attention
/// with it).
///
/// Vocabulary, shared by both sides: 0 `<pad>`, 1 `<bos>`, 2 `<eos>`, then K symbols. For a
/// source x1 … xL (padded to the longest length Lmax with `<pad>`):
/// ```
/// encoder input:   x1  x2  …  xL  <pad> …                 T  = Lmax steps
/// decoder input:   <bos> xL  …  x2   x1  <pad> …          Td = Lmax + 1 steps
/// decoder target:  xL  …  x2  x1  <eos>  (-1) …
/// ```
///
/// Why it is hard: the first symbol the decoder must write is the last one the encoder read,
/// which is easy, but the last one it writes was read first; without attention all of it has
/// to fit in one fixed-size state, and accuracy falls with length.
public struct SequenceReversal: SequenceTask {
    public static let pad = 0, bos = 1, eos = 2
    /// K: data symbols.
    public let symbols: Int
    /// Source lengths, drawn uniformly per sequence.
    public let lengths: ClosedRange<Int>

    public init(symbols: Int = 10, lengths: ClosedRange<Int> = 4...12) throws {
        try TaskCheck.count(symbols, in: 2...1000, name: "symbols")
        try TaskCheck.length(lengths.lowerBound, minimum: 1, name: "lengths")
        try TaskCheck.length(lengths.upperBound, minimum: 1, name: "lengths")
        self.symbols = symbols
        self.lengths = lengths
    }

    public var vocabulary: Int { symbols + 3 }
    public var name: String { "reverse" }
    public var kind: TaskKind { .seq2seq(sourceVocabulary: vocabulary, targetVocabulary: vocabulary) }
    public var inputSize: Int { vocabulary }
    public var outputSize: Int { vocabulary }
    public var steps: Int { lengths.upperBound }
    public var decoderSteps: Int { lengths.upperBound + 1 }
    public var inputSymbols: [String] { ["<pad>", "<bos>", "<eos>"] + (0..<symbols).map { Self.symbolName($0) } }
    public var outputSymbols: [String] { inputSymbols }

    /// Symbols display as letters a…z, then as numbers.
    static func symbolName(_ i: Int) -> String {
        i < 26 ? String(UnicodeScalar(UInt8(97 + i))) : "s\(i)"
    }

    public func fill<Scalar: BLASReal>(_ batch: SequenceBatch<Scalar>, size: Int, rng: inout SeededRandom) {
        precondition(size > 0, "batch size must be positive")
        batch.prepare(.init(steps: steps, batch: size, inputSize: vocabulary, inputTokens: true,
                            decoderSteps: decoderSteps, decoderInputSize: vocabulary))
        let span = lengths.upperBound - lengths.lowerBound + 1
        for b in 0..<size {
            let n = lengths.lowerBound + rng.int(span)
            for t in 0..<n { batch.setInputToken(3 + rng.int(symbols), t: t, b: b) }
            // Padded source steps keep id <pad> (0) and an all-zero one-hot row.
            var previous = Self.bos
            for t in 0..<n {
                let symbol = Int(batch.inputTokens?[batch.index(t: n - 1 - t, b: b)] ?? 0)
                batch.setDecoderStep(t: t, b: b, input: previous, target: symbol)
                previous = symbol
            }
            batch.setDecoderStep(t: n, b: b, input: previous, target: Self.eos)
            batch.setLength(n, b: b, decoder: n + 1)
        }
    }

    /// "accuracy" per scored decoder token and "sequenceAccuracy" (whole reversal right),
    /// both teacher-forced.
    public func metrics<Scalar: BLASReal>(predictions: Tensor<Scalar>, batch: SequenceBatch<Scalar>)
        -> [String: Double]
    {
        standardMetrics(predictions: predictions, batch: batch)
    }
}
