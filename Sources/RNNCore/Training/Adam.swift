/// Adam (torch.optim.Adam), or AdamW (torch.optim.AdamW) with `decoupledWeightDecay`.
///
/// Per entry, on parameter step k:
///
///     d = g + λw                              (Adam's L2 weight decay)
///     w ← w·(1 − lr·λ);  d = g                (AdamW's decoupled decay instead)
///     m ← β1·m + (1 − β1)·d
///     v ← β2·v + (1 − β2)·d²
///     w ← w − (lr / (1 − β1^k)) · m / (√v / √(1 − β2^k) + ε)
///
/// The bias corrections undo the zero start of m and v; the formula is arranged exactly as
/// PyTorch's, so ε enters at the same place.
public final class Adam<Scalar: BLASReal>: Optimizer {
    @exclusivity(unchecked) public var learningRate: Double
    @exclusivity(unchecked) public var beta1: Double
    @exclusivity(unchecked) public var beta2: Double
    @exclusivity(unchecked) public var epsilon: Double
    @exclusivity(unchecked) public var weightDecay: Double
    /// AdamW: decay the weights directly instead of adding λw to the gradient.
    @exclusivity(unchecked) public var decoupledWeightDecay: Bool
    // Slots: 0 first moment m, 1 second moment v.
    private let moments = OptimizerSlots<Scalar>(perParameter: 2)

    public init(learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999,
                epsilon: Double = 1e-8, weightDecay: Double = 0, decoupledWeightDecay: Bool = false) throws {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.decoupledWeightDecay = decoupledWeightDecay
        try validate()
    }

    public func validate() throws {
        try requireSetting(learningRate >= 0, "Adam", "learning_rate", learningRate, "≥ 0")
        try requireSetting(beta1 >= 0 && beta1 < 1, "Adam", "beta1", beta1, "in [0, 1)")
        try requireSetting(beta2 >= 0 && beta2 < 1, "Adam", "beta2", beta2, "in [0, 1)")
        try requireSetting(epsilon >= 0, "Adam", "eps", epsilon, "≥ 0")
        try requireSetting(weightDecay >= 0, "Adam", "weight_decay", weightDecay, "≥ 0")
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func step(_ params: [Parameter<Scalar>]) {
        moments.prepare(params)
        let b1 = Scalar(beta1), b2 = Scalar(beta2), eps = Scalar(epsilon)
        let l2 = Scalar(decoupledWeightDecay ? 0 : weightDecay)
        let shrink = Scalar(decoupledWeightDecay ? 1 - learningRate * weightDecay : 1)
        for i in params.indices {
            let p = params[i]
            if p.frozen { continue }
            p.applyMask()
            let k = moments.advance(i)
            // Bias corrections in Double: β2^k is 1 − 1e-3·k for small k, and Float would round it.
            let stepSize = Scalar(learningRate / (1 - Double.pow(beta1, k)))
            let correction2 = Scalar((1 - Double.pow(beta2, k)).squareRoot())
            let w = p.value.data, g = p.grad.data, n = p.count
            let m = moments.slot(0, of: i), v = moments.slot(1, of: i)
            // Eight lanes at a time, with the packed square root (see Adagrad); the tail
            // repeats the same operations in the same order, so every entry rounds alike.
            let b1V = SIMD8(repeating: b1), b2V = SIMD8(repeating: b2), epsV = SIMD8(repeating: eps)
            let keep1 = SIMD8(repeating: 1 - b1), keep2 = SIMD8(repeating: 1 - b2)
            let l2V = SIMD8(repeating: l2), shrinkV = SIMD8(repeating: shrink)
            let stepV = SIMD8(repeating: stepSize), corrV = SIMD8(repeating: correction2)
            var j = 0
            while j + 8 <= n {
                let wj = load8(w + j)
                let d = load8(g + j) + l2V * wj
                let mj = b1V * load8(m + j) + keep1 * d
                let vj = b2V * load8(v + j) + keep2 * d * d
                store8(mj, m + j)
                store8(vj, v + j)
                store8(wj * shrinkV - stepV * mj / (squareRoot8(vj) / corrV + epsV), w + j)
                j += 8
            }
            while j < n {
                let d = g[j] + l2 * w[j]
                w[j] *= shrink
                m[j] = b1 * m[j] + (1 - b1) * d
                v[j] = b2 * v[j] + (1 - b2) * d * d
                w[j] -= stepSize * m[j] / (Scalar.sqrt(v[j]) / correction2 + eps)
                j += 1
            }
            p.applyMask()
        }
    }

    public func reset() { moments.reset() }
}
