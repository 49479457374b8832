/// What a task asks its model to produce, and so which loss fits it.
public enum TaskKind: Equatable, Sendable {
    /// Real-valued targets in `SequenceBatch.targets`; mean squared error.
    case regression
    /// One class per scored step in `SequenceBatch.targetTokens`; cross-entropy.
    case classification(classes: Int)
    /// An encoder reads the source, a decoder emits `decoderTargetTokens`; cross-entropy on
    /// the decoder side only.
    case seq2seq(sourceVocabulary: Int, targetVocabulary: Int)
}

/// A generator of training batches, reproducible from a `SeededRandom`.
///
/// A training loop makes one batch and refills it every step:
/// ```swift
/// let batch = SequenceBatch<Float>()
/// for step in 0..<steps {
///     task.fill(batch, size: 32, rng: &rng)   // no heap allocation after the first call
///     ...
/// }
/// ```
/// Tasks are immutable values: everything random comes from `rng`, so the same seed gives the
/// same batches bit for bit, and a task can be shared across threads.
public protocol SequenceTask: Sendable {
    /// Short identifier used in scenario files, e.g. "adding".
    var name: String { get }
    var kind: TaskKind { get }
    /// I: width of `SequenceBatch.inputs` (the vocabulary size for symbolic inputs).
    var inputSize: Int { get }
    /// O: regression outputs, or classes (the target vocabulary for seq2seq).
    var outputSize: Int { get }
    /// T: encoder steps of every batch (the padded length when lengths vary).
    var steps: Int { get }
    /// Display names of input and output ids, indexed by id; empty for real-valued sides.
    var inputSymbols: [String] { get }
    var outputSymbols: [String] { get }

    /// Rewrites `batch` with `size` fresh sequences drawn from `rng`, reusing its storage.
    /// `size` must be positive (`TaskCheck.batchSize` validates user input).
    func fill<Scalar: BLASReal>(_ batch: SequenceBatch<Scalar>, size: Int, rng: inout SeededRandom)

    /// Scores `predictions` against `batch`. Predictions are `[T, B, O]` outputs for
    /// regression, `[T, B, classes]` logits for classification, `[Td, B, Vt]` decoder logits
    /// for seq2seq (teacher-forced). Keys are task-specific; see each task.
    func metrics<Scalar: BLASReal>(predictions: Tensor<Scalar>, batch: SequenceBatch<Scalar>)
        -> [String: Double]
}

extension SequenceTask {
    public var inputSymbols: [String] { [] }
    public var outputSymbols: [String] { [] }

    /// A new batch, filled once.
    public func makeBatch<Scalar: BLASReal>(
        size: Int, rng: inout SeededRandom, as: Scalar.Type = Scalar.self
    ) -> SequenceBatch<Scalar> {
        let batch = SequenceBatch<Scalar>()
        fill(batch, size: size, rng: &rng)
        return batch
    }

    /// Default metrics by kind: MSE and NRMSE for regression, masked accuracy otherwise.
    public func standardMetrics<Scalar: BLASReal>(
        predictions: Tensor<Scalar>, batch: SequenceBatch<Scalar>
    ) -> [String: Double] {
        switch kind {
        case .regression:
            guard let targets = batch.targets else { return [:] }
            return [
                "mse": TaskMetrics.mse(predictions: predictions, targets: targets, mask: batch.lossMask),
                "nrmse": TaskMetrics.nrmse(predictions: predictions, targets: targets, mask: batch.lossMask),
            ]
        case .classification:
            guard let ids = batch.targetTokens else { return [:] }
            return ["accuracy": TaskMetrics.tokenAccuracy(logits: predictions, targets: ids)]
        case .seq2seq:
            guard let ids = batch.decoderTargetTokens else { return [:] }
            return [
                "accuracy": TaskMetrics.tokenAccuracy(logits: predictions, targets: ids),
                "sequenceAccuracy": TaskMetrics.sequenceAccuracy(
                    logits: predictions, targets: ids, batch: batch.batch),
            ]
        }
    }
}

/// Validation of task parameters that come from users (scenario files, the command line).
/// Each check throws an `InputError` whose place is the parameter's name; a loader that knows
/// the file sets `file` before passing it on.
public enum TaskCheck {
    public static func batchSize(_ size: Int) throws {
        if size < 1 { throw InputError(place: "batch", "batch size must be at least 1, got \(size)") }
        if size > 65_536 { throw InputError(place: "batch", "batch size \(size) exceeds the cap of 65536") }
    }

    /// A sequence length between `minimum` and `Limits.maxSequenceLength`.
    static func length(_ value: Int, minimum: Int, name: String) throws {
        if value < minimum {
            throw InputError(place: name, "must be at least \(minimum), got \(value)")
        }
        try Limits.checkSequenceLength(value, place: name)
    }

    /// An integer in `range`.
    static func count(_ value: Int, in range: ClosedRange<Int>, name: String) throws {
        if !range.contains(value) {
            throw InputError(place: name, "must be in \(range.lowerBound)...\(range.upperBound), got \(value)")
        }
    }

    /// A finite real in `range`.
    static func real(_ value: Double, in range: ClosedRange<Double>, name: String) throws {
        if !value.isFinite || !range.contains(value) {
            throw InputError(place: name, "must be in \(range.lowerBound)...\(range.upperBound), got \(value)")
        }
    }
}
