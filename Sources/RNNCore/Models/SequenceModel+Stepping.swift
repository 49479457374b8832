/// Runs a trained unidirectional `SequenceModel` one time step at a call, carrying its state
/// between calls: what generation needs, where the next input is the model's own last output
/// (free-running forecasts, sampled text).
///
/// Shape letters: B batch, I input features, O outputs (classes for cross-entropy), L layers,
/// S state width, C cell width.
///
/// Each call is one `forward` of length 1 whose initial states are the previous call's final
/// states, so stepping through a sequence gives the same predictions as one forward over it.
/// Dropout is off while stepping. Stepping overwrites the model's forward caches: call
/// `backward` only after a fresh training forward.
public final class SequenceModelStepper<Scalar: BLASReal> {
    public let model: SequenceModel<Scalar>
    /// B, the sequences stepped side by side.
    public let batch: Int
    let states: Tensor<Scalar>       // [L, B, S]
    let cells: Tensor<Scalar>        // [L, B, max(C, 1)]
    let features: Tensor<Scalar>     // [1, B, I]
    let valueTargets: Tensor<Scalar> // [1, B, O], never scored
    let zeroMask: Tensor<Scalar>     // [1, B]
    var tokens: [Int32]              // [B]
    let noTargets: [Int32]           // [B] all -1

    /// - Throws: `InputError` for a bidirectional model (it needs the whole sequence first)
    ///   or a batch outside 1...65536.
    public init(model: SequenceModel<Scalar>, batch: Int) throws {
        guard model.stack.directions == 1 else {
            throw InputError(place: "bidirectional", "a bidirectional model reads the whole sequence; it cannot run one step at a time")
        }
        try TaskCheck.batchSize(batch)
        self.model = model
        self.batch = batch
        let L = model.stack.layers.count, S = model.stack.stateSize
        let C = max(model.stack.layers[0][0].cell.cellSize, 1)
        states = Tensor(shape: [L, batch, S])
        cells = Tensor(shape: [L, batch, C])
        let I: Int
        if case .features(let i) = model.input { I = i } else { I = 1 }
        features = Tensor(shape: [1, batch, I])
        valueTargets = Tensor(shape: [1, batch, model.objective.width])
        zeroMask = Tensor(shape: [1, batch])
        tokens = Array(repeating: 0, count: batch)
        noTargets = Array(repeating: -1, count: batch)
    }

    /// Back to the zero initial state.
    public func reset() {
        states.zero()
        cells.zero()
    }

    /// [B, O] predictions (regression) or logits (classification) after the last step.
    public var outputs: UnsafePointer<Scalar> { UnsafePointer(model.predictions) }

    /// Feeds one step of real-valued inputs, `input[b * I + i]`, and returns [B, O].
    @discardableResult
    public func step(features input: UnsafePointer<Scalar>) -> UnsafePointer<Scalar> {
        features.data.update(from: input, count: features.count)
        return advance(tokens: nil)
    }

    /// Feeds one token per row and returns [B, O] logits.
    @discardableResult
    public func step(tokens ids: [Int32]) -> UnsafePointer<Scalar> {
        precondition(ids.count == batch, "step(tokens:) needs one token per row")
        for b in 0..<batch { tokens[b] = ids[b] }
        return tokens.withUnsafeBufferPointer { advance(tokens: $0.baseAddress!) }
    }

    private func advance(tokens ids: UnsafePointer<Int32>?) -> UnsafePointer<Scalar> {
        let stack = model.stack, wasTraining = stack.training
        stack.training = false
        defer { stack.training = wasTraining }
        let hasCells = stack.layers[0][0].cell.cellSize > 0
        noTargets.withUnsafeBufferPointer { none in
            let targets: SequenceModel<Scalar>.Targets
            if case .classification = model.objective { targets = .classes(none.baseAddress!) }
            else { targets = .values(UnsafePointer(valueTargets.data)) }
            _ = model.forward(features: ids == nil ? features : nil, tokens: ids, steps: 1, batch: batch,
                              targets: targets, mask: zeroMask.data, initialStates: states,
                              initialCells: hasCells ? cells : nil)
        }
        states.data.update(from: stack.finalStates.data, count: states.count)
        if hasCells { cells.data.update(from: stack.finalCells.data, count: cells.count) }
        return outputs
    }
}
