/// "Does the sentence contain the keyword?": a nested sequence of letters in words in a
/// sentence, labelled once at the end.
///
/// Reference: built for rnnbook to show what hierarchical RNNs (Hierarchical Attention
/// Networks, Yang et al. 2016; HRED, Sordoni et al. 2015) exploit: when a sequence is made of
/// segments, a low-level RNN can summarise each segment and a high-level RNN can read the
/// summaries, so the path from the evidence to the label is segments long, not characters long.
///
/// Vocabulary: letters a…d (ids 0..<4) and the word separator "_" (id 4). A sentence is `words`
/// words of `letters` letters, each followed by "_", so T = words · (letters + 1). With
/// probability ½ exactly one word is the keyword (c a b …, see `keyword`), at a uniform
/// position; every other word is drawn uniformly from the words that are not the keyword (many
/// share one or two of its letters, so spotting it takes the whole word). The label, scored at
/// the last step only, is 1 when the keyword occurs, else 0.
///
/// Why it is hard for a flat RNN: the keyword may sit T − 1 steps before the only error signal,
/// so the gradient that would teach the network to spot it must survive that far back.
public struct KeywordSentences: SequenceTask {
    /// Words per sentence.
    public let words: Int
    /// Letters per word (each word is followed by the separator).
    public let letters: Int
    public static let alphabet = 4

    public init(words: Int = 8, letters: Int = 3) throws {
        try TaskCheck.count(words, in: 1...(Limits.maxSequenceLength / 5), name: "length")
        try TaskCheck.count(letters, in: 2...4, name: "letters")
        self.words = words
        self.letters = letters
        keyword = (0..<letters).map { [2, 0, 1, 0][$0] }
        wordCount = (0..<letters).reduce(1) { p, _ in p * Self.alphabet }
        keywordCode = keyword.reversed().reduce(0) { $0 * Self.alphabet + $1 }
    }

    /// Tokens per word, separator included.
    public var segmentLength: Int { letters + 1 }
    public var separator: Int { Self.alphabet }
    /// The keyword's letters: c, a, b (then a, for four-letter words).
    public let keyword: [Int]
    /// Number of possible words, alphabet^letters.
    let wordCount: Int
    /// The keyword as a base-`alphabet` number, first letter least significant.
    let keywordCode: Int

    public var name: String { "keywords" }
    public var kind: TaskKind { .classification(classes: 2) }
    public var inputSize: Int { Self.alphabet + 1 }
    public var outputSize: Int { 2 }
    public var steps: Int { words * segmentLength }
    public var inputSymbols: [String] { ["a", "b", "c", "d", "_"] }
    public var outputSymbols: [String] { ["absent", "present"] }

    public func fill<Scalar: BLASReal>(_ batch: SequenceBatch<Scalar>, size: Int, rng: inout SeededRandom) {
        precondition(size > 0, "batch size must be positive")
        let T = steps, L = segmentLength, K = Self.alphabet
        let key = keywordCode, count = wordCount
        batch.prepare(.init(steps: T, batch: size, inputSize: inputSize, inputTokens: true, targetTokens: true))
        for b in 0..<size {
            // at == words means the sentence has no keyword.
            let at = rng.bernoulli(0.5) ? rng.int(words) : words
            for w in 0..<words {
                // Any word but the keyword, uniformly: draw among count − 1 codes, skip the key's.
                var code = key
                if w != at {
                    code = rng.int(count - 1)
                    if code >= key { code += 1 }
                }
                for i in 0..<letters {
                    batch.setInputToken(code % K, t: w * L + i, b: b)
                    code /= K
                }
                batch.setInputToken(separator, t: w * L + letters, b: b)
            }
            batch.setTargetToken(at < words ? 1 : 0, t: T - 1, b: b)
        }
    }

    /// "accuracy" on the sentence labels.
    public func metrics<Scalar: BLASReal>(predictions: Tensor<Scalar>, batch: SequenceBatch<Scalar>)
        -> [String: Double]
    {
        standardMetrics(predictions: predictions, batch: batch)
    }
}
