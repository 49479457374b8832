/// RMSProp (torch.optim.RMSprop): divides each step by a running root-mean-square of gradients.
///
/// Per entry, with smoothing α, momentum μ and weight decay λ:
///
///     d = g + λw
///     v ← α·v + (1 − α)·d²
///     a = √(v − m²) + ε  with  m ← α·m + (1 − α)·d  when centered,  else √v + ε
///     b ← μ·b + d / a;  w ← w − lr·b      when μ > 0
///     w ← w − lr·d / a                    otherwise
public final class RMSProp<Scalar: BLASReal>: Optimizer {
    public var learningRate: Double
    public var alpha: Double
    public var epsilon: Double
    public var momentum: Double
    public var centered: Bool
    public var weightDecay: Double
    // Slots: 0 squared average v, 1 momentum buffer b, 2 gradient average m. All three are kept
    // so toggling momentum or centering between steps never reallocates.
    private let state = OptimizerSlots<Scalar>(perParameter: 3)

    public init(learningRate: Double = 1e-2, alpha: Double = 0.99, epsilon: Double = 1e-8,
                momentum: Double = 0, centered: Bool = false, weightDecay: Double = 0) throws {
        self.learningRate = learningRate
        self.alpha = alpha
        self.epsilon = epsilon
        self.momentum = momentum
        self.centered = centered
        self.weightDecay = weightDecay
        try validate()
    }

    public func validate() throws {
        try requireSetting(learningRate >= 0, "RMSProp", "learning_rate", learningRate, "≥ 0")
        try requireSetting(alpha >= 0 && alpha <= 1, "RMSProp", "alpha", alpha, "in [0, 1]")
        try requireSetting(epsilon >= 0, "RMSProp", "eps", epsilon, "≥ 0")
        try requireSetting(momentum >= 0, "RMSProp", "momentum", momentum, "≥ 0")
        try requireSetting(weightDecay >= 0, "RMSProp", "weight_decay", weightDecay, "≥ 0")
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func step(_ params: [Parameter<Scalar>]) {
        state.prepare(params)
        let lr = Scalar(learningRate), a = Scalar(alpha), eps = Scalar(epsilon)
        let mu = Scalar(momentum), wd = Scalar(weightDecay)
        for i in params.indices {
            let p = params[i]
            if p.frozen { continue }
            p.applyMask()
            _ = state.advance(i)
            let w = p.value.data, g = p.grad.data, n = p.count
            let v = state.slot(0, of: i), b = state.slot(1, of: i), m = state.slot(2, of: i)
            for j in 0..<n {
                let d = g[j] + wd * w[j]
                v[j] = a * v[j] + (1 - a) * d * d
                var meanSquare = v[j]
                if centered {
                    m[j] = a * m[j] + (1 - a) * d
                    meanSquare -= m[j] * m[j]
                }
                let rms = Scalar.sqrt(meanSquare) + eps
                if momentum > 0 {
                    b[j] = mu * b[j] + d / rms
                    w[j] -= lr * b[j]
                } else {
                    w[j] -= lr * d / rms
                }
            }
            p.applyMask()
        }
    }

    public func reset() { state.reset() }
}
