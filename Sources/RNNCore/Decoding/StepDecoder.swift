/// A model that predicts the next token one step at a time, for one sequence: what greedy
/// decoding, sampling and beam search need from a sequence-to-sequence model or a language model.
///
/// The decoder keeps one current state. `step(token:)` feeds the previous token, advances that
/// state and returns logits over the vocabulary. Beam search keeps several hypotheses alive, so
/// the state can be saved into numbered slots and restored from them.
public protocol StepDecoder<Scalar>: AnyObject {
    associatedtype Scalar: BLASReal

    /// V, the number of logits `step` returns.
    var vocabularySize: Int { get }

    /// Reads the source (for a seq2seq model: runs the encoder) and resets the decoder state to
    /// the beginning of the output. Throws `InputError` for a source the model cannot read.
    func start(source: [Int32]) throws

    /// Feeds the previous output token (the start token at the first step), advances the state,
    /// and returns logits [V] for the next token. The pointer is valid until the next call.
    func step(token: Int32) -> UnsafePointer<Scalar>

    /// Makes at least `count` save slots available (slots are numbered 0 ..< count).
    func reserveStates(_ count: Int)
    /// Copies the current state into `slot`.
    func saveState(to slot: Int)
    /// Makes the state saved in `slot` current.
    func restoreState(from slot: Int)
}

/// Tokens that frame an output sequence, and how long it may grow.
public struct DecodingOptions: Sendable {
    /// Fed at the first step.
    public var startToken: Int32
    /// Ends a sequence when produced; nil decodes exactly `maxLength` tokens.
    public var endToken: Int32?
    /// Most tokens produced, the end token included.
    public var maxLength: Int

    public init(startToken: Int32, endToken: Int32?, maxLength: Int) {
        self.startToken = startToken
        self.endToken = endToken
        self.maxLength = maxLength
    }

    func validate(vocabularySize V: Int) throws {
        guard maxLength >= 1, maxLength <= Limits.maxSequenceLength else {
            throw InputError(place: "decoding.maxLength", "must be between 1 and \(Limits.maxSequenceLength), got \(maxLength)")
        }
        guard startToken >= 0, Int(startToken) < V else {
            throw InputError(place: "decoding.startToken", "token \(startToken) is outside the vocabulary of \(V)")
        }
        if let end = endToken, end < 0 || Int(end) >= V {
            throw InputError(place: "decoding.endToken", "token \(end) is outside the vocabulary of \(V)")
        }
    }
}

/// One decoded sequence.
public struct Hypothesis: Equatable, Sendable {
    /// Produced tokens, without the start token and without the end token.
    public var tokens: [Int32]
    /// True when the sequence ended by producing the end token.
    public var finished: Bool
    /// log P(tokens, and the end token when finished | source), natural log.
    public var logProbability: Double

    public init(tokens: [Int32], finished: Bool, logProbability: Double) {
        self.tokens = tokens
        self.finished = finished
        self.logProbability = logProbability
    }

    /// Steps taken: the tokens plus the end token when there is one.
    public var length: Int { tokens.count + (finished ? 1 : 0) }
}

/// How beam search compares hypotheses of different lengths.
public enum LengthPenalty: Sendable, Equatable {
    /// Raw log-probability, which favours short outputs.
    case none
    /// Log-probability per step.
    case average
    /// Log-probability divided by ((5 + length) / 6)^alpha, as in Wu et al. (2016), GNMT.
    case gnmt(alpha: Double)

    /// The score a hypothesis is ranked by: its log-probability over `divisor(length:)`.
    public func score(_ h: Hypothesis) -> Double { h.logProbability / divisor(length: h.length) }

    /// What a log-probability is divided by at a given length (in steps, end token included).
    public func divisor(length: Int) -> Double {
        let n = Double(max(length, 1))
        switch self {
        case .none: return 1
        case .average: return n
        case .gnmt(let alpha): return Double.pow((5 + n) / 6, alpha)
        }
    }
}

/// Natural-log softmax of V logits into `out`, computed in Double with the max subtracted.
@inline(__always)
func logSoftmax<Scalar: BLASReal>(_ logits: UnsafePointer<Scalar>, count V: Int, into out: UnsafeMutablePointer<Double>) {
    var top = -Double.infinity
    for v in 0..<V { top = max(top, Double(logits[v])) }
    var sum = 0.0
    for v in 0..<V { sum += Double.exp(Double(logits[v]) - top) }
    let logZ = top + Double.log(sum)
    for v in 0..<V { out[v] = Double(logits[v]) - logZ }
}
