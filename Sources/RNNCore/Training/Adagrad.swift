/// Where Adagrad adds its ε.
public enum EpsilonPlacement: String, Sendable, CaseIterable {
    /// w ← w − lr·g / (√s + ε): torch.optim.Adagrad, with ε = 1e-10 by default.
    case outsideSqrt
    /// w ← w − lr·g / √(s + ε): Karpathy's min-char-rnn (ε = 1e-8), which benchmark W0 times.
    case insideSqrt
}

/// Adagrad (torch.optim.Adagrad): each entry's step shrinks with its accumulated squared gradient.
///
/// Per entry, on parameter step k:
///
///     d = g + λw
///     s ← s + d²                       (s starts at `initialAccumulatorValue`)
///     w ← w − lr_k · d / (√s + ε)      or  d / √(s + ε) with `.insideSqrt`
///     lr_k = lr / (1 + (k − 1)·lrDecay)
public final class Adagrad<Scalar: BLASReal>: Optimizer {
    @exclusivity(unchecked) public var learningRate: Double
    @exclusivity(unchecked) public var lrDecay: Double
    @exclusivity(unchecked) public var weightDecay: Double
    @exclusivity(unchecked) public var epsilon: Double
    @exclusivity(unchecked) public var epsilonPlacement: EpsilonPlacement
    /// Used when state is allocated (first step or after `reset`).
    @exclusivity(unchecked) public var initialAccumulatorValue: Double
    let sums = OptimizerSlots<Scalar>(perParameter: 1)

    public init(learningRate: Double = 1e-2, lrDecay: Double = 0, weightDecay: Double = 0,
                epsilon: Double = 1e-10, epsilonPlacement: EpsilonPlacement = .outsideSqrt,
                initialAccumulatorValue: Double = 0) throws {
        self.learningRate = learningRate
        self.lrDecay = lrDecay
        self.weightDecay = weightDecay
        self.epsilon = epsilon
        self.epsilonPlacement = epsilonPlacement
        self.initialAccumulatorValue = initialAccumulatorValue
        try validate()
    }

    /// The update of min-char-rnn and benchmark W0: `m += g*g; p -= lr*g/sqrt(m + 1e-8)`.
    public static func minCharRNN(learningRate: Double = 0.1) throws -> Adagrad {
        try Adagrad(learningRate: learningRate, epsilon: 1e-8, epsilonPlacement: .insideSqrt)
    }

    public func validate() throws {
        try requireSetting(learningRate >= 0, "Adagrad", "learning_rate", learningRate, "≥ 0")
        try requireSetting(lrDecay >= 0, "Adagrad", "lr_decay", lrDecay, "≥ 0")
        try requireSetting(weightDecay >= 0, "Adagrad", "weight_decay", weightDecay, "≥ 0")
        try requireSetting(epsilon >= 0, "Adagrad", "eps", epsilon, "≥ 0")
        try requireSetting(initialAccumulatorValue >= 0, "Adagrad", "initial_accumulator_value",
                           initialAccumulatorValue, "≥ 0")
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func step(_ params: [Parameter<Scalar>]) {
        sums.initialValue = Scalar(initialAccumulatorValue)
        sums.prepare(params)
        let wd = Scalar(weightDecay), eps = Scalar(epsilon)
        for i in params.indices {
            let p = params[i]
            if p.frozen { continue }
            p.applyMask()
            let k = sums.advance(i)
            let lr = Scalar(learningRate / (1 + Double(k - 1) * lrDecay))
            let w = p.value.data, g = p.grad.data, s = sums.slot(0, of: i), n = p.count
            // Eight lanes at a time: the update is a few flops per weight plus a square root
            // and a division, and written per element it would not vectorise (the three
            // buffers could alias as far as the compiler knows). min-char-rnn's form, ε inside
            // the root, multiplies by the reciprocal root instead: a root and a division share
            // one slow unit and were most of the update's time. The last partial vector goes
            // through the same arithmetic, zero-padded.
            let inside = epsilonPlacement == .insideSqrt
            let lrV = SIMD8<Scalar>(repeating: lr), epsV = SIMD8<Scalar>(repeating: eps), wdV = SIMD8<Scalar>(repeating: wd)
            @inline(__always) func update(_ g: SIMD8<Scalar>, _ w: SIMD8<Scalar>, _ s: SIMD8<Scalar>)
                -> (w: SIMD8<Scalar>, s: SIMD8<Scalar>) {
                let d = g + wdV * w
                let sum = s + d * d
                let step = inside ? d * reciprocalSquareRoot8(sum + epsV) : d / (squareRoot8(sum) + epsV)
                return (w - lrV * step, sum)
            }
            var j = 0
            while j + 8 <= n {
                let r = update(load8(g + j), load8(w + j), load8(s + j))
                store8(r.s, s + j)
                store8(r.w, w + j)
                j += 8
            }
            if j < n {
                let m = n - j
                let r = update(loadPartial8(g + j, m), loadPartial8(w + j, m), loadPartial8(s + j, m))
                storePartial8(r.s, s + j, m)
                storePartial8(r.w, w + j, m)
            }
            p.applyMask()
        }
    }

    public func reset() { sums.reset() }
}
