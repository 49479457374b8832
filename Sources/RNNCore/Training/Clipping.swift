/// What one gradient-clipping call did, for the Probe and the gradient pane.
public struct ClipEvent: Sendable, Equatable {
    public enum Kind: String, Sendable { case norm, value }

    public var kind: Kind
    /// The max norm or the value limit.
    public var threshold: Double
    /// Global L2 norm of the gradients before and after clipping.
    public var normBefore: Double
    public var normAfter: Double
    /// True when any gradient changed.
    public var clipped: Bool
    /// Value clipping: the fraction of entries that hit the limit. Norm clipping: 1 when it
    /// rescaled (every entry shrinks), else 0.
    public var clippedFraction: Double

    public init(kind: Kind, threshold: Double, normBefore: Double, normAfter: Double,
                clipped: Bool, clippedFraction: Double) {
        self.kind = kind
        self.threshold = threshold
        self.normBefore = normBefore
        self.normAfter = normAfter
        self.clipped = clipped
        self.clippedFraction = clippedFraction
    }
}

/// The L2 norm of all gradients of the trainable parameters taken together, in Double.
public func globalGradNorm<Scalar: BLASReal>(_ params: [Parameter<Scalar>]) -> Double {
    var s = 0.0
    for p in params where !p.frozen { s += p.grad.squaredNorm }
    return s.squareRoot()
}

/// Rescales all gradients together so their global L2 norm is at most `maxNorm`
/// (torch.nn.utils.clip_grad_norm_).
///
/// As in PyTorch the factor is maxNorm / (norm + 1e-6), applied only when it is below 1; the
/// direction of the whole gradient is kept. Frozen parameters are left out, as PyTorch leaves
/// out parameters without gradients. A non-finite norm is reported and nothing is changed.
@discardableResult
public func clipGradNorm<Scalar: BLASReal>(_ params: [Parameter<Scalar>], maxNorm: Double) -> ClipEvent {
    let before = globalGradNorm(params)
    let factor = maxNorm / (before + 1e-6)
    guard before.isFinite, factor < 1 else {
        return ClipEvent(kind: .norm, threshold: maxNorm, normBefore: before, normAfter: before,
                         clipped: false, clippedFraction: 0)
    }
    let f = Scalar(factor)
    for p in params where !p.frozen {
        let g = p.grad.data
        for j in 0..<p.count { g[j] *= f }
    }
    return ClipEvent(kind: .norm, threshold: maxNorm, normBefore: before, normAfter: globalGradNorm(params),
                     clipped: true, clippedFraction: 1)
}

/// Clamps every gradient entry into [−limit, limit] (torch.nn.utils.clip_grad_value_, and the
/// `np.clip(dparam, -5, 5)` of min-char-rnn). Unlike norm clipping this can change the
/// gradient's direction. NaN entries are left as they are.
@discardableResult
public func clipGradValue<Scalar: BLASReal>(_ params: [Parameter<Scalar>], limit: Double) -> ClipEvent {
    var before = 0.0, after = 0.0
    var clippedCount = 0, total = 0
    for p in params where !p.frozen {
        total += p.count
        // One vectorised pass: squares before and after, clamp, and the count.
        let r = Scalar.clampInPlace(p.grad.data, count: p.count, limit: Scalar(limit))
        before += Double(r.before)
        after += Double(r.after)
        clippedCount += r.clamped
    }
    return .value(limit: limit, squaresBefore: before, squaresAfter: after, clamped: clippedCount, of: total)
}

extension ClipEvent {
    /// The report of value clipping from its sums of squares and counts.
    static func value(limit: Double, squaresBefore: Double, squaresAfter: Double, clamped: Int, of total: Int) -> ClipEvent {
        ClipEvent(kind: .value, threshold: limit, normBefore: squaresBefore.squareRoot(), normAfter: squaresAfter.squareRoot(),
                  clipped: clamped > 0, clippedFraction: total > 0 ? Double(clamped) / Double(total) : 0)
    }
}
