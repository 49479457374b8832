/// Layer normalisation (Ba, Kiros & Hinton 2016) wrapped around any cell.
///
/// Each gate block of xProj and of hProj is normalised on its own, over the block's width
/// W = G / blocks, then scaled and shifted by learned per-unit gains and biases:
///
///     x̂ = (xProj − μ) / √(σ² + ε)      xProj' = γ_ih ⊙ x̂ + β_ih      (likewise for hProj)
///
/// and the inner cell runs on xProj', hProj'. Normalising the two projections separately keeps
/// the input and the recurrence on the same scale however large W_hh grows, which is what
/// steadies training. The inner cell's own biases are then redundant with β but harmless.
public final class LayerNormCell<Scalar: BLASReal>: RecurrentCell {
    public let inner: any RecurrentCell<Scalar>
    /// Number of separately normalised gate blocks: the inner cell's gate count, or 1.
    public let blocks: Int
    public let epsilon: Scalar = 1e-5

    public var kind: String { "ln_" + inner.kind }
    public var inputSize: Int { inner.inputSize }
    public var stateSize: Int { inner.stateSize }
    public var cellSize: Int { inner.cellSize }
    public var gateWidth: Int { inner.gateWidth }
    public var gateNames: [String] { inner.gateNames }
    public var weightIH: Parameter<Scalar> { inner.weightIH }
    public var weightHH: Parameter<Scalar> { inner.weightHH }

    public let gainIH: Parameter<Scalar>   // [G], starts at 1
    public let gainHH: Parameter<Scalar>   // [G], starts at 1
    public let biasIH: Parameter<Scalar>   // [G], starts at 0
    public let biasHH: Parameter<Scalar>   // [G], starts at 0
    public var cellParameters: [Parameter<Scalar>] { inner.cellParameters + [gainIH, biasIH, gainHH, biasHH] }

    private let ih: BlockNorm<Scalar>
    private let hh: BlockNorm<Scalar>
    /// [B, G] the inner cell's dXProj / dHProj, before mapping back through the normalisation.
    private let innerDX = Tensor<Scalar>(shape: [0])
    private let innerDH = Tensor<Scalar>(shape: [0])

    /// Wraps `inner`, normalising each of its gate blocks (one block for ungated cells).
    public init(wrapping inner: any RecurrentCell<Scalar>) {
        self.inner = inner
        let G = inner.gateWidth
        blocks = Swift.max(inner.gateNames.count, 1)
        assert(G % blocks == 0, "gate width \(G) does not split into \(blocks) gate blocks")
        gainIH = Parameter("ln_ih_gain", shape: [G])
        gainHH = Parameter("ln_hh_gain", shape: [G])
        biasIH = Parameter("ln_ih_bias", shape: [G])
        biasHH = Parameter("ln_hh_bias", shape: [G])
        ih = BlockNorm(width: G / blocks, blocks: blocks)
        hh = BlockNorm(width: G / blocks, blocks: blocks)
        resetNormalization()
    }

    /// Gains back to 1 and biases to 0: the normalisation starts as a pure standardisation.
    public func resetNormalization() {
        gainIH.value.fill(1); gainHH.value.fill(1)
        biasIH.value.zero(); biasHH.value.zero()
    }

    public func reserve(steps: Int, batch: Int) {
        inner.reserve(steps: steps, batch: batch)
        ih.reserve(steps: steps, batch: batch)
        hh.reserve(steps: steps, batch: batch)
        innerDX.resize(batch, gateWidth)
        innerDH.resize(batch, gateWidth)
    }

    public func gateActivations(slot: Int, row: Int) -> UnsafePointer<Scalar>? {
        inner.gateActivations(slot: slot, row: row)
    }

    /// Mean and variance of xProj and hProj (before normalisation) for one block of one row.
    public func statistics(slot: Int, row: Int, block: Int)
        -> (ihMean: Scalar, ihVariance: Scalar, hhMean: Scalar, hhVariance: Scalar)? {
        guard let a = ih.statistics(slot: slot, row: row, block: block, epsilon: epsilon),
              let b = hh.statistics(slot: slot, row: row, block: block, epsilon: epsilon) else { return nil }
        return (a.mean, a.variance, b.mean, b.variance)
    }

    /// The step the inner cell sees: the same states, the normalised projections of this slot.
    @inline(__always)
    private func innerStep(_ s: CellStep<Scalar>) -> CellStep<Scalar> {
        var t = s
        t.xProj = ih.output(slot: s.slot)
        t.hProj = hh.output(slot: s.slot)
        return t
    }

    // forward: xProj' = LN(xProj; γ_ih, β_ih);  hProj' = LN(hProj; γ_hh, β_hh);  inner(xProj', hProj')
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func forward(_ s: CellStep<Scalar>) {
        ih.forward(s.xProj, slot: s.slot, batch: s.batch, gain: gainIH.value.data, bias: biasIH.value.data, epsilon: epsilon)
        hh.forward(s.hProj, slot: s.slot, batch: s.batch, gain: gainHH.value.data, bias: biasHH.value.data, epsilon: epsilon)
        inner.forward(innerStep(s))
    }

    // backward: the inner cell yields dxProj', dhProj'; each goes back through its normalisation
    //           into dxProj, dhProj and the gain and bias gradients. dh_{t-1}, dc_{t-1} pass through.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func backward(_ s: CellStep<Scalar>, _ g: CellStepGrads<Scalar>) {
        var ig = g
        ig.dXProj = innerDX.data
        ig.dHProj = innerDH.data
        inner.backward(innerStep(s), ig)
        ih.backward(innerDX.data, into: g.dXProj, slot: s.slot, batch: s.batch,
                    gain: gainIH.value.data, dGain: gainIH.grad.data, dBias: biasIH.grad.data)
        hh.backward(innerDH.data, into: g.dHProj, slot: s.slot, batch: s.batch,
                    gain: gainHH.value.data, dGain: gainHH.grad.data, dBias: biasHH.grad.data)
    }
}
