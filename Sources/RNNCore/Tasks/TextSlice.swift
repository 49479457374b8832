/// Next-character prediction on one stretch of a `CharacterText` corpus, with the whole
/// corpus's vocabulary: a training split and a validation split that share their ids.
///
/// `CharacterText` draws windows from its whole text, which suits live training (the data
/// never runs out). To show overfitting a model needs a small training set and text it has
/// never seen; two slices of the same corpus give both, scored with the same output classes.
public struct TextSlice: SequenceTask {
    public let text: CharacterText
    /// Corpus positions a window may cover (inputs and their shifted targets).
    public let range: Range<Int>

    /// - Throws: `InputError` when `range` leaves the corpus or holds fewer than T + 1
    ///   characters.
    public init(_ text: CharacterText, range: Range<Int>) throws {
        guard range.lowerBound >= 0, range.upperBound <= text.corpus.count else {
            throw InputError(place: "range", "\(range) leaves the corpus of \(text.corpus.count) characters")
        }
        guard range.count >= text.length + 1 else {
            throw InputError(place: "range", "holds \(range.count) characters, fewer than sequence length + 1 (\(text.length + 1))")
        }
        self.text = text
        self.range = range
    }

    public var name: String { text.name }
    public var kind: TaskKind { text.kind }
    public var inputSize: Int { text.inputSize }
    public var outputSize: Int { text.outputSize }
    public var steps: Int { text.length }
    public var inputSymbols: [String] { text.inputSymbols }
    public var outputSymbols: [String] { text.outputSymbols }

    public func fill<Scalar: BLASReal>(_ batch: SequenceBatch<Scalar>, size: Int, rng: inout SeededRandom) {
        precondition(size > 0, "batch size must be positive")
        let T = text.length
        batch.prepare(.init(steps: T, batch: size, inputSize: text.vocabulary, inputTokens: true, targetTokens: true))
        let starts = range.count - T
        for b in 0..<size {
            let s = range.lowerBound + rng.int(starts)
            for t in 0..<T {
                batch.setInputToken(Int(text.corpus[s + t]), t: t, b: b)
                batch.setTargetToken(Int(text.corpus[s + t + 1]), t: t, b: b)
            }
        }
    }

    public func metrics<Scalar: BLASReal>(predictions: Tensor<Scalar>, batch: SequenceBatch<Scalar>) -> [String: Double] {
        text.metrics(predictions: predictions, batch: batch)
    }
}
