/// Stochastic gradient descent with optional momentum and Nesterov momentum (torch.optim.SGD).
///
/// With momentum μ, dampening τ and weight decay λ, per entry:
///
///     d = g + λw
///     b = d on the first step, else μ·b + (1 − τ)·d
///     u = d + μ·b (Nesterov) or b
///     w ← w − lr·u
public final class SGD<Scalar: BLASReal>: Optimizer {
    public var learningRate: Double
    public var momentum: Double
    public var dampening: Double
    public var nesterov: Bool
    public var weightDecay: Double
    private let buffers = OptimizerSlots<Scalar>(perParameter: 1)

    public init(learningRate: Double, momentum: Double = 0, dampening: Double = 0,
                nesterov: Bool = false, weightDecay: Double = 0) throws {
        self.learningRate = learningRate
        self.momentum = momentum
        self.dampening = dampening
        self.nesterov = nesterov
        self.weightDecay = weightDecay
        try validate()
    }

    public func validate() throws {
        try requireSetting(learningRate >= 0, "SGD", "learning_rate", learningRate, "≥ 0")
        try requireSetting(momentum >= 0, "SGD", "momentum", momentum, "≥ 0")
        try requireSetting(weightDecay >= 0, "SGD", "weight_decay", weightDecay, "≥ 0")
        // PyTorch refuses the same combination: Nesterov needs momentum and no dampening.
        if nesterov {
            try requireSetting(momentum > 0 && dampening == 0, "SGD", "momentum", momentum,
                               "> 0 with dampening 0 for Nesterov")
        }
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func step(_ params: [Parameter<Scalar>]) {
        let lr = Scalar(learningRate), mu = Scalar(momentum), keep = Scalar(1 - dampening)
        let wd = Scalar(weightDecay)
        if momentum != 0 { buffers.prepare(params) }
        for i in params.indices {
            let p = params[i]
            if p.frozen { continue }
            p.applyMask()
            let w = p.value.data, g = p.grad.data, n = p.count
            if momentum == 0 {
                for j in 0..<n { w[j] -= lr * (g[j] + wd * w[j]) }
            } else {
                let b = buffers.slot(0, of: i)
                let first = buffers.advance(i) == 1
                for j in 0..<n {
                    let d = g[j] + wd * w[j]
                    b[j] = first ? d : mu * b[j] + keep * d
                    w[j] -= lr * (nesterov ? d + mu * b[j] : b[j])
                }
            }
            p.applyMask()
        }
    }

    public func reset() { buffers.reset() }
}
