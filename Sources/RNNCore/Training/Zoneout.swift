/// Zoneout (Krueger et al. 2017): each unit keeps its previous value with probability p.
///
/// Training, per step and unit, with d ~ Bernoulli(p):
///
///     h_t = d ⊙ h_{t−1} + (1 − d) ⊙ h̃_t
///
/// Evaluation uses the expectation, h_t = p·h_{t−1} + (1 − p)·h̃_t, which is the same formula
/// with d = p; the masks hold p then, and `backward` needs no special case. h̃_t is the cell's
/// own new state. An LSTM zones out h and c with two instances (their p usually differ).
///
/// Masks are per step, so they are kept in `slot`s like a cell's caches: `reserve` once for the
/// unroll length, then `forward(slot:)` at step t and `backward(slot:)` on the way back.
public final class Zoneout<Scalar: BLASReal> {
    public var p: Double
    public var isTraining = true
    /// [T, B·D] one keep-previous mask per step slot: 1 keeps h_{t−1}, 0 takes h̃_t (p in evaluation).
    public let masks: Tensor<Scalar>

    public init(p: Double) throws {
        try validateDropProbability(p, place: "zoneout")
        self.p = p
        masks = Tensor(shape: [0, 0])
    }

    /// Makes room for `steps` masks of `rows` × `width`. Allocates only when growing.
    public func reserve(steps: Int, rows: Int, width: Int) {
        masks.resize(steps, rows * width)
    }

    /// forward: draws slot's mask d, then h = d ⊙ hPrev + (1 − d) ⊙ candidate for `count`
    /// entries (B·D of them, or fewer when the batch shrinks). `h` may alias `candidate`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func forward(slot: Int, count: Int, previous hPrev: UnsafePointer<Scalar>,
                        candidate: UnsafePointer<Scalar>, into h: UnsafeMutablePointer<Scalar>,
                        rng: inout SeededRandom) {
        let d = mask(slot, count)
        if isTraining {
            for i in 0..<count { d[i] = rng.bernoulli(p) ? 1 : 0 }
        } else {
            d.update(repeating: Scalar(p), count: count)
        }
        for i in 0..<count { h[i] = d[i] * hPrev[i] + (1 - d[i]) * candidate[i] }
    }

    /// backward, with the slot's mask d:
    /// - dCandidate  = (1 − d) ⊙ dH   (overwritten; may alias dH)
    /// - dPrevious  += d ⊙ dH
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func backward(slot: Int, count: Int, outputGrad dH: UnsafePointer<Scalar>,
                         candidateGrad dCandidate: UnsafeMutablePointer<Scalar>,
                         previousGrad dPrevious: UnsafeMutablePointer<Scalar>) {
        let d = mask(slot, count)
        for i in 0..<count {
            let g = dH[i]
            dPrevious[i] += d[i] * g
            dCandidate[i] = (1 - d[i]) * g
        }
    }

    /// Pointer to the mask of `slot`, checked against the reserved size.
    @inline(__always)
    private func mask(_ slot: Int, _ count: Int) -> UnsafeMutablePointer<Scalar> {
        precondition(masks.shape.count == 2 && slot < masks.shape[0] && count <= masks.shape[1],
                     "zoneout slot \(slot) × \(count) outside reserved \(masks.shape)")
        return masks.data + slot * masks.shape[1]
    }
}
