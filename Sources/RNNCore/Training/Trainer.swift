/// One optimisation step of a `SequenceModel`: forward, loss, backpropagation through time,
/// clipping, update — and, when the Probe is on, a snapshot of the insides.
public final class Trainer<Scalar: BLASReal> {
    public let model: SequenceModel<Scalar>
    @exclusivity(unchecked) public var optimizer: any Optimizer<Scalar>
    /// Clip the global gradient norm to this (PyTorch's clip_grad_norm_), or nil.
    @exclusivity(unchecked) public var clipNorm: Double?
    /// Clip every gradient entry to ±this (clip_grad_value_), or nil.
    @exclusivity(unchecked) public var clipValue: Double?
    public let probe: Probe
    /// Start each step from the previous step's final state (detached), as min-char-rnn does.
    @exclusivity(unchecked) public var carriesState = false
    @exclusivity(unchecked) public private(set) var stepCount = 0
    public let namedParameters: [(String, Parameter<Scalar>)]

    let carriedStates = Tensor<Scalar>(shape: [1])
    let carriedCells = Tensor<Scalar>(shape: [1])
    @exclusivity(unchecked) var hasCarry = false
    let window = TruncationWindow<Scalar>()

    public init(model: SequenceModel<Scalar>, optimizer: any Optimizer<Scalar>, probe: Probe = Probe(isOn: false)) {
        self.model = model
        self.optimizer = optimizer
        self.probe = probe
        namedParameters = model.namedParameters
    }

    /// What one step produced.
    public struct Report {
        public var loss: Double
        public var accuracy: Double?
        public var clip: ClipEvent?
        public var snapshot: ProbeSnapshot?
    }

    /// Trains on one batch with full BPTT.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    @discardableResult
    public func step(features: Tensor<Scalar>? = nil, tokens: UnsafePointer<Int32>? = nil,
                     steps T: Int, batch B: Int, lengths: [Int]? = nil,
                     targets: SequenceModel<Scalar>.Targets, mask: UnsafePointer<Scalar>? = nil,
                     metrics: [String: Double] = [:]) -> Report {
        zeroGrad(model.parameters)
        model.stack.training = true
        model.stack.recordsGradNorms = probe.isOn
        let useCarry = carriesState && hasCarry && carriedStates.shape[1] == B
        let result = model.forward(features: features, tokens: tokens, steps: T, batch: B, lengths: lengths,
                                   targets: targets, mask: mask,
                                   initialStates: useCarry ? carriedStates : nil,
                                   initialCells: useCarry && model.stack.layers[0][0].cell.cellSize > 0 ? carriedCells : nil)
        model.backward()
        if carriesState { saveCarry() }
        return update(loss: result.loss, accuracy: result.accuracy, metrics: metrics)
    }

    /// Clips, records the probe, and applies the optimizer to the gradients now held.
    func update(loss: Double, accuracy: Double?, metrics: [String: Double]) -> Report {
        var clip: ClipEvent? = nil
        // Value clipping alone, with nothing to record between it and the update, may fuse
        // with the optimizer's pass over the gradients.
        if let v = clipValue, clipNorm == nil, !probe.isOn {
            clip = optimizer.step(model.parameters, clippingValuesTo: v)
            stepCount += 1
            return Report(loss: loss, accuracy: accuracy, clip: clip, snapshot: nil)
        }
        if let v = clipValue { clip = clipGradValue(model.parameters, limit: v) }
        if let n = clipNorm { clip = clipGradNorm(model.parameters, maxNorm: n) }
        var snapshot: ProbeSnapshot? = nil
        if probe.isOn {
            var m = metrics
            if let accuracy { m["accuracy"] = accuracy }
            snapshot = probe.capture(step: stepCount, loss: loss, metrics: m, stack: model.stack,
                                     parameters: namedParameters, clip: clip)
        }
        optimizer.step(model.parameters)
        stepCount += 1
        return Report(loss: loss, accuracy: accuracy, clip: clip, snapshot: snapshot)
    }

    func saveCarry() {
        let s = model.stack
        carriedStates.resize(s.finalStates.shape)
        carriedStates.copy(from: s.finalStates)
        carriedCells.resize(s.finalCells.shape)
        carriedCells.copy(from: s.finalCells)
        hasCarry = true
    }

    /// Forgets the carried state (a new document, a reset button).
    public func resetState() { hasCarry = false }
}
