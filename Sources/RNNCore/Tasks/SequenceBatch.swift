/// One batch of training sequences, time-major like PyTorch's default RNN layout.
///
/// Shape letters: T steps, B batch, I input features, O regression outputs, Td decoder steps,
/// Vt decoder vocabulary. Every tensor is row-major, so step `t` of a `[T, B, I]` tensor is the
/// contiguous `[B, I]` block at `inputs.slice(t)`, and token `(t, b)` sits at index `t * B + b`.
///
/// What a task fills:
/// - every task: `inputs`, `lossMask`, `lengths`;
/// - symbolic inputs: `inputTokens` as well as the one-hot `inputs` (a model with an embedding
///   reads the ids, one without reads the one-hot rows);
/// - regression: `targets`; classification: `targetTokens`, with -1 wherever no loss applies;
/// - seq2seq: `decoderSteps`, `decoderInputTokens` and their one-hot `decoderInputs`,
///   `decoderTargetTokens`, `decoderLossMask`, `decoderLengths`. The encoder gets no loss, so
///   `lossMask` is all zero for seq2seq tasks.
///
/// Padding: steps at or beyond a sequence's length have all-zero `inputs` rows, a zero mask,
/// target id -1, and input id equal to the task's pad id (0 for every task here).
///
/// The batch is a class so a training loop, a probe and the panes can share one batch, and so
/// `SequenceTask.fill(_:size:rng:)` can rewrite it in place: its tensors only grow (`resize`)
/// and its arrays keep their capacity, so refilling a batch of the same size or smaller makes
/// no heap allocation.
public final class SequenceBatch<Scalar: BLASReal> {
    /// T: encoder steps (the longest sequence, for padded tasks).
    public private(set) var steps = 0
    /// B: sequences in the batch.
    public private(set) var batch = 0
    /// [T, B, I] input features: one-hot rows for symbolic tasks, zero rows on padding.
    public let inputs = Tensor<Scalar>(shape: [0, 0, 0])
    /// [T·B] input token ids, or nil when the inputs are real-valued.
    public internal(set) var inputTokens: [Int32]?
    /// [T, B, O] regression targets, or nil for classification and seq2seq tasks.
    public private(set) var targets: Tensor<Scalar>?
    /// [T·B] class ids for cross-entropy, -1 where no loss applies; nil for regression.
    public internal(set) var targetTokens: [Int32]?
    /// [T, B]: 1 where a loss applies, 0 elsewhere.
    public let lossMask = Tensor<Scalar>(shape: [0, 0])
    /// [B] real length of each sequence (all T when unpadded).
    public internal(set) var lengths: [Int] = []

    /// Td: decoder steps for seq2seq tasks, 0 otherwise.
    public private(set) var decoderSteps = 0
    /// [Td·B] decoder input ids (`<bos>` then the target shifted right), nil unless seq2seq.
    public internal(set) var decoderInputTokens: [Int32]?
    /// [Td, B, Vt] one-hot rows of `decoderInputTokens`, nil unless seq2seq.
    public private(set) var decoderInputs: Tensor<Scalar>?
    /// [Td·B] decoder target ids (the target then `<eos>`), -1 on padding; nil unless seq2seq.
    public internal(set) var decoderTargetTokens: [Int32]?
    /// [Td, B]: 1 where the decoder is scored; nil unless seq2seq.
    public private(set) var decoderLossMask: Tensor<Scalar>?
    /// [B] decoder length of each sequence (target length + 1 for `<eos>`).
    public internal(set) var decoderLengths: [Int] = []

    /// An empty batch; `SequenceTask.fill` sizes it.
    public init() {}

    /// What a task needs from `prepare`.
    public struct Layout: Equatable, Sendable {
        public var steps: Int
        public var batch: Int
        /// I: width of `inputs`.
        public var inputSize: Int
        public var inputTokens: Bool
        /// O for regression tasks, nil when there are no real-valued targets.
        public var regressionOutputs: Int?
        public var targetTokens: Bool
        /// Td, nil unless seq2seq.
        public var decoderSteps: Int?
        /// Vt: width of `decoderInputs`.
        public var decoderInputSize: Int

        public init(steps: Int, batch: Int, inputSize: Int, inputTokens: Bool = false,
                    regressionOutputs: Int? = nil, targetTokens: Bool = false,
                    decoderSteps: Int? = nil, decoderInputSize: Int = 0) {
            self.steps = steps; self.batch = batch; self.inputSize = inputSize
            self.inputTokens = inputTokens; self.regressionOutputs = regressionOutputs
            self.targetTokens = targetTokens; self.decoderSteps = decoderSteps
            self.decoderInputSize = decoderInputSize
        }
    }

    /// Sizes every field for `layout` and clears it: zero tensors, pad (0) input ids, -1 target
    /// ids, lengths set to the full length. Fields the layout does not use become nil (or
    /// empty). Nothing is allocated once the batch has held a layout at least this large.
    public func prepare(_ layout: Layout) {
        let t = layout.steps, b = layout.batch
        steps = t
        batch = b
        Self.shape(inputs, t, b, layout.inputSize)
        Self.shape(lossMask, t, b)
        Self.refill(&lengths, count: b, with: t)
        inputTokens = layout.inputTokens ? Self.refilled(&inputTokens, count: t * b, with: 0) : nil
        targetTokens = layout.targetTokens ? Self.refilled(&targetTokens, count: t * b, with: -1) : nil
        if let o = layout.regressionOutputs {
            let tensor = targets ?? Tensor(shape: [t, b, o])
            Self.shape(tensor, t, b, o)
            targets = tensor
        } else {
            targets = nil
        }
        guard let td = layout.decoderSteps else {
            decoderSteps = 0
            decoderInputTokens = nil
            decoderTargetTokens = nil
            decoderInputs = nil
            decoderLossMask = nil
            decoderLengths.removeAll(keepingCapacity: true)
            return
        }
        decoderSteps = td
        decoderInputTokens = Self.refilled(&decoderInputTokens, count: td * b, with: 0)
        decoderTargetTokens = Self.refilled(&decoderTargetTokens, count: td * b, with: -1)
        let dIn = decoderInputs ?? Tensor(shape: [td, b, layout.decoderInputSize])
        Self.shape(dIn, td, b, layout.decoderInputSize)
        decoderInputs = dIn
        let dMask = decoderLossMask ?? Tensor(shape: [td, b])
        Self.shape(dMask, td, b)
        decoderLossMask = dMask
        Self.refill(&decoderLengths, count: b, with: td)
    }

    // MARK: Storage reuse

    /// Resizes (only when the shape differs, so no shape array is built per step) and zeroes.
    private static func shape(_ tensor: Tensor<Scalar>, _ d0: Int, _ d1: Int, _ d2: Int) {
        let s = tensor.shape
        if s.count != 3 || s[0] != d0 || s[1] != d1 || s[2] != d2 { tensor.resize(d0, d1, d2) }
        tensor.zero()
    }

    private static func shape(_ tensor: Tensor<Scalar>, _ d0: Int, _ d1: Int) {
        let s = tensor.shape
        if s.count != 2 || s[0] != d0 || s[1] != d1 { tensor.resize(d0, d1) }
        tensor.zero()
    }

    /// Overwrites `array` with `count` copies of `value`, keeping its buffer.
    private static func refill<E>(_ array: inout [E], count: Int, with value: E) {
        if array.count == count {
            for i in 0..<count { array[i] = value }
        } else {
            array.removeAll(keepingCapacity: true)
            array.append(contentsOf: repeatElement(value, count: count))
        }
    }

    /// Moves the array out of the optional first, so it is uniquely referenced and is rewritten
    /// in place instead of copied.
    private static func refilled(_ slot: inout [Int32]?, count: Int, with value: Int32) -> [Int32] {
        var array = slot ?? []
        slot = nil
        refill(&array, count: count, with: value)
        return array
    }
}

// Writers used by the tasks. Each keeps the fields consistent with one another (an id and its
// one-hot row, a target id and its mask) and assumes `prepare` has just cleared the batch.
extension SequenceBatch {
    /// Index of token `(t, b)` in the flat `[T·B]` id arrays and of row `(t, b)` of `[T, B]`.
    @inline(__always)
    public func index(t: Int, b: Int) -> Int { t * batch + b }

    /// Symbolic input at `(t, b)`: its id, when ids are kept, and its one-hot row.
    @inline(__always)
    func setInputToken(_ token: Int, t: Int, b: Int) {
        let i = t * batch + b
        inputTokens?[i] = Int32(token)
        inputs.data[i * inputs.shape[2] + token] = 1
    }

    /// Real-valued input feature `f` at `(t, b)`.
    @inline(__always)
    func setInput(_ value: Double, t: Int, b: Int, feature f: Int = 0) {
        inputs.data[(t * batch + b) * inputs.shape[2] + f] = Scalar(value)
    }

    /// Class target at `(t, b)`; also switches the loss on there.
    @inline(__always)
    func setTargetToken(_ token: Int, t: Int, b: Int) {
        let i = t * batch + b
        targetTokens?[i] = Int32(token)
        lossMask.data[i] = 1
    }

    /// Regression target output `o` at `(t, b)`; also switches the loss on there.
    @inline(__always)
    func setTarget(_ value: Double, t: Int, b: Int, output o: Int = 0) {
        guard let targets else { return }
        let i = t * batch + b
        targets.data[i * targets.shape[2] + o] = Scalar(value)
        lossMask.data[i] = 1
    }

    /// Decoder step `t` of sequence `b`: its input id (one-hot too) and its scored target id.
    @inline(__always)
    func setDecoderStep(t: Int, b: Int, input: Int, target: Int) {
        let i = t * batch + b
        decoderInputTokens?[i] = Int32(input)
        decoderTargetTokens?[i] = Int32(target)
        if let d = decoderInputs { d.data[i * d.shape[2] + input] = 1 }
        decoderLossMask?.data[i] = 1
    }

    /// Real length of sequence `b` (encoder side) and, for seq2seq, of its decoder side.
    func setLength(_ length: Int, b: Int, decoder: Int? = nil) {
        lengths[b] = length
        if let decoder { decoderLengths[b] = decoder }
    }
}
